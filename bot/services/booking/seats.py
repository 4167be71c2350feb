"""Which slots are open and how many seats are left; taking and freeing a seat.

A seat is taken with one conditional UPDATE on the slot's counter row
(`taken = taken + 1 WHERE taken < capacity`): the database decides, not
Python. A freed seat is first held for the next on the waiting list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.upsert import insert
from bot.db.uow import UnitOfWork
from bot.models import BookingSlot, BookingWait, Person
from bot.models.booking import BookingKind
from bot.services import opening, outbox
from bot.services.booking.presentation import when_text
from bot.services.booking.rules import Rules, resource_of
from bot.services.errors import InvalidInput
from bot.services.opening import OpeningPlan, Slot
from bot.texts import Texts


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


def offered_slot(rules: Rules, start: datetime, *, kind: str, centre: str | None) -> Slot | None:
    """The plan's slot at `start`, if it has seats for this centre at all (None: no such slot, or a time
    its staff are not there, such as the health station's evening): a typed 19:30 is not offered then."""
    slot = opening.find_slot(rules.plan, start, rules.timezone, home=kind == BookingKind.home)
    if slot is None or capacity_of(rules.plan, slot, kind=kind, centre=centre) <= 0:
        return None
    return slot


def bookable_slot(rules: Rules, start: datetime, now: datetime, *, home: bool, leaving: datetime | None = None) -> Slot:
    """The plan's slot at `start`, refused as the resident would be told.

    Refused when the plan has no such slot, when it is too soon or beyond
    the horizon, and, for a move, when it is the slot being left (`leaving`).
    """
    plan, timezone = rules.plan, rules.timezone
    slot = opening.find_slot(plan, start, timezone, home=home)
    if slot is None:
        raise InvalidInput("booking.no_such_slot")
    problem = opening.check_start(plan, slot.start, now, timezone)
    if problem:
        raise InvalidInput(problem, days=plan.horizon_days, minutes=plan.min_notice_minutes)
    if leaving is not None and slot.start.astimezone(UTC) == leaving:
        raise InvalidInput("booking.same_slot")
    return slot


@dataclass(frozen=True)
class _PlannedSlot:
    slot: Slot
    utc_start: datetime  # how the slot's counter row is keyed
    capacity: int  # as the plan gives it, before any counter row exists


def _planned(rules: Rules, day: date, *, kind: str, centre: str | None) -> tuple[_PlannedSlot, ...]:
    """Every slot the plan has on `day`, with its capacity: computed once per plan and day.

    The plan is frozen, and the day list that opens every booking walks two
    weeks of slots; working each out afresh was most of that answer's cost.
    """
    plan, timezone = rules.plan, rules.timezone

    def compute() -> tuple[_PlannedSlot, ...]:
        home = kind == BookingKind.home
        slots = opening.home_slots_on(plan, day, timezone) if home else opening.slots_on(plan, day, timezone)
        return tuple(
            _PlannedSlot(slot, slot.start.astimezone(UTC), capacity_of(plan, slot, kind=kind, centre=centre))
            for slot in sorted(slots, key=lambda slot: slot.start)
        )

    return plan.remembered(("planned", day, timezone, kind, centre), compute)


def _bookable(rules: Rules, day: date, now: datetime, *, kind: str, centre: str | None) -> list[_PlannedSlot]:
    """The plan's slots on `day` that may still be booked at `now` (opening.check_start, for a whole day at once).

    A slot of `day` passes the day's own checks when the day does, so only
    the minimum notice is left to compare slot by slot.
    """
    plan, timezone = rules.plan, rules.timezone
    if opening.check_day(plan, day, now, timezone) is not None:
        return []
    earliest = now + timedelta(minutes=plan.min_notice_minutes)
    planned = _planned(rules, day, kind=kind, centre=centre)  # in order of start
    first = next((i for i, p in enumerate(planned) if p.slot.start > now and p.slot.start >= earliest), len(planned))
    return list(planned[first:])


@dataclass(frozen=True)
class _Counter:
    capacity: int
    taken: int


COUNTERS = (
    "SELECT starts_at, capacity, taken FROM booking_slots"
    " WHERE community_id = ? AND resource = ? AND starts_at >= ? AND starts_at <= ?"
)


