"""Long polling, for a bot without a public HTTPS address."""

from __future__ import annotations

import asyncio
import logging

from telegram.error import Conflict, NetworkError, RetryAfter, TelegramError

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.inbound import ALLOWED_UPDATES
from bot.channels.telegram.transport import seconds

log = logging.getLogger(__name__)


async def poll(channel: TelegramChannel, stop: asyncio.Event, *, timeout: int = 25) -> None:
    """Fetch updates until `stop`; each is handled before the next offset confirms it."""
    bot = channel.bot
    await bot.delete_webhook(drop_pending_updates=False)
    offset: int | None = None
    failures = 0
    while not stop.is_set():
        try:
            updates = await bot.get_updates(offset=offset, timeout=timeout, allowed_updates=ALLOWED_UPDATES)
            failures = 0
        except RetryAfter as exc:
            await _sleep(stop, seconds(exc.retry_after))
            continue
        except Conflict:
            log.error("another process is polling or a webhook is set; retrying in 10 s")
            await _sleep(stop, 10)
            continue
        except (NetworkError, TelegramError) as exc:
            failures += 1
            log.warning("polling failed (%s); retrying", exc)
            await _sleep(stop, min(60, 2**failures))
            continue
        for update in updates:
            await channel.handle(update)
            offset = update.update_id + 1


async def _sleep(stop: asyncio.Event, delay: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), delay)
    except TimeoutError:
        pass
