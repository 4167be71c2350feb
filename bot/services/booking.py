"""Bookings: appointments at the centre and home visits (预约上门), with no double booking.

The rules live here, the arithmetic of days and slots in `opening` (pure).
A seat is taken with one conditional UPDATE on the slot's counter row
(`taken = taken + 1 WHERE taken < capacity`) inside the booking's
transaction: on PostgreSQL the row lock serialises concurrent takers and the
condition is re-checked on the committed row; on SQLite units of work are
serialised anyway. The booking's confirmation token is unique, so a double
tap or a retried message gives the same booking, never two. A resident only
ever sees and changes their own bookings; staff and grid managers are
checked on every action.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from bot.core.messages import Button, Document, Reply, rows
from bot.db.upsert import insert
from bot.db.uow import Database, UnitOfWork
from bot.models import (
    Booking,
    BookingReminder,
    BookingSlot,
    BookingWait,
    Community,
    Grid,
    Person,
    Role,
)
from bot.models.booking import BookingKind, BookingStatus, VisitStatus
from bot.services import opening, outbox, roles
from bot.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from bot.services.opening import OpeningPlan, Slot
from bot.texts import Texts

log = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the window
CODE_LENGTH = 6
ACTIVE = (BookingStatus.booked.value,)
HOME_REASONS = ("elderly", "disabled", "other")


@dataclass(frozen=True)
class Rules:
    """What the booking services need besides the database: the opening plan, the zone, the services."""

    plan: OpeningPlan
    timezone: str
    knowledge: Any  # knowledge.loader.KnowledgeBase (`.get(service_id)`)

    @classmethod
    def of(cls, app: Any) -> Rules:  # bot.app.App
        return cls(opening.plan_for(app.settings), app.settings.timezone, app.knowledge)

    def service(self, service_id: str) -> Any:
        return self.knowledge.get(service_id)

    def name(self, service_id: str) -> str:
        service = self.service(service_id)
        return service.name if service is not None else service_id

    def where(self, texts: Texts, service_id: str) -> str:
        service = self.service(service_id)
        if service is None:
            return ""
        return f"{texts.get(f'centres.{service.where.centre.value}')} {service.where.window}"


def new_token() -> str:
    """A confirmation's one-time token (kept in the dialog and in the confirm button)."""
    return secrets.token_urlsafe(12)


