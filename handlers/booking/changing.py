"""Acting on one booking of the resident's: the question before cancelling, its typed answer, moving it to another slot."""

from __future__ import annotations

import re
from datetime import date, time
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import YES_WORDS, keyword_form
from bot.core.when import PARTS
from bot.models.booking import BookingKind
from bot.services import booking
from handlers.booking.basics import DIALOG, rules_of, zone_of
from handlers.booking.dates import parse_clock_stamp, parse_day_stamp
from handlers.booking.day_list import pick_day
from handlers.booking.slot_list import pick_slot, typed_slot
from handlers.booking.listing import half_day, my_bookings
from handlers.common import back_button
from knowledge.normalize import normalize


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


async def ask_cancel(ctx: Context, code: str, note: str | None = None, *, move_too: bool = False) -> HandlerResult:
    """Ask before cancelling; the question stays open so a typed answer (取消吧, 不取消) is read as one.

    Typed "取消" must choose 确定取消 rather than leave the question (the
    resident would be told 已取消 with the booking still standing), so the
    button to keep it does not say 取消. `move_too` adds the booking's 改期.
    """
    ctx.dialog.leave()
    found = await booking.check_changeable(ctx.uow, rules_of(ctx), ctx.person, code)
    ctx.dialog.enter(DIALOG, "cancel", code=found.code)
    service = rules_of(ctx).name(found.service_id)
    if found.kind == BookingKind.home:  # 09:00 read as a visit to the centre at nine: it is a half-day at home
        day, hours = half_day(ctx, found.starts_at, found.ends_at, zone_of(ctx))
        question = ctx.t("booking.cancel_confirm_visit", code=found.code, service=service, day=day, hours=hours)
    else:
        question = ctx.t("booking.cancel_confirm", code=found.code, service=service,
                         when=booking.when_text(ctx.texts, found.starts_at, zone_of(ctx)))
    move = [Button(ctx.t("booking.reschedule_code", code=found.code), f"bk:mv:{found.code}")] if move_too else []
    return Reply(
        "\n".join(filter(None, [note, question])),
        rows(Button(ctx.t("booking.cancel_yes"), f"bk:cxy:{found.code}"), *move, Button(ctx.t("booking.keep"), "bk:mine"), per_row=2),
    )


KEEP_WORDS = re.compile(r"不|别|保留|留着|先不")
CANCEL_WORDS = re.compile(r"取消|退掉|退了|(?:去|来)不(?:了|成)|不去")  # 去不成了 was read as 不: kept


async def answer_cancel(ctx: Context) -> HandlerResult:
    """A typed answer to "确定取消预约…吗？": 对，取消吧 cancels, 不取消 keeps it, a bare yes asks for the button.

    A plain 好的 or 是的 never deletes anything; it is told what to reply,
    with the same two choices, instead of "I cannot answer that".
    """
    code = ctx.dialog.data.get("code", "")
    text = normalize(ctx.text)
    if CANCEL_WORDS.search(text) and not KEEP_WORDS.search(CANCEL_WORDS.sub("", text)):
        ctx.dialog.leave()
        cancelled = await booking.cancel(ctx.uow, rules_of(ctx), ctx.person, code)
        return Reply(ctx.t("booking.cancelled", code=cancelled.code), rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2))
    if KEEP_WORDS.search(text):
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
