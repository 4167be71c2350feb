"""A resident's own bookings: the list, cancelling, moving to another slot."""

from __future__ import annotations

import re
from datetime import date, time
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import YES_WORDS, keyword_form
from bot.core.when import PARTS, read
from bot.models import Booking
from bot.models.booking import VisitStatus
from bot.services import booking, opening
from handlers.booking.basics import DIALOG, router, rules_of, today_of, zone_of
from handlers.booking.dates import parse_clock_stamp, parse_day_stamp
from handlers.booking.dialog import pick_day, pick_slot, typed_slot
from handlers.common import back_button
from knowledge.normalize import normalize


@router.command("mybookings", keywords=("我的预约", "查看预约", "预约记录"))
async def my_bookings(ctx: Context, note: str | None = None, *, move_to: str = "") -> HandlerResult:
    """The resident's bookings with their buttons; `move_to` (see :func:`move_wanted`) rides on each 改期."""
    found = await booking.mine(ctx.uow, ctx.person)
    waits = await booking.waits_of(ctx.uow, ctx.person)
    if not found and not waits:
        return Reply("\n".join(filter(None, [note, ctx.t("booking.none")])), rows(Button(ctx.t("booking.menu"), "book"), back_button(ctx), per_row=2))
    rules = rules_of(ctx)
    timezone = zone_of(ctx)
    lines = [ctx.t("booking.mine_title", count=len(found))] if found else []
    buttons = []
    for index, item in enumerate(found, start=1):
        state = ctx.t(f"booking.visit.{item.visit_status}") if item.visit_status else ""
        lines.append(
            ctx.t("booking.mine_line", number=index, code=item.code, service=rules.name(item.service_id),
                  when=booking.when_text(ctx.texts, item.starts_at, timezone, end=item.ends_at), state=state).rstrip()
        )
        if item.visit_status == VisitStatus.proposed:  # the proposal's push may have scrolled away
            buttons.append(Button(ctx.t("booking.accept_code", code=item.code), f"bk:hvyes:{item.id}"))
        if opening.can_change(rules.plan, item.starts_at, ctx.now):  # no buttons that can only refuse
            buttons += [
                Button(ctx.t("booking.reschedule_code", code=item.code), f"bk:mv:{item.code}{move_to}"),
                Button(ctx.t("booking.cancel_code", code=item.code), f"bk:cx:{item.code}"),
            ]
    for wait in waits:
        when = booking.when_text(ctx.texts, wait.starts_at, timezone)
        service = rules.name(wait.service_id)
        if wait.offered_until is None:  # a place in line can be given up: they may have found another time
            lines.append(ctx.t("booking.mine_waiting", service=service, when=when))
            buttons.append(Button(ctx.t("booking.wait_leave", when=booking.clock_text(wait.starts_at, timezone, ctx.texts)),
                                  f"bk:unwait:{wait.wait_id}"))
            continue
        until = booking.clock_text(wait.offered_until, timezone, ctx.texts)
        lines.append(ctx.t("booking.mine_offer", service=service, when=when, until=until))
        buttons += [
            Button(ctx.t("booking.offer_take"), f"bk:take:{wait.wait_id}"),
            Button(ctx.t("booking.offer_skip"), f"bk:skip:{wait.wait_id}"),
        ]
    if found:
        lines.append(ctx.t("booking.cutoff_note", hours=_hours(rules.plan.cutoff_minutes)))
    return Reply("\n".join(filter(None, [note, *lines])), rows(*buttons, back_button(ctx), per_row=2))


def _hours(minutes: int) -> str:
    return f"{minutes // 60}" if minutes % 60 == 0 else f"{minutes / 60:.1f}"


@router.command("cancelbooking", keywords=("取消预约",))
async def cancel_command(ctx: Context) -> HandlerResult:
    if not ctx.args:  # with one booking, that one is meant: asked about at once, not picked from a list of one
        only = await _the_only_booking(ctx, waits_too=True)
        return await ask_cancel(ctx, only.code) if only is not None else await my_bookings(ctx)
    return await ask_cancel(ctx, ctx.args.split()[0])


async def _the_only_booking(ctx: Context, *, waits_too: bool = False) -> Booking | None:
    """The resident's one booking, if they have exactly one and may still change it (and, `waits_too`, no place in line)."""
    found = await booking.mine(ctx.uow, ctx.person)
    if len(found) != 1 or not opening.can_change(rules_of(ctx).plan, found[0].starts_at, ctx.now):
        return None
    if waits_too and await booking.waits_of(ctx.uow, ctx.person):
        return None
    return found[0]


# Said of a booking already made: cancel it (取消吧, 退掉), or move it (改期, 换个时间, 改到后天上午十点).
_CANCEL_SAID = re.compile(r"取消|退掉|退了")
_MOVE_SAID = re.compile(r"改|换|挪|调")
_NOT_MOVING = re.compile(r"(?:不|别|不用|不要|甭)(?:改|换|挪|调)")  # 不改了，把预约取消吧: cancelling, not moving