def normalise_code(raw: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKC", raw).upper() if ch.isalnum())[:CODE_LENGTH + 2]


def resource_of(kind: str, centre: str | None = None, grid_id: str | None = None) -> str:
    return f"home:{grid_id}" if kind == BookingKind.home else f"centre:{centre}"


async def community_of(uow: UnitOfWork, person: Person) -> str:
    """The person's community; with one community in the database, that one."""
    if person.community_id:
        return person.community_id
    ids = list((await uow.session.exec(select(Community.id).limit(2))).all())
    if len(ids) != 1:
        raise InvalidInput("booking.no_community")
    return ids[0]


# --- availability ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SlotView:
    slot: Slot
    capacity: int
    taken: int

    @property
    def left(self) -> int:
        return max(0, self.capacity - self.taken)


def capacity_of(plan: OpeningPlan, slot: Slot, *, kind: str, centre: str | None) -> int:
    if kind == BookingKind.home:
        return plan.home_visits.capacity_per_grid
    return opening.seats(plan, centre or "", slot)


async def day_slots(
    uow: UnitOfWork, rules: Rules, community_id: str, day: date, now: datetime,
    *, kind: str, centre: str | None = None, grid_id: str | None = None,
) -> list[SlotView]:
    """The slots of `day` still bookable at `now`, with the seats taken so far."""
    plan, timezone = rules.plan, rules.timezone
    home = kind == BookingKind.home
    slots = opening.home_slots_on(plan, day, timezone) if home else opening.slots_on(plan, day, timezone)
    slots = [s for s in slots if opening.check_start(plan, s.start, now, timezone) is None]
    if not slots:
        return []
    resource = resource_of(kind, centre, grid_id)
    query = select(BookingSlot).where(
        BookingSlot.community_id == community_id,
        BookingSlot.resource == resource,
        col(BookingSlot.starts_at) >= slots[0].start,
        col(BookingSlot.starts_at) <= slots[-1].start,
    )
    taken = {row.starts_at: row for row in (await uow.session.exec(query)).all()}
    views = []
    for slot in slots:
        row = taken.get(slot.start.astimezone(UTC))
        capacity = row.capacity if row else capacity_of(plan, slot, kind=kind, centre=centre)
        if capacity > 0:
            views.append(SlotView(slot, capacity, row.taken if row else 0))
    return views


async def open_days(
    uow: UnitOfWork, rules: Rules, community_id: str, now: datetime,
    *, kind: str, centre: str | None = None, grid_id: str | None = None,
) -> list[tuple[date, int]]:
    """The days up to the horizon that have slots, with the seats left on each (0: full, may wait)."""
    plan, timezone = rules.plan, rules.timezone
    days = []
    for day in opening.open_days(plan, now, timezone, home=kind == BookingKind.home):
        views = await day_slots(uow, rules, community_id, day, now, kind=kind, centre=centre, grid_id=grid_id)
        if views:
            days.append((day, sum(v.left for v in views)))
    return days


# --- seats ---------------------------------------------------------------------------------


async def _slot_row(uow: UnitOfWork, community_id: str, resource: str, slot: Slot, capacity: int) -> int:
    """The id of the slot's counter row, created (with the plan's capacity) on first use."""
    table = BookingSlot.__table__  # type: ignore[attr-defined]
    start = slot.start.astimezone(UTC)
    await uow.session.exec(  # type: ignore[call-overload]
        insert(uow.session, table)
        .values(community_id=community_id, resource=resource, starts_at=start, ends_at=slot.end.astimezone(UTC),
                capacity=capacity, taken=0)
        .on_conflict_do_nothing(index_elements=["community_id", "resource", "starts_at"])
    )
    query = select(BookingSlot.id).where(
        BookingSlot.community_id == community_id, BookingSlot.resource == resource, BookingSlot.starts_at == start
    )
    return int((await uow.session.exec(query)).one())


async def _take_seat(uow: UnitOfWork, slot_id: int) -> bool:
    """Take one seat of the slot, or nothing when it is full: the database decides, not Python."""
    result = await uow.session.exec(  # type: ignore[call-overload]
        update(BookingSlot)
        .where(col(BookingSlot.id) == slot_id, col(BookingSlot.taken) < col(BookingSlot.capacity))
        .values(taken=col(BookingSlot.taken) + 1)
    )
    return result.rowcount == 1


async def _release_seat(uow: UnitOfWork, rules: Rules, slot_id: int) -> None:
    """A seat is freed: offered to the first on the waiting list (held for them), else given back."""
    plan = rules.plan
    now = uow.clock.now()
    slot = await uow.session.get(BookingSlot, slot_id)
    waiters = (
        await uow.session.exec(
            select(BookingWait)
            .where(BookingWait.slot_id == slot_id, BookingWait.status == "waiting")
            .order_by(col(BookingWait.id))
        )
    ).all()
    if slot is not None and slot.starts_at > now + timedelta(minutes=plan.min_notice_minutes):
        for wait in waiters:
            offered = await uow.session.exec(  # type: ignore[call-overload]
                update(BookingWait)
                .where(col(BookingWait.id) == wait.id, col(BookingWait.status) == "waiting")
                .values(status="offered", offered_until=now + timedelta(minutes=plan.waitlist_offer_minutes))
            )
            if offered.rowcount != 1:
                continue
            person = await uow.session.get(Person, wait.person_id)
            if person is not None:
                _push_offer(uow, person, wait, slot, rules)
            return
    await uow.session.exec(  # type: ignore[call-overload]
        update(BookingSlot)
        .where(col(BookingSlot.id) == slot_id, col(BookingSlot.taken) > 0)
        .values(taken=col(BookingSlot.taken) - 1)
    )


# --- booking -------------------------------------------------------------------------------


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


async def by_token(uow: UnitOfWork, person: Person, token: str) -> Booking | None:
    booking = (await uow.session.exec(select(Booking).where(Booking.token == token))).first()
    return booking if booking is not None and booking.person_id == person.id else None


async def open_count(uow: UnitOfWork, person: Person, now: datetime) -> int:
    query = select(func.count()).select_from(Booking).where(
        Booking.person_id == person.id, col(Booking.status).in_(ACTIVE), col(Booking.ends_at) > now
    )
    return int((await uow.session.exec(query)).one())


async def _new_code(uow: UnitOfWork) -> str:
    for _ in range(10):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if (await uow.session.exec(select(Booking.id).where(Booking.code == code))).first() is None:
            return code
    raise RuntimeError("no free booking code after 10 tries")  # 32**6 codes: practically impossible


async def book(uow: UnitOfWork, rules: Rules, person: Person, request: Request) -> Booked | Full:
    """Book a seat for `person`; commits. The same token twice gives the same booking."""
    plan, timezone = rules.plan, rules.timezone
    existing = await by_token(uow, person, request.token)
    if existing is not None:
        return Booked(existing, again=True)
    now = uow.clock.now()
    community_id = await community_of(uow, person)
    home = request.kind == BookingKind.home
    slot = opening.find_slot(plan, request.start, timezone, home=home)
    if slot is None:
        raise InvalidInput("booking.no_such_slot")
    problem = opening.check_start(plan, slot.start, now, timezone)
    if problem:
        raise InvalidInput(problem, days=plan.horizon_days, minutes=plan.min_notice_minutes)
    if await open_count(uow, person, now) >= plan.max_open_bookings:
        raise InvalidInput("booking.too_many", limit=plan.max_open_bookings)
    same_time = select(Booking.id).where(
        Booking.person_id == person.id, col(Booking.status).in_(ACTIVE), Booking.starts_at == slot.start.astimezone(UTC)
    )
    if (await uow.session.exec(same_time)).first() is not None:
        raise InvalidInput("booking.same_time")
    grid_id = address = None
    if home:
        grid_id, address = await home_of(uow, person)
    capacity = capacity_of(plan, slot, kind=request.kind, centre=request.centre)
    if capacity <= 0:
        raise InvalidInput("booking.no_such_slot")
    resource = resource_of(request.kind, request.centre, grid_id)
    slot_id = await _slot_row(uow, community_id, resource, slot, capacity)
    booking = Booking(
        code=await _new_code(uow),
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
            if not await _take_seat(uow, slot_id):
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
        await _tell_grid(uow, rules, booking, person, "booking.visit_task")
    await uow.commit()
    return Booked(booking)


async def home_of(uow: UnitOfWork, person: Person) -> tuple[str, str]:
    from bot.services import org

    if not person.has_address or not person.community_id or not person.building:
        raise InvalidInput("booking.address_needed")
    grid = await org.grid_of_building(uow, person.community_id, person.building)
    if grid is None:
        raise InvalidInput("booking.no_grid")
    community = await uow.session.get(Community, person.community_id)
    parts = [community.name if community else "", person.building, person.unit or "", person.room or ""]
    return grid.id, " ".join(p for p in parts if p)


async def _visit_handlers(uow: UnitOfWork, booking: Booking) -> list[Person]:
    """The grid managers of the booking's grid; the community's staff when the grid has none."""
    managers = await roles.holders(uow, Role.grid_manager, grid_id=booking.grid_id)
    if managers:
        return managers
    return await roles.holders(uow, Role.staff, community_id=booking.community_id)


async def _tell_grid(uow: UnitOfWork, rules: Rules, booking: Booking, resident: Person, key: str) -> int:
    timezone = rules.timezone
    people = await _visit_handlers(uow, booking)
    grid = await uow.session.get(Grid, booking.grid_id) if booking.grid_id else None
    for member in people:
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
                    who=resident_label(resident),
                    phone=resident.phone or texts.get("booking.no_phone"),
                    reason=texts.get(f"booking.reason.{booking.reason or 'other'}"),
                    grid=grid.name if grid else "",
                ),
                rows(
                    Button(texts.get("booking.visit_confirm_button"), f"bk:hvok:{booking.id}"),
                    Button(texts.get("booking.visit_other_time_button"), f"bk:hvalt:{booking.id}"),
                    per_row=2,
                ),
            ),
            kind="booking",
        )
    return len(people)


