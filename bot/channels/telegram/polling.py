"""Long polling, for a bot without a public HTTPS address."""

from __future__ import annotations

import asyncio
import logging
import warnings

from telegram.error import Conflict, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

from bot.channels.telegram.channel import NotAnUpdate, TelegramChannel
from bot.channels.telegram.inbound import ALLOWED_UPDATES
from bot.channels.telegram.transport import seconds

log = logging.getLogger(__name__)

GIVE_UP_AFTER = 8  # attempts at one update (about three minutes of back-off) before it is skipped


async def poll(channel: TelegramChannel, stop: asyncio.Event, *, timeout: int = 25) -> None:
    """Fetch updates until `stop`; each is handled before the next offset confirms it.

    The updates are fetched as JSON and read one by one, as the webhook
    reads them: one that cannot be read is logged (by its id, not its
    content) and confirmed, instead of failing the whole batch and with it
    every later update.
    """
    bot = channel.bot
    await bot.delete_webhook(drop_pending_updates=False)
    offset: int | None = None
    failures = stalled = 0
    while not stop.is_set():
        try:
            batch = await _fetch(channel, offset, timeout)
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
        for data in batch:
            try:
                update = channel.parse(data)
            except NotAnUpdate as exc:
                update_id = data.get("update_id") if isinstance(data, dict) else None
                if not isinstance(update_id, int):
                    log.warning("skipped a telegram update without an update_id")
                    continue
                log.warning("skipped telegram update %s that could not be read: %s", update_id, exc)
            else:
                update_id = update.update_id
                try:
                    await channel.handle(update)
                except Exception as exc:  # noqa: BLE001 - the database away, say: fetch it again later
                    # As the webhook answers 500 and Telegram sends the update again: it is not
                    # confirmed, so the next fetch brings it back, and the turn's dedup record
                    # keeps a half-done first attempt from counting twice. One that fails every
                    # time is given up at last, as Telegram gives up a webhook's: every update
                    # after it would wait for ever.
                    stalled += 1
                    if stalled < GIVE_UP_AFTER:
                        log.error("telegram update %s failed (%s); fetching it again", update_id, type(exc).__name__)
                        await _sleep(stop, min(30, 2**stalled))
                        break
                    log.error("telegram update %s failed %d times (%s); skipped", update_id, stalled, type(exc).__name__)
                stalled = 0
            offset = update_id + 1


async def _fetch(channel: TelegramChannel, offset: int | None, timeout: int) -> list:
    params: dict[str, object] = {"timeout": timeout, "allowed_updates": ALLOWED_UPDATES}
    if offset is not None:
        params["offset"] = offset
    with warnings.catch_warnings():  # PTB suggests get_updates, which parses (and fails) the batch as a whole
        warnings.simplefilter("ignore", PTBUserWarning)
        result = await channel.bot.do_api_request("getUpdates", api_kwargs=params, read_timeout=timeout + 15)
    return result if isinstance(result, list) else []


async def _sleep(stop: asyncio.Event, delay: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), delay)
    except TimeoutError:
        pass
