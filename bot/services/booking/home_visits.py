"""Home visits (预约上门): the grid's managers are told, confirm or propose another half-day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Booking, BookingSlot, Community, Grid, Person, Role
from bot.models.booking import BookingKind, BookingStatus, VisitStatus
from bot.services import outbox, people, roles
from bot.services.booking.presentation import when_text
from bot.services.booking.records import forget_reminders
from bot.services.booking.rules import Rules, normalise_code
from bot.services.booking.seats import bookable_slot, release_seat, slot_row, take_seat
from bot.services.booking.staff import for_staff
from bot.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from bot.texts import Texts


@dataclass(frozen=True)
class Place:
    """Where a home visit goes when it is not the resident's own address (给家人约): kept on the booking only.

    The resident stays the contact (their name and phone); the building
    decides the grid whose manager gets the task. The profile is not changed.
    """

    building: str
    unit: str | None = None
    room: str | None = None


def _address_text(community: Community | None, building: str, unit: str | None, room: str | None) -> str:
    parts = [community.name if community else "", building, unit or "", room or ""]
    return " ".join(p for p in parts if p)[:200]


async def home_of(uow: UnitOfWork, person: Person) -> tuple[str, str]:
    """The grid and the address of the resident's own home (their profile)."""
    from bot.services import org

    if not person.has_address or not person.community_id or not person.building:
        raise InvalidInput("booking.address_needed")
    grid = await org.grid_of_building(uow, person.community_id, person.building)
    if grid is None:
        raise InvalidInput("booking.no_grid")
    community = await uow.session.get(Community, person.community_id)
    return grid.id, _address_text(community, person.building, person.unit, person.room)


async def place_of(uow: UnitOfWork, community_id: str, place: Place) -> tuple[str, str]:
    """The grid and the address of a visit to another home of the community (a parent's): its building's grid."""
    from bot.services import org

    if len(place.unit or "") > 16 or len(place.room or "") > 16:
        raise InvalidInput("booking.place_too_long")
    grid = await org.grid_of_building(uow, community_id, place.building)
    if grid is None:
        raise InvalidInput("booking.no_grid_for", building=place.building)
    community = await uow.session.get(Community, community_id)
    return grid.id, _address_text(community, place.building, place.unit, place.room)


async def for_family(uow: UnitOfWork, booking: Booking, resident: Person) -> bool:
    """Whether the visit goes elsewhere than the resident's own home (booked for a parent)."""
    try:
        _grid, own = await home_of(uow, resident)
    except InvalidInput:
        return True
    return own != booking.address


async def visit_handlers(uow: UnitOfWork, booking: Booking) -> list[Person]:
    """The grid managers of the booking's grid; the community's staff when the grid has none."""
    managers = await roles.holders(uow, Role.grid_manager, grid_id=booking.grid_id)
    if managers:
        return managers
    return await roles.holders(uow, Role.staff, community_id=booking.community_id)


async def tell_grid(uow: UnitOfWork, rules: Rules, booking: Booking, resident: Person, key: str) -> int:
    timezone = rules.timezone
    handlers = await visit_handlers(uow, booking)
    grid = await uow.session.get(Grid, booking.grid_id) if booking.grid_id else None
    family = await for_family(uow, booking, resident)
    for member in handlers:
        texts = Texts(member.language)
        outbox.push(
            uow,
            member,
            Reply(
                texts.get(
                    key,
                    code=booking.code,
                    service=rules.name(booking.service_id),
                    when=when_text(texts, booking.starts_at, timezone, end=booking.ends_at),
                    address=booking.address or "",
                    who=people.resident_label(resident),
                    phone=resident.phone or texts.get("booking.no_phone"),
                    reason=texts.get(f"booking.reason.{booking.reason or 'other'}"),
                    grid=grid.name if grid else "",
                    family=texts.get("booking.visit_for_family") if family else "",
                ),
                rows(
                    Button(texts.get("booking.visit_confirm_button"), f"bk:hvok:{booking.id}"),
                    Button(texts.get("booking.visit_other_time_button"), f"bk:hvalt:{booking.id}"),
                    per_row=2,
                ),
            ),
            kind="booking",
        )
    return len(handlers)


async def tell_handlers_cancelled(uow: UnitOfWork, rules: Rules, booking: Booking) -> None:
    timezone = rules.timezone
    for member in await visit_handlers(uow, booking):
        texts = Texts(member.language)
        outbox.push(
            uow, member,
            Reply(texts.get("booking.visit_cancelled_task", code=booking.code, service=rules.name(booking.service_id),
                            when=when_text(texts, booking.starts_at, timezone, end=booking.ends_at))),
            kind="booking",
        )


async def visits_to_confirm(uow: UnitOfWork, person: Person) -> list[Booking]:
    """The visits still to come that wait for this person's 确认上门: those whose task was pushed to them.

    Away from the push (another push came, its numbers now mean other
    buttons) the visit must still be found. PermissionDenied for anyone
    who is neither a grid manager nor staff: a resident confirms nothing.
    """
    grids, communities = await _handled_places(uow, person)
    query = (
        select(Booking)
        .where(
            Booking.kind == BookingKind.home,
            Booking.status == BookingStatus.booked,
            (col(Booking.visit_status) == VisitStatus.requested) | col(Booking.visit_status).is_(None),
            col(Booking.ends_at) > uow.clock.now(),
            col(Booking.grid_id).in_(grids) | col(Booking.community_id).in_(communities),
        )
        .order_by(col(Booking.starts_at), col(Booking.id))
    )
    found = list((await uow.session.exec(query)).all())
    return [b for b in found if any(h.id == person.id for h in await visit_handlers(uow, b))]


