"""The waiting list of a full slot: joining it, and taking or letting go the seat held for you."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import col, select

from bot.db.upsert import insert
from bot.db.uow import UnitOfWork
from bot.models import Booking, BookingSlot, BookingWait, Person
from bot.models.booking import BookingKind, VisitStatus
from bot.services import opening
from bot.services.booking.home_visits import Place, home_of, place_of, tell_grid
from bot.services.booking.records import Booked, by_token, community_of, has_booking_at, new_code, open_count
from bot.services.booking.rules import Rules, resource_of
from bot.services.booking.seats import capacity_of, offered_slot, release_seat, slot_row
from bot.services.errors import InvalidInput, NotFound


async def slot_id_at(
    uow: UnitOfWork, rules: Rules, person: Person, start: datetime,
    *, kind: str, centre: str | None = None, grid_id: str | None = None,
) -> int:
    """The counter row of a full slot the person wants to wait for."""
    community_id = await community_of(uow, person)
    slot = offered_slot(rules, start, kind=kind, centre=centre)  # None for a slot this centre never opens: no seat will come free
    if slot is None or opening.check_start(rules.plan, slot.start, uow.clock.now(), rules.timezone):
        raise InvalidInput("booking.no_such_slot")
    capacity = capacity_of(rules.plan, slot, kind=kind, centre=centre)
    return await slot_row(uow, community_id, resource_of(kind, centre, grid_id), slot, capacity)


async def join_waitlist(
    uow: UnitOfWork, person: Person, slot_id: int, service_id: str,
    *, reason: str | None = None, place: Place | None = None,
) -> int:
    """Wait for a full slot; returns the place in line (1 = next). Waiting twice keeps the first place.

    A home visit's address (`place`, a parent's home, else the person's own)
    and `reason` are kept with the wait, as `book` keeps them on a booking:
    the seat, when it frees, becomes the same visit a direct booking makes.
    """
    slot = await uow.session.get(BookingSlot, slot_id)
    now = uow.clock.now()
    if slot is None or slot.starts_at <= now:
        raise InvalidInput("booking.no_such_slot")
    if slot.taken < slot.capacity:
        raise InvalidInput("booking.not_full")
    address = await _visit_address(uow, person, slot, place)
    await uow.session.exec(  # type: ignore[call-overload]
        insert(uow.session, BookingWait.__table__)  # type: ignore[attr-defined]
        .values(slot_id=slot_id, person_id=person.id, service_id=service_id, status="waiting", created_at=now)
        .on_conflict_do_nothing(index_elements=["slot_id", "person_id"])
    )
    mine_ = (
        await uow.session.exec(select(BookingWait).where(BookingWait.slot_id == slot_id, BookingWait.person_id == person.id))
    ).one()
    if mine_.status not in ("waiting", "offered"):  # waited before and let it go: back in line
        mine_.status, mine_.offered_until, mine_.created_at = "waiting", None, now
    if address is not None:  # the visit as last asked for
        mine_.address, mine_.reason = address, reason
    await uow.session.flush()
    ahead = select(func.count()).select_from(BookingWait).where(
        BookingWait.slot_id == slot_id, BookingWait.status == "waiting", col(BookingWait.id) < mine_.id
    )
    place = int((await uow.session.exec(ahead)).one()) + 1
    await uow.commit()
    return place


async def _visit_address(uow: UnitOfWork, person: Person, slot: BookingSlot, place: Place | None) -> str | None:
    """Where the home visit of a home slot goes (None for a centre slot); a place outside the slot's grid is refused."""
    kind, _, grid_id = slot.resource.partition(":")
    if kind != "home":
        return None
    grid, address = await place_of(uow, slot.community_id, place) if place else await home_of(uow, person)
    if grid != grid_id:  # the address changed since the slots were shown: another grid's seats
        raise InvalidInput("booking.no_such_slot")
    return address


async def _kept_address(uow: UnitOfWork, person: Person, wait: BookingWait, grid_id: str) -> str | None:
    """The address kept with the wait; for a wait from before it was kept, the person's own when in that grid."""
    if wait.address is not None:
        return wait.address
    try:
        grid, address = await home_of(uow, person)
    except InvalidInput:
        return None
    return address if grid == grid_id else None


@dataclass(frozen=True)
class Waiting:
    """A place in line for a full slot, or the seat held for the person (`offered_until` set)."""

    wait_id: int
    service_id: str
    starts_at: datetime
    ends_at: datetime
    offered_until: datetime | None
    home: bool = False  # a half-day of home visits: said as 上门办理, with where it goes
    address: str | None = None  # the home visit's address, as given when joining the line


