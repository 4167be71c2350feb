"""The Telegram bot played end to end against the local Bot API peer, for the channel tests."""

from __future__ import annotations

import pytest

from tests.channels.telegram_harness import telegram_bot


@pytest.fixture
async def tg(sqlite_url, clock):  # noqa: ANN001, ANN201
    """The bot's runtime on SQLite with its Telegram channel, talking to a local Bot API peer."""
    async with telegram_bot(sqlite_url, clock) as harness:
        yield harness
