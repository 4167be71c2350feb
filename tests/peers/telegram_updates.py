"""Factories for Update JSON dicts exactly as Telegram POSTs them to a webhook (or returns them from getUpdates).

Every factory returns a plain ``dict`` that ``telegram.Update.de_json(data, bot)`` parses; feed it to the bot's
webhook endpoint, or queue it on a :class:`tests.peers.telegram.TelegramPeer` with ``peer.queue_update(...)``.

Shapes follow the Bot API: a private chat has the user's id, ``type: "private"`` and the user's names; a user has
``is_bot: false`` and a ``language_code`` (the client's UI language, e.g. ``"zh-hans"``); commands carry a
``bot_command`` entity whose offset/length are in UTF-16 code units, as Telegram counts them.
"""

from __future__ import annotations

import re
import time
from typing import Any

DEFAULT_TOKEN = "123456789:AAE-resident-bot-test-token-0000000000"
DEFAULT_BOT_ID = int(DEFAULT_TOKEN.split(":", 1)[0])
DEFAULT_BOT_FIRST_NAME = "社区服务助手"
DEFAULT_BOT_USERNAME = "resident_test_bot"

# The bot as it appears in ``from`` of its own messages (getMe adds the can_* flags).
DEFAULT_BOT: dict[str, Any] = {
    "id": DEFAULT_BOT_ID,
    "is_bot": True,
    "first_name": DEFAULT_BOT_FIRST_NAME,
    "username": DEFAULT_BOT_USERNAME,
}

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit of every Telegram entity offset/length."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _now(date: int | None) -> int:
    return int(time.time()) if date is None else int(date)


def _message_id(update_id: int, message_id: int | None) -> int:
    return message_id if message_id is not None else (update_id % 1_000_000) + 1


def user(
    chat_id: int,
    *,
    first_name: str = "张",
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "zh-hans",
) -> dict[str, Any]:
    """A human Telegram user (in a private chat the user's id is the chat id)."""
    out: dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": first_name}
    if last_name:
        out["last_name"] = last_name
    if username:
        out["username"] = username
    if language_code:
        out["language_code"] = language_code
    return out


