"""The booking dialog: which service, which day, which slot, confirm; or wait for a full slot."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.when import Said, in_part
from bot.models.booking import BookingKind
from bot.services import booking, opening
from bot.services.errors import InvalidInput
from handlers.booking import words
from handlers.booking.basics import DIALOG, PAGE, rules_of, zone_of
from handlers.booking.dates import parse_day_stamp, parse_stamp, said_data, said_of, stamp
from handlers.booking.holiday_words import holiday_not_planned, nearest_open, said_with_holiday
from handlers.booking.listing import half_day
from handlers.booking.mode import ask_mode
from handlers.booking.own_visits import comes_home, works_at_home
from handlers.booking.places import ask_place, kept_place, place_from, place_said
from handlers.common import back_button
from knowledge.schema import Service


def service_menu(ctx: Context, page: int = 0, note: str | None = None) -> Reply:
    """Which service to book: the bookable services, a page at a time.

    The list is a step of the booking dialog, so what is typed under it is
    read as the service to book (老年证, which no button spells) or a day
    to keep (明天), not answered as a question on its own.
    """
    if not (ctx.dialog.name == DIALOG and ctx.dialog.step == "service"):
        ctx.dialog.enter(DIALOG, "service")
    ctx.own_words = False  # a list to choose from holds nothing of theirs: stepping out keeps no draft
    services = [s for s in ctx.app.knowledge if s.bookable]
    pages = max(1, -(-len(services) // PAGE))
    page = max(0, min(page, pages - 1))
    buttons = [Button(s.name[:20], f"book:{s.id}") for s in services[page * PAGE : (page + 1) * PAGE]]
    if page > 0:
        buttons.append(Button(ctx.t("booking.prev"), f"book:page:{page - 1}"))
    if page < pages - 1:
        buttons.append(Button(ctx.t("booking.next"), f"book:page:{page + 1}"))
    buttons += [Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx)]
    text = ctx.t("booking.home", page=page + 1, pages=pages)
    return Reply(f"{note}\n{text}" if note else text, rows(*buttons, per_row=2))


async def start_booking(ctx: Context, service_id: str) -> HandlerResult:
    service: Service | None = ctx.app.knowledge.get(service_id)
    if service is None or not service.bookable:
        return Reply(ctx.t("booking.not_bookable"), rows(Button(ctx.t("booking.menu"), "book")))
    limit = rules_of(ctx).plan.max_open_bookings
    if await booking.open_count(ctx.uow, ctx.person, ctx.now) >= limit:  # say so now, not after the last step
        buttons = rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2)
        return Reply(ctx.t("booking.too_many", limit=limit), buttons)
    data = {"service_id": service.id, "centre": service.where.centre.value, "token": booking.new_token()}
    said = _when_said(ctx)
    named, at, part = said.day, said.at, said.part
    if service.home_visit and works_at_home(service) and ctx.text and words.wants_visit(ctx.text):
        return comes_home(ctx, service)  # 便民维修 ⏎ 能上门吗: the repairer comes anyway, not the elderly visit's booking
    if service.home_visit:  # the day, time or part said is kept for the day chosen after the mode
        # 帮我妈约…，她住北苑3号楼2单元301: booked for family, and where the visit would go
        place = await place_said(ctx, ctx.text) if ctx.text else None
        family = {"for_family": True} if ctx.text and words.for_family(ctx.text) else {}
        ctx.dialog.enter(DIALOG, "mode", kind=BookingKind.centre.value, **data, **said_data(said), **family,
                         **({"said_place": place} if place else {}))
        if ctx.text and words.wants_visit(ctx.text):  # 预约上门办高龄津贴: the visit was asked for, not offered
            return ask_why(ctx)
        return ask_mode(ctx)
    ctx.dialog.enter(DIALOG, "day", kind=BookingKind.centre.value, **data)
    if named is not None and at is not None:  # 下周二上午九点半预约办居住证: confirm that time at once
        return await typed_slot(ctx, named, at)
    if named is not None:  # 下周二(上午)预约办居住证: that day's (morning's) slots at once (a day that cannot be booked says why)
        return await pick_slot(ctx, named, part=part)
    if at is not None or part is not None:  # 预约办居住证，九点半的: the time is kept for the day chosen next
        ctx.dialog.goto("day", **said_data(said))
        shown = f"{at:%H:%M}" if at is not None else ctx.t(f"booking.part.{part}")
        return await pick_day(ctx, ctx.t("booking.time_needs_day", time=shown))
    return await pick_day(ctx, holiday_not_planned(ctx, ctx.text) if ctx.understanding is not None else None)


def when_wanted(ctx: Context) -> dict[str, str]:
    """The day, time or part of the day a booking request names (俺想预约明儿上午), to keep while the service is chosen."""
    return said_data(said_with_holiday(ctx, ctx.text))


def _when_said(ctx: Context) -> Said:
    """What this booking request says of when, or what was said before the service was chosen."""
    if ctx.understanding is not None:
        return said_with_holiday(ctx, ctx.text)
    return said_of(ctx.dialog.data if ctx.dialog.name == DIALOG and ctx.dialog.step == "service" else {})


async def pick_day(ctx: Context, note: str | None = None) -> Reply:
    data = ctx.dialog.data
    rules = rules_of(ctx)
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
    where, others = None, []
    if kind == BookingKind.home and data.get("address") and not data.get("code"):  # where the visit goes, and 换个地址
        where = ctx.t("booking.place_set" if data.get("place") else "booking.visit_address_line", address=data["address"])
        others = [Button(ctx.t("booking.visit_elsewhere"), "bk:away")]
    lines = "\n".join(filter(None, [note, text, where]))
    return Reply(lines, rows(*buttons, *others, Button(ctx.t("booking.quit"), "bk:quit"), per_row=2))


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
    if not views:
        return await pick_day(ctx, ctx.t("booking.day_closed", day=booking.day_text(ctx.texts, day)))
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


async def ask_confirm(ctx: Context, start: datetime) -> Reply:
    data = ctx.dialog.data
    rules = rules_of(ctx)
    timezone = zone_of(ctx)
    home = data["kind"] == BookingKind.home
    slot = booking.offered_slot(rules, start, kind=data["kind"], centre=data.get("centre"))
    if slot is None:
        return await pick_day(ctx, ctx.t("booking.no_such_slot"))
    problem = opening.check_start(rules.plan, slot.start, ctx.now, timezone)
    if problem:
        return await pick_day(ctx, ctx.t(problem, days=rules.plan.horizon_days, minutes=rules.plan.min_notice_minutes))
    ctx.dialog.goto("confirm", start=stamp(slot.start, timezone))
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


async def ask_again(ctx: Context, note: str) -> Reply:
    """The question of the step the booking is at, asked again under a note: its numbered choices keep working.

    A reply without the step's buttons would make a following "1" mean the
    main menu's first item, and the booking would be lost.
    """
    data = ctx.dialog.data
    start = parse_stamp(data.get("start", ""), zone_of(ctx)) if ctx.dialog.step == "confirm" else None
    if start is not None:  # the time chosen stays: asked again, not lost
        asked = await ask_confirm(ctx, start)
        return Reply("\n".join([note, asked.text]), asked.buttons)
    day = parse_day_stamp(data.get("day", "")) if ctx.dialog.step in ("slot", "confirm") else None
    return await pick_slot(ctx, day, note) if day is not None else await pick_day(ctx, note)


def ask_why(ctx: Context) -> Reply:
    """预约上门: why the resident cannot come (the reason's buttons)."""
    ctx.dialog.goto("why", kind=BookingKind.home.value)
    reasons = [Button(ctx.t(f"booking.reason.{r}"), f"bk:why:{r}") for r in booking.HOME_REASONS]
    return Reply(ctx.t("booking.ask_why"), rows(*reasons, per_row=3))


async def confirm_booking(ctx: Context, token: str) -> HandlerResult:
    existing = await booking.by_token(ctx.uow, ctx.person, token)
    if existing is not None:  # a double tap, or the same press delivered again
        if ctx.dialog.name == DIALOG and ctx.dialog.data.get("token") == token:
            ctx.dialog.leave()
        return booked_reply(ctx, booking.Booked(existing, again=True))
    data = ctx.dialog.data
    if ctx.dialog.name != DIALOG or data.get("token") != token or not data.get("start"):
        return Reply(ctx.t("booking.expired"), rows(Button(ctx.t("booking.mine_button"), "bk:mine"), Button(ctx.t("booking.menu"), "book"), per_row=2))
    start = parse_stamp(data["start"], zone_of(ctx))
    assert start is not None
    rules = rules_of(ctx)
    if data.get("code"):
        result = await booking.reschedule(ctx.uow, rules, ctx.person, data["code"], start, token, centre=data.get("centre"))
    else:
        request = booking.Request(
            service_id=data["service_id"], kind=data["kind"], start=start, token=token,
            centre=data.get("centre"), reason=data.get("reason"),
        )
        kept = kept_place(data.get("place"))
        if data.get("place") and kept is None:  # stored in a shape that is no address: asked again
            return ask_place(ctx)
        place = place_from(kept) if kept else None  # 给家人约: the visit's own address
        try:
            result = await booking.book(ctx.uow, rules, ctx.person, request, place=place)
        except InvalidInput as err:
            if err.key != "booking.same_time":
                raise
            # nothing was written; a dead end would leave the form open, to be "saved" as a draft next
            ctx.dialog.goto("slot")
            return Reply(
                ctx.t("booking.same_time"),
                rows(
                    Button(ctx.t("booking.other_time"), f"bk:day:{data['start'][:8]}"),
                    Button(ctx.t("booking.mine_button"), "bk:mine"),
                    per_row=2,
                ),
            )
    if isinstance(result, booking.Full):
        ctx.dialog.goto("slot")
        chosen = data["start"]
        return Reply(
            ctx.t("booking.full_now"),
            rows(
                Button(ctx.t("booking.wait_button"), f"bk:wait:{chosen}"),
                Button(ctx.t("booking.other_time"), f"bk:day:{chosen[:8]}"),
                per_row=2,
            ),
        )
    ctx.dialog.leave()
    return booked_reply(ctx, result, rescheduled=bool(data.get("code")))


def booked_reply(ctx: Context, result: booking.Booked, *, rescheduled: bool = False) -> Reply:
    made = result.booking
    rules = rules_of(ctx)
    timezone = zone_of(ctx)
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
    deadline = opening.change_deadline(rules.plan, made.starts_at)
    change = (
        ctx.t("booking.change_until", deadline=booking.clock_text(deadline, timezone, ctx.texts))
        if opening.can_change(rules.plan, made.starts_at, ctx.now)
        else ctx.t("booking.change_closed")  # booked inside the cut-off: no deadline in the past
    )
    text = ctx.t(key, code=made.code, service=rules.name(made.service_id), when=when, where=where or "",
                 materials=materials or ctx.t("booking.no_materials"), change=change)
    # A second confirmation (a double tap, the same 1 typed twice) is told it is booked, without the
    # calendar file again, and below the first answer rather than in place of what was confirmed.
    document = None if result.again else booking.calendar(
        made, title=f"{rules.name(made.service_id)}（{made.code}）", location=where or "",
        description=ctx.t("booking.ics_description", code=made.code), now=ctx.now,
    )
    ctx.stale = ctx.stale or result.again
    # named for the service, not 办事指南: typed, that word is the guide's own menu
    guide = [Button(ctx.t("booking.guide_button", service=service.name), f"svc:{made.service_id}")] if service else []
    return Reply(
        text,
        # the service's guide: useful anyway, and 要钱不 / 在哪儿 asked next is read as about this service
        rows(Button(ctx.t("booking.mine_button"), "bk:mine"), *guide, back_button(ctx), per_row=2),
        document=document,
    )


async def wait_for_slot(ctx: Context, start: datetime) -> HandlerResult:
    data = ctx.dialog.data
    slot_id = await booking.slot_id_at(
        ctx.uow, rules_of(ctx), ctx.person, start, kind=data["kind"], centre=data.get("centre"), grid_id=data.get("grid_id")
    )
    kept = kept_place(data.get("place"))
    if data.get("place") and kept is None:  # as at the confirmation: never quietly the resident's own home
        return ask_place(ctx)
    place = await booking.join_waitlist(  # a home visit's address and reason, for the booking the seat becomes
        ctx.uow, ctx.person, slot_id, data["service_id"], reason=data.get("reason"), place=place_from(kept) if kept else None
    )
    ctx.dialog.leave()
    rules, minutes = rules_of(ctx), rules_of(ctx).plan.waitlist_offer_minutes
    slot = booking.offered_slot(rules, start, kind=data["kind"], centre=data.get("centre"))
    if data["kind"] == BookingKind.home and slot is not None:  # a half-day at home, not a 09:00 at the centre
        day, hours = half_day(ctx, slot.start, slot.end, zone_of(ctx))
        text = ctx.t("booking.waiting_visit", service=rules.name(data["service_id"]), day=day, hours=hours, place=place, minutes=minutes)
    else:
        text = ctx.t("booking.waiting", when=booking.when_text(ctx.texts, start, zone_of(ctx)), place=place, minutes=minutes)
    return Reply(text, rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2))
