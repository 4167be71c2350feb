"""The staff's day lists, arrivals, no-shows and cancelling with a reason; a grid manager's visits, also typed."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from zoneinfo import ZoneInfo

from bot.core import validation
from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.when import find_day, parse_day
from bot.models import Booking, Person
from bot.models.booking import BookingKind, BookingStatus, VisitStatus
from bot.services import booking, opening, people
from bot.services.booking.home_visits import visit_named, visits_to_confirm, visits_to_mark
from bot.services.errors import InvalidInput, PermissionDenied
from handlers.booking.basics import MAX_LISTED, router, rules_of, today_of, zone_of
from handlers.booking.dates import stamp
from handlers.common import as_understood
from knowledge.normalize import normalize


@router.command("today", keywords=("今日预约", "今天预约"))
async def today(ctx: Context) -> HandlerResult:
    return await day_list_reply(ctx, today_of(ctx))


@router.command("bookings", keywords=("预约名单",))
async def bookings_on(ctx: Context) -> HandlerResult:
    if not ctx.args:
        return await day_list_reply(ctx, today_of(ctx))
    day = parse_day(ctx.args, today_of(ctx))
    if day is None:
        return Reply(ctx.t("booking.bookings_usage"))
    return await day_list_reply(ctx, day)


_OWN = re.compile(r"^(我|俺)")  # 我明天有预约吗: one's own bookings, whoever asks


async def day_list_asked(ctx: Context) -> HandlerResult:
    """今天有几个预约, 明天预约名单, 下周一的预约有哪些 in words: that day's list, for whoever may see it; else None.

    Staff asking in words got the service guide (快递代收代寄) or a new
    booking. A resident asking, or anyone asking of their own (我明天有预约吗),
    is left to their own bookings: the service decides who sees a day's list.
    """
    if _OWN.match(normalize(ctx.text)):
        return None
    today = today_of(ctx)
    try:
        return await day_list_reply(ctx, find_day(ctx.text, today) or today)
    except PermissionDenied:
        return None


async def day_list_reply(ctx: Context, day: date) -> HandlerResult:
    rules = rules_of(ctx)
    timezone = zone_of(ctx)
    found = await booking.day_list(ctx.uow, rules, ctx.person, day)
    info = opening.day_info(rules.plan, day)
    lines = [ctx.t("booking.list_title", day=booking.day_text(ctx.texts, day), count=len(found))]
    if info.holiday:
        lines.append(ctx.t("booking.list_holiday", holiday=info.holiday))
    duty = [e for e in rules.plan.rota if info.open and info.weekday in e.days]
    if duty:
        names = "；".join(
            f"{(rules.plan.window(e.window).name if rules.plan.window(e.window) else e.window)} {e.staff}"
            f"（{'、'.join(f'{s:%H:%M}-{t:%H:%M}' for s, t in e.hours)}）"
            for e in duty
        )
        lines.append(ctx.t("booking.list_duty", duty=names))
    buttons = []
    ahead = day > today_of(ctx)  # nobody arrives before the day: only 取消 is offered
    for item, person in found:
        lines.append(_list_line(ctx, item, person, timezone))
        if len(buttons) < MAX_LISTED * 3:
            buttons += _item_buttons(ctx, item)[2:] if ahead else _item_buttons(ctx, item)
    if not found:
        lines.append(ctx.t("booking.list_empty"))
    return Reply("\n".join(lines), rows(*buttons, per_row=3))


def _list_line(ctx: Context, item: Booking, person: Person, timezone: str) -> str:
    """One booking of the day's list; a home visit says so, its half-day, where, and how far the grid manager has got.

    Staff read 待到 as someone to watch the door for: a visit at the
    resident's home is awaited nowhere in the centre, and whether its grid
    manager confirmed it is what staff are asked about.
    """
    local = item.starts_at.astimezone(ZoneInfo(timezone))
    service, who = rules_of(ctx).name(item.service_id), people.resident_label(person)
    if item.kind != BookingKind.home:
        return ctx.t("booking.list_line", time=f"{local:%H:%M}", code=item.code, service=service, who=who,
                     state=ctx.t(f"booking.status.{item.status}"), place="").rstrip()
    state = ctx.t(f"booking.visit_status.{item.status}")
    if item.status == BookingStatus.booked:
        state += ctx.t(f"booking.visit_staff.{item.visit_status or VisitStatus.requested}")
    return ctx.t("booking.list_visit_line", time=f"{local:%H:%M}-{item.ends_at.astimezone(ZoneInfo(timezone)):%H:%M}",
                 code=item.code, service=service, who=who, state=state, place=item.address or "").rstrip()


def _item_buttons(ctx: Context, item: Booking) -> list[Button]:
    """Three buttons for every listed booking, whatever its state, in the same places each time.

    Staff go down the list typing numbers; after marking one, the list is
    shown again, and "5" must still be the next person's 未到. A booking
    already marked keeps its places, its third button taking the mark back.
    A home visit's marks say whether the visit was made (已上门 / 未上门):
    nobody arrives at the centre for it. The same actions, checked alike.
    A later day's list shows only the third (see day_list_reply): 到了 for
    tomorrow's booking was a mark nobody can make yet.
    """
    if item.status == BookingStatus.booked:
        last = Button(ctx.t("booking.staff_cancel_button", code=item.code), f"bk:scx:{item.id}")
    else:
        last = Button(ctx.t("booking.undo_button", code=item.code), f"bk:undo:{item.id}")
    home = item.kind == BookingKind.home
    return [
        Button(ctx.t("booking.visit_made_button" if home else "booking.arrived_button", code=item.code), f"bk:arr:{item.id}"),
        Button(ctx.t("booking.visit_missed_button" if home else "booking.no_show_button", code=item.code), f"bk:ns:{item.id}"),
        last,
    ]


# What a mark says of a home visit: it was made or not, rather than someone arriving.
_VISIT_MARKS = {
    "booking.marked_arrived": "booking.visit_marked_arrived",
    "booking.marked_no_show": "booking.visit_marked_no_show",
    "booking.unmarked": "booking.visit_unmarked",
}


async def after_marking(ctx: Context, marked: Booking, key: str) -> Reply:
    """What staff see after marking (or unmarking): what was recorded, then the day's list with its buttons.

    Without the list the next number typed answered nothing. A grid
    manager marking a home visit has no day list; they get the undo alone.
    """
    done = ctx.t(_VISIT_MARKS.get(key, key) if marked.kind == BookingKind.home else key, code=marked.code)
    try:
        await booking.staff_community(ctx.uow, ctx.person)
    except PermissionDenied:
        undo = () if marked.status == BookingStatus.booked else rows(_item_buttons(ctx, marked)[2])
        return Reply(done, undo)
    listed = await day_list_reply(ctx, opening.local_today(marked.starts_at, zone_of(ctx)))
    assert isinstance(listed, Reply)
    return Reply(done + "\n\n" + listed.text, listed.buttons)


async def cancel_with_reason(ctx: Context) -> HandlerResult:
    booking_id = ctx.dialog.data.get("booking_id")
    ctx.dialog.leave()
    if not isinstance(booking_id, int):
        return None
    cancelled = await booking.staff_cancel(ctx.uow, rules_of(ctx), ctx.person, booking_id, ctx.text)
    return Reply(ctx.t("booking.staff_cancelled", code=cancelled.code))


async def propose_choices(ctx: Context, booking_id: int) -> HandlerResult:
    rules = rules_of(ctx)
    timezone = zone_of(ctx)
    found = await booking.for_staff(ctx.uow, ctx.person, booking_id)
    if found.kind != BookingKind.home or found.status != BookingStatus.booked:
        raise InvalidInput("booking.not_active", code=found.code)
    buttons = []
    for day in opening.open_days(rules.plan, ctx.now, timezone, home=True):
        views = await booking.day_slots(ctx.uow, rules, found.community_id, day, ctx.now, kind=BookingKind.home, grid_id=found.grid_id)
        for view in views:
            if view.left and view.slot.start != found.starts_at:
                label = ctx.t("booking.slot_left", time=booking.when_text(ctx.texts, view.slot.start, timezone), left=view.left)
                buttons.append(Button(label, f"bk:hvp:{found.id}:{stamp(view.slot.start, timezone)}"))
        if len(buttons) >= 8:
            break
    if not buttons:
        return Reply(ctx.t("booking.no_days", service=rules.name(found.service_id), days=rules.plan.horizon_days))
    state = ctx.t(f"booking.visit.{found.visit_status or VisitStatus.requested}")
    return Reply(ctx.t("booking.propose_pick", code=found.code, state=state), rows(*buttons[:8]))


# A home visit's buttons typed with its code (确认上门 K7M2QX): when another push came after
# the visit's, its 【1】 means that push's button, and the manager names the visit instead.
VISIT_ACTIONS = {"确认上门": "hvok", "另约时间": "hvalt"}


@router.keyword(*VISIT_ACTIONS, leading=tuple(VISIT_ACTIONS))
async def typed_visit_action(ctx: Context) -> HandlerResult:
    """确认上门 CODE, 另约时间 CODE: as if the push's button was pressed; alone, the visits waiting are offered.

    A resident's 确认上门 confirms nothing (the service refuses): they are
    told whose step it is, not shown the home-visit guide.
    """
    action = _action_typed(ctx, VISIT_ACTIONS)
    if _code_typed(ctx):
        return await _press_named(ctx, action)
    try:
        return await _visits_for_action(ctx, action)
    except PermissionDenied:
        return Reply(ctx.t("booking.visit_not_yours")) if action == "hvok" else await as_understood(ctx)


# 已上门 CODE, 未上门 CODE: a grid manager has no day list to press them on; typed with the code, or alone
# for the visits of the last day still unmarked.
VISIT_MARKS = {"已上门": "arr", "未上门": "ns"}
# A case's number (#2, 2): a visit's code is six letters and digits, so a short number names a case.
_CASE_NUMBER = re.compile(r"[#]?\s*(\d{1,5})")


@router.keyword(*VISIT_MARKS, leading=tuple(VISIT_MARKS))
async def typed_visit_mark(ctx: Context) -> HandlerResult:
    """已上门 CODE marks the visit made (未上门: missed), checked by the service as the staff list's button is."""
    action = _action_typed(ctx, VISIT_MARKS)
    case_named = _CASE_NUMBER.fullmatch(unicodedata.normalize("NFKC", ctx.args.strip()))
    if action == "arr" and case_named is not None:  # 已上门 #2: a grid manager at case 2's door, not a visit's code
        ctx.text = f"已到现场 #{case_named.group(1)}"
        return await as_understood(ctx)
    if _code_typed(ctx):
        return await _press_named(ctx, action)
    try:
        begun = (await visits_to_mark(ctx.uow, ctx.person))[:MAX_LISTED]
    except PermissionDenied:
        return await as_understood(ctx)  # a resident's 已上门了: words, not a mark
    if not begun:
        return Reply(ctx.t("booking.visit_none_to_mark"))
    lines, _ = _visit_choices(ctx, begun, action)
    label = "booking.visit_made_button" if action == "arr" else "booking.visit_missed_button"
    buttons = [Button(ctx.t(label, code=v.code), f"bk:{action}:{v.id}") for v in begun]
    return Reply("\n".join([ctx.t("booking.visit_which_mark", count=len(begun)), *lines]), rows(*buttons))


