"""Why a day has no slot to book, as the plan gives it: closed, no visits that day, not this centre's day, or too late.

`明天` for a Saturday was told 中心不开放或已没有可约的时段 while the hall is
open on Saturday mornings (错时延时): the resident could not tell whether to
come anyway. Each reason is its own answer; a holiday is said elsewhere
(handlers/booking/holiday_words.py), and a full day still lists its slots to
wait for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.models.booking import BookingKind
from bot.services import opening
from bot.services.booking.rules import Rules
from bot.services.booking.seats import capacity_of


@dataclass(frozen=True)
class NoSlots:
    """Why `day` offers nothing to book.

    `why` is one of: "closed" (the centre is shut that day), "no_visits"
    (home visits are not made that day), "not_this_centre" (the centre is
    open, but only hours nobody of this service's centre keeps: the hall's
    错时延时), "walk_in" (today: too late to book, still open until `until`),
    "over" (today: closed for the day). `hours` are the centre's hours that
    day ("09:00-12:00"), `visit_days` the weekdays visits are made (0 = Monday).
    """

    why: str
    hours: tuple[str, ...] = ()
    until: str = ""
    visit_days: tuple[int, ...] = ()


def why_no_slots(rules: Rules, day: date, now: datetime, *, kind: str, centre: str | None) -> NoSlots:
    """The reason `day` has no slot that can be booked at `now` (the day is within the horizon and no holiday)."""
    plan, timezone = rules.plan, rules.timezone
    info = opening.day_info(plan, day)
    own = [  # the centre's own slots that day: its staff are there
        s for s in opening.slots_on(plan, day, timezone)
        if capacity_of(plan, s, kind=BookingKind.centre.value, centre=centre) > 0
    ]
    if kind == BookingKind.home:
        if not opening.home_slots_on(plan, day, timezone):  # hours: the centre's, if the resident can come instead
            return NoSlots("no_visits", _ranges(own, timezone), visit_days=_visit_days(plan))
        return NoSlots("over")  # today's half-days have begun or are too near
    if not info.periods:
        return NoSlots("closed")
    if not own:
        return NoSlots("not_this_centre", tuple(f"{p.start:%H:%M}-{p.end:%H:%M}" for p in info.periods))
    closing = max(s.end for s in own)
    if now < closing:  # today, too near to book: the centre is still open, and may be come to
        return NoSlots("walk_in", _ranges(own, timezone), until=f"{closing.astimezone(ZoneInfo(timezone)):%H:%M}")
    return NoSlots("over", _ranges(own, timezone))


def _ranges(slots: list[opening.Slot], timezone: str) -> tuple[str, ...]:
    """Slots joined where one ends as the next begins: 09:00-12:00, 14:30-17:30."""
    zone = ZoneInfo(timezone)
    spans: list[list[datetime]] = []
    for slot in sorted(slots, key=lambda s: s.start):
        if spans and spans[-1][1] == slot.start:
            spans[-1][1] = slot.end
        else:
            spans.append([slot.start, slot.end])
    return tuple(f"{start.astimezone(zone):%H:%M}-{end.astimezone(zone):%H:%M}" for start, end in spans)


def _visit_days(plan: opening.OpeningPlan) -> tuple[int, ...]:
    return tuple(i for i, name in enumerate(opening.WEEKDAYS) if name in plan.home_visits.days)