async def waits_of(uow: UnitOfWork, person: Person) -> list[Waiting]:
    """The person's places in line and the seats held for them, for slots still ahead, soonest first.

    A held seat is shown under 我的预约 too: the push that offered it may have
    scrolled away, and the seat is the resident's for only a short while.
    """
    now = uow.clock.now()
    query = (
        select(BookingWait, BookingSlot)
        .join(BookingSlot, col(BookingSlot.id) == BookingWait.slot_id)
        .where(
            BookingWait.person_id == person.id,
            col(BookingWait.status).in_(("waiting", "offered")),
            col(BookingSlot.starts_at) > now,
        )
        .order_by(col(BookingSlot.starts_at))
    )
    found = []
    for wait, slot in (await uow.session.exec(query)).all():
        offered = wait.status == "offered"
        if offered and (wait.offered_until is None or wait.offered_until <= now):
            continue  # the hold ran out; the scheduler passes it on
        found.append(Waiting(wait.id, wait.service_id, slot.starts_at, slot.ends_at,  # type: ignore[arg-type]
                             wait.offered_until if offered else None, slot.resource.startswith("home:"), wait.address))
    return found


async def take_offer(uow: UnitOfWork, rules: Rules, person: Person, wait_id: int) -> Booked:
    """Take the seat held for `person`; a second tap gives the same booking."""
    plan = rules.plan
    token = f"wait-{wait_id}"
    done = await by_token(uow, person, token)
    if done is not None:
        return Booked(done, again=True)
    wait = await uow.session.get(BookingWait, wait_id)
    if wait is None or wait.person_id != person.id:
        raise NotFound("booking.no_such_offer")
    now = uow.clock.now()
    if wait.status != "offered" or wait.offered_until is None or wait.offered_until <= now:
        raise InvalidInput("booking.offer_expired")
    slot = await uow.session.get(BookingSlot, wait.slot_id)
    assert slot is not None
    if await open_count(uow, person, now) >= plan.max_open_bookings:
        raise InvalidInput("booking.too_many", limit=plan.max_open_bookings)
    if await has_booking_at(uow, person, slot.starts_at):  # booked another matter at that time meanwhile
        raise InvalidInput("booking.same_time_offer")
    if not await _settle(uow, wait_id, "offered", "taken"):
        raise InvalidInput("booking.offer_expired")
    kind, _, rest = slot.resource.partition(":")
    home = kind == "home"
    booking = Booking(
        code=await new_code(uow),
        token=token,
        person_id=person.id,  # type: ignore[arg-type]
        community_id=slot.community_id,
        kind=BookingKind.home if home else BookingKind.centre,
        service_id=wait.service_id,
        slot_id=slot.id,  # type: ignore[arg-type]
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        grid_id=rest if home else None,
        address=await _kept_address(uow, person, wait, rest) if home else None,
        reason=wait.reason if home else None,
        visit_status=VisitStatus.requested if home else None,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(booking)  # the seat was held for this offer: the counter already counts it
    if home:  # the grid is told as of a visit booked directly
        await uow.session.flush()  # the task's buttons name the booking
        await tell_grid(uow, rules, booking, person, "booking.visit_task")
    await uow.commit()
    return Booked(booking)


async def skip_offer(uow: UnitOfWork, rules: Rules, person: Person, wait_id: int) -> None:
    wait = await _own_wait(uow, person, wait_id)
    if not await _settle(uow, wait_id, "offered", "cancelled"):  # expired or taken meanwhile
        raise InvalidInput("booking.offer_expired")
    await release_seat(uow, rules, wait.slot_id)
    await uow.commit()


async def leave_waitlist(uow: UnitOfWork, rules: Rules, person: Person, wait_id: int) -> None:
    """Stop waiting for a full slot (不排了); a seat already held goes to the next in line. Leaving twice is fine."""
    wait = await _own_wait(uow, person, wait_id)
    if await _settle(uow, wait_id, "waiting", "cancelled"):
        await uow.commit()
    elif await _settle(uow, wait_id, "offered", "cancelled"):  # a seat was offered meanwhile: pass it on
        await release_seat(uow, rules, wait.slot_id)
        await uow.commit()


async def _own_wait(uow: UnitOfWork, person: Person, wait_id: int) -> BookingWait:
    wait = await uow.session.get(BookingWait, wait_id)
    if wait is None or wait.person_id != person.id:
        raise NotFound("booking.no_such_offer")
    return wait


async def _settle(uow: UnitOfWork, wait_id: int | None, was: str, becomes: str) -> bool:
    """Move a wait from `was` to `becomes` if it still is `was`: of two processes at once, one wins.

    An unconditional write could overwrite an offer made meanwhile (the held
    seat then never released) or release one seat twice.
    """
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(BookingWait).where(col(BookingWait.id) == wait_id, col(BookingWait.status) == was).values(status=becomes)
    )
    return done.rowcount == 1


async def expire_offers(uow: UnitOfWork, rules: Rules, now: datetime) -> int:
    """Offers not taken in time: the held seat goes to the next in line, or back to everyone."""
    query = select(BookingWait).where(BookingWait.status == "offered", col(BookingWait.offered_until) <= now)
    expired = 0
    for wait in (await uow.session.exec(query)).all():
        if await _settle(uow, wait.id, "offered", "expired"):
            await release_seat(uow, rules, wait.slot_id)
            expired += 1
    if expired:
        await uow.commit()
    return expired
