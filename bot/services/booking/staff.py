"""What the centre's staff do with bookings: the day's list, arrivals, no-shows, cancelling with a reason.

Every action checks the caller's role for the booking's community (or
grid): a forged button reaches nothing it should not.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Booking, Person, Role
from bot.models.booking import BookingKind, BookingStatus
from bot.services import outbox, roles
from bot.services.booking.presentation import when_text
from bot.services.booking.records import mark_cancelled
from bot.services.booking.rules import Rules, normalise_code
from bot.services.booking.seats import release_seat
from bot.services.errors import InvalidInput, NotFound, PermissionDenied


async def staff_community(uow: UnitOfWork, staff: Person) -> str:
    held = [a for a in await roles.roles_of(uow, staff) if a.role in (Role.staff.value, Role.admin.value)]
    if not held or held[0].community_id is None:
        raise PermissionDenied()
    return held[0].community_id


async def day_list(uow: UnitOfWork, rules: Rules, staff: Person, day: date) -> list[tuple[Booking, Person]]:
    """Who is coming on `day` (and the home visits), for the staff of the community."""
    timezone = rules.timezone
    community_id = await staff_community(uow, staff)
    await roles.require_role(uow, staff, Role.staff, community_id=community_id)
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    query = (
        select(Booking, Person)
        .join(Person, col(Person.id) == col(Booking.person_id))
        .where(
            Booking.community_id == community_id,
            col(Booking.starts_at) >= start,
            col(Booking.starts_at) < start + timedelta(days=1),
            col(Booking.status) != BookingStatus.cancelled,
        )
        .order_by(col(Booking.starts_at), col(Booking.id))
    )
    return [(b, p) for b, p in (await uow.session.exec(query)).all()]


async def for_staff(uow: UnitOfWork, staff: Person, booking_id: int) -> Booking:
    booking = await uow.session.get(Booking, booking_id)
    if booking is None:
        raise NotFound("booking.no_such_booking")
    allowed = await roles.has_role(uow, staff, Role.staff, community_id=booking.community_id)
    if not allowed and booking.grid_id:
        allowed = await roles.has_role(uow, staff, Role.grid_manager, grid_id=booking.grid_id)
    if not allowed:
        raise PermissionDenied()
    return booking


async def handled_by_code(uow: UnitOfWork, person: Person, code: str) -> Booking | None:
    """The booking with this code when `person` may handle it as staff (取消 CODE typed from the day list), else None."""
    code = normalise_code(code)
    booking = (await uow.session.exec(select(Booking).where(Booking.code == code))).first() if code else None
    if booking is None:
        return None
    try:
        return await for_staff(uow, person, booking.id or 0)
    except PermissionDenied:
        return None


async def mark(uow: UnitOfWork, rules: Rules, staff: Person, booking_id: int, status: str) -> Booking:
    """Arrived or no-show, on the day (not before it starts); a home visit is made or missed only once its half-day began.

    Nobody arrives for tomorrow's booking: the day list offered 到了 for it,
    and a slip (or a forged press) marked a resident arrived who had not
    come, so the booking no longer counted as awaited. Refused before the day.
    """
    if status not in (BookingStatus.arrived, BookingStatus.no_show):
        raise InvalidInput("booking.bad_status")
    booking = await for_staff(uow, staff, booking_id)
    if booking.status not in (BookingStatus.booked, BookingStatus.arrived, BookingStatus.no_show):
        raise InvalidInput("booking.not_active", code=booking.code)
    if booking.kind != BookingKind.home and before_its_day(booking, uow.clock.now(), rules.timezone):
        raise InvalidInput("booking.too_early_for_arrival", code=booking.code)
    if status == BookingStatus.no_show and uow.clock.now() < booking.starts_at:
        raise InvalidInput("booking.too_early_for_no_show")
    if booking.kind == BookingKind.home and uow.clock.now() < booking.starts_at:  # nobody can have gone yet
        raise InvalidInput("booking.too_early_for_visit", code=booking.code)
    booking.status = status
    booking.handled_by = staff.id
    booking.updated_at = uow.clock.now()
    await uow.commit()
    return booking


def before_its_day(booking: Booking, now: datetime, timezone: str) -> bool:
    """Whether `now` is on a day before the booking's own (in the community's time zone)."""
    zone = ZoneInfo(timezone)
    return now.astimezone(zone).date() < booking.starts_at.astimezone(zone).date()


async def unmark(uow: UnitOfWork, staff: Person, booking_id: int) -> Booking:
    """Take back an arrival or no-show marked by mistake: the booking is awaited again.

    Staff mark from a numbered list on a phone; a slip of the thumb must be
    as easy to undo as it was to make.
    """
    booking = await for_staff(uow, staff, booking_id)
    if booking.status not in (BookingStatus.arrived, BookingStatus.no_show):
        raise InvalidInput("booking.not_marked", code=booking.code)
    booking.status = BookingStatus.booked
    booking.handled_by = None
    booking.updated_at = uow.clock.now()
    await uow.commit()
    return booking


async def staff_cancel(
    uow: UnitOfWork, rules: Rules, staff: Person, booking_id: int, reason: str
) -> Booking:
    """Staff cancel a booking with a reason; the resident is told and the seat goes to the waiting list."""
    timezone = rules.timezone
    reason = reason.strip()
    if not reason:
        raise InvalidInput("booking.reason_needed")
    booking = await for_staff(uow, staff, booking_id)
    if booking.status != BookingStatus.booked:
        raise InvalidInput("booking.not_active", code=booking.code)
    mark_cancelled(uow, booking, staff, reason)
    await release_seat(uow, rules, booking.slot_id)
    await outbox.push_to(
        uow,
        booking.person_id,
        lambda texts: Reply(
            texts.get("booking.cancelled_by_staff", code=booking.code, service=rules.name(booking.service_id),
                      when=when_text(texts, booking.starts_at, timezone), reason=reason[:200]),
            rows(Button(texts.get("booking.book_again"), f"book:{booking.service_id}")),
        ),
        kind="booking",
        urgent=True,
    )
    await uow.commit()
    return booking
