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
