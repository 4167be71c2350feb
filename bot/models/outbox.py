"""The outbox: every push to a person, written in the transaction that caused it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class OutboxStatus(StrEnum):
    pending = "pending"  # waiting to be sent (maybe after not_before)
    sending = "sending"  # claimed by a drainer; the claim expires if it dies
    sent = "sent"
    failed = "failed"  # gave up: permanent error or too many attempts
    unreachable = "unreachable"  # the person blocked the bot or unsubscribed
    missed = "missed"  # unreachable, and the person was told of it on coming back (bot/services/returning.py)


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "channel", "status", "not_before"),
        Index("ix_outbox_notice_status", "notice_id", "status"),
        # The retention scan (bot/services/outbox_retention.py): settled rows due since before the cutoff
        Index("ix_outbox_settled", "status", "not_before"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="persons.id", index=True)
    channel: str = Field(max_length=16)
    address: str = Field(max_length=128)  # the channel's user / chat id
    kind: str = Field(max_length=32)  # e.g. "role", "task", "notice"; used for reports
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))  # a serialised Reply
    status: str = Field(default=OutboxStatus.pending, max_length=16)
    attempts: int = 0
    # How many of its parts (a long text's messages, then its photo or file) the person already has:
    # a retry resumes after them, so a part delivered before a later one failed never comes twice.
    parts_sent: int = 0
    not_before: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=500)
    notice_id: int | None = Field(default=None, foreign_key="notices.id")  # the broadcast it belongs to