def private_chat(
    chat_id: int, *, first_name: str = "张", last_name: str | None = None, username: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": chat_id, "first_name": first_name, "type": "private"}
    if last_name:
        out["last_name"] = last_name
    if username:
        out["username"] = username
    return out


def _base_message(
    chat_id: int,
    message_id: int,
    *,
    first_name: str,
    language_code: str | None,
    date: int | None,
    username: str | None = None,
) -> dict[str, Any]:
    return {
        "message_id": message_id,
        "from": user(chat_id, first_name=first_name, username=username, language_code=language_code),
        "chat": private_chat(chat_id, first_name=first_name, username=username),
        "date": _now(date),
    }


def command_entities(text: str) -> list[dict[str, Any]]:
    """The ``bot_command`` entity Telegram adds when a message starts with ``/command`` (or ``/command@bot``)."""
    m = _COMMAND_RE.match(text)
    if not m:
        return []
    return [{"offset": 0, "length": utf16_len(m.group(0)), "type": "bot_command"}]


def text_message(
    chat_id: int,
    text: str,
    *,
    message_id: int,
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    username: str | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    msg = _base_message(
        chat_id, message_id, first_name=first_name, language_code=language_code, date=date, username=username
    )
    msg["text"] = text
    entities = command_entities(text)
    if entities:
        msg["entities"] = entities
    return msg


def text_update(
    update_id: int,
    chat_id: int,
    text: str,
    *,
    message_id: int | None = None,
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    username: str | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """A user's text message; ``/start`` & co. get their ``bot_command`` entity at offset 0."""
    return {
        "update_id": update_id,
        "message": text_message(
            chat_id,
            text,
            message_id=_message_id(update_id, message_id),
            first_name=first_name,
            language_code=language_code,
            username=username,
            date=date,
        ),
    }


def edited_message_update(
    update_id: int,
    chat_id: int,
    text: str,
    *,
    message_id: int,
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    date: int | None = None,
    edit_date: int | None = None,
) -> dict[str, Any]:
    """The user edited an earlier message: same message_id, ``edit_date`` set, key ``edited_message``."""
    msg = text_message(
        chat_id, text, message_id=message_id, first_name=first_name, language_code=language_code, date=date
    )
    msg["date"] = msg["date"] - 60 if date is None else msg["date"]
    msg["edit_date"] = _now(edit_date)
    return {"update_id": update_id, "edited_message": msg}


def callback_update(
    update_id: int,
    chat_id: int,
    data: str,
    *,
    message_id: int,
    message_text: str = "…",
    reply_markup: dict[str, Any] | None = None,
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    callback_query_id: str | None = None,
    bot: dict[str, Any] | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """The user pressed an inline button with ``callback_data=data`` under the bot's message ``message_id``."""
    if reply_markup is None:
        reply_markup = {"inline_keyboard": [[{"text": "·", "callback_data": data}]]}
    bot_message = {
        "message_id": message_id,
        "from": dict(bot or DEFAULT_BOT),
        "chat": private_chat(chat_id, first_name=first_name),
        "date": _now(date) - 5,
        "text": message_text,
        "reply_markup": reply_markup,
    }
    return {
        "update_id": update_id,
        "callback_query": {
            "id": callback_query_id or str(4_382_000_000_000_000_000 + update_id),
            "from": user(chat_id, first_name=first_name, language_code=language_code),
            "message": bot_message,
            "chat_instance": str(-(6_000_000_000_000_000_000 + abs(chat_id) % 1_000_000_000)),
            "data": data,
        },
    }


def location_update(
    update_id: int,
    chat_id: int,
    latitude: float = 34.0357,
    longitude: float = 113.8523,
    *,
    message_id: int | None = None,
    horizontal_accuracy: float | None = None,
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    date: int | None = None,
) -> dict[str, Any]:
    """A shared location (defaults: Xuchang)."""
    msg = _base_message(
        chat_id, _message_id(update_id, message_id), first_name=first_name, language_code=language_code, date=date
    )
    location: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
    if horizontal_accuracy is not None:
        location["horizontal_accuracy"] = horizontal_accuracy
    msg["location"] = location
    return {"update_id": update_id, "message": msg}


def contact_update(
    update_id: int,
    chat_id: int,
    phone_number: str,
    *,
    contact_user_id: int | None = None,
    contact_name: str = "张",
    message_id: int | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """A shared contact card; the sender's own when `contact_user_id` is theirs (as 📎 → Contact → me sends it)."""
    msg = _base_message(chat_id, _message_id(update_id, message_id), first_name="张", language_code="zh-hans", date=date)
    contact: dict[str, Any] = {"phone_number": phone_number, "first_name": contact_name}
    if contact_user_id is not None:
        contact["user_id"] = contact_user_id
    msg["contact"] = contact
    return {"update_id": update_id, "message": msg}


PHOTO_SIZES: tuple[tuple[int, int, int], ...] = (
    (90, 68, 1_312),
    (320, 240, 16_877),
    (800, 600, 62_440),
    (1280, 960, 121_501),
)


def photo_update(
    update_id: int,
    chat_id: int,
    *,
    file_id: str | None = None,
    caption: str | None = None,
    sizes: tuple[tuple[int, int, int], ...] = PHOTO_SIZES,
    message_id: int | None = None,
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    date: int | None = None,
) -> dict[str, Any]:
    """A photo: an array of PhotoSize, smallest first; ``file_id`` (if given) is the largest size's id,
    so a test can ``peer.add_file(file_id, data)`` and let the bot download it."""
    base = f"AgACAgUAAxkBAAI{update_id:06d}"
    photo = []
    for i, (w, h, size) in enumerate(sizes):
        fid = file_id if (file_id and i == len(sizes) - 1) else f"{base}_{i}"
        photo.append(
            {"file_id": fid, "file_unique_id": f"AQAD{update_id:06d}{i}", "file_size": size, "width": w, "height": h}
        )
    msg = _base_message(
        chat_id, _message_id(update_id, message_id), first_name=first_name, language_code=language_code, date=date
    )
    msg["photo"] = photo
    if caption:
        msg["caption"] = caption
    return {"update_id": update_id, "message": msg}


def voice_update(
    update_id: int,
    chat_id: int,
    *,
    duration: int = 3,
    file_id: str | None = None,
    file_size: int = 9_874,
    mime_type: str = "audio/ogg",
    message_id: int | None = None,
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    date: int | None = None,
) -> dict[str, Any]:
    msg = _base_message(
        chat_id, _message_id(update_id, message_id), first_name=first_name, language_code=language_code, date=date
    )
    msg["voice"] = {
        "duration": duration,
        "mime_type": mime_type,
        "file_id": file_id or f"AwACAgUAAxkBAAI{update_id:06d}",
        "file_unique_id": f"AgAD{update_id:06d}v",
        "file_size": file_size,
    }
    return {"update_id": update_id, "message": msg}


def document_update(
    update_id: int,
    chat_id: int,
    *,
    file_name: str = "申请表.pdf",
    mime_type: str = "application/pdf",
    file_id: str | None = None,
    file_size: int = 48_213,
    caption: str | None = None,
    message_id: int | None = None,
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    date: int | None = None,
) -> dict[str, Any]:
    msg = _base_message(
        chat_id, _message_id(update_id, message_id), first_name=first_name, language_code=language_code, date=date
    )
    msg["document"] = {
        "file_name": file_name,
        "mime_type": mime_type,
        "file_id": file_id or f"BQACAgUAAxkBAAI{update_id:06d}",
        "file_unique_id": f"AgAD{update_id:06d}d",
        "file_size": file_size,
    }
    if caption:
        msg["caption"] = caption
    return {"update_id": update_id, "message": msg}


def my_chat_member_update(
    update_id: int,
    chat_id: int,
    *,
    old_status: str = "member",
    new_status: str = "kicked",
    first_name: str = "张",
    language_code: str | None = "zh-hans",
    bot: dict[str, Any] | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """The bot's membership in a private chat changed: ``new_status="kicked"`` means the user blocked the bot,
    ``old_status="kicked", new_status="member"`` that they unblocked (restarted) it."""
    bot_user = dict(bot or DEFAULT_BOT)

    def member(status: str) -> dict[str, Any]:
        out: dict[str, Any] = {"user": bot_user, "status": status}
        if status == "kicked":
            out["until_date"] = 0
        return out

    return {
        "update_id": update_id,
        "my_chat_member": {
            "chat": private_chat(chat_id, first_name=first_name),
            "from": user(chat_id, first_name=first_name, language_code=language_code),
            "date": _now(date),
            "old_chat_member": member(old_status),
            "new_chat_member": member(new_status),
        },
    }


def unknown_update(update_id: int, key: str = "guest_concierge_request") -> dict[str, Any]:
    """An update of a kind the Bot API may add tomorrow and PTB does not model: every known field is absent,
    so ``Update.de_json`` parses it (the payload lands in ``api_kwargs``) and ``update.effective_*`` are None."""
    return {
        "update_id": update_id,
        key: {"id": f"gcr_{update_id}", "date": int(time.time()), "payload": {"kind": "unknown", "version": 2}},
    }
