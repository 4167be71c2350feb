"""Talking to the Bot API through python-telegram-bot: sending, editing, and the outbox sender."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.core.messages import Picture, Reply
from bot.channels.telegram.render import PARSE_MODE, Outgoing, chunks_of, render
from bot.db.uow import Database
from bot.services import photos
from bot.services.delivery import Failed, Progress, Retry, SendResult, Sent, Unreachable

log = logging.getLogger(__name__)

POOL_SIZE = 16  # connections to the Bot API; also the most answers in flight at once

# Bad Requests that mean the person can never be reached at this address.
GONE = ("chat not found", "user is deactivated", "peer_id_invalid", "bot can't initiate conversation")
CAPTION_LIMIT = 1024  # characters of a photo's caption
PART_WAIT = 5  # seconds a later part of a reply waits for flood control before the reply fails
PART_TRIES = 3


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


class Delivery:
    """How much of one reply Telegram has taken; on a failure, `rest()` is what is still to send.

    A long reply goes as several messages, then its photo and its file. A
    later part refused for a reason other than flood control (a network
    error, a 5xx) failed the whole reply, and the whole of it went to the
    outbox: the parts the person already had came a second time.
    """

    def __init__(self, reply: Reply, progress: Progress | None = None) -> None:
        self.reply = reply
        self.chunks = chunks_of(reply)
        self.texts_sent = 0
        self.picture_sent = False
        self.document_sent = False
        self.progress = progress  # an outbox row's: told of each part that went while more are to come

    @property
    def parts(self) -> int:
        """How many parts the reply goes in when nothing is a caption: its texts, its photo, its file."""
        return len(self.chunks) + int(self.reply.picture is not None) + int(self.reply.document is not None)

    async def went(self) -> None:
        """A part was delivered: tell `progress`, unless it was the last (the row's record follows at once)."""
        if self.progress is not None and self.parts_sent < self.parts:
            await self.progress(self.parts_sent)

    def all_sent(self) -> None:
        self.texts_sent, self.picture_sent, self.document_sent = len(self.chunks), True, True

    @property
    def parts_sent(self) -> int:
        """How many parts went, in their order: the texts, then the photo, then the file (an outbox row's count)."""
        reply = self.reply
        return (
            self.texts_sent
            + int(self.picture_sent and reply.picture is not None)
            + int(self.document_sent and reply.document is not None)
        )

    def resume_after(self, parts: int) -> Delivery:
        """Count the first `parts` as delivered by an earlier attempt: `send_reply` then skips them."""
        self.texts_sent = min(parts, len(self.chunks))
        parts -= self.texts_sent
        if self.reply.picture is not None and parts > 0:
            self.picture_sent, parts = True, parts - 1
        if self.reply.document is not None and parts > 0:
            self.document_sent = True
        return self

    def rest(self) -> Reply | None:
        """The reply without what was delivered (its buttons stay with its last words); None when all went."""
        reply = self.reply
        picture = None if self.picture_sent else reply.picture
        document = None if self.document_sent else reply.document
        if self.texts_sent < len(self.chunks):
            if self.texts_sent == 0:
                return replace(reply, picture=picture, document=document)
            return replace(reply, text="\n".join(self.chunks[self.texts_sent :]), picture=picture, document=document)
        if picture is None and document is None:
            return None
        return Reply("", (), document=document, picture=picture)


async def send_reply(
    bot: Bot, chat_id: int | str, reply: Reply, db: Database | None = None, delivery: Delivery | None = None
) -> None:
    """Text first, then a calendar file or a photo; a short text with a photo becomes its caption.

    `delivery` (when given) keeps count of the parts Telegram took, so that a
    failure part-way leaves only the rest to send again; the parts it already
    counts (an outbox row's earlier attempt) are skipped.
    """
    done = delivery or Delivery(reply)
    parts = render(reply) if done.chunks else []
    captioned = reply.picture is not None and len(parts) == 1 and len(parts[0].text) <= CAPTION_LIMIT
    if captioned and done.parts_sent == 0 and reply.picture is not None:
        if await _send_picture(bot, chat_id, reply.picture, db, parts[0]):
            done.all_sent()
            return
    for index, message in enumerate(parts):
        if index < done.texts_sent:  # the person has it
            continue
        if index == 0:
            await _send(bot, chat_id, message)
        else:
            await _after_a_flood(lambda message=message: _send(bot, chat_id, message))
        done.texts_sent += 1
        await done.went()
    if reply.picture is not None and not done.picture_sent:
        picture = reply.picture
        await _after_a_flood(lambda: _send_picture(bot, chat_id, picture, db))
        done.picture_sent = True
        await done.went()
    if reply.document is not None and not done.document_sent:  # e.g. a booking's calendar file, after its text
        document = reply.document
        await _after_a_flood(
            lambda: bot.send_document(
                chat_id=chat_id, document=InputFile(document.data, filename=document.filename), filename=document.filename
            )
        )
        done.document_sent = True


async def _after_a_flood(send: Callable[[], Awaitable[object]]) -> None:
    """Send a later part of a reply, waiting out Telegram's flood control (one message a second in a chat).

    A long answer split in parts meets it at its second part; refused there,
    the whole reply went to the outbox and its first part came twice. A wait
    Telegram asks that is longer than PART_WAIT still fails the reply.
    """
    for _ in range(PART_TRIES - 1):
        try:
            await send()
            return
        except RetryAfter as exc:
            wait = seconds(exc.retry_after)
            if wait > PART_WAIT:
                raise
            log.info("a later part of a telegram reply waits %.0f s for flood control", wait)
            await asyncio.sleep(wait)
    await send()


async def _send_picture(
    bot: Bot, chat_id: int | str, picture: Picture, db: Database | None, caption: Outgoing | None = None
) -> bool:
    """By its file_id when Telegram's own, else uploaded from the kept bytes; False when there are none.

    A file_id Telegram refuses (one of another bot's, after the token was
    replaced) is uploaded from the kept bytes too: it would be refused at
    every retry of the outbox, and the photo never shown.
    """
    ref = photos.usable_ref(picture, "telegram", datetime.now(UTC))
    if ref is not None:
        try:
            await _photo(bot, chat_id, ref, caption)
            return True
        except BadRequest as exc:
            if "file" not in str(exc).lower():  # a caption it cannot parse, say: not the file's fault
                raise
            log.warning("telegram refused photo %s by its file_id (%s); uploading it", picture.photo_id, exc)
    kept = await photos.data_of(db, picture)
    if kept is None:
        log.warning("photo %s has no kept bytes to send", picture.photo_id)
        return False
    upload = InputFile(kept[0], filename="photo" + (mimetypes.guess_extension(kept[1]) or ".jpg"))
    await _photo(bot, chat_id, upload, caption)
    return True


async def _photo(bot: Bot, chat_id: int | str, photo: str | InputFile, caption: Outgoing | None) -> None:
    await bot.send_photo(
        chat_id=chat_id,
        photo=photo,
        caption=caption.text if caption else None,
        parse_mode=PARSE_MODE if caption else None,
        reply_markup=caption.keyboard if caption else None,
    )


async def download(bot: Bot, file_id: str) -> tuple[bytes, str]:
    """A photo's bytes, for the keeper (bot/services/photos.py); a file Telegram refuses is gone."""
    try:
        file = await bot.get_file(file_id)
    except BadRequest as exc:  # invalid file_id, file is too big
        raise photos.PhotoGone(str(exc)) from exc
    data = await file.download_as_bytearray()
    return bytes(data), mimetypes.guess_type(file.file_path or "")[0] or "image/jpeg"


async def _send(bot: Bot, chat_id: int | str, message: Outgoing) -> None:
    await bot.send_message(
        chat_id=chat_id,
        text=message.text,
        parse_mode=PARSE_MODE,
        reply_markup=message.keyboard,
    )


async def edit_or_send(
    bot: Bot, chat_id: int, message_id: int, reply: Reply, db: Database | None = None, delivery: Delivery | None = None
) -> None:
    """Show the answer to a button press in place of the pressed message, as menus do."""
    done = delivery or Delivery(reply)
    parts = render(reply)
    if len(parts) != 1 or reply.document is not None or reply.picture is not None:
        await send_reply(bot, chat_id, reply, db, done)
        await _clear_keyboard(bot, chat_id, message_id)
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
            done.all_sent()
            return
        await send_reply(bot, chat_id, reply, db, done)  # too old to edit, deleted, …
        return
    done.all_sent()


async def _clear_keyboard(bot: Bot, chat_id: int, message_id: int) -> None:
    """Take the buttons off a message whose press was answered below it (with a file, a photo, in parts).

    Left there, 确认预约 above its ✅ 预约成功 invited a second press, which
    sent the booking and its calendar file again.
    """
    try:
        await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id, reply_markup=None)
    except TelegramError as exc:  # already without buttons, too old: the answer is sent all the same
        log.info("clearing a pressed message's buttons failed: %s", exc)


class TelegramSender:
    """Delivers one outbox row and classifies what Telegram answered."""

    def __init__(self, bot: Bot, db: Database | None = None) -> None:
        self.bot = bot
        self.db = db  # for a photo's kept bytes

    async def send(
        self, address: str, reply: Reply, kind: str, parts_sent: int = 0, progress: Progress | None = None
    ) -> SendResult:
        """Send what the person does not have yet: the parts after `parts_sent`; `progress` hears of each part."""
        done = Delivery(reply, progress).resume_after(parts_sent)
        try:
            await send_reply(self.bot, int(address), reply, self.db, done)
        except RetryAfter as exc:
            return Retry(timedelta(seconds=seconds(exc.retry_after)), str(exc), done.parts_sent)
        except Forbidden as exc:  # blocked the bot, or deleted their account
            return Unreachable(str(exc))
        except BadRequest as exc:
            if any(marker in str(exc).lower() for marker in GONE):
                return Unreachable(str(exc))
            return Failed(str(exc))
        except (TimedOut, NetworkError) as exc:
            return Retry(None, f"{type(exc).__name__}: {exc}", done.parts_sent)
        except TelegramError as exc:
            return Failed(f"{type(exc).__name__}: {exc}")
        return Sent()