def resident_label(person: Person) -> str:
    if person.name:
        return person.name[0] + "*" * (len(person.name) - 1)
    return f"居民{person.id}"


# --- the resident's own bookings ------------------------------------------------------------


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


def _changeable(plan: OpeningPlan, booking: Booking, now: datetime, timezone: str) -> None:
    if booking.status != BookingStatus.booked:
        raise InvalidInput("booking.not_active", code=booking.code)
    if not opening.can_change(plan, booking.starts_at, now):
        deadline = opening.change_deadline(plan, booking.starts_at)
        raise InvalidInput("booking.past_cutoff", code=booking.code, deadline=clock_text(deadline, timezone))


async def check_changeable(uow: UnitOfWork, rules: Rules, person: Person, code: str) -> Booking:
    plan, timezone = rules.plan, rules.timezone
    booking = await own(uow, person, code)
    _changeable(plan, booking, uow.clock.now(), timezone)
    return booking


async def cancel(uow: UnitOfWork, rules: Rules, person: Person, code: str) -> Booking:
    """The resident cancels their booking before the cut-off; the seat goes to the waiting list."""
    plan, timezone = rules.plan, rules.timezone
    booking = await own(uow, person, code)
    _changeable(plan, booking, uow.clock.now(), timezone)
    _mark_cancelled(uow, booking, person, None)
    await _release_seat(uow, rules, booking.slot_id)
    if booking.kind == BookingKind.home:
        await _tell_handlers_cancelled(uow, rules, booking)
    await uow.commit()
    return booking


