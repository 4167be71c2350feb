"""What a day with nothing to book says: closed, no visits that day, not this service's day, too late today, or full.

The one line 中心不开放或已没有可约的时段 covered all of these: told it of a
Saturday whose morning the hall is open, an elderly resident could not tell
whether to come anyway. Each reason is said as the plan gives it
(bot/services/booking/day_closed.py), with the nearest days that can be booked.
"""

from __future__ import annotations

from datetime import date

from bot.core.context import Context
from bot.services import booking
from handlers.booking.basics import rules_of
from handlers.booking.holiday_words import nearest_open


async def no_slots_note(ctx: Context, day: date) -> str:
    """Why `day` (within the horizon, no holiday) has no slot to book, and the nearest days that have."""
    data, rules = ctx.dialog.data, rules_of(ctx)
    found = booking.why_no_slots(rules, day, ctx.now, kind=data["kind"], centre=data.get("centre"))
    shown, hours = booking.day_text(ctx.texts, day), "、".join(found.hours)
    lines = [_reason(ctx, found, shown, hours)]
    if found.why == "no_visits" and hours:  # the centre itself is open that day: coming in is still possible
        lines.append(ctx.t("booking.day_no_visits_centre_open", hours=hours))
    lines.append(await nearest_open(ctx, day))
    return "\n".join(filter(None, lines))


async def full_note(ctx: Context, day: date) -> str:
    """A day whose every slot is taken: say so above its slots (they can still be waited for), with the nearest days."""
    return "\n".join(filter(None, [ctx.t("booking.day_all_full", day=booking.day_text(ctx.texts, day)),
                                   await nearest_open(ctx, day)]))


def _reason(ctx: Context, found: booking.NoSlots, shown: str, hours: str) -> str:
    rules = rules_of(ctx)
    if found.why == "closed":
        return ctx.t("booking.day_rest", day=shown)
    if found.why == "no_visits":
        return ctx.t("booking.day_no_visits", day=shown, days=_weekdays(ctx, found.visit_days))
    if found.why == "not_this_centre":
        return ctx.t("booking.day_not_this_centre", day=shown, hours=hours, service=rules.name(ctx.dialog.data["service_id"]))
    if found.why == "walk_in":
        return ctx.t("booking.day_walk_in", minutes=rules.plan.min_notice_minutes, until=found.until)
    return ctx.t("booking.day_over", day=shown)


def _weekdays(ctx: Context, days: tuple[int, ...]) -> str:
    """周一至周五 for a run of weekdays, else 周一、周三、周五."""
    names = ctx.t("booking.weekdays").split(",")
    if len(days) >= 3 and list(days) == list(range(days[0], days[-1] + 1)):
        return ctx.t("booking.weekday_range", first=names[days[0]], last=names[days[-1]])
    return "、".join(names[d] for d in days)
