"""The theme Party day (主题党日) of a community for a month, and the members' answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class PartyDay(SQLModel, table=True):
    __tablename__ = "party_days"
    __table_args__ = (UniqueConstraint("community_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    community_id: str = Field(foreign_key="communities.id", max_length=64)
    month: str = Field(max_length=7)  # "2026-04"
    theme: str = Field(max_length=200)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    place: str = Field(max_length=200)
    content: str | None = Field(default=None, max_length=1000)
    set_by: int | None = Field(default=None, foreign_key="persons.id")
    updated_at: datetime = Field(sa_type=UTCDateTime)


class PartyDayReply(SQLModel, table=True):
    """A member's answer: signed up (报名) or leave asked (请假) with a reason; the last answer counts."""

    __tablename__ = "party_day_replies"
    __table_args__ = (UniqueConstraint("party_day_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    party_day_id: int = Field(foreign_key="party_days.id", index=True)
    person_id: int = Field(foreign_key="persons.id")
    status: str = Field(max_length=16)  # "join" or "leave"
    reason: str | None = Field(default=None, max_length=200)
    answered_at: datetime = Field(sa_type=UTCDateTime)
