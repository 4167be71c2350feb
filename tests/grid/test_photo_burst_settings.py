"""The photo-burst window is a setting: RESIDENT_BOT_PHOTO_BURST_SECONDS and RESIDENT_BOT_PHOTO_BURST_MAX_SECONDS.

Photos a resident adds to a case reach its handler as one push per burst
(bot/services/cases/info_pushes.py). The 5 s wait and the 30 s longest were
fixed in code; a centre whose residents send photos slowly, one by one over
a weak connection, got a push per photo anyway.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.core.messages import Attachment, Inbound, Reply
from bot.models import Role
from tests.conftest import make_settings
from tests.grid.util import file_complaint, pushed, resident
from tests.helpers import Chat, bind
from tests.test_cli import run


@pytest.fixture
async def slow_app(sqlite_url: str, clock) -> AsyncIterator[App]:  # noqa: ANN001
    """The bot with a photo waiting a minute for the rest of its burst, and a push going two minutes after queued at the latest."""
    app = await build_app(make_settings(sqlite_url, photo_burst_seconds=60, photo_burst_max_seconds=120), clock=clock)
    yield app
    await app.close()


async def send_photo(chat: Chat, ref: str) -> None:
    await chat.send(Inbound(channel=chat.channel, user_id=chat.user, attachment=Attachment("photo", ref, 1000)))


async def told(manager: Chat, number: int) -> list[Reply]:
    return [reply for reply in await pushed(manager) if f"#{number}" in reply.text]


async def _filed(app: App) -> tuple[Chat, Chat, int]:
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="北苑1号楼楼道的灯坏了好几天了")
    assert len(await told(manager, number)) == 1  # the new case
    await li.press(f"cs:add:{number}")
    return manager, li, number


async def test_a_longer_window_holds_a_photo_for_the_next_one_sent_a_while_later(slow_app, clock):
    manager, li, number = await _filed(slow_app)
    await send_photo(li, "p1")
    clock.advance(timedelta(seconds=5))  # the default window: it would have gone now, alone
    assert await told(manager, number) == []
    clock.advance(timedelta(seconds=40))
    await send_photo(li, "p2")  # 45 s later: still the same burst
    clock.advance(timedelta(seconds=59))
    assert await told(manager, number) == []
    clock.advance(timedelta(seconds=1))
    [push] = await told(manager, number)
    assert f"【诉求 #{number} 居民补充】📷 2 张照片" in push.text, push.text


async def test_a_steady_stream_is_told_at_the_latest_the_set_maximum_after_its_first_photo(slow_app, clock):
    manager, li, number = await _filed(slow_app)
    for ref in ("p1", "p2", "p3"):  # at 0, 50 and 100 s: each within the minute of the one before
        if ref != "p1":
            clock.advance(timedelta(seconds=50))
        await send_photo(li, ref)
    clock.advance(timedelta(seconds=19))  # 119 s after the first photo
    assert await told(manager, number) == []
    clock.advance(timedelta(seconds=1))  # 120 s: the maximum, though the window of p3 runs to 160 s
    [push] = await told(manager, number)
    assert f"【诉求 #{number} 居民补充】📷 3 张照片" in push.text, push.text


def test_a_maximum_below_the_window_stops_start_up_naming_the_setting(tmp_path: Path):
    result = run(
        ["chat"], tmp_path, stdin="你好\n",
        env={"RESIDENT_BOT_PHOTO_BURST_SECONDS": "60", "RESIDENT_BOT_PHOTO_BURST_MAX_SECONDS": "30"},
    )
    assert result.returncode != 0
    assert "RESIDENT_BOT_PHOTO_BURST_MAX_SECONDS" in result.stderr and "RESIDENT_BOT_PHOTO_BURST_SECONDS" in result.stderr
    assert "Traceback" not in result.stderr
    zero = run(["chat"], tmp_path, stdin="你好\n", env={"RESIDENT_BOT_PHOTO_BURST_SECONDS": "0"})
    assert zero.returncode != 0 and "RESIDENT_BOT_PHOTO_BURST_SECONDS" in zero.stderr
