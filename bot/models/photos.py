"""Photos residents and handlers send with cases and wishes, kept by the bot itself."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class Photo(SQLModel, table=True):
    """One photo: the platform's reference at once, its bytes once fetched.

    WeChat keeps a message's image for three days only, and a photo sent on
    one platform cannot be shown on the other by its reference: so the bot
    fetches every photo in the background and keeps the bytes (at most the
    case rules' `max_photo_bytes`).
    """

    __tablename__ = "photos"
    __table_args__ = (UniqueConstraint("channel", "ref"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)  # where `ref` is valid: telegram, wechat
    ref: str = Field(max_length=500)  # Telegram's file_id, WeChat's MediaId
    person_id: int | None = Field(default=None, foreign_key="persons.id", index=True)  # who sent it
    state: str = Field(default="pending", max_length=16, index=True)  # pending, kept, lost, forgotten
    mime_type: str = Field(default="image/jpeg", max_length=64)
    size: int | None = None
    data: bytes | None = Field(default=None, sa_type=LargeBinary)
    attempts: int = 0
    next_try_at: datetime = Field(sa_type=UTCDateTime)
    error: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(sa_type=UTCDateTime)
    kept_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HeldPhoto(SQLModel, table=True):
    """A photo sent with no form open to take it, held a while for the complaint the resident starts next.

    Residents often send the photo first and then say what it shows
    (楼下井盖坏了): it was answered 没有需要图片的事项 and dropped. Held
    here (see bot.services.photos.hold), the complaint begun next takes it.
    """

    __tablename__ = "held_photos"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="persons.id", index=True)
    ref: str = Field(max_length=500)  # the platform's reference, as a form keeps it
    size: int | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