async def visits_to_mark(uow: UnitOfWork, person: Person) -> list[Booking]:
    """The visits begun in the last day that this person handles and nobody has marked 已上门 or 未上门.

    PermissionDenied for anyone who is neither a grid manager nor staff.
    """
    grids, communities = await _handled_places(uow, person)
    now = uow.clock.now()
    query = (
        select(Booking)
        .where(
            Booking.kind == BookingKind.home,
            Booking.status == BookingStatus.booked,
            col(Booking.starts_at) <= now,
            col(Booking.starts_at) > now - timedelta(days=1),
            col(Booking.grid_id).in_(grids) | col(Booking.community_id).in_(communities),
        )
        .order_by(col(Booking.starts_at), col(Booking.id))
    )
    found = list((await uow.session.exec(query)).all())
    return [b for b in found if any(h.id == person.id for h in await visit_handlers(uow, b))]


async def _handled_places(uow: UnitOfWork, person: Person) -> tuple[set[str], set[str]]:
    """The grids this person manages and the communities they staff; PermissionDenied when none."""
    held = await roles.roles_of(uow, person)
    grids = {a.grid_id for a in held if a.role == Role.grid_manager.value and a.grid_id}
    communities = {a.community_id for a in held if a.role == Role.staff.value and a.community_id}
    if not grids and not communities:
        raise PermissionDenied()
    return grids, communities


async def visit_named(uow: UnitOfWork, person: Person, code: str) -> Booking:
    """The home visit with this code (确认上门 K7M2QX), for someone who may handle it (checked like a button)."""
    code = normalise_code(code)
    booking = (await uow.session.exec(select(Booking).where(Booking.code == code))).first() if code else None
    if booking is None or booking.kind != BookingKind.home:
        raise NotFound("booking.visit_no_such_code", code=code[:10])
    return await for_staff(uow, person, booking.id or 0)


async def confirm_visit(uow: UnitOfWork, rules: Rules, manager: Person, booking_id: int) -> Booking:
    timezone = rules.timezone
    booking = await for_staff(uow, manager, booking_id)
    if booking.kind != BookingKind.home or booking.status != BookingStatus.booked:
        raise InvalidInput("booking.not_active", code=booking.code)
    if booking.visit_status == VisitStatus.confirmed:
        return booking
    if booking.visit_status == VisitStatus.proposed:
        raise InvalidInput("booking.visit_waiting_resident")
    booking.visit_status = VisitStatus.confirmed
    booking.handled_by = manager.id
    booking.updated_at = uow.clock.now()
    await outbox.push_to(
        uow,
        booking.person_id,
        lambda texts: Reply(
            texts.get("booking.visit_confirmed", code=booking.code, service=rules.name(booking.service_id),
                      when=when_text(texts, booking.starts_at, timezone, end=booking.ends_at),
                      who=manager.name or texts.get("booking.grid_manager"))
        ),
        kind="booking",
    )
    await uow.commit()
    return booking


async def propose_visit(
    uow: UnitOfWork, rules: Rules, manager: Person, booking_id: int, start: datetime
) -> Booking:
    """The grid manager proposes another half-day: the seat moves now, the resident agrees or cancels."""
    plan, timezone = rules.plan, rules.timezone
    booking = await for_staff(uow, manager, booking_id)
    if booking.kind != BookingKind.home or booking.status != BookingStatus.booked:
        raise InvalidInput("booking.not_active", code=booking.code)
    now = uow.clock.now()
    slot = bookable_slot(rules, start, now, home=True, leaving=booking.starts_at)
    old = await uow.session.get(BookingSlot, booking.slot_id)
    assert old is not None
    slot_id = await slot_row(uow, booking.community_id, old.resource, slot, plan.home_visits.capacity_per_grid)
    if not await take_seat(uow, slot_id):
        raise Conflict("booking.full_for_proposal")
    await release_seat(uow, rules, booking.slot_id)
    booking.slot_id, booking.starts_at, booking.ends_at = slot_id, slot.start, slot.end
    await forget_reminders(uow, booking)  # a confirmed visit reminded the evening before is reminded for its new time
    booking.visit_status = VisitStatus.proposed
    booking.handled_by = manager.id
    booking.updated_at = now
    await outbox.push_to(
        uow,
        booking.person_id,
        lambda texts: Reply(
            texts.get("booking.visit_proposed", code=booking.code, service=rules.name(booking.service_id),
                      when=when_text(texts, slot.start, timezone, end=slot.end)),
            rows(
                Button(texts.get("booking.visit_accept_button"), f"bk:hvyes:{booking.id}"),
                Button(texts.get("booking.cancel_button"), f"bk:cx:{booking.code}"),
                per_row=2,
            ),
        ),
        kind="booking",
        urgent=True,
    )
    await uow.commit()
    return booking


async def accept_proposal(uow: UnitOfWork, rules: Rules, person: Person, booking_id: int) -> Booking:
    timezone = rules.timezone
    booking = await uow.session.get(Booking, booking_id)
    if booking is None or booking.person_id != person.id:
        raise NotFound("booking.no_such_booking")
    if booking.status != BookingStatus.booked:
        raise InvalidInput("booking.not_active", code=booking.code)
    if booking.visit_status == VisitStatus.confirmed:
        return booking
    if booking.visit_status != VisitStatus.proposed:
        raise InvalidInput("booking.nothing_to_accept")
    booking.visit_status = VisitStatus.confirmed
    booking.updated_at = uow.clock.now()
    manager = await uow.session.get(Person, booking.handled_by) if booking.handled_by else None
    if manager is not None:
        texts = Texts(manager.language)
        outbox.push(
            uow, manager,
            Reply(texts.get("booking.visit_accepted_task", code=booking.code,
                            when=when_text(texts, booking.starts_at, timezone, end=booking.ends_at))),
            kind="booking",
        )
    await uow.commit()
    return booking
