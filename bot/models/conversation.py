"""What the bot remembers about a conversation: dialog state and handled messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Index, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class DialogState(SQLModel, table=True):
    """Where a person is in a dialog; in the database so a restart loses nothing."""

    __tablename__ = "dialog_states"

    person_id: int = Field(foreign_key="persons.id", primary_key=True)
    dialog: str | None = Field(default=None, max_length=64)
    step: str | None = Field(default=None, max_length=64)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The buttons last shown, so a numbered answer ("2") maps to the same payload.
    buttons: list[list[str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The dialog holds the person's own words (typed text, a photo, a place): it lives
    # RESIDENT_BOT_FORM_TIMEOUT_HOURS instead of the minutes a bare choice does.
    written: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    # A form left past that time, kept (dialog, step, data and the question last asked) so
    # the person can take it up again with 继续; erased by /forget.
    draft: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    updated_at: datetime = Field(sa_type=UTCDateTime)


class InboundMessage(SQLModel, table=True):
    """One handled inbound message: deduplicates platform retries and counts floods.

    The text itself is not kept (privacy); the reply is, so a retried message
    gets the same answer without being handled twice.
    """

    __tablename__ = "inbound_messages"
    __table_args__ = (
        UniqueConstraint("channel", "channel_message_id"),
        Index("ix_inbound_person_time", "person_id", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="persons.id")
    channel: str = Field(max_length=16)
    channel_message_id: str | None = Field(default=None, max_length=128)
    received_at: datetime = Field(sa_type=UTCDateTime)
    reply: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
