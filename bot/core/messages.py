"""The neutral message types every channel translates to and from.

Only channel modules know Telegram or WeChat; everything behind the
dispatcher sees these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

AttachmentKind = Literal["photo", "voice", "video", "file"]


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    kind: AttachmentKind
    ref: str  # the platform's file id / media id / URL, resolved by the channel when needed
    size: int | None = None
    mime_type: str | None = None


@dataclass(frozen=True, slots=True)
class Inbound:
    """One thing a person sent: text, a button press, a location or an attachment."""

    channel: str
    user_id: str
    text: str | None = None
    payload: str | None = None  # the data of a pressed button
    location: Location | None = None
    attachment: Attachment | None = None
    message_id: str | None = None  # the platform's id, for deduplicating retries
    display_name: str | None = None
    language: str | None = None  # the client's language, if the platform says


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    payload: str  # at most 64 bytes, Telegram's callback_data limit

    def __post_init__(self) -> None:
        if len(self.payload.encode()) > 64:
            raise ValueError(f"button payload over 64 bytes: {self.payload!r}")


@dataclass(frozen=True, slots=True)
class Document:
    """A file sent after the text (e.g. a calendar .ics); channels that cannot send files ignore it."""

    filename: str
    mime_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Picture:
    """A kept photo (bot/services/photos.py), sent after the text.

    `ref` is valid on `channel` only (and on WeChat for three days); `data`
    travels in memory only: a picture read back from the outbox or a
    retry's record has none, and the channel loads the kept bytes by
    `photo_id`.
    """

    photo_id: int | None
    channel: str
    ref: str
    taken_at: datetime | None = None
    mime_type: str = "image/jpeg"
    data: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "photo_id": self.photo_id,
            "channel": self.channel,
            "ref": self.ref,
            "taken_at": self.taken_at.isoformat() if self.taken_at else None,
            "mime_type": self.mime_type,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Picture:
        taken = datetime.fromisoformat(data["taken_at"]) if data.get("taken_at") else None
        return cls(data.get("photo_id"), data["channel"], data["ref"], taken, data.get("mime_type", "image/jpeg"))


@dataclass(frozen=True, slots=True)
class Reply:
    """Text plus buttons; channels render buttons as keyboards or numbered lines."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default=())
    document: Document | None = None
    picture: Picture | None = None
    # How many first lines of `text` are the turn's one-off notes (✅ 您的资料已保存), not the question:
    # a form taken up again later shows its question without them (bot.core.forms.question_of).
    lead: int = 0

    @property
    def flat_buttons(self) -> list[Button]:
        return [button for row in self.buttons for button in row]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "buttons": [[[b.label, b.payload] for b in row] for row in self.buttons],
        }
        if self.document is not None:
            import base64

            data["document"] = {
                "filename": self.document.filename,
                "mime_type": self.document.mime_type,
                "data": base64.b64encode(self.document.data).decode("ascii"),
            }
        if self.picture is not None:
            data["picture"] = self.picture.to_dict()
        if self.lead:
            data["lead"] = self.lead
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        rows = tuple(tuple(Button(label, payload) for label, payload in row) for row in data.get("buttons", []))
        document = None
        if data.get("document"):
            import base64

            doc = data["document"]
            document = Document(doc["filename"], doc["mime_type"], base64.b64decode(doc["data"]))
        picture = Picture.from_dict(data["picture"]) if data.get("picture") else None
        lead = data.get("lead")
        return cls(text=data["text"], buttons=rows, document=document, picture=picture, lead=lead if isinstance(lead, int) else 0)


def rows(*buttons: Button, per_row: int = 1) -> tuple[tuple[Button, ...], ...]:
    """Lay buttons out `per_row` to a row."""
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))
