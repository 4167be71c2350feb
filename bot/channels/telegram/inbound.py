"""Telegram updates → neutral inbound messages (or the few events the bot acts on)."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.core.messages import Attachment, Inbound, Location

CHANNEL = "telegram"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
EDITED = "telegram.edited"
PRIVATE_ONLY = "telegram.private_only"


@dataclass(frozen=True)
class Incoming:
    """A message or button press to dispatch, with what is needed to answer it."""

    inbound: Inbound
    chat_id: int
    callback_id: str | None = None  # to answer the button press
    pressed_message_id: int | None = None  # the message whose button was pressed, to edit
    media_group_id: str | None = None  # one photo of an album: answered with the rest of it (albums.py)


@dataclass(frozen=True)
class Membership:
    """The person blocked (or unblocked) the bot."""

    user_id: str
    blocked: bool


@dataclass(frozen=True)
class Ignored:
    reason: str
    callback_id: str | None = None  # a button press still gets its answer, so the client's spinner stops
    notice: str | None = None  # a text key telling the person why nothing else comes, if they expect an answer
    chat_id: int | None = None  # where to say it
    language: str | None = None


Event = Incoming | Membership | Ignored


def read(update: Update) -> Event:
    update_id = str(update.update_id)
    if update.callback_query is not None:
        query = update.callback_query
        message = query.message
        chat_id = message.chat.id if message is not None else query.from_user.id
        if message is not None and message.chat.type != ChatType.PRIVATE:
            return Ignored(
                "callback outside a private chat", callback_id=query.id, notice=PRIVATE_ONLY,
                language=query.from_user.language_code,
            )
        return Incoming(
            Inbound(
                channel=CHANNEL,
                user_id=str(query.from_user.id),
                payload=(query.data or "")[:64],
                message_id=update_id,
                display_name=query.from_user.first_name,
                language=query.from_user.language_code,
            ),
            chat_id=chat_id,
            callback_id=query.id,
            pressed_message_id=message.message_id if message is not None else None,
        )
    if update.my_chat_member is not None:
        member = update.my_chat_member
        if member.chat.type != ChatType.PRIVATE:  # added to or removed from a group: says nothing of the person
            return Ignored("membership outside a private chat")
        status = member.new_chat_member.status
        return Membership(str(member.from_user.id), blocked=status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT))
    message = update.message
    if message is None:
        return _not_a_new_message(update)
    if message.chat.type != ChatType.PRIVATE or message.from_user is None:
        return _outside_a_private_chat(message)
    user = message.from_user
    text = message.text or message.caption or _own_number(message)
    location = Location(message.location.latitude, message.location.longitude) if message.location else None
    if message.venue is not None:
        location = Location(message.venue.location.latitude, message.venue.location.longitude, message.venue.title)
    return Incoming(
        Inbound(
            channel=CHANNEL,
            user_id=str(user.id),
            text=text,
            location=location,
            attachment=_attachment(message),
            message_id=update_id,
            display_name=user.first_name,
            language=user.language_code,
        ),
        chat_id=message.chat.id,
        media_group_id=message.media_group_id,
    )


def _not_a_new_message(update: Update) -> Ignored:
    """An edit is not answered as a new message, but said so: an edit to mend a typo got silence.

    Taken as new, the mended words would answer whatever step the dialog is
    at now (a name mended after the phone was asked), so the person is asked
    to send them again instead.
    """
    edited = update.edited_message
    if edited is None:
        return Ignored("unhandled update kind")
    if edited.chat.type != ChatType.PRIVATE or edited.from_user is None or not (edited.text or edited.caption):
        return Ignored("edited message")
    return Ignored("edited message", notice=EDITED, chat_id=edited.chat.id, language=edited.from_user.language_code)


def _outside_a_private_chat(message) -> Ignored:  # noqa: ANN001 - telegram.Message
    """A command to the bot in a group is answered only with where to ask: a group is no place for one's details.

    Other group messages (with privacy mode off, every one) stay unanswered.
    """
    command = bool(message.text) and any(entity.type == "bot_command" and entity.offset == 0 for entity in message.entities)
    if not command or message.from_user is None or not _to_this_bot(message):
        return Ignored("message outside a private chat")
    return Ignored(
        "command outside a private chat", notice=PRIVATE_ONLY, chat_id=message.chat.id,
        language=message.from_user.language_code,
    )


def _to_this_bot(message) -> bool:  # noqa: ANN001 - telegram.Message
    """/start or /start@this_bot; /start@another_bot in the same group is not ours to answer."""
    _, at, name = message.text.split(maxsplit=1)[0].partition("@")
    if not at:
        return True
    try:
        return name.lower() == (message.get_bot().username or "").lower()
    except RuntimeError:  # no bot attached: cannot tell
        return False


def _own_number(message) -> str | None:  # noqa: ANN001 - telegram.Message
    """The number on the sender's own contact card (📎 → 联系人 → 我自己), as if typed.

    Asked 请发送您的手机号, a Telegram user may share their card instead of
    typing. Someone else's card is not their number: it stays a message
    without words.
    """
    contact = message.contact
    if contact is None or contact.user_id is None or message.from_user is None or contact.user_id != message.from_user.id:
        return None
    return (contact.phone_number or "").strip() or None  # as written (+86 …): the profile reads it as typed numbers


def _attachment(message) -> Attachment | None:  # noqa: ANN001 - telegram.Message
    if message.photo:
        largest = message.photo[-1]
        return Attachment("photo", largest.file_id, largest.file_size, "image/jpeg")
    if message.voice is not None:
        return Attachment("voice", message.voice.file_id, message.voice.file_size, message.voice.mime_type)
    if message.document is not None:
        return Attachment("file", message.document.file_id, message.document.file_size, message.document.mime_type)
    if message.video is not None:
        return Attachment("video", message.video.file_id, message.video.file_size, message.video.mime_type)
    return None