def _action_typed(ctx: Context, actions: dict[str, str]) -> str:
    """The button action the typed words begin with (确认上门 → hvok, 已上门 → arr)."""
    form = validation.keyword_form(ctx.text)
    return next(a for w, a in actions.items() if form.startswith(w))


def _code_typed(ctx: Context) -> bool:
    code = booking.normalise_code(ctx.args)
    return bool(code) and code.isascii()


async def _press_named(ctx: Context, action: str) -> HandlerResult:
    """As if the visit's button was pressed: the visit found by its code for someone who may handle it."""
    from handlers.booking.routes import bk_button  # routes builds on this module: imported late

    found = await visit_named(ctx.uow, ctx.person, booking.normalise_code(ctx.args))
    ctx.payload = f"bk:{action}:{found.id}"
    return await bk_button(ctx)


async def _visits_for_action(ctx: Context, action: str) -> Reply:
    """The visits waiting for this person, as buttons to press (each press re-checked), even just one."""
    found = (await visits_to_confirm(ctx.uow, ctx.person))[:MAX_LISTED]
    if not found:
        return Reply(ctx.t("booking.visit_none_waiting"))
    lines, buttons = _visit_choices(ctx, found, action)
    if len(found) == 1:
        return Reply(ctx.t("booking.visit_this_one", line=lines[0]), rows(*buttons))
    return Reply("\n".join([ctx.t("booking.visit_which", count=len(found)), *lines]), rows(*buttons))


def _visit_choices(ctx: Context, visits: list[Booking], action: str) -> tuple[list[str], list[Button]]:
    """One line per visit (code, service, time, address: the phone stays in the push) and its button."""
    rules, timezone = rules_of(ctx), zone_of(ctx)
    label = "booking.visit_confirm_n" if action == "hvok" else "booking.visit_other_time_n"
    lines = [
        ctx.t("booking.visit_line", code=v.code, service=rules.name(v.service_id),
              when=booking.when_text(ctx.texts, v.starts_at, timezone, end=v.ends_at), address=v.address or "").rstrip()
        for v in visits
    ]
    return lines, [Button(ctx.t(label, code=v.code), f"bk:{action}:{v.id}") for v in visits]


async def visit_tasks(ctx: Context) -> tuple[list[str], list[Button]]:
    """The 待办 part for home visits waiting for this person's 确认上门; nothing for those who confirm none."""
    try:
        found = await visits_to_confirm(ctx.uow, ctx.person)
    except PermissionDenied:
        return [], []
    if not found:
        return [], []
    lines, buttons = _visit_choices(ctx, found[:MAX_LISTED], "hvok")
    return [ctx.t("booking.visits_tasks_title", count=len(found)), *lines], buttons
