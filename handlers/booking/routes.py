"""Where booking messages arrive: the entry buttons and intent, the dialog's text, the `bk:` buttons.

Every `bk:` action names a record by id or code; the services check that
the person may touch it, so a forged button reaches nothing.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import is_id
from bot.models.booking import BookingKind, BookingStatus
from bot.services import booking
from handlers.booking.basics import DIALOG, router, rules_of, today_of, zone_of
from handlers.booking.dates import parse_day, parse_day_stamp, parse_stamp
from handlers.booking.dialog import (
    ask_confirm,
    booked_reply,
    confirm_booking,
    home_visit_days,
    pick_day,
    pick_slot,
    service_menu,
    start_booking,
    wait_for_slot,
)
from handlers.booking.mine import ask_cancel, my_bookings, start_reschedule
from handlers.booking.staff import cancel_with_reason, propose_choices
from handlers.common import back_button
from knowledge.intents import manages_booking
from knowledge.normalize import normalize


@router.button("book")
async def book_button(ctx: Context) -> HandlerResult:
    rest = (ctx.payload or "").partition(":")[2]
    if rest.startswith("page:"):
        page = rest[5:]
        return service_menu(ctx, int(page) if is_id(page) else 0)
    if rest:
        return await start_booking(ctx, rest)
    return service_menu(ctx)


@router.intent("booking")
async def booking_intent(ctx: Context) -> HandlerResult:
    if manages_booking(normalize(ctx.text)) or any(word in ctx.text.lower() for word in ("cancel", "my ")):
        return await my_bookings(ctx)
    return service_menu(ctx)


@router.dialog(DIALOG)
async def booking_dialog(ctx: Context) -> HandlerResult:
    payload = ctx.payload or ""
    if payload == "resume":  # back from the profile dialog with the address
        return await home_visit_days(ctx) if ctx.dialog.step == "home_days" else await pick_day(ctx)
    if payload.startswith("bk:"):
        return await bk_button(ctx)
    if payload.startswith("book:"):
        return await book_button(ctx)
    if payload or not ctx.text:
        return None
    if ctx.dialog.step == "reason":
        return await cancel_with_reason(ctx)
    if ctx.dialog.step in ("day", "slot", "confirm"):
        day = parse_day(ctx.text, today_of(ctx))
        if day is not None:
            return await pick_slot(ctx, day)
        if re.search(r"\d|[今明后]天|周|星期", ctx.text):
            return Reply(ctx.t("booking.bad_day"))
    return None  # anything else: leave the dialog and answer it normally


@router.button("bk")
async def bk_button(ctx: Context) -> HandlerResult:
    parts = (ctx.payload or "").split(":")
    action, args = (parts[1] if len(parts) > 1 else ""), parts[2:]
    arg = args[0] if args else ""
    in_dialog = ctx.dialog.name == DIALOG
    timezone = zone_of(ctx)

    if action == "mine":
        ctx.dialog.leave()
        return await my_bookings(ctx)
    if action == "quit":
        ctx.dialog.leave()
        return Reply(ctx.t("booking.quitted"), rows(back_button(ctx)))
    if action == "ok":
        return await confirm_booking(ctx, arg)
    if action == "cx":
        return await ask_cancel(ctx, arg)
    if action == "cxy":
        ctx.dialog.leave()
        cancelled = await booking.cancel(ctx.uow, rules_of(ctx), ctx.person, arg)
        return Reply(ctx.t("booking.cancelled", code=cancelled.code), rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2))
    if action == "mv":
        return await start_reschedule(ctx, arg)
    if action == "take" and is_id(arg):
        ctx.dialog.leave()
        result = await booking.take_offer(ctx.uow, rules_of(ctx), ctx.person, int(arg))
        return booked_reply(ctx, result)
    if action == "skip" and is_id(arg):
        ctx.dialog.leave()
        await booking.skip_offer(ctx.uow, rules_of(ctx), ctx.person, int(arg))
        return Reply(ctx.t("booking.offer_skipped"), rows(back_button(ctx)))
    if action in ("arr", "ns") and is_id(arg):
        status = BookingStatus.arrived if action == "arr" else BookingStatus.no_show
        marked = await booking.mark(ctx.uow, ctx.person, int(arg), status)
        return Reply(ctx.t(f"booking.marked_{marked.status}", code=marked.code))
    if action == "scx" and is_id(arg):
        found = await booking.for_staff(ctx.uow, ctx.person, int(arg))
        ctx.dialog.enter(DIALOG, "reason", booking_id=found.id)
        return Reply(ctx.t("booking.ask_reason", code=found.code))
    if action == "hvok" and is_id(arg):
        confirmed = await booking.confirm_visit(ctx.uow, rules_of(ctx), ctx.person, int(arg))
        return Reply(ctx.t("booking.visit_confirmed_staff", code=confirmed.code))
    if action == "hvalt" and is_id(arg):
        return await propose_choices(ctx, int(arg))
    if action == "hvp" and len(args) == 2 and is_id(args[0]):
        start = parse_stamp(args[1], timezone)
        if start is None:
            return Reply(ctx.t("booking.no_such_slot"))
        moved = await booking.propose_visit(ctx.uow, rules_of(ctx), ctx.person, int(args[0]), start)
        return Reply(ctx.t("booking.visit_proposed_staff", code=moved.code, when=booking.when_text(ctx.texts, moved.starts_at, timezone, end=moved.ends_at)))
    if action == "hvyes" and is_id(arg):
        accepted = await booking.accept_proposal(ctx.uow, rules_of(ctx), ctx.person, int(arg))
        return Reply(ctx.t("booking.visit_accepted", code=accepted.code, when=booking.when_text(ctx.texts, accepted.starts_at, timezone, end=accepted.ends_at)))

    # The rest are steps of the booking dialog.
    if not in_dialog or "service_id" not in ctx.dialog.data:
        return Reply(ctx.t("booking.expired"), rows(Button(ctx.t("booking.menu"), "book"), Button(ctx.t("booking.mine_button"), "bk:mine"), per_row=2))
    if action == "mode" and arg in ("centre", "home"):
        if arg == "centre":
            ctx.dialog.goto("day", kind=BookingKind.centre.value)
            return await pick_day(ctx)
        ctx.dialog.goto("why", kind=BookingKind.home.value)
        return Reply(
            ctx.t("booking.ask_why"),
            rows(*[Button(ctx.t(f"booking.reason.{r}"), f"bk:why:{r}") for r in booking.HOME_REASONS], per_row=3),
        )
    if action == "why" and arg in booking.HOME_REASONS:
        ctx.dialog.goto("home_days", reason=arg)
        return await home_visit_days(ctx)
    if action == "days":
        return await pick_day(ctx)
    if action == "day":
        day = parse_day_stamp(arg)
        return await pick_slot(ctx, day) if day else await pick_day(ctx)
    if action == "slot":
        start = parse_stamp(arg, timezone)
        return await ask_confirm(ctx, start) if start else await pick_day(ctx)
    if action == "wait":
        start = parse_stamp(arg, timezone)
        if start is None:
            return await pick_day(ctx)
        return await wait_for_slot(ctx, start)
    return await pick_day(ctx)
