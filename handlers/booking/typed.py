"""What typed words do at the booking's steps of choosing a time: a day or a time said, 返回, a question, 我再想想.

The routes (handlers/booking/routes.py) decide which reading a message
gets; here each reading is answered, most of them by asking the step's
question again so its numbered choices keep working.
"""

from __future__ import annotations

from datetime import date

from bot.core.context import Context
from bot.core.router import HandlerResult
from bot.core.when import Said, parse_time, read
from handlers.booking import words
from handlers.booking.basics import today_of
from handlers.booking.dates import parse_day_stamp, said_data, said_of
from handlers.booking.asking_again import ask_again
from handlers.booking.day_list import pick_day
from handlers.booking.slot_list import pick_slot, typed_slot
from handlers.booking.starting import service_menu
from handlers.booking.holiday_words import holiday_not_planned, said_with_holiday
from handlers.booking.listing import my_bookings
from handlers.guide_answers import ASKABLE, part
from knowledge.asked_parts import asked_part
from knowledge.intents import gives_up
from knowledge.normalize import normalize


async def confirm_again(ctx: Context) -> HandlerResult:
    """The confirmation asked again, saying that nothing is booked yet (a later 嗯 was taken for thanks)."""
    ctx.own_words = False  # nothing of theirs to keep: the question is only asked again
    code = ctx.dialog.data.get("code")
    return await ask_again(ctx, ctx.t("booking.not_moved_yet", code=code) if code else ctx.t("booking.not_booked_yet"))


async def not_yet(ctx: Context) -> HandlerResult:
    """我再想想: nothing booked, and how to confirm later; the dialog stays, so 1 or 确认 still books it."""
    ctx.own_words = False  # nothing of theirs to keep: no "draft saved" beside "not booked"
    code = ctx.dialog.data.get("code")
    return await ask_again(ctx, ctx.t("booking.not_moved_later", code=code) if code else ctx.t("booking.not_booked_later"))


async def another_time(ctx: Context) -> HandlerResult:
    """这个时间不行, 太早了, 其他时间 at the confirmation: the day's other times, as the 换个时间 button shows them.

    Words that also say the time wanted (这个时间不行，下午三点吧) are not
    this: that time is read as said. Else None.
    """
    if not words.other_time(ctx.text) or read(ctx.text, today_of(ctx)):
        return None
    ctx.own_words = False  # a choice made in words: nothing of theirs to keep as a draft
    day = parse_day_stamp((ctx.dialog.data.get("start") or "")[:8])
    return await day_chosen(ctx, day) if day is not None else await pick_day(ctx)


async def about_this_service(ctx: Context) -> HandlerResult:
    """要带户口本吗, 在哪办, 要钱不 while booking: that part of the service being booked, then the step again.

    Residents ask these at the window's door, as it were; answering another
    service (or the main menu) would lose the booking. A message that names
    another service (低保怎么办), or says a day or a time, is not this.
    """
    form = normalize(ctx.text)
    asked = asked_part(form)
    service = ctx.app.knowledge.get(ctx.dialog.data.get("service_id", ""))
    if asked not in ASKABLE or service is None or read(ctx.text, today_of(ctx)):
        return None
    if asked == "where" and words.looks_like_when(ctx.text):  # 周末吧 is a day asked for, not the hours
        return None
    reading = ctx.app.understander.understand(ctx.text)
    if reading.named and reading.service_id not in (None, service.id):
        return None
    ctx.own_words = False  # a question answered, the step asked again: nothing of theirs to keep
    return await ask_again(ctx, part(ctx, service, asked).text + "\n")


async def go_back(ctx: Context) -> HandlerResult:
    """返回 typed: from the confirmation to the day's times, from the times to the days, from the days out."""
    step = ctx.dialog.step
    day = parse_day_stamp(ctx.dialog.data.get("day") or (ctx.dialog.data.get("start") or "")[:8])
    if step == "confirm" and day is not None:
        return await pick_slot(ctx, day)
    if step in ("slot", "confirm"):
        return await pick_day(ctx)
    code = ctx.dialog.data.get("code")
    ctx.dialog.leave()
    if code:  # back from moving a booking: the bookings, the booking as it was
        return await my_bookings(ctx, ctx.t("booking.reschedule_kept_short", code=code))
    return service_menu(ctx)


async def typed_when(ctx: Context) -> HandlerResult:
    """A day or a time typed instead of pressed: 下周二, 十二月一日, 30号, 9点半, 就九点半吧, 明天上午九点半.

    A time with a day (named now, or the day whose times are shown) goes
    straight to the confirmation; a day alone shows its times, and a part
    of the day (明儿上午, or 下午 under a day's times) only that part's.
    A day not gone to (周四的预约不去了) is a booking already made given up,
    not a day chosen: it is left to the bookings (None).
    """
    if gives_up(normalize(ctx.text)) is not None:
        return None
    shown_day = parse_day_stamp(ctx.dialog.data.get("day", "")) if ctx.dialog.step in ("slot", "confirm") else None
    said = said_with_holiday(ctx, ctx.text)  # 元旦: the plan's day of it
    if shown_day is not None and parse_time(ctx.text):  # 9.30 under a day's times is half past nine, not 30 September
        said = Said(at=parse_time(ctx.text))
    day, at, part = said.day, said.at, said.part
    if at is not None and (day or shown_day) is not None:
        return await typed_slot(ctx, day or shown_day, at)  # type: ignore[arg-type]
    if day is not None:
        return await day_chosen(ctx, day, part)
    if part is not None and shown_day is not None:  # 下午 under the day's times
        return await pick_slot(ctx, shown_day, part=part)
    if said:  # 上午 or 九点半 on the list of days: which day comes first, and what was said is kept for it
        ctx.dialog.goto(ctx.dialog.step or "day", **{"wanted_time": None, "wanted_part": None, **said_data(said)})
        shown = f"{at:%H:%M}" if at is not None else ctx.t(f"booking.part.{part}")
        return await pick_day(ctx, ctx.t("booking.time_needs_day", time=shown))
    unplanned = holiday_not_planned(ctx, ctx.text)
    if unplanned is not None:  # 元旦 with only last year's in the plan: which day, and why it is not read
        return await ask_again(ctx, unplanned)
    if words.looks_like_when(ctx.text):
        # Looks like a date or time but is not one: show the same choices again, so
        # their numbers still work (a reply without them would forget them).
        return await ask_again(ctx, ctx.t("booking.bad_day"))
    return None


async def day_chosen(ctx: Context, day: date, part: str | None = None) -> HandlerResult:
    """The day's times (of the part of the day said), or the confirmation when a time was said before the day."""
    wanted = said_of(ctx.dialog.data)
    if wanted.at is None:
        part = part or wanted.part
        if wanted.part:
            ctx.dialog.goto(ctx.dialog.step or "day", wanted_part=None)
        return await pick_slot(ctx, day, part=part)
    ctx.dialog.goto(ctx.dialog.step or "day", wanted_time=None)
    return await typed_slot(ctx, day, wanted.at)
