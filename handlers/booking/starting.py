"""Starting a booking: the list of services, the service chosen (with what the request said of when), 预约上门's why.

A request that already names the day and time (下周二上午九点半预约办居住证)
goes straight to its confirmation; one for a service that can be done at
home asks 到中心办理 / 预约上门 first.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.when import Said
from bot.models.booking import BookingKind
from bot.services import booking
from handlers.booking import words
from handlers.booking.basics import DIALOG, PAGE, rules_of
from handlers.booking.dates import said_data, said_of
from handlers.booking.day_list import pick_day
from handlers.booking.holiday_words import holiday_not_planned, said_with_holiday
from handlers.booking.mode import ask_mode
from handlers.booking.own_visits import comes_home, works_at_home
from handlers.booking.places import place_said
from handlers.booking.slot_list import pick_slot, typed_slot
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
    note = None
    if service.home_visit and ctx.text and words.goes_to_centre(ctx.text):  # 我想约个时间去办…: they said they come
        note, data = ctx.t("booking.centre_taken"), {**data, "home_too": True}  # the visit stays one button away
    elif service.home_visit:  # the day, time or part said is kept for the day chosen after the mode
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
        return await pick_slot(ctx, named, note, part=part)
    if at is not None or part is not None:  # 预约办居住证，九点半的: the time is kept for the day chosen next
        ctx.dialog.goto("day", **said_data(said))
        shown = f"{at:%H:%M}" if at is not None else ctx.t(f"booking.part.{part}")
        return await pick_day(ctx, "\n".join(filter(None, [note, ctx.t("booking.time_needs_day", time=shown)])))
    unplanned = holiday_not_planned(ctx, ctx.text) if ctx.understanding is not None else None
    return await pick_day(ctx, "\n".join(filter(None, [note, unplanned])) or None)


def when_wanted(ctx: Context) -> dict[str, str]:
    """The day, time or part of the day a booking request names (俺想预约明儿上午), to keep while the service is chosen."""
    return said_data(said_with_holiday(ctx, ctx.text))


def _when_said(ctx: Context) -> Said:
    """What this booking request says of when, or what was said before the service was chosen."""
    if ctx.understanding is not None:
        return said_with_holiday(ctx, ctx.text)
    return said_of(ctx.dialog.data if ctx.dialog.name == DIALOG and ctx.dialog.step == "service" else {})


def ask_why(ctx: Context) -> Reply:
    """预约上门: why the resident cannot come (the reason's buttons)."""
    ctx.dialog.goto("why", kind=BookingKind.home.value)
    reasons = [Button(ctx.t(f"booking.reason.{r}"), f"bk:why:{r}") for r in booking.HOME_REASONS]
    return Reply(ctx.t("booking.ask_why"), rows(*reasons, per_row=3))
