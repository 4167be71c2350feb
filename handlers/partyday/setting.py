"""主题党日 for the community's staff: setting the month's Party day and seeing who comes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.models import PartyDay
from bot.services import partyday
from bot.services.errors import DomainError
from bot.services.schedule import month_key, month_start
from handlers.common import back_button
from handlers.partyday.basics import SET, router, rules_of


async def attendance(ctx: Context, community_id: str) -> Reply:
    """Who signed up, who asked leave and why, who has not answered: what staff plan the day by."""
    sheet = await partyday.attendance(ctx.uow, ctx.person, rules_of(ctx), community_id)
    month = month_start(sheet.month).month
    total = len(sheet.attendees)
    none = ctx.t("partyday.none")
    if sheet.party_day is None:
        lines = [ctx.t("partyday.attendance_unset", month=month, total=total)]
    else:
        lines = [ctx.t("partyday.attendance_title", month=month, theme=sheet.party_day.theme, total=total)]
    if not sheet.attendees:
        lines.append(ctx.t("partyday.no_members"))
    else:
        joined = sheet.of(partyday.JOIN)
        leave = sheet.of(partyday.LEAVE)
        silent = sheet.of(None)
        lines.append(ctx.t("partyday.join_list", count=len(joined), names="、".join(a.name for a in joined) or none))
        lines.append(ctx.t("partyday.leave_list", count=len(leave)))
        lines += [ctx.t("partyday.leave_line", name=a.name, reason=a.reason or "") for a in leave]
        lines.append(ctx.t("partyday.silent_list", count=len(silent), names="、".join(a.name for a in silent) or none))
    buttons = rows(Button(ctx.t("partyday.set_button"), "pd:set"), back_button(ctx), per_row=2)
    return Reply("\n".join(lines), buttons)



@router.keyword("设置主题党日", "发布主题党日", "修改主题党日")
async def start_set(ctx: Context) -> HandlerResult:
    community = await partyday.staff_community(ctx.uow, ctx.person)  # refuses anyone but staff
    ctx.dialog.enter(SET, "theme", community=community)
    return Reply(ctx.t("partyday.ask_theme"), rows(Button(ctx.t("partyday.cancel_button"), "pdset:no")))


def _example(ctx: Context) -> str:
    rules = rules_of(ctx)
    local = ctx.now.astimezone(ZoneInfo(rules.timezone))
    month = local.month if local.day < rules.day_of_month else local.month % 12 + 1
    return f"{month}月{rules.day_of_month}日 9:00"


@router.button("pdset")
async def set_buttons(ctx: Context) -> HandlerResult:
    """Buttons of the set dialog pressed outside it (an old preview): start again."""
    if ctx.payload == "pdset:no":
        return Reply(ctx.t("partyday.cancelled"), rows(back_button(ctx)))
    return await start_set(ctx)


@router.dialog(SET)
async def set_dialog(ctx: Context) -> HandlerResult:
    step = ctx.dialog.step
    payload = ctx.payload or ""
    if payload and not payload.startswith("pdset:"):
        return None
    if payload == "pdset:no":
        ctx.dialog.leave()
        return Reply(ctx.t("partyday.cancelled"), rows(back_button(ctx)))
    text = ctx.text.strip()
    cancel = Button(ctx.t("partyday.cancel_button"), "pdset:no")
    if step == "theme":
        if not text:
            return Reply(ctx.t("partyday.ask_theme"), rows(cancel))
        try:
            partyday.check_arrangement(text, ctx.now + timedelta(days=1), "-", None)
        except DomainError as err:
            return Reply(ctx.t(err.key, **err.params), rows(cancel))
        ctx.dialog.goto("time", theme=text)
        return Reply(ctx.t("partyday.ask_time", example=_example(ctx)), rows(cancel))
    if step == "time":
        try:
            when = partyday.parse_when(text, rules_of(ctx), ctx.now)  # 下周三下午两点半, 10号晚上7点, 明天7点
        except DomainError as err:
            return Reply(ctx.t(err.key, **err.params), rows(cancel))
        ctx.dialog.goto("place", starts_at=when.isoformat(), move_from=None)
        asked = await _ask_move(ctx, when)
        return asked or Reply(ctx.t("partyday.ask_place"), rows(cancel))
    if step == "move":
        if payload not in ("pdset:move", "pdset:new"):
            return await _ask_move(ctx, datetime.fromisoformat(ctx.dialog.data["starts_at"]))
        moving = ctx.dialog.data["pending"] if payload == "pdset:move" else None
        ctx.dialog.goto("place", move_from=moving)
        return Reply(ctx.t("partyday.ask_place"), rows(cancel))
    if step == "place":
        if not text or len(text) > 200:
            return Reply(ctx.t("partyday.no_place" if not text else "partyday.too_long"), rows(cancel))
        ctx.dialog.goto("content", place=text)
        return Reply(ctx.t("partyday.ask_content"), rows(Button(ctx.t("partyday.skip_button"), "pdset:skip"), cancel))
    if step == "content":
        if payload == "pdset:skip" or text:
            if len(text) > 1000:
                return Reply(ctx.t("partyday.too_long"), rows(cancel))
            ctx.dialog.goto("confirm", content=text if payload != "pdset:skip" else "")
            return _preview(ctx)
        return Reply(ctx.t("partyday.ask_content"), rows(Button(ctx.t("partyday.skip_button"), "pdset:skip"), cancel))
    if step == "confirm":
        if payload != "pdset:ok":
            return _preview(ctx)
        return await _save(ctx)
    return None


async def _ask_move(ctx: Context, when: datetime) -> Reply | None:
    """A date in another month than a Party day not yet held: is it that one, postponed, or a new one?"""
    rules = rules_of(ctx)
    community = ctx.dialog.data["community"]
    month = month_key(rules.local_date(when))
    pending = await partyday.pending_elsewhere(ctx.uow, community, month)
    if pending is None or await partyday.party_day_of(ctx.uow, community, month) is not None:
        return None  # nothing to move, or that month's own Party day is what is being changed
    ctx.dialog.goto("move", pending=pending.month)
    zone = ZoneInfo(rules.timezone)
    old, new = month_start(pending.month).month, when.astimezone(zone)
    shown = partyday.format_when(ctx.texts, pending.starts_at.astimezone(zone))
    return Reply(
        ctx.t("partyday.ask_move", old=old, theme=pending.theme, when=shown),
        rows(
            Button(ctx.t("partyday.move_button", month=new.month, day=new.day), "pdset:move"),
            Button(ctx.t("partyday.new_button", month=new.month, old=old), "pdset:new"),
            Button(ctx.t("partyday.cancel_button"), "pdset:no"),
        ),
    )


def _arrangement(ctx: Context) -> partyday.Arrangement:
    data = ctx.dialog.data
    return partyday.check_arrangement(
        data["theme"], datetime.fromisoformat(data["starts_at"]), data["place"], data.get("content") or None
    )


def _preview(ctx: Context) -> Reply:
    rules = rules_of(ctx)
    arrangement = _arrangement(ctx)
    sketch = PartyDay(
        community_id=ctx.dialog.data["community"], month="", theme=arrangement.theme, starts_at=arrangement.starts_at,
        place=arrangement.place, content=arrangement.content, updated_at=ctx.now,
    )
    times = _times(rules, sketch)
    zone = ZoneInfo(rules.timezone)
    lines = [
        ctx.t("partyday.preview"),
        partyday.describe(ctx.texts, rules, sketch).rsplit("\n", 1)[0],
        *([ctx.t("partyday.moved_note", old=month_start(ctx.dialog.data["move_from"]).month)] if ctx.dialog.data.get("move_from") else []),
        _schedule_line(ctx, times, zone),
    ]
    return Reply(
        "\n".join(lines),
        rows(Button(ctx.t("partyday.confirm_button"), "pdset:ok"), Button(ctx.t("partyday.cancel_button"), "pdset:no"), per_row=2),
    )


def _schedule_line(ctx: Context, times: partyday.Times, zone: ZoneInfo) -> str:
    """When the members will hear of it; a time already gone is not promised (they are told at once)."""
    pre, notice = (partyday.format_when(ctx.texts, t.astimezone(zone)) for t in (times.pre_notice_at, times.notice_at))
    if times.notice_at <= ctx.now:
        return ctx.t("partyday.schedule_line_now")
    if times.pre_notice_at <= ctx.now:
        return ctx.t("partyday.schedule_line_late", notice=notice)
    return ctx.t("partyday.schedule_line", pre=pre, notice=notice)


def _times(rules: partyday.Rules, sketch) -> partyday.Times:  # noqa: ANN001
    return partyday.times(rules, month_key(rules.local_date(sketch.starts_at)), sketch)


async def _save(ctx: Context) -> Reply:
    rules = rules_of(ctx)
    community = ctx.dialog.data["community"]
    saved, told = await partyday.set_party_day(
        ctx.uow, ctx.person, rules, community, _arrangement(ctx), move_from=ctx.dialog.data.get("move_from")
    )
    ctx.dialog.leave()
    lines = [ctx.t("partyday.saved", month=month_start(saved.month).month), partyday.describe(ctx.texts, rules, saved).rsplit("\n", 1)[0]]
    if told:
        lines.append(partyday.told_line(ctx.texts, told))
    return Reply("\n".join(lines), rows(Button(ctx.t("partyday.list_button"), "pd:list"), back_button(ctx), per_row=2))
