"""Complaints and requests (诉求) in the grid workflow, with their audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class Case(SQLModel, table=True):
    """One complaint or request, from a resident or from the street's platform (Open311)."""

    __tablename__ = "cases"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="persons.id", index=True)  # None: filed by Open311
    source: str = Field(default="bot", max_length=16)  # bot, open311
    category: str = Field(max_length=32, index=True)
    description: str = Field(max_length=2000)
    community_id: str | None = Field(default=None, foreign_key="communities.id", max_length=64, index=True)
    grid_id: str | None = Field(default=None, foreign_key="grids.id", max_length=64, index=True)  # None: to route by hand
    address: str | None = Field(default=None, max_length=200)  # the resident's address or the place as typed
    lat: float | None = None
    lon: float | None = None
    photo_ref: str | None = Field(default=None, max_length=500)  # the platform's file reference or a media URL
    contact: str | None = Field(default=None, max_length=200)  # an Open311 reporter's name and phone
    urgent: bool = False
    state: str = Field(default="submitted", max_length=16, index=True)
    due_at: datetime = Field(sa_type=UTCDateTime)
    overdue_level: int = 0  # 0 on time, 1 reminded (催办), 2 grid leader told, 3 street told (督办)
    reopen_count: int = 0
    rating: int | None = None  # the latest rating, 1–5
    first_resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class CaseEvent(SQLModel, table=True):
    """Every transition of a case: who, when, from which state to which, with the note."""

    __tablename__ = "case_events"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="persons.id")  # None: the system or Open311
    actor_role: str = Field(max_length=32)  # resident, grid_manager, street_staff, system, open311 …
    action: str = Field(max_length=32)
    from_state: str | None = Field(default=None, max_length=16)
    to_state: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=2000)
    photo_ref: str | None = Field(default=None, max_length=500)
    stars: int | None = None  # a resident's rating (reopen, confirm): the case itself keeps only the latest
    created_at: datetime = Field(sa_type=UTCDateTime)


class CaseFollower(SQLModel, table=True):
    """A resident who follows someone else's similar case instead of filing a duplicate."""

    __tablename__ = "case_followers"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    person_id: int = Field(foreign_key="persons.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