async def _counters(
    uow: UnitOfWork, community_id: str, resource: str, first: datetime, last: datetime
) -> dict[datetime, _Counter]:
    """The seats taken in the slots starting from `first` to `last`, by start: one direct statement for any span.

    Every booking opens with the day list, so it is read without the ORM.
    """
    sql = await uow.direct()
    found = await sql.all(COUNTERS, community_id, resource, sql.time(first), sql.time(last))
    return {sql.read_time(start): _Counter(capacity, taken) for start, capacity, taken in found}  # type: ignore[misc]


def _views(planned: list[_PlannedSlot], counters: dict[datetime, _Counter]) -> list[SlotView]:
    views = []
    for slot in planned:
        row = counters.get(slot.utc_start)
        capacity = row.capacity if row else slot.capacity
        if capacity > 0:
            views.append(SlotView(slot.slot, capacity, row.taken if row else 0))
    return views


async def day_slots(
    uow: UnitOfWork, rules: Rules, community_id: str, day: date, now: datetime,
    *, kind: str, centre: str | None = None, grid_id: str | None = None,
) -> list[SlotView]:
    """The slots of `day` still bookable at `now`, with the seats taken so far."""
    slots = _bookable(rules, day, now, kind=kind, centre=centre)
    if not slots:
        return []
    counters = await _counters(uow, community_id, resource_of(kind, centre, grid_id), slots[0].slot.start, slots[-1].slot.start)
    return _views(slots, counters)


async def open_days(
    uow: UnitOfWork, rules: Rules, community_id: str, now: datetime,
    *, kind: str, centre: str | None = None, grid_id: str | None = None,
) -> list[tuple[date, int]]:
    """The days up to the horizon that have slots, with the seats left on each (0: full, may wait).

    One query for the whole horizon: the day list opens every booking, and a
    query per day made it the slowest answer the bot gave.
    """
    today = opening.local_today(now, rules.timezone)
    horizon = [today + timedelta(days=offset) for offset in range(rules.plan.horizon_days + 1)]
    candidates = [(day, _bookable(rules, day, now, kind=kind, centre=centre)) for day in horizon]
    candidates = [(day, slots) for day, slots in candidates if slots]
    if not candidates:
        return []
    first, last = candidates[0][1][0].slot.start, candidates[-1][1][-1].slot.start
    counters = await _counters(uow, community_id, resource_of(kind, centre, grid_id), first, last)
    days = []
    for day, slots in candidates:
        views = _views(slots, counters)
        if views:
            days.append((day, sum(v.left for v in views)))
    return days


async def slot_row(uow: UnitOfWork, community_id: str, resource: str, slot: Slot, capacity: int) -> int:
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


async def take_seat(uow: UnitOfWork, slot_id: int) -> bool:
    """Take one seat of the slot, or nothing when it is full: the database decides, not Python."""
    result = await uow.session.exec(  # type: ignore[call-overload]
        update(BookingSlot)
        .where(col(BookingSlot.id) == slot_id, col(BookingSlot.taken) < col(BookingSlot.capacity))
        .values(taken=col(BookingSlot.taken) + 1)
    )
    return result.rowcount == 1


async def release_seat(uow: UnitOfWork, rules: Rules, slot_id: int) -> None:
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
                push_offer(uow, person, wait, slot, rules)
            return
    await uow.session.exec(  # type: ignore[call-overload]
        update(BookingSlot)
        .where(col(BookingSlot.id) == slot_id, col(BookingSlot.taken) > 0)
        .values(taken=col(BookingSlot.taken) - 1)
    )


def push_offer(uow: UnitOfWork, person: Person, wait: BookingWait, slot: BookingSlot, rules: Rules) -> None:
    plan, timezone = rules.plan, rules.timezone
    texts = Texts(person.language)
    outbox.push(
        uow,
        person,
        Reply(
            texts.get(
                "booking.offer_visit" if slot.resource.startswith("home:") else "booking.offer",
                service=rules.name(wait.service_id),
                when=when_text(texts, slot.starts_at, timezone, end=slot.ends_at),
                minutes=plan.waitlist_offer_minutes,
            )
            + ("\n" + texts.get("booking.visit_address_line", address=wait.address) if wait.address else ""),
            rows(
                Button(texts.get("booking.offer_take"), f"bk:take:{wait.id}"),
                Button(texts.get("booking.offer_skip"), f"bk:skip:{wait.id}"),
                per_row=2,
            ),
        ),
        kind="booking",
        urgent=True,  # it is held for a short time
    )
