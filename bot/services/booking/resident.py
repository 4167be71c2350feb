"""A resident books, cancels and moves their own bookings.

The confirmation token is unique, so a double tap or a retried message
gives the same booking, never two; someone else's booking code reads as
not found.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from bot.db.uow import UnitOfWork
from bot.models import Booking, BookingSlot, Person
from bot.models.booking import BookingKind, VisitStatus
from bot.services.booking.home_visits import Place, home_of, place_of, tell_grid, tell_handlers_cancelled
from bot.services.booking.records import (
    Booked,
    Full,
    Request,
    by_token,
    community_of,
    ensure_changeable,
    forget_reminders,
    has_booking_at,
    mark_cancelled,
    new_code,
    open_count,
    own,
)
from bot.services.booking.rules import Rules, resource_of
from bot.services.booking.seats import bookable_slot, capacity_of, release_seat, slot_row, take_seat
from bot.services.errors import InvalidInput


async def book(
    uow: UnitOfWork, rules: Rules, person: Person, request: Request, *, place: Place | None = None
) -> Booked | Full:
    """Book a seat for `person`; commits. The same token twice gives the same booking.

    A home visit goes to `place` when given (a parent's home: its building's
    grid gets the task), else to the person's own address; `person` stays the
    contact, and their profile is not changed.
    """
    plan = rules.plan
    existing = await by_token(uow, person, request.token)
    if existing is not None:
        return Booked(existing, again=True)
    now = uow.clock.now()
    community_id = await community_of(uow, person)
    home = request.kind == BookingKind.home
    slot = bookable_slot(rules, request.start, now, home=home)
    if await open_count(uow, person, now) >= plan.max_open_bookings:
        raise InvalidInput("booking.too_many", limit=plan.max_open_bookings)
    if await has_booking_at(uow, person, slot.start):
        # The same confirmation pressed twice at once: the other press may have committed after the token was
        # looked for above. Then the booking there is this one, and the resident is told it is booked, not
        # 您在这个时间已经有一个预约了 (as if they had booked something else).
        existing = await by_token(uow, person, request.token)
        if existing is not None:
            return Booked(existing, again=True)
        raise InvalidInput("booking.same_time")
    grid_id = address = None
    if home:
        grid_id, address = await place_of(uow, community_id, place) if place else await home_of(uow, person)
    capacity = capacity_of(plan, slot, kind=request.kind, centre=request.centre)
    if capacity <= 0:
        raise InvalidInput("booking.no_such_slot")
    resource = resource_of(request.kind, request.centre, grid_id)
    slot_id = await slot_row(uow, community_id, resource, slot, capacity)
    booking = Booking(
        code=await new_code(uow),
        token=request.token,
        person_id=person.id,  # type: ignore[arg-type]
        community_id=community_id,
        kind=request.kind,
        service_id=request.service_id,
        slot_id=slot_id,
        starts_at=slot.start,
        ends_at=slot.end,
        grid_id=grid_id,
        address=address,
        reason=request.reason if home else None,
        visit_status=VisitStatus.requested if home else None,
        created_at=now,
        updated_at=now,
    )
    try:
        async with uow.session.begin_nested():  # the seat and the booking, or neither
            if not await take_seat(uow, slot_id):
                full = True
            else:
                full = False
                uow.session.add(booking)
                await uow.session.flush()
    except IntegrityError:  # the same confirmation committed by another process a moment ago
        existing = await by_token(uow, person, request.token)
        if existing is None:
            raise
        return Booked(existing, again=True)
    if full:
        await uow.commit()  # keep the slot row: the resident may join its waiting list
        return Full(slot_id)
    if home:
        await tell_grid(uow, rules, booking, person, "booking.visit_task")
    await uow.commit()
    return Booked(booking)


async def check_changeable(uow: UnitOfWork, rules: Rules, person: Person, code: str) -> Booking:
    plan, timezone = rules.plan, rules.timezone
    booking = await own(uow, person, code)
    ensure_changeable(plan, booking, uow.clock.now(), timezone)
    return booking


async def cancel(uow: UnitOfWork, rules: Rules, person: Person, code: str) -> Booking:
    """The resident cancels their booking before the cut-off; the seat goes to the waiting list."""
    plan, timezone = rules.plan, rules.timezone
    booking = await own(uow, person, code)
    ensure_changeable(plan, booking, uow.clock.now(), timezone)
    mark_cancelled(uow, booking, person, None)
    await release_seat(uow, rules, booking.slot_id)
    if booking.kind == BookingKind.home:
        await tell_handlers_cancelled(uow, rules, booking)
    await uow.commit()
    return booking


async def reschedule(
    uow: UnitOfWork, rules: Rules, person: Person, code: str, start: datetime, token: str,
    *, centre: str | None = None,
) -> Booked | Full:
    """Move the person's booking to another slot: the new seat is taken before the old one is freed."""
    plan, timezone = rules.plan, rules.timezone
    done = await by_token(uow, person, token)
    if done is not None:
        return Booked(done, again=True)
    booking = await own(uow, person, code)
    now = uow.clock.now()
    ensure_changeable(plan, booking, now, timezone)
    home = booking.kind == BookingKind.home
    slot = bookable_slot(rules, start, now, home=home, leaving=booking.starts_at)
    old_slot = await uow.session.get(BookingSlot, booking.slot_id)
    assert old_slot is not None
    capacity = capacity_of(plan, slot, kind=booking.kind, centre=centre)
    if capacity <= 0:
        raise InvalidInput("booking.no_such_slot")
    slot_id = await slot_row(uow, booking.community_id, old_slot.resource, slot, capacity)
    if not await take_seat(uow, slot_id):
        await uow.commit()
        return Full(slot_id)
    await release_seat(uow, rules, booking.slot_id)
    booking.slot_id = slot_id
    booking.starts_at = slot.start
    booking.ends_at = slot.end
    booking.token = token  # a repeated "确认" now finds this booking
    booking.updated_at = now
    await forget_reminders(uow, booking)
    if home:
        booking.visit_status = VisitStatus.requested
        await tell_grid(uow, rules, booking, person, "booking.visit_moved_task")
    await uow.commit()
    return Booked(booking)
