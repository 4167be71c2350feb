"""到中心办理 or 预约上门 chosen (pressed, or said in words: 去中心, 我走不动), and the visit's reason given.

The question itself is asked in handlers/booking/mode.py; here the choice
leads on: the centre to its days (a day or time said before kept), the
visit to why the resident cannot come, or, said with the choice, past it.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.router import HandlerResult
from bot.models.booking import BookingKind
from bot.services import booking
from handlers.booking import words
from handlers.booking.dates import said_of
from handlers.booking.day_list import pick_day
from handlers.booking.mode import when_text
from handlers.booking.own_visits import comes_home, works_at_home
from handlers.booking.starting import ask_why
from handlers.booking.typed import day_chosen
from handlers.booking.visits import home_visit_days


async def choose_mode(ctx: Context, mode: str) -> HandlerResult:
    """"centre": the days (or the day said before); "home": why the resident cannot come (便民维修: it comes anyway)."""
    if mode == "centre":
        ctx.dialog.goto("day", kind=BookingKind.centre.value)
        said = said_of(ctx.dialog.data)
        if said.day is not None:
            return await day_chosen(ctx, said.day)
        if said:  # a time said before the day (晚上七点): kept, and the day list says so
            return await pick_day(ctx, ctx.t("booking.time_needs_day", time=when_text(ctx, said)))
        return await pick_day(ctx)
    if mode != "home":
        return await pick_day(ctx)
    service = ctx.app.knowledge.get(ctx.dialog.data.get("service_id", ""))
    if service is not None and works_at_home(service):  # 预约上门 for 便民维修: it comes anyway, asked for its own way
        return comes_home(ctx, service)
    return ask_why(ctx)


async def mode_in_words(ctx: Context) -> HandlerResult:
    """去中心, 我自己去 as 到中心办理; 上门, 我走不动 as 预约上门 (and 走不动 as its reason, not asked again); else None.

    去中心 was read as a question about 日间照料中心 and left the booking.
    """
    mode = words.mode_said(ctx.text)
    if mode is None:
        return None
    ctx.own_words = False  # a choice made in words: nothing of theirs to keep as a draft
    chosen = await choose_mode(ctx, mode)
    reason = words.typed_reason(ctx.text) if mode == "home" else None
    return await reason_given(ctx, reason) if reason and ctx.dialog.step == "why" else chosen


async def reason_given(ctx: Context, reason: str) -> HandlerResult:
    """Why a visit is needed (老年人, 残疾人, 其他): on to the visit's half-days; anything else, the days."""
    if reason not in booking.HOME_REASONS:
        return await pick_day(ctx)
    ctx.dialog.goto("home_days", reason=reason)
    return await home_visit_days(ctx)
