"""预约办理: appointments at the centre and home visits, the same dialog on every channel.

Residents book from a service's answer (the 预约办理 button), from the menu
or by saying 我要预约: pick a day, a slot (seats left shown), confirm. The
confirmation's one-time token is in the dialog and on the 确认 button, so a
double tap or a redelivered press gives the same booking. `/mybookings`
lists, reschedules and cancels; staff use `/today` and `/bookings DATE`;
grid managers answer home visits from the pushed task.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.core.validation import is_id
from bot.models.booking import BookingKind, BookingStatus, VisitStatus
from bot.services import booking, opening, people
from bot.services.errors import InvalidInput
from handlers.common import back_button
from handlers.profile import ask_profile
from knowledge.schema import Service

router = Router("booking")
router.menu_entry("booking.menu", "book", order=20)

DIALOG = "booking"
PAGE = 8
MAX_LISTED = 8  # bookings with buttons in one staff list


def _rules(ctx: Context) -> booking.Rules:
    return booking.Rules.of(ctx.app)


def _tz(ctx: Context) -> str:
    return ctx.app.settings.timezone


def _today(ctx: Context) -> date:
    return opening.local_today(ctx.now, _tz(ctx))


def _stamp(when: datetime, timezone: str) -> str:
    return when.astimezone(ZoneInfo(timezone)).strftime("%Y%m%d%H%M")


def _parse_stamp(raw: str, timezone: str) -> datetime | None:
    try:
        return datetime.strptime(raw, "%Y%m%d%H%M").replace(tzinfo=ZoneInfo(timezone))
    except ValueError:
        return None


def _parse_day_stamp(raw: str) -> date | None:
    try:
        return datetime.strptime(raw, "%Y%m%d").date()
    except ValueError:
        return None


_WEEKDAY_CHARS = "一二三四五六日"


def parse_day(text: str, today: date) -> date | None:
    """A day as residents type it: 明天, 后天, 周三, 下周一, 3月5日, 3-5, 2026-03-05."""
    import unicodedata

    form = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    relative = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
    if form in relative:
        return today + timedelta(days=relative[form])
    match = re.fullmatch(r"(下)?(?:周|星期|礼拜)([一二三四五六日天])", form)
    if match:
        target = _WEEKDAY_CHARS.index(match.group(2).replace("天", "日"))
        ahead = (target - today.weekday()) % 7
        if match.group(1):
            ahead += 7 if ahead else 7
        return today + timedelta(days=ahead)
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?", form)
    try:
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = re.fullmatch(r"(\d{1,2})[-/.月](\d{1,2})[日号]?", form)
        if match:
            day = date(today.year, int(match.group(1)), int(match.group(2)))
            if day < today - timedelta(days=60):  # "1月5日" typed in December means next January
                day = day.replace(year=today.year + 1)
            return day
    except ValueError:
        return None
    return None


# --- entry points ---------------------------------------------------------------------------------


@router.button("book")
async def book_button(ctx: Context) -> HandlerResult:
    rest = (ctx.payload or "").partition(":")[2]
    if rest.startswith("page:"):
        page = rest[5:]
        return _home(ctx, int(page) if is_id(page) else 0)
    if rest:
        return await _start(ctx, rest)
    return _home(ctx)


@router.intent("booking")
async def booking_intent(ctx: Context) -> HandlerResult:
    if any(word in ctx.text for word in ("取消", "改", "我的", "查看", "查询", "cancel", "my")):
        return await my_bookings(ctx)
    return _home(ctx)


def _home(ctx: Context, page: int = 0) -> Reply:
    """Which service to book: the bookable services, a page at a time."""
    services = [s for s in ctx.app.knowledge if s.bookable]
    pages = max(1, -(-len(services) // PAGE))
    page = max(0, min(page, pages - 1))
    buttons = [Button(s.name[:20], f"book:{s.id}") for s in services[page * PAGE : (page + 1) * PAGE]]
    if page > 0:
        buttons.append(Button(ctx.t("booking.prev"), f"book:page:{page - 1}"))
    if page < pages - 1:
        buttons.append(Button(ctx.t("booking.next"), f"book:page:{page + 1}"))
    buttons += [Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx)]
    return Reply(ctx.t("booking.home", page=page + 1, pages=pages), rows(*buttons, per_row=2))


async def _start(ctx: Context, service_id: str) -> HandlerResult:
    service: Service | None = ctx.app.knowledge.get(service_id)
    if service is None or not service.bookable:
        return Reply(ctx.t("booking.not_bookable"), rows(Button(ctx.t("booking.menu"), "book")))
    data = {"service_id": service.id, "centre": service.where.centre.value, "token": booking.new_token()}
    if service.home_visit:
        ctx.dialog.enter(DIALOG, "mode", kind=BookingKind.centre.value, **data)
        return Reply(
            ctx.t("booking.pick_mode", service=service.name),
            rows(
                Button(ctx.t("booking.mode_centre"), "bk:mode:centre"),
                Button(ctx.t("booking.mode_home"), "bk:mode:home"),
                per_row=2,
            ),
        )
    ctx.dialog.enter(DIALOG, "day", kind=BookingKind.centre.value, **data)
    return await _days(ctx)


# --- the dialog -------------------------------------------------------------------------------------


@router.dialog(DIALOG)
async def booking_dialog(ctx: Context) -> HandlerResult:
    payload = ctx.payload or ""
    if payload == "resume":  # back from the profile dialog with the address
        return await _home_days(ctx) if ctx.dialog.step == "home_days" else await _days(ctx)
    if payload.startswith("bk:"):
        return await bk_button(ctx)
    if payload.startswith("book:"):
        return await book_button(ctx)
    if payload or not ctx.text:
        return None
    if ctx.dialog.step == "reason":
        return await _staff_cancel_with_reason(ctx)
    if ctx.dialog.step in ("day", "slot", "confirm"):
        day = parse_day(ctx.text, _today(ctx))
        if day is not None:
            return await _slots(ctx, day)
        if re.search(r"\d|[今明后]天|周|星期", ctx.text):
            return Reply(ctx.t("booking.bad_day"))
    return None  # anything else: leave the dialog and answer it normally


async def _days(ctx: Context, note: str | None = None) -> Reply:
    data = ctx.dialog.data
    rules = _rules(ctx)
    kind = data["kind"]
    community_id = await booking.community_of(ctx.uow, ctx.person)
    days = await booking.open_days(
        ctx.uow, rules, community_id, ctx.now, kind=kind, centre=data.get("centre"), grid_id=data.get("grid_id")
    )
    ctx.dialog.goto("day")
    name = rules.name(data["service_id"])
    if not days:
        ctx.dialog.leave()
        return Reply(ctx.t("booking.no_days", service=name, days=rules.plan.horizon_days), rows(back_button(ctx)))
    buttons = [
        Button(
            ctx.t("booking.day_left", day=booking.day_text(ctx.texts, day), left=left) if left
            else ctx.t("booking.day_full", day=booking.day_text(ctx.texts, day)),
            f"bk:day:{day:%Y%m%d}",
        )
        for day, left in days
    ]
    key = "booking.pick_home_day" if kind == BookingKind.home else "booking.pick_day"
    text = ctx.t(key, service=name, days=rules.plan.horizon_days)
    return Reply("\n".join(filter(None, [note, text])), rows(*buttons, Button(ctx.t("booking.quit"), "bk:quit"), per_row=2))


async def _slots(ctx: Context, day: date) -> Reply:
    data = ctx.dialog.data
    rules = _rules(ctx)
    timezone = _tz(ctx)
    problem = opening.check_day(rules.plan, day, ctx.now, timezone)
    if problem:
        return await _days(ctx, ctx.t(problem, days=rules.plan.horizon_days))
    info = opening.day_info(rules.plan, day)
    if info.holiday:
        return await _days(ctx, ctx.t("booking.day_holiday", day=booking.day_text(ctx.texts, day), holiday=info.holiday))
    kind = data["kind"]
    community_id = await booking.community_of(ctx.uow, ctx.person)
    views = await booking.day_slots(
        ctx.uow, rules, community_id, day, ctx.now, kind=kind, centre=data.get("centre"), grid_id=data.get("grid_id")
    )
    if not views:
        return await _days(ctx, ctx.t("booking.day_closed", day=booking.day_text(ctx.texts, day)))
    buttons = []
    for view in views:
        start = view.slot.start
        label = f"{start:%H:%M}-{view.slot.end:%H:%M}" if kind == BookingKind.home else f"{start:%H:%M}"
        if view.slot.extended:
            label += ctx.t("booking.extended_mark")
        if view.left:
            buttons.append(Button(ctx.t("booking.slot_left", time=label, left=view.left), f"bk:slot:{_stamp(start, timezone)}"))
        else:
            buttons.append(Button(ctx.t("booking.slot_full", time=label), f"bk:wait:{_stamp(start, timezone)}"))
    ctx.dialog.goto("slot", day=f"{day:%Y%m%d}")
    lines = [ctx.t("booking.pick_slot", day=booking.day_text(ctx.texts, day))]
    if info.make_up:
        lines.append(ctx.t("booking.make_up_note", name=info.make_up))
    if any(v.slot.extended for v in views):
        lines.append(ctx.t("booking.extended_note"))
    return Reply(
        "\n".join(lines),
        rows(*buttons, Button(ctx.t("booking.other_day"), "bk:days"), per_row=3 if kind != BookingKind.home else 1),
    )


async def _confirm_prompt(ctx: Context, start: datetime) -> Reply:
    data = ctx.dialog.data
    rules = _rules(ctx)
    timezone = _tz(ctx)
    home = data["kind"] == BookingKind.home
    slot = opening.find_slot(rules.plan, start, timezone, home=home)
    if slot is None:
        return await _days(ctx, ctx.t("booking.no_such_slot"))
    problem = opening.check_start(rules.plan, slot.start, ctx.now, timezone)
    if problem:
        return await _days(ctx, ctx.t(problem, days=rules.plan.horizon_days, minutes=rules.plan.min_notice_minutes))
    ctx.dialog.goto("confirm", start=_stamp(slot.start, timezone))
    where = data.get("address") if home else rules.where(ctx.texts, data["service_id"])
    key = "booking.confirm_reschedule" if data.get("code") else "booking.confirm"
    text = ctx.t(
        key,
        service=rules.name(data["service_id"]),
        when=booking.when_text(ctx.texts, slot.start, timezone, end=slot.end),
        where=where or "",
        code=data.get("code", ""),
    )
    return Reply(
        text,
        rows(
            Button(ctx.t("booking.confirm_button"), f"bk:ok:{data['token']}"),
            Button(ctx.t("booking.other_time"), f"bk:day:{slot.start:%Y%m%d}"),
            Button(ctx.t("booking.quit"), "bk:quit"),
            per_row=2,
        ),
    )


# --- buttons --------------------------------------------------------------------------------------------


@router.button("bk")
async def bk_button(ctx: Context) -> HandlerResult:
    parts = (ctx.payload or "").split(":")
    action, args = (parts[1] if len(parts) > 1 else ""), parts[2:]
    arg = args[0] if args else ""
    in_dialog = ctx.dialog.name == DIALOG
    timezone = _tz(ctx)

    if action == "mine":
        ctx.dialog.leave()
        return await my_bookings(ctx)
    if action == "quit":
        ctx.dialog.leave()
        return Reply(ctx.t("booking.quitted"), rows(back_button(ctx)))
    if action == "ok":
        return await _confirm(ctx, arg)
    if action == "cx":
        return await _ask_cancel(ctx, arg)
    if action == "cxy":
        ctx.dialog.leave()
        cancelled = await booking.cancel(ctx.uow, _rules(ctx), ctx.person, arg)
        return Reply(ctx.t("booking.cancelled", code=cancelled.code), rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2))
    if action == "mv":
        return await _reschedule(ctx, arg)
    if action == "take" and is_id(arg):
        ctx.dialog.leave()
        result = await booking.take_offer(ctx.uow, _rules(ctx), ctx.person, int(arg))
        return _booked(ctx, result)
    if action == "skip" and is_id(arg):
        ctx.dialog.leave()
        await booking.skip_offer(ctx.uow, _rules(ctx), ctx.person, int(arg))
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
        confirmed = await booking.confirm_visit(ctx.uow, _rules(ctx), ctx.person, int(arg))
        return Reply(ctx.t("booking.visit_confirmed_staff", code=confirmed.code))
    if action == "hvalt" and is_id(arg):
        return await _propose_choices(ctx, int(arg))
    if action == "hvp" and len(args) == 2 and is_id(args[0]):
        start = _parse_stamp(args[1], timezone)
        if start is None:
            return Reply(ctx.t("booking.no_such_slot"))
        moved = await booking.propose_visit(ctx.uow, _rules(ctx), ctx.person, int(args[0]), start)
        return Reply(ctx.t("booking.visit_proposed_staff", code=moved.code, when=booking.when_text(ctx.texts, moved.starts_at, timezone, end=moved.ends_at)))
    if action == "hvyes" and is_id(arg):
        accepted = await booking.accept_proposal(ctx.uow, _rules(ctx), ctx.person, int(arg))
        return Reply(ctx.t("booking.visit_accepted", code=accepted.code, when=booking.when_text(ctx.texts, accepted.starts_at, timezone, end=accepted.ends_at)))

    # The rest are steps of the booking dialog.
    if not in_dialog or "service_id" not in ctx.dialog.data:
        return Reply(ctx.t("booking.expired"), rows(Button(ctx.t("booking.menu"), "book"), Button(ctx.t("booking.mine_button"), "bk:mine"), per_row=2))
    if action == "mode" and arg in ("centre", "home"):
        if arg == "centre":
            ctx.dialog.goto("day", kind=BookingKind.centre.value)
            return await _days(ctx)
        ctx.dialog.goto("why", kind=BookingKind.home.value)
        return Reply(
            ctx.t("booking.ask_why"),
            rows(*[Button(ctx.t(f"booking.reason.{r}"), f"bk:why:{r}") for r in booking.HOME_REASONS], per_row=3),
        )
    if action == "why" and arg in booking.HOME_REASONS:
        ctx.dialog.goto("home_days", reason=arg)
        return await _home_days(ctx)
    if action == "days":
        return await _days(ctx)
    if action == "day":
        day = _parse_day_stamp(arg)
        return await _slots(ctx, day) if day else await _days(ctx)
    if action == "slot":
        start = _parse_stamp(arg, timezone)
        return await _confirm_prompt(ctx, start) if start else await _days(ctx)
    if action == "wait":
        start = _parse_stamp(arg, timezone)
        if start is None:
            return await _days(ctx)
        return await _wait(ctx, start)
    return await _days(ctx)


async def _home_days(ctx: Context) -> HandlerResult:
    """Home visits need the address (asked with consent); then the half-days of the grid."""
    asked = await ask_profile(
        ctx, ("name", "phone", "address"),
        then={"dialog": DIALOG, "step": "home_days", "data": dict(ctx.dialog.data)},
    )
    if asked is not None:
        return asked
    grid_id, address = await booking.home_of(ctx.uow, ctx.person)
    ctx.dialog.goto("day", grid_id=grid_id, address=address)
    return await _days(ctx)


async def _confirm(ctx: Context, token: str) -> HandlerResult:
    existing = await booking.by_token(ctx.uow, ctx.person, token)
    if existing is not None:  # a double tap, or the same press delivered again
        if ctx.dialog.name == DIALOG and ctx.dialog.data.get("token") == token:
            ctx.dialog.leave()
        return _booked(ctx, booking.Booked(existing, again=True))
    data = ctx.dialog.data
    if ctx.dialog.name != DIALOG or data.get("token") != token or not data.get("start"):
        return Reply(ctx.t("booking.expired"), rows(Button(ctx.t("booking.mine_button"), "bk:mine"), Button(ctx.t("booking.menu"), "book"), per_row=2))
    start = _parse_stamp(data["start"], _tz(ctx))
    assert start is not None
    rules = _rules(ctx)
    if data.get("code"):
        result = await booking.reschedule(ctx.uow, rules, ctx.person, data["code"], start, token, centre=data.get("centre"))
    else:
        request = booking.Request(
            service_id=data["service_id"], kind=data["kind"], start=start, token=token,
            centre=data.get("centre"), reason=data.get("reason"),
        )
        result = await booking.book(ctx.uow, rules, ctx.person, request)
    if isinstance(result, booking.Full):
        ctx.dialog.goto("slot")
        stamp = data["start"]
        return Reply(
            ctx.t("booking.full_now"),
            rows(
                Button(ctx.t("booking.wait_button"), f"bk:wait:{stamp}"),
                Button(ctx.t("booking.other_time"), f"bk:day:{stamp[:8]}"),
                per_row=2,
            ),
        )
    ctx.dialog.leave()
    return _booked(ctx, result, rescheduled=bool(data.get("code")))


def _booked(ctx: Context, result: booking.Booked, *, rescheduled: bool = False) -> Reply:
    made = result.booking
    rules = _rules(ctx)
    timezone = _tz(ctx)
    service = rules.service(made.service_id)
    when = booking.when_text(ctx.texts, made.starts_at, timezone, end=made.ends_at)
    materials = "\n".join(f"{i}. {m}" for i, m in enumerate(service.materials, start=1)) if service else ""
    home = made.kind == BookingKind.home
    where = made.address if home else rules.where(ctx.texts, made.service_id)
    if result.again:
        key = "booking.already_booked"
    elif rescheduled:
        key = "booking.rescheduled"
    else:
        key = "booking.visit_requested" if home else "booking.booked"
    deadline = booking.clock_text(opening.change_deadline(rules.plan, made.starts_at), timezone)
    text = ctx.t(key, code=made.code, service=rules.name(made.service_id), when=when, where=where or "",
                 materials=materials or ctx.t("booking.no_materials"), deadline=deadline)
    document = booking.calendar(
        made, title=f"{rules.name(made.service_id)}（{made.code}）", location=where or "",
        description=ctx.t("booking.ics_description", code=made.code), now=ctx.now,
    )
    return Reply(
        text,
        rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2),
        document=document,
    )


async def _wait(ctx: Context, start: datetime) -> HandlerResult:
    data = ctx.dialog.data
    slot_id = await booking.slot_id_at(
        ctx.uow, _rules(ctx), ctx.person, start, kind=data["kind"], centre=data.get("centre"), grid_id=data.get("grid_id")
    )
    place = await booking.join_waitlist(ctx.uow, ctx.person, slot_id, data["service_id"])
    ctx.dialog.leave()
    return Reply(
        ctx.t("booking.waiting", when=booking.when_text(ctx.texts, start, _tz(ctx)), place=place,
              minutes=_rules(ctx).plan.waitlist_offer_minutes),
        rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2),
    )


# --- the resident's bookings ------------------------------------------------------------------------------


@router.command("mybookings", keywords=("我的预约", "查看预约", "预约记录"))
async def my_bookings(ctx: Context) -> HandlerResult:
    found = await booking.mine(ctx.uow, ctx.person)
    if not found:
        return Reply(ctx.t("booking.none"), rows(Button(ctx.t("booking.menu"), "book"), back_button(ctx), per_row=2))
    rules = _rules(ctx)
    timezone = _tz(ctx)
    lines = [ctx.t("booking.mine_title", count=len(found))]
    buttons = []
    for index, item in enumerate(found, start=1):
        state = ctx.t(f"booking.visit.{item.visit_status}") if item.visit_status else ""
        lines.append(
            ctx.t("booking.mine_line", number=index, code=item.code, service=rules.name(item.service_id),
                  when=booking.when_text(ctx.texts, item.starts_at, timezone, end=item.ends_at), state=state).rstrip()
        )
        buttons += [
            Button(ctx.t("booking.reschedule_code", code=item.code), f"bk:mv:{item.code}"),
            Button(ctx.t("booking.cancel_code", code=item.code), f"bk:cx:{item.code}"),
        ]
    lines.append(ctx.t("booking.cutoff_note", hours=_hours(rules.plan.cutoff_minutes)))
    return Reply("\n".join(lines), rows(*buttons, back_button(ctx), per_row=2))


def _hours(minutes: int) -> str:
    return f"{minutes // 60}" if minutes % 60 == 0 else f"{minutes / 60:.1f}"


@router.command("cancelbooking", keywords=("取消预约",))
async def cancel_command(ctx: Context) -> HandlerResult:
    if not ctx.args:
        return await my_bookings(ctx)
    return await _ask_cancel(ctx, ctx.args.split()[0])


async def _ask_cancel(ctx: Context, code: str) -> HandlerResult:
    ctx.dialog.leave()
    found = await booking.check_changeable(ctx.uow, _rules(ctx), ctx.person, code)
    return Reply(
        ctx.t("booking.cancel_confirm", code=found.code, service=_rules(ctx).name(found.service_id),
              when=booking.when_text(ctx.texts, found.starts_at, _tz(ctx))),
        rows(Button(ctx.t("booking.cancel_yes"), f"bk:cxy:{found.code}"), Button(ctx.t("booking.keep"), "bk:mine"), per_row=2),
    )


async def _reschedule(ctx: Context, code: str) -> HandlerResult:
    found = await booking.check_changeable(ctx.uow, _rules(ctx), ctx.person, code)
    service = ctx.app.knowledge.get(found.service_id)
    ctx.dialog.enter(
        DIALOG, "day",
        service_id=found.service_id, kind=found.kind, code=found.code, token=booking.new_token(),
        centre=service.where.centre.value if service else None, grid_id=found.grid_id, address=found.address,
    )
    return await _days(ctx, ctx.t("booking.reschedule_intro", code=found.code))


# --- staff ---------------------------------------------------------------------------------------------------


@router.command("today", keywords=("今日预约", "今天预约"))
async def today(ctx: Context) -> HandlerResult:
    return await _day_list(ctx, _today(ctx))


@router.command("bookings", keywords=("预约名单",))
async def bookings_on(ctx: Context) -> HandlerResult:
    if not ctx.args:
        return await _day_list(ctx, _today(ctx))
    day = parse_day(ctx.args, _today(ctx))
    if day is None:
        return Reply(ctx.t("booking.bookings_usage"))
    return await _day_list(ctx, day)


async def _day_list(ctx: Context, day: date) -> HandlerResult:
    rules = _rules(ctx)
    timezone = _tz(ctx)
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
    for item, person in found:
        local = item.starts_at.astimezone(ZoneInfo(timezone))
        who = people.resident_label(person)
        place = item.address if item.kind == BookingKind.home else ""
        state = ctx.t(f"booking.status.{item.status}")
        lines.append(ctx.t("booking.list_line", time=f"{local:%H:%M}", code=item.code, service=rules.name(item.service_id),
                           who=who, state=state, place=place).rstrip())
        if item.status == BookingStatus.booked and len(buttons) < MAX_LISTED * 3:
            buttons += [
                Button(ctx.t("booking.arrived_button", code=item.code), f"bk:arr:{item.id}"),
                Button(ctx.t("booking.no_show_button", code=item.code), f"bk:ns:{item.id}"),
                Button(ctx.t("booking.staff_cancel_button", code=item.code), f"bk:scx:{item.id}"),
            ]
    if not found:
        lines.append(ctx.t("booking.list_empty"))
    return Reply("\n".join(lines), rows(*buttons, per_row=3))


async def _staff_cancel_with_reason(ctx: Context) -> HandlerResult:
    booking_id = ctx.dialog.data.get("booking_id")
    ctx.dialog.leave()
    if not isinstance(booking_id, int):
        return None
    cancelled = await booking.staff_cancel(ctx.uow, _rules(ctx), ctx.person, booking_id, ctx.text)
    return Reply(ctx.t("booking.staff_cancelled", code=cancelled.code))


async def _propose_choices(ctx: Context, booking_id: int) -> HandlerResult:
    rules = _rules(ctx)
    timezone = _tz(ctx)
    found = await booking.for_staff(ctx.uow, ctx.person, booking_id)
    if found.kind != BookingKind.home or found.status != BookingStatus.booked:
        raise InvalidInput("booking.not_active", code=found.code)
    buttons = []
    for day in opening.open_days(rules.plan, ctx.now, timezone, home=True):
        views = await booking.day_slots(ctx.uow, rules, found.community_id, day, ctx.now, kind=BookingKind.home, grid_id=found.grid_id)
        for view in views:
            if view.left and view.slot.start != found.starts_at:
                label = ctx.t("booking.slot_left", time=booking.when_text(ctx.texts, view.slot.start, timezone), left=view.left)
                buttons.append(Button(label, f"bk:hvp:{found.id}:{_stamp(view.slot.start, timezone)}"))
        if len(buttons) >= 8:
            break
    if not buttons:
        return Reply(ctx.t("booking.no_days", service=rules.name(found.service_id), days=rules.plan.horizon_days))
    state = ctx.t(f"booking.visit.{found.visit_status or VisitStatus.requested}")
    return Reply(ctx.t("booking.propose_pick", code=found.code, state=state), rows(*buttons[:8]))
