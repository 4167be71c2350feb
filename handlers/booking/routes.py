"""Where booking messages arrive: the entry buttons and intent, the dialog's text, the `bk:` buttons.

Every `bk:` action names a record by id or code; the services check that
the person may touch it, so a forged button reaches nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import button_parts, is_id
from bot.models.booking import BookingKind, BookingStatus
from bot.services import booking
from handlers.booking import words
from handlers.booking.basics import DIALOG, router, rules_of, zone_of
from handlers.booking.dates import parse_day_stamp, parse_stamp
from handlers.booking.asking_again import ask_again
from handlers.booking.confirmation import ask_confirm, booked_reply, confirm_booking
from handlers.booking.day_list import pick_day
from handlers.booking.starting import ask_why, service_menu, start_booking, when_wanted
from handlers.booking.waiting import wait_for_slot
from handlers.booking.mode import when_at_mode
from handlers.booking.mode_chosen import choose_mode, mode_in_words, reason_given
from handlers.booking.places import ask_place, place_said
from handlers.booking.service_step import service_typed
from handlers.booking.visits import (
    home_visit_days,
    keep_address,
    place_building,
    place_part,
    place_room,
    place_unit,
    visit_where,
)
from handlers.booking.changing import answer_cancel, ask_cancel, start_reschedule, wanted_of
from handlers.booking.choosing import looks_up_day, manage_by_words
from handlers.booking.listing import my_bookings
from handlers.booking.staff import after_marking, cancel_with_reason, propose_choices
from handlers.common import back_button, goes_back
from handlers.booking.typed import about_this_service, another_time, confirm_again, day_chosen, go_back, not_yet, typed_when
from handlers.guide_in_view import home_visits, service_in_view
from knowledge.intents import asks_home_visit, gives_up, manages_booking
from knowledge.intents import booking as asks_to_book
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
    form = normalize(ctx.text)
    # 改期, 取消预约, 老年证那个不去了, 看看周六的预约: with one booking, that one; a day's list for staff
    if manages_booking(form) or gives_up(form) is not None or looks_up_day(form):
        return await manage_by_words(ctx)
    if any(word in ctx.text.lower() for word in ("cancel", "my ")):
        return await my_bookings(ctx)
    if asks_home_visit(form) and not asks_to_book(form):  # 腿脚不好能不能上门办 (not 预约上门): which matters staff do at home
        return await home_visits(ctx)
    in_view = await service_in_view(ctx)
    if in_view is not None and in_view.bookable:  # 能预约吗, right after the answer about 居住证: book that
        return await start_booking(ctx, in_view.id)
    wanted = when_wanted(ctx)
    if wanted:  # 俺想预约明儿上午: the day is kept while the service is chosen, not asked again
        ctx.dialog.enter(DIALOG, "service", **wanted)
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
    if ctx.dialog.step == "service":  # 老年证 typed under the services, the day said before kept
        return await _quit(ctx, []) if words.drops(ctx.text) else await service_typed(ctx)
    if ctx.dialog.step == "mode":  # 去中心 / 我走不动 chooses; 晚上七点 is kept for the day, the question asked again
        # (要带啥: that part of the service being booked, and the question again)
        return await mode_in_words(ctx) or when_at_mode(ctx) or await about_this_service(ctx)
    if ctx.dialog.step == "reason":
        return await cancel_with_reason(ctx)
    if ctx.dialog.step == "cancel":
        return await answer_cancel(ctx)
    if ctx.dialog.step == "why":
        reason = words.typed_reason(ctx.text)
        return await reason_given(ctx, reason) if reason else None
    step = ctx.dialog.step
    if step in _PLACING:
        return await _placing(ctx)
    if step == "confirm" and words.confirms(ctx.text):  # 嗯嗯 中, 好的谢谢, 就这个吧: yes to 确认预约
        return await confirm_booking(ctx, ctx.dialog.data.get("token", ""))
    if step in ("day", "slot") and words.confirms(ctx.text):  # 确认 before a time is chosen: the list again, not 答不上来
        ctx.own_words = False
        return await ask_again(ctx, ctx.t("booking.choose_first"))
    if step in _CHOOSING and words.drops(ctx.text):  # 不办了, 算了吧: as the 不约了 button
        return await _quit(ctx, [])
    if step == "confirm" and words.holds_off(ctx.text):  # 我再想想: not booked, and it says so
        return await not_yet(ctx)
    other = await another_time(ctx) if step == "confirm" else None  # 这个时间不行: as 换个时间
    if other is not None:
        return other
    if step in _CHOOSING and goes_back(ctx.text):
        return await go_back(ctx)
    if step in _CHOOSING:
        answered = await about_this_service(ctx)
        if answered is not None:
            return answered
        typed = await typed_when(ctx)
        if typed is None and step == "confirm" and words.unsure(ctx.text):
            return await confirm_again(ctx)
        return typed
    return None  # anything else: leave the dialog and answer it normally


_CHOOSING = ("day", "slot", "confirm")  # the steps that choose the time, each with its buttons
_PLACING = ("where", "place_building", "place_unit", "place_room")  # where a home visit goes


async def _placing(ctx: Context) -> HandlerResult:
    """Words at the visit address: 就是这里, 换个地址, an address (北苑3号楼2单元301), or the building, unit, door asked."""
    step = ctx.dialog.step
    if words.drops(ctx.text):
        return await _quit(ctx, [])
    if step == "where":
        if words.keeps_address(ctx.text):
            return await keep_address(ctx)
        said = await place_said(ctx, ctx.text)  # 不是，她住北苑3号楼2单元301
        if said is not None:
            return await place_part(ctx, said)
        return ask_place(ctx) if words.other_address(ctx.text) else None
    if goes_back(ctx.text):
        return await visit_where(ctx)
    if step == "place_building":
        return await place_building(ctx, ctx.text)
    if step == "place_unit":
        return await place_unit(ctx)
    return await place_room(ctx)


@router.button("bk")
async def bk_button(ctx: Context) -> HandlerResult:
    """`bk:ACTION[:ARG…]`: actions on a named record work anywhere; the rest are steps of the dialog."""
    action, args = button_parts(ctx.payload)
    record = RECORD_ACTIONS.get(action)
    if record is not None:
        handler, wants_id = record
        if not wants_id or (args and is_id(args[0])):
            return await handler(ctx, args)
    if ctx.dialog.name != DIALOG or "service_id" not in ctx.dialog.data:
        buttons = rows(Button(ctx.t("booking.menu"), "book"), Button(ctx.t("booking.mine_button"), "bk:mine"), per_row=2)
        return Reply(ctx.t("booking.expired"), buttons)
    step = DIALOG_STEPS.get(action)
    return await step(ctx, args) if step is not None else await pick_day(ctx)


Action = Callable[[Context, list[str]], Awaitable[HandlerResult]]


def _first(args: list[str]) -> str:
    return args[0] if args else ""


# --- actions on a record named by id or code (the services check who may touch it) --------


async def _mine(ctx: Context, args: list[str]) -> HandlerResult:
    ctx.dialog.leave()
    return await my_bookings(ctx)


async def _quit(ctx: Context, args: list[str]) -> HandlerResult:
    """不约了: nothing booked; while moving a booking, the booking stands as it was, and it says when."""
    code = ctx.dialog.data.get("code") if ctx.dialog.name == DIALOG else None
    ctx.dialog.leave()
    if code:
        kept = await booking.own(ctx.uow, ctx.person, code)
        rules = rules_of(ctx)
        text = ctx.t("booking.reschedule_kept", code=kept.code, service=rules.name(kept.service_id),
                     when=booking.when_text(ctx.texts, kept.starts_at, zone_of(ctx), end=kept.ends_at))
        return Reply(text, rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2))
    return Reply(ctx.t("booking.quitted"), rows(back_button(ctx)))


async def _confirm(ctx: Context, args: list[str]) -> HandlerResult:
    return await confirm_booking(ctx, _first(args))


async def _ask_cancel(ctx: Context, args: list[str]) -> HandlerResult:
    return await ask_cancel(ctx, _first(args))


async def _cancel(ctx: Context, args: list[str]) -> HandlerResult:
    ctx.dialog.leave()
    cancelled = await booking.cancel(ctx.uow, rules_of(ctx), ctx.person, _first(args))
    buttons = rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2)
    return Reply(ctx.t("booking.cancelled", code=cancelled.code), buttons)


async def _move(ctx: Context, args: list[str]) -> HandlerResult:
    day, at, part = wanted_of(args[1:])  # 改到后天上午十点 said with several bookings: this one, to that time
    return await start_reschedule(ctx, _first(args), day=day, at=at, part=part)


async def _take_offer(ctx: Context, args: list[str]) -> HandlerResult:
    ctx.dialog.leave()
    return booked_reply(ctx, await booking.take_offer(ctx.uow, rules_of(ctx), ctx.person, int(args[0])))


async def _skip_offer(ctx: Context, args: list[str]) -> HandlerResult:
    ctx.dialog.leave()
    await booking.skip_offer(ctx.uow, rules_of(ctx), ctx.person, int(args[0]))
    return Reply(ctx.t("booking.offer_skipped"), rows(back_button(ctx)))


async def _leave_waitlist(ctx: Context, args: list[str]) -> HandlerResult:
    ctx.dialog.leave()
    await booking.leave_waitlist(ctx.uow, rules_of(ctx), ctx.person, int(args[0]))
    return await my_bookings(ctx, ctx.t("booking.waitlist_left"))


def _marking(status: BookingStatus) -> Action:
    async def mark(ctx: Context, args: list[str]) -> HandlerResult:
        marked = await booking.mark(ctx.uow, rules_of(ctx), ctx.person, int(args[0]), status)
        return await after_marking(ctx, marked, f"booking.marked_{marked.status}")

    return mark


async def _unmark(ctx: Context, args: list[str]) -> HandlerResult:
    unmarked = await booking.unmark(ctx.uow, ctx.person, int(args[0]))
    return await after_marking(ctx, unmarked, "booking.unmarked")


async def _staff_cancel(ctx: Context, args: list[str]) -> HandlerResult:
    found = await booking.for_staff(ctx.uow, ctx.person, int(args[0]))
    ctx.dialog.enter(DIALOG, "reason", booking_id=found.id)
    return Reply(ctx.t("booking.ask_reason", code=found.code))


async def _confirm_visit(ctx: Context, args: list[str]) -> HandlerResult:
    confirmed = await booking.confirm_visit(ctx.uow, rules_of(ctx), ctx.person, int(args[0]))
    return Reply(ctx.t("booking.visit_confirmed_staff", code=confirmed.code))


async def _other_times(ctx: Context, args: list[str]) -> HandlerResult:
    return await propose_choices(ctx, int(args[0]))


async def _propose_visit(ctx: Context, args: list[str]) -> HandlerResult:
    timezone = zone_of(ctx)
    start = parse_stamp(args[1], timezone) if len(args) == 2 else None
    if start is None:
        return Reply(ctx.t("booking.no_such_slot"))
    moved = await booking.propose_visit(ctx.uow, rules_of(ctx), ctx.person, int(args[0]), start)
    when = booking.when_text(ctx.texts, moved.starts_at, timezone, end=moved.ends_at)
    return Reply(ctx.t("booking.visit_proposed_staff", code=moved.code, when=when))


async def _accept_visit(ctx: Context, args: list[str]) -> HandlerResult:
    accepted = await booking.accept_proposal(ctx.uow, rules_of(ctx), ctx.person, int(args[0]))
    when = booking.when_text(ctx.texts, accepted.starts_at, zone_of(ctx), end=accepted.ends_at)
    return Reply(ctx.t("booking.visit_accepted", code=accepted.code, when=when))


# action → (handler, whether its first argument must be a record id)
RECORD_ACTIONS: dict[str, tuple[Action, bool]] = {
    "mine": (_mine, False),
    "quit": (_quit, False),
    "ok": (_confirm, False),  # a confirmation token
    "cx": (_ask_cancel, False),  # booking codes
    "cxy": (_cancel, False),
    "mv": (_move, False),
    "take": (_take_offer, True),
    "skip": (_skip_offer, True),
    "unwait": (_leave_waitlist, True),
    "arr": (_marking(BookingStatus.arrived), True),
    "ns": (_marking(BookingStatus.no_show), True),
    "undo": (_unmark, True),
    "scx": (_staff_cancel, True),
    "hvok": (_confirm_visit, True),
    "hvalt": (_other_times, True),
    "hvp": (_propose_visit, True),
    "hvyes": (_accept_visit, True),
}


# --- steps of the booking dialog (refused as expired outside it) ------------------------------


async def _mode(ctx: Context, args: list[str]) -> HandlerResult:
    return await choose_mode(ctx, _first(args))


async def _why(ctx: Context, args: list[str]) -> HandlerResult:
    return await reason_given(ctx, _first(args))


async def _before_the_address(ctx: Context) -> HandlerResult:
    """A visit-address button pressed before the address is asked (a forged or stale 就是这里 at 哪种情况):
    the step is asked again, so the reason and the contact are never skipped."""
    if ctx.dialog.step == "why":
        return ask_why(ctx)
    if ctx.dialog.step not in ("where", *_PLACING, *_CHOOSING):
        return await pick_day(ctx)
    return None


async def _here(ctx: Context, args: list[str]) -> HandlerResult:
    early = await _before_the_address(ctx)
    if early is not None:
        return early
    return await keep_address(ctx) if ctx.dialog.step == "where" else await visit_where(ctx)


async def _away(ctx: Context, args: list[str]) -> HandlerResult:
    if ctx.dialog.data.get("kind") != BookingKind.home or ctx.dialog.data.get("code"):
        return await pick_day(ctx)  # moving a booking keeps its address
    return await _before_the_address(ctx) or ask_place(ctx)


async def _picked_building(ctx: Context, args: list[str]) -> HandlerResult:
    early = await _before_the_address(ctx)
    if early is not None:
        return early
    if ctx.dialog.step != "place_building":
        return ask_place(ctx)
    return await place_building(ctx, building_id=_first(args))


async def _days(ctx: Context, args: list[str]) -> HandlerResult:
    return await pick_day(ctx)


async def _day(ctx: Context, args: list[str]) -> HandlerResult:
    day = parse_day_stamp(_first(args))
    return await day_chosen(ctx, day) if day else await pick_day(ctx)


async def _slot(ctx: Context, args: list[str]) -> HandlerResult:
    start = parse_stamp(_first(args), zone_of(ctx))
    return await ask_confirm(ctx, start) if start else await pick_day(ctx)


async def _wait(ctx: Context, args: list[str]) -> HandlerResult:
    start = parse_stamp(_first(args), zone_of(ctx))
    return await wait_for_slot(ctx, start) if start else await pick_day(ctx)


DIALOG_STEPS: dict[str, Action] = {
    "mode": _mode,
    "why": _why,
    "here": _here,
    "away": _away,
    "pb": _picked_building,
    "days": _days,
    "day": _day,
    "slot": _slot,
    "wait": _wait,
}