async def manage_by_words(ctx: Context) -> HandlerResult:
    """取消预约, 改期, 改到下周一下午两点半 … in words: with one booking, straight to that booking's question.

    A move names the day, time or part of the day it wants, kept for the
    booking chosen when there are several. Anything else (我约的是几号,
    我不去了: cancel or move?) lists the bookings with both buttons.
    """
    text = normalize(ctx.text)
    moving = _MOVE_SAID.search(_NOT_MOVING.sub("", text)) is not None
    if _CANCEL_SAID.search(text) and not moving:
        only = await _the_only_booking(ctx, waits_too=True)
        return await ask_cancel(ctx, only.code) if only is not None else await my_bookings(ctx)
    if not moving:
        return await my_bookings(ctx)
    ctx.own_words = False  # the words only chose what to do: nothing to keep as a draft if the resident turns away
    said = read(ctx.text, today_of(ctx))
    day, at, part = said.day, said.at, said.part
    only = await _the_only_booking(ctx)
    if only is not None:
        return await start_reschedule(ctx, only.code, day=day, at=at, part=part)
    found = await booking.mine(ctx.uow, ctx.person)
    if len(found) < 2:  # none, or one that can no longer be changed: the list says so
        return await my_bookings(ctx)
    return await my_bookings(ctx, ctx.t("booking.which_to_move"), move_to=move_wanted(day, at, part))


def move_wanted(day: date | None, at: time | None, part: str | None) -> str:
    """The day and time (or part of the day) wanted, as carried on a 改期 button: ":20260309:1430", ":20260309:afternoon"."""
    if day is None and at is None and part is None:
        return ""
    said = f"{at:%H%M}" if at is not None else part or ""
    return f":{day:%Y%m%d}:{said}" if day is not None else f"::{said}"


def wanted_of(args: list[str]) -> tuple[date | None, time | None, str | None]:
    """What :func:`move_wanted` put on a 改期 button, read back (whatever arrives: a forged part is ignored)."""
    day = parse_day_stamp(args[0]) if args and args[0] else None
    said = args[1] if len(args) > 1 else ""
    at = parse_clock_stamp(said)  # 0730 is 07:30: the words it came from were read already
    part = said if said in PARTS else None
    return day, at, part


async def ask_cancel(ctx: Context, code: str, note: str | None = None) -> HandlerResult:
    """Ask before cancelling; the question stays open so a typed answer (取消吧, 不取消) is read as one.

    Typed "取消" must choose 确定取消 rather than leave the question (the
    resident would be told 已取消 with the booking still standing), so the
    button to keep it does not say 取消.
    """
    ctx.dialog.leave()
    found = await booking.check_changeable(ctx.uow, rules_of(ctx), ctx.person, code)
    ctx.dialog.enter(DIALOG, "cancel", code=found.code)
    question = ctx.t("booking.cancel_confirm", code=found.code, service=rules_of(ctx).name(found.service_id),
                     when=booking.when_text(ctx.texts, found.starts_at, zone_of(ctx)))
    return Reply(
        "\n".join(filter(None, [note, question])),
        rows(Button(ctx.t("booking.cancel_yes"), f"bk:cxy:{found.code}"), Button(ctx.t("booking.keep"), "bk:mine"), per_row=2),
    )


_KEEP = re.compile(r"不|别|保留|留着|先不")
_CANCEL = re.compile(r"取消|退掉|退了|去不了|不去")


async def answer_cancel(ctx: Context) -> HandlerResult:
    """A typed answer to "确定取消预约…吗？": 对，取消吧 cancels, 不取消 keeps it, a bare yes asks for the button.

    A plain 好的 or 是的 never deletes anything; it is told what to reply,
    with the same two choices, instead of "I cannot answer that".
    """
    code = ctx.dialog.data.get("code", "")
    text = normalize(ctx.text)
    if _CANCEL.search(text) and not _KEEP.search(_CANCEL.sub("", text)):
        ctx.dialog.leave()
        cancelled = await booking.cancel(ctx.uow, rules_of(ctx), ctx.person, code)
        return Reply(ctx.t("booking.cancelled", code=cancelled.code), rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2))
    if _KEEP.search(text):
        ctx.dialog.leave()
        return await my_bookings(ctx, ctx.t("booking.kept", code=code))
    if keyword_form(text) in YES_WORDS:
        ctx.own_words = False  # nothing to keep as a draft: the question is only asked again
        return await ask_cancel(ctx, code, ctx.t("booking.cancel_how"))
    return None  # something else: leave the question and answer that


async def start_reschedule(
    ctx: Context, code: str, *, day: date | None = None, at: time | None = None, part: str | None = None
) -> HandlerResult:
    """Move a booking: the list of days; or, when a time was said (改到后天上午十点), its confirmation at once.

    A time or a part of the day said without a day (改到下午) is on the booking's own day.
    """
    found = await booking.check_changeable(ctx.uow, rules_of(ctx), ctx.person, code)
    service = ctx.app.knowledge.get(found.service_id)
    ctx.dialog.enter(
        DIALOG, "day",
        service_id=found.service_id, kind=found.kind, code=found.code, token=booking.new_token(),
        centre=service.where.centre.value if service else None, grid_id=found.grid_id, address=found.address,
    )
    intro = ctx.t("booking.reschedule_intro", code=found.code)
    if day is None and (at is not None or part is not None):
        day = found.starts_at.astimezone(ZoneInfo(zone_of(ctx))).date()
    if day is not None and at is not None:
        return await typed_slot(ctx, day, at)  # the confirmation says 把预约 … 改到; the service checks it on 确认
    if day is not None:
        return await pick_slot(ctx, day, intro, part=part)
    return await pick_day(ctx, intro)
