"""Talking to the Bot API through python-telegram-bot: sending, editing, and the outbox sender."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Bot, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.core.messages import Reply
from bot.channels.telegram.render import PARSE_MODE, Outgoing, render
from bot.services.delivery import Failed, Retry, SendResult, Sent, Unreachable

log = logging.getLogger(__name__)

POOL_SIZE = 16  # connections to the Bot API; also the most answers in flight at once

# Bad Requests that mean the person can never be reached at this address.
GONE = ("chat not found", "user is deactivated", "peer_id_invalid", "bot can't initiate conversation")


def make_bot(settings: Settings) -> Bot:
    if settings.telegram_token is None:
        raise ValueError("RESIDENT_BOT_TELEGRAM_TOKEN is not set")
    base = settings.telegram_api_url
    return Bot(
        settings.telegram_token.get_secret_value(),
        base_url=f"{base}/bot",
        base_file_url=f"{base}/file/bot",
        request=HTTPXRequest(
            connection_pool_size=POOL_SIZE, connect_timeout=5, read_timeout=10, write_timeout=20, pool_timeout=5
        ),
        get_updates_request=HTTPXRequest(connection_pool_size=2, connect_timeout=5, read_timeout=40),
    )


def seconds(value: int | timedelta) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on the PTB version and settings."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def send_reply(bot: Bot, chat_id: int | str, reply: Reply) -> None:
    for message in render(reply):
        await _send(bot, chat_id, message)
    if reply.document is not None:  # e.g. a booking's calendar file, after its text
        await bot.send_document(
            chat_id=chat_id,
            document=InputFile(reply.document.data, filename=reply.document.filename),
            filename=reply.document.filename,
        )


async def _send(bot: Bot, chat_id: int | str, message: Outgoing) -> None:
    await bot.send_message(
        chat_id=chat_id,
        text=message.text,
        parse_mode=PARSE_MODE,
        reply_markup=message.keyboard,
    )


async def edit_or_send(bot: Bot, chat_id: int, message_id: int, reply: Reply) -> None:
    """Show the answer to a button press in place of the pressed message, as menus do."""
    parts = render(reply)
    if len(parts) != 1 or reply.document is not None:
        await send_reply(bot, chat_id, reply)
        return
    try:
        await bot.edit_message_text(
            chat_id=chat_id,
            message_id=message_id,
            text=parts[0].text,
            parse_mode=PARSE_MODE,
            reply_markup=parts[0].keyboard or InlineKeyboardMarkup([]),
        )
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return
        await send_reply(bot, chat_id, reply)  # too old to edit, deleted, …


class TelegramSender:
    """Delivers one outbox row and classifies what Telegram answered."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, address: str, reply: Reply, kind: str) -> SendResult:
        try:
            await send_reply(self.bot, int(address), reply)
        except RetryAfter as exc:
            return Retry(timedelta(seconds=seconds(exc.retry_after)), str(exc))
        except Forbidden as exc:  # blocked the bot, or deleted their account
            return Unreachable(str(exc))
        except BadRequest as exc:
            if any(marker in str(exc).lower() for marker in GONE):
                return Unreachable(str(exc))
            return Failed(str(exc))
        except (TimedOut, NetworkError) as exc:
            return Retry(None, f"{type(exc).__name__}: {exc}")
        except TelegramError as exc:
            return Failed(f"{type(exc).__name__}: {exc}")
        return Sent()
