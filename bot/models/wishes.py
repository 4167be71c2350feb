"""Micro-wishes (微心愿): made by residents, approved by staff, claimed and fulfilled by volunteers."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class Wish(SQLModel, table=True):
    __tablename__ = "wishes"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="persons.id", index=True)
    community_id: str | None = Field(default=None, foreign_key="communities.id", max_length=64, index=True)
    grid_id: str | None = Field(default=None, foreign_key="grids.id", max_length=64)
    what: str = Field(max_length=200)
    why: str = Field(max_length=500)
    wanted_by: date | None = None
    photo_ref: str | None = Field(default=None, max_length=500)
    # pending → approved | declined; approved → claimed → fulfilled → confirmed (claims expire back to approved)
    state: str = Field(default="pending", max_length=16, index=True)
    reason: str | None = Field(default=None, max_length=500)  # why it was declined
    reviewed_by: int | None = Field(default=None, foreign_key="persons.id")
    claimed_by: int | None = Field(default=None, foreign_key="persons.id", index=True)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claim_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    fulfilled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    hours: float | None = None  # the volunteer's service hours, credited on confirmation
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    auto_confirmed: bool = False
    thanks: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class WishEvent(SQLModel, table=True):
    """Every step of a wish: who, when, what."""

    __tablename__ = "wish_events"

    id: int | None = Field(default=None, primary_key=True)
    wish_id: int = Field(foreign_key="wishes.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="persons.id")
    action: str = Field(max_length=32)
    from_state: str | None = Field(default=None, max_length=16)
    to_state: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(sa_type=UTCDateTime)
