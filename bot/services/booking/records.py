"""Reading a person's bookings and the small steps every change of one shares."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete
from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Booking, BookingReminder, Person
from bot.models.booking import BookingStatus
from bot.services import opening, org
from bot.services.booking.presentation import clock_text
from bot.services.booking.rules import ACTIVE, CODE_ALPHABET, CODE_LENGTH, normalise_code
from bot.services.errors import InvalidInput, NotFound
from bot.services.opening import OpeningPlan
from bot.texts import Texts


@dataclass(frozen=True)
class Booked:
    booking: Booking
    again: bool = False  # the same confirmation arrived twice: this is the booking it made


@dataclass(frozen=True)
class Full:
    slot_id: int  # the slot that filled meanwhile; the resident may wait for it


@dataclass(frozen=True)
class Request:
    """What a resident asks to book (from the dialog)."""

    service_id: str
    kind: str  # BookingKind
    start: datetime
    token: str
    centre: str | None = None  # where the service is served (centre appointments)
    reason: str | None = None  # home visits: elderly, disabled, other


async def community_of(uow: UnitOfWork, person: Person) -> str:
    """The person's community; with one community in the database, that one."""
    community_id = await org.community_id_of(uow, person)
    if community_id is None:
        raise InvalidInput("booking.no_community")
    return community_id


async def by_token(uow: UnitOfWork, person: Person, token: str) -> Booking | None:
    booking = (await uow.session.exec(select(Booking).where(Booking.token == token))).first()
    return booking if booking is not None and booking.person_id == person.id else None


OPEN_COUNT = (
    "SELECT count(*) FROM bookings WHERE person_id = ? AND status IN ({}) AND ends_at > ?".format(", ".join("?" * len(ACTIVE)))
)


async def open_count(uow: UnitOfWork, person: Person, now: datetime) -> int:
    """The person's bookings still to come (asked as every booking begins: one direct statement)."""
    sql = await uow.direct()
    row = await sql.one(OPEN_COUNT, person.id, *(str(status) for status in ACTIVE), sql.time(now))
    return int(row[0]) if row else 0


async def has_booking_at(uow: UnitOfWork, person: Person, starts_at: datetime) -> bool:
    """Whether the person already has an active booking starting then (one place at a time)."""
    query = select(Booking.id).where(
        Booking.person_id == person.id, col(Booking.status).in_(ACTIVE), Booking.starts_at == starts_at.astimezone(UTC)
    )
    return (await uow.session.exec(query)).first() is not None


async def new_code(uow: UnitOfWork) -> str:
    for _ in range(10):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if (await uow.session.exec(select(Booking.id).where(Booking.code == code))).first() is None:
            return code
    raise RuntimeError("no free booking code after 10 tries")  # 32**6 codes: practically impossible


async def own(uow: UnitOfWork, person: Person, code: str) -> Booking:
    """The person's booking with this code; someone else's code is "not found", like a wrong one."""
    code = normalise_code(code)
    booking = (await uow.session.exec(select(Booking).where(Booking.code == code))).first() if code else None
    if booking is None or booking.person_id != person.id:
        raise NotFound("booking.no_such_code", code=code[:10])
    return booking


async def mine(uow: UnitOfWork, person: Person) -> list[Booking]:
    """The person's bookings that have not ended, soonest first."""
    query = (
        select(Booking)
        .where(Booking.person_id == person.id, col(Booking.status).in_(ACTIVE), col(Booking.ends_at) > uow.clock.now())
        .order_by(col(Booking.starts_at))
    )
    return list((await uow.session.exec(query)).all())


def ensure_changeable(plan: OpeningPlan, booking: Booking, now: datetime, timezone: str) -> None:
    if booking.status != BookingStatus.booked:
        raise InvalidInput("booking.not_active", code=booking.code)
    if not opening.can_change(plan, booking.starts_at, now):
        deadline = opening.change_deadline(plan, booking.starts_at)
        raise InvalidInput("booking.past_cutoff", code=booking.code, deadline=clock_text(deadline, timezone, Texts()))


def mark_cancelled(uow: UnitOfWork, booking: Booking, by: Person, reason: str | None) -> None:
    booking.status = BookingStatus.cancelled
    booking.cancelled_by = by.id
    booking.cancel_reason = reason[:200] if reason else None
    booking.updated_at = uow.clock.now()


async def forget_reminders(uow: UnitOfWork, booking: Booking) -> None:
    """A booking moved to another time: the reminders sent for the old one no longer count.

    Each reminder goes at most once per booking; kept, the old time's would
    stand for the new one, and the evening before it would stay silent.
    """
    await uow.session.exec(delete(BookingReminder).where(col(BookingReminder.booking_id) == booking.id))  # type: ignore[call-overload]