def _mark_cancelled(uow: UnitOfWork, booking: Booking, by: Person, reason: str | None) -> None:
    booking.status = BookingStatus.cancelled
    booking.cancelled_by = by.id
    booking.cancel_reason = reason[:200] if reason else None
    booking.updated_at = uow.clock.now()


async def _tell_handlers_cancelled(uow: UnitOfWork, rules: Rules, booking: Booking) -> None:
    timezone = rules.timezone
    for member in await _visit_handlers(uow, booking):
        texts = Texts(member.language)
        outbox.push(
            uow, member,
            Reply(texts.get("booking.visit_cancelled_task", code=booking.code, service=rules.name(booking.service_id),
                            when=when_text(texts, booking.starts_at, timezone, end=booking.ends_at))),
            kind="booking",
        )


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
    _changeable(plan, booking, now, timezone)
    home = booking.kind == BookingKind.home
    slot = opening.find_slot(plan, start, timezone, home=home)
    if slot is None:
        raise InvalidInput("booking.no_such_slot")
    problem = opening.check_start(plan, slot.start, now, timezone)
    if problem:
        raise InvalidInput(problem, days=plan.horizon_days, minutes=plan.min_notice_minutes)
    if slot.start.astimezone(UTC) == booking.starts_at:
        raise InvalidInput("booking.same_slot")
    old_slot = await uow.session.get(BookingSlot, booking.slot_id)
    assert old_slot is not None
    capacity = capacity_of(plan, slot, kind=booking.kind, centre=centre)
    if capacity <= 0:
        raise InvalidInput("booking.no_such_slot")
    slot_id = await _slot_row(uow, booking.community_id, old_slot.resource, slot, capacity)
    if not await _take_seat(uow, slot_id):
        await uow.commit()
        return Full(slot_id)
    await _release_seat(uow, rules, booking.slot_id)
    booking.slot_id = slot_id
    booking.starts_at = slot.start
    booking.ends_at = slot.end
    booking.token = token  # a repeated "确认" now finds this booking
    booking.updated_at = now
    await uow.session.exec(delete(BookingReminder).where(col(BookingReminder.booking_id) == booking.id))  # type: ignore[call-overload]
    if home:
        booking.visit_status = VisitStatus.requested
        await _tell_grid(uow, rules, booking, person, "booking.visit_moved_task")
    await uow.commit()
    return Booked(booking)


# --- waiting list -----------------------------------------------------------------------------


async def slot_id_at(
    uow: UnitOfWork, rules: Rules, person: Person, start: datetime,
    *, kind: str, centre: str | None = None, grid_id: str | None = None,
) -> int:
    """The counter row of a full slot the person wants to wait for."""
    community_id = await community_of(uow, person)
    slot = opening.find_slot(rules.plan, start, rules.timezone, home=kind == BookingKind.home)
    if slot is None or opening.check_start(rules.plan, slot.start, uow.clock.now(), rules.timezone):
        raise InvalidInput("booking.no_such_slot")
    capacity = capacity_of(rules.plan, slot, kind=kind, centre=centre)
    return await _slot_row(uow, community_id, resource_of(kind, centre, grid_id), slot, capacity)


async def join_waitlist(uow: UnitOfWork, person: Person, slot_id: int, service_id: str) -> int:
    """Wait for a full slot; returns the place in line (1 = next). Waiting twice keeps the first place."""
    slot = await uow.session.get(BookingSlot, slot_id)
    now = uow.clock.now()
    if slot is None or slot.starts_at <= now:
        raise InvalidInput("booking.no_such_slot")
    if slot.taken < slot.capacity:
        raise InvalidInput("booking.not_full")
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
        await uow.session.flush()
    ahead = select(func.count()).select_from(BookingWait).where(
        BookingWait.slot_id == slot_id, BookingWait.status == "waiting", col(BookingWait.id) < mine_.id
    )
    place = int((await uow.session.exec(ahead)).one()) + 1
    await uow.commit()
    return place


