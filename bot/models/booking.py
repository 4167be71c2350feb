"""Appointments at the centre and home visits (预约上门), their seats, waiting list and reminders.

Capacity is enforced by the database: each bookable slot of a resource
(a centre, or the home visits of a grid) has one `booking_slots` row, and a
seat is taken by `UPDATE … SET taken = taken + 1 WHERE taken < capacity`
in the booking's transaction, so no two transactions can take the last
seat. A booking's `token` (one per confirmation dialog) is unique, so a
double tap on "确认" can only ever create one booking.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class BookingKind(StrEnum):
    centre = "centre"  # an appointment at the service centre
    home = "home"  # a home visit


class BookingStatus(StrEnum):
    booked = "booked"
    arrived = "arrived"  # staff marked the person as come (or the visit as done)
    no_show = "no_show"
    cancelled = "cancelled"


class VisitStatus(StrEnum):
    requested = "requested"  # waiting for the grid manager
    confirmed = "confirmed"
    proposed = "proposed"  # the grid manager proposed another time; the resident answers


class BookingSlot(SQLModel, table=True):
    """The seats of one slot of one resource; created on first booking with the capacity of the plan."""

    __tablename__ = "booking_slots"
    __table_args__ = (
        UniqueConstraint("community_id", "resource", "starts_at"),
        CheckConstraint("taken >= 0 AND taken <= capacity", name="ck_booking_slots_seats"),
    )

    id: int | None = Field(default=None, primary_key=True)
    community_id: str = Field(foreign_key="communities.id", max_length=64)
    resource: str = Field(max_length=80)  # "centre:convenience", "home:wenfeng-03"
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    capacity: int
    taken: int = 0


class Booking(SQLModel, table=True):
    __tablename__ = "bookings"
    __table_args__ = (
        Index("ix_bookings_person_status", "person_id", "status"),
        Index("ix_bookings_community_start", "community_id", "starts_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=8, unique=True)  # shown to the resident, read aloud at the window
    token: str = Field(max_length=40, unique=True)  # the confirmation's one-time token
    person_id: int = Field(foreign_key="persons.id")
    community_id: str = Field(foreign_key="communities.id", max_length=64)
    kind: str = Field(max_length=8)  # BookingKind
    service_id: str = Field(max_length=64)
    slot_id: int = Field(foreign_key="booking_slots.id", index=True)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default=BookingStatus.booked, max_length=16)
    # Home visits: where, for whom, and the grid manager's answer.
    grid_id: str | None = Field(default=None, foreign_key="grids.id", max_length=64)
    address: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, max_length=32)  # elderly, disabled, other
    visit_status: str | None = Field(default=None, max_length=16)  # VisitStatus
    handled_by: int | None = Field(default=None, foreign_key="persons.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    cancelled_by: int | None = Field(default=None, foreign_key="persons.id")
    cancel_reason: str | None = Field(default=None, max_length=200)


class BookingWait(SQLModel, table=True):
    """A place on the waiting list of a full slot; a freed seat is held for the first in line."""

    __tablename__ = "booking_waits"
    __table_args__ = (
        UniqueConstraint("slot_id", "person_id"),
        Index("ix_booking_waits_slot_status", "slot_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slot_id: int = Field(foreign_key="booking_slots.id")
    person_id: int = Field(foreign_key="persons.id")
    service_id: str = Field(max_length=64)
    status: str = Field(default="waiting", max_length=16)  # waiting, offered, taken, expired, cancelled
    offered_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # Home visits: where and why, as given when joining, for the booking the seat becomes (as Booking's).
    address: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, max_length=32)


class BookingReminder(SQLModel, table=True):
    """A reminder sent for a booking; the unique key makes each kind go at most once."""

    __tablename__ = "booking_reminders"
    __table_args__ = (UniqueConstraint("booking_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int = Field(foreign_key="bookings.id")
    kind: str = Field(max_length=16)  # day_before, hour_before
    sent_at: datetime = Field(sa_type=UTCDateTime)
