"""A holiday named while booking (预约办居住证 元旦, 五一那天): read as its day, and said to be closed with the nearest open days.

The days are the opening plan's (see bot/services/booking/holidays.py); the
centre is closed on them, so the resident hears that at once, with the last
open day before and the first after, rather than a list with the day missing.
"""

from __future__ import annotations

from datetime import date

from bot.core.context import Context
from bot.core.when import Said, read
from bot.services import booking
from handlers.booking.basics import rules_of, today_of


def said_with_holiday(ctx: Context, text: str) -> Said:
    """What the words say of when, a holiday named (元旦) read as its first day still to come."""
    said = read(text, today_of(ctx))
    if said.day is not None:
        return said
    named = booking.holiday_named(rules_of(ctx).plan, text, today_of(ctx))
    if named is None or named.first is None:
        return said
    return Said(named.first, said.at, said.part)


def holiday_not_planned(ctx: Context, text: str) -> str | None:
    """The note for a holiday named that the plan has no days to come for (元旦 in December), else None."""
    if not text or read(text, today_of(ctx)).day is not None:
        return None
    named = booking.holiday_named(rules_of(ctx).plan, text, today_of(ctx))
    return ctx.t("booking.holiday_not_planned", holiday=named.name) if named and named.first is None else None


async def nearest_open(ctx: Context, day: date) -> str:
    """The open days nearest a closed one, the last before and the first after, as the day list shows them ("" if none)."""
    data = ctx.dialog.data
    community_id = await booking.community_of(ctx.uow, ctx.person)
    days = await booking.open_days(ctx.uow, rules_of(ctx), community_id, ctx.now, kind=data["kind"],
                                   centre=data.get("centre"), grid_id=data.get("grid_id"))
    before = [d for d, left in days if d < day and left]
    after = [d for d, left in days if d > day and left]
    nearest = ([before[-1]] if before else []) + ([after[0]] if after else [])
    if not nearest:
        return ""
    return ctx.t("booking.holiday_nearest", days="、".join(booking.day_text(ctx.texts, d) for d in nearest))