def _push_offer(uow: UnitOfWork, person: Person, wait: BookingWait, slot: BookingSlot, rules: Rules) -> None:
    plan, timezone = rules.plan, rules.timezone
    texts = Texts(person.language)
    outbox.push(
        uow,
        person,
        Reply(
            texts.get(
                "booking.offer",
                service=rules.name(wait.service_id),
                when=when_text(texts, slot.starts_at, timezone),
                minutes=plan.waitlist_offer_minutes,
            ),
            rows(
                Button(texts.get("booking.offer_take"), f"bk:take:{wait.id}"),
                Button(texts.get("booking.offer_skip"), f"bk:skip:{wait.id}"),
                per_row=2,
            ),
        ),
        kind="booking",
        urgent=True,  # it is held for a short time
    )


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
    taken = await uow.session.exec(  # type: ignore[call-overload]
        update(BookingWait).where(col(BookingWait.id) == wait_id, col(BookingWait.status) == "offered").values(status="taken")
    )
    if taken.rowcount != 1:
        raise InvalidInput("booking.offer_expired")
    kind, _, rest = slot.resource.partition(":")
    booking = Booking(
        code=await _new_code(uow),
        token=token,
        person_id=person.id,  # type: ignore[arg-type]
        community_id=slot.community_id,
        kind=BookingKind.home if kind == "home" else BookingKind.centre,
        service_id=wait.service_id,
        slot_id=slot.id,  # type: ignore[arg-type]
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        grid_id=rest if kind == "home" else None,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(booking)  # the seat was held for this offer: the counter already counts it
    await uow.commit()
    return Booked(booking)


async def skip_offer(uow: UnitOfWork, rules: Rules, person: Person, wait_id: int) -> None:
    wait = await uow.session.get(BookingWait, wait_id)
    if wait is None or wait.person_id != person.id:
        raise NotFound("booking.no_such_offer")
    if wait.status != "offered":
        raise InvalidInput("booking.offer_expired")
    wait.status = "cancelled"
    await uow.session.flush()
    await _release_seat(uow, rules, wait.slot_id)
    await uow.commit()


async def expire_offers(uow: UnitOfWork, rules: Rules, now: datetime) -> int:
    """Offers not taken in time: the held seat goes to the next in line, or back to everyone."""
    query = select(BookingWait).where(BookingWait.status == "offered", col(BookingWait.offered_until) <= now)
    expired = 0
    for wait in (await uow.session.exec(query)).all():
        done = await uow.session.exec(  # type: ignore[call-overload]
            update(BookingWait)
            .where(col(BookingWait.id) == wait.id, col(BookingWait.status) == "offered")
            .values(status="expired")
        )
        if done.rowcount == 1:
            await _release_seat(uow, rules, wait.slot_id)
            expired += 1
    if expired:
        await uow.commit()
    return expired


# --- staff -----------------------------------------------------------------------------------


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


async def mark(uow: UnitOfWork, staff: Person, booking_id: int, status: str) -> Booking:
    """Arrived or no-show, on the day (not before it starts)."""
    if status not in (BookingStatus.arrived, BookingStatus.no_show):
        raise InvalidInput("booking.bad_status")
    booking = await for_staff(uow, staff, booking_id)
    if booking.status not in (BookingStatus.booked, BookingStatus.arrived, BookingStatus.no_show):
        raise InvalidInput("booking.not_active", code=booking.code)
    if status == BookingStatus.no_show and uow.clock.now() < booking.starts_at:
        raise InvalidInput("booking.too_early_for_no_show")
    booking.status = status
    booking.handled_by = staff.id
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
    _mark_cancelled(uow, booking, staff, reason)
    await _release_seat(uow, rules, booking.slot_id)
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


# --- home visits: the grid manager's answer -------------------------------------------------------


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
    slot = opening.find_slot(plan, start, timezone, home=True)
    if slot is None:
        raise InvalidInput("booking.no_such_slot")
    problem = opening.check_start(plan, slot.start, now, timezone)
    if problem:
        raise InvalidInput(problem, days=plan.horizon_days, minutes=plan.min_notice_minutes)
    if slot.start.astimezone(UTC) == booking.starts_at:
        raise InvalidInput("booking.same_slot")
    old = await uow.session.get(BookingSlot, booking.slot_id)
    assert old is not None
    slot_id = await _slot_row(uow, booking.community_id, old.resource, slot, plan.home_visits.capacity_per_grid)
    if not await _take_seat(uow, slot_id):
        raise Conflict("booking.full_for_proposal")
    await _release_seat(uow, rules, booking.slot_id)
    booking.slot_id, booking.starts_at, booking.ends_at = slot_id, slot.start, slot.end
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


# --- reminders (the scheduler's tick) -----------------------------------------------------------------


async def due_reminders(uow: UnitOfWork, rules: Rules, now: datetime) -> int:
    """Queue the reminders due at `now`: the evening before and one hour before; each at most once.

    A reminder is due from its time until the booking starts (the day-before
    one until the hour-before one takes over); a booking made after a
    reminder's time does not get that reminder. Home visits are reminded once
    confirmed.
    """
    plan, timezone = rules.plan, rules.timezone
    query = select(Booking, Person).join(Person, col(Person.id) == col(Booking.person_id)).where(
        col(Booking.status).in_(ACTIVE), col(Booking.starts_at) > now, col(Booking.starts_at) <= now + timedelta(days=2)
    )
    sent = 0
    for booking, person in (await uow.session.exec(query)).all():
        if booking.kind == BookingKind.home and booking.visit_status != VisitStatus.confirmed:
            continue
        times = opening.reminder_times(plan, booking.starts_at, timezone)
        for kind, at in times.items():
            until = times["hour_before"] if kind == "day_before" else booking.starts_at
            if not (at <= now < until) or booking.created_at >= at:
                continue
            table = BookingReminder.__table__  # type: ignore[attr-defined]
            written = await uow.session.exec(  # type: ignore[call-overload]
                insert(uow.session, table)
                .values(booking_id=booking.id, kind=kind, sent_at=now)
                .on_conflict_do_nothing(index_elements=["booking_id", "kind"])
                .returning(table.c.id)
            )
            if written.first() is None:
                continue
            texts = Texts(person.language)
            outbox.push(
                uow, person,
                Reply(
                    texts.get(f"booking.reminder_{kind}", code=booking.code, service=rules.name(booking.service_id),
                              when=when_text(texts, booking.starts_at, timezone),
                              where=booking.address or rules.where(texts, booking.service_id)),
                    rows(Button(texts.get("booking.mine_button"), "bk:mine")),
                ),
                kind="booking_reminder",
                urgent=kind == "hour_before",  # an hour before, quiet hours would make it useless
            )
            sent += 1
    if sent:
        await uow.commit()
    return sent


async def tick(db: Database, rules: Rules, now: datetime) -> int:
    """What the scheduler runs every few minutes: expire waiting-list offers, send due reminders."""
    async with db.uow() as uow:  # one unit of work: on SQLite, one short hold of the writer lock per tick
        expired = await expire_offers(uow, rules, now)
        reminded = await due_reminders(uow, rules, now)
    return expired + reminded


# --- presentation helpers shared by handlers and pushes ------------------------------------------------


def clock_text(when: datetime, timezone: str) -> str:
    local = when.astimezone(ZoneInfo(timezone))
    return f"{local.month}-{local.day} {local:%H:%M}"


def day_text(texts: Texts, day: date) -> str:
    weekday = texts.get("booking.weekdays").split(",")[day.weekday()]
    return texts.get("booking.day", month=day.month, day=day.day, weekday=weekday)


def when_text(texts: Texts, start: datetime, timezone: str, *, end: datetime | None = None) -> str:
    local = start.astimezone(ZoneInfo(timezone))
    text = f"{day_text(texts, local.date())} {local:%H:%M}"
    if end is not None:
        text += f"-{end.astimezone(ZoneInfo(timezone)):%H:%M}"
    return text


def calendar(booking: Booking, *, title: str, location: str, description: str, now: datetime) -> Document:
    """The booking as an iCalendar (.ics) file, with an alarm an hour before."""

    def stamp(value: datetime) -> str:
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//resident-bot//booking//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{booking.code}-{booking.id}@resident-bot",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(booking.starts_at)}",
        f"DTEND:{stamp(booking.ends_at)}",
        f"SUMMARY:{escape(title)}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}",
        "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT1H", f"DESCRIPTION:{escape(title)}", "END:VALARM",
        "END:VEVENT", "END:VCALENDAR",
    ]
    body = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    return Document(f"booking-{booking.code}.ics", "text/calendar", body.encode("utf-8"))


def _fold(line: str, limit: int = 75) -> str:
    """RFC 5545 folding: lines of at most 75 octets, continued with a leading space; never splits a character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 1, 75  # the continuation's leading space counts
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
