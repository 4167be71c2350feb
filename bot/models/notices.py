"""Notices: one row per broadcast (a Party-day notice, an announcement, a digest).

Every outbox row of a broadcast carries its `notice_id`, so the delivery
report is a count of those rows by status, plus the `expired_*` counts of
rows the outbox's retention rule has deleted. `key`, when set, makes a
scheduled notice happen at most once (e.g. "partyday:wenfeng:2026-04:notice"):
it is written in the same transaction as the outbox rows.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class Notice(SQLModel, table=True):
    __tablename__ = "notices"

    id: int | None = Field(default=None, primary_key=True)
    key: str | None = Field(default=None, max_length=128, unique=True)
    kind: str = Field(max_length=32)  # partyday_pre_notice, partyday_notice, partyday_reminder, announcement, publicity, digest
    community_id: str | None = Field(default=None, foreign_key="communities.id", max_length=64, index=True)
    audience: str = Field(max_length=128)  # e.g. "community:wenfeng", "grid:wenfeng-03", "role:party_member@wenfeng"
    text: str = Field(max_length=4000)
    urgent: bool = False
    author_id: int | None = Field(default=None, foreign_key="persons.id")
    recipients: int = 0
    # Outbox rows of this notice deleted by the retention rule (bot/services/outbox_retention.py),
    # counted here by how they ended so the delivery report still adds up.
    expired_sent: int = 0
    expired_failed: int = 0
    expired_unreachable: int = 0
    created_at: datetime = Field(sa_type=UTCDateTime)
