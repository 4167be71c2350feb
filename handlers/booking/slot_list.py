"""A day's slots to choose from (all of them, a part of the day's, or those nearest a time typed), and a typed time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.when import in_part
from bot.models.booking import BookingKind
from bot.services import booking, opening
from handlers.booking.basics import rules_of, zone_of
from handlers.booking.confirmation import ask_confirm
from handlers.booking.dates import stamp
from handlers.booking.day_list import pick_day
from handlers.booking.holiday_words import nearest_open
from handlers.booking.no_slots import full_note, no_slots_note


async def pick_slot(
    ctx: Context, day: date, note: str | None = None, *, part: str | None = None, near: time | None = None
) -> Reply:
    """The slots of a day; only a part of the day's (明儿上午), or those nearest a time no slot starts at (九点一刻).

    Narrowed, a button shows the whole day. A part or a time with no slot
    that day (晚上 on a Monday, 07:00) says so above the whole day's slots.
    """
    data = ctx.dialog.data
    rules = rules_of(ctx)
    timezone = zone_of(ctx)
    problem = opening.check_day(rules.plan, day, ctx.now, timezone)
    if problem:
        return await pick_day(ctx, ctx.t(problem, days=rules.plan.horizon_days))
    info = opening.day_info(rules.plan, day)
    if info.holiday:  # closed: said so, with the nearest days still open
        closed = ctx.t("booking.day_holiday", day=booking.day_text(ctx.texts, day), holiday=info.holiday)
        return await pick_day(ctx, "\n".join(filter(None, [note, closed, await nearest_open(ctx, day)])))
    kind = data["kind"]
    community_id = await booking.community_of(ctx.uow, ctx.person)
    views = await booking.day_slots(
        ctx.uow, rules, community_id, day, ctx.now, kind=kind, centre=data.get("centre"), grid_id=data.get("grid_id")
    )
    if not views:  # closed, no visits, not this centre's day, or too late today: said which
        return await pick_day(ctx, "\n".join(filter(None, [note, await no_slots_note(ctx, day)])))
    if not any(view.left for view in views):  # full: its slots can be waited for, and the nearest days are said
        note = "\n".join(filter(None, [note, await full_note(ctx, day)]))
    views, found, said = _narrowed(ctx, views, day, part=part, near=near)
    if part and said and len(views) == 1 and views[0].left:  # 上午 where one half-day fits: chosen, not a list of one
        return await ask_confirm(ctx, views[0].slot.start)
    buttons = []
    for view in views:
        start = view.slot.start
        label = f"{start:%H:%M}-{view.slot.end:%H:%M}" if kind == BookingKind.home else f"{start:%H:%M}"
        if view.slot.extended:
            label += ctx.t("booking.extended_mark")
        if view.left:
            buttons.append(Button(ctx.t("booking.slot_left", time=label, left=view.left), f"bk:slot:{stamp(start, timezone)}"))
        else:
            buttons.append(Button(ctx.t("booking.slot_full", time=label), f"bk:wait:{stamp(start, timezone)}"))
    ctx.dialog.goto("slot", day=f"{day:%Y%m%d}")
    lines = [*filter(None, [note, found]), ctx.t("booking.pick_slot", day=booking.day_text(ctx.texts, day) + (said or ""))]
    if info.make_up:
        lines.append(ctx.t("booking.make_up_note", name=info.make_up))
    if any(v.slot.extended for v in views):
        lines.append(ctx.t("booking.extended_note"))
    others = [Button(ctx.t("booking.whole_day"), f"bk:day:{day:%Y%m%d}")] if said is not None else []
    return Reply(
        "\n".join(lines),
        rows(*buttons, *others, Button(ctx.t("booking.other_day"), "bk:days"), per_row=3 if kind != BookingKind.home else 1),
    )


def _narrowed(
    ctx: Context, views: list[booking.SlotView], day: date, *, part: str | None, near: time | None
) -> tuple[list[booking.SlotView], str | None, str | None]:
    """The slots to show, a note on what was (not) found, and the words for the title: None when not narrowed.

    Narrowed to a part of the day the title says it (上午); to the nearest
    slots it says nothing more ("").

    A time no slot starts at shows the slots nearest it, saying so; a part of
    the day shows that part's slots. Found nowhere, the whole day, saying so.
    """
    zone = ZoneInfo(zone_of(ctx))
    if near is not None:
        within = [v for v in views if _is_near(v, near, zone)]
        key = "booking.typed_time_near" if within else "booking.typed_time_not_open"
        return (within or views), ctx.t(key, time=f"{near:%H:%M}"), "" if within else None
    if not part:
        return views, None, None
    said = ctx.t(f"booking.part.{part}")
    within = [v for v in views if in_part(v.slot.start.astimezone(zone).time(), part)]
    if within:
        return within, None, said
    return views, ctx.t("booking.part_none", day=booking.day_text(ctx.texts, day), part=said), None


def _is_near(view: booking.SlotView, at: time, zone: ZoneInfo) -> bool:
    """Whether a slot is nearest a time: the slot the time falls in, or one starting at most a slot's length after it.

    九点一刻 (09:15) offers 09:00 and 09:30, 两点四十五 14:30 and 15:00, 8点
    the first slot at 08:30; 12:30 in the lunch break is near none.
    """
    start, end = view.slot.start.astimezone(zone), view.slot.end.astimezone(zone)
    said = datetime.combine(start.date(), at, tzinfo=zone)
    return start <= said < end or timedelta(0) < start - said <= end - start


async def typed_slot(ctx: Context, day: date, at: time) -> HandlerResult:
    """The confirmation of a typed day and time; a time with no bookable slot shows that day's nearest times.

    "九点一刻" falls inside the 09:00 slot: the resident is offered 09:00 and
    09:30, never booked at 09:00 without being asked. "12点半" falls in the
    lunch break: the resident keeps the day they chose and sees its times,
    rather than the list of days. A full slot is said to be full above the
    day's times (its 满·排队 joins the line), never confirmed and then refused.
    """
    rules = rules_of(ctx)
    timezone = zone_of(ctx)
    start = datetime.combine(day, at, tzinfo=ZoneInfo(timezone))
    data = ctx.dialog.data
    slot = booking.offered_slot(rules, start, kind=data["kind"], centre=data.get("centre"))
    problem = opening.check_start(rules.plan, slot.start, ctx.now, timezone) if slot is not None else None
    if slot is not None and problem is None:
        community_id = await booking.community_of(ctx.uow, ctx.person)
        views = await booking.day_slots(ctx.uow, rules, community_id, day, ctx.now, kind=data["kind"],
                                        centre=data.get("centre"), grid_id=data.get("grid_id"))
        if any(view.slot.start == slot.start and not view.left for view in views):  # said now, not after 确认 as 刚刚约满
            label = f"{slot.start.astimezone(ZoneInfo(timezone)):%H:%M}"
            return await pick_slot(ctx, day, ctx.t("booking.typed_time_full", time=label))
        return await ask_confirm(ctx, start)
    if opening.check_day(rules.plan, day, ctx.now, timezone) is not None:
        return await pick_slot(ctx, day)  # the day itself cannot be booked: pick_slot says why
    if problem is not None:  # already past, or too soon to prepare for
        return await pick_slot(ctx, day, ctx.t(problem, days=rules.plan.horizon_days, minutes=rules.plan.min_notice_minutes))
    return await pick_slot(ctx, day, near=at)
