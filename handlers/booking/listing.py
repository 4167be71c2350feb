"""A resident's own bookings listed: each with its buttons, the places in line and the seats held for them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.when import PARTS, in_part
from bot.models.booking import VisitStatus
from bot.services import booking, opening
from handlers.booking.basics import router, rules_of, zone_of
from handlers.common import back_button


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
    # Bookings are not numbered: "1." beside the numbered choices (【1】改期 on WeChat, the console)
    # read as the number to send for it, and 1 moved the first booking instead. Several get a bullet.
    line = "booking.mine_line" if len(found) > 1 else "booking.mine_line_one"
    for item in found:
        state = ctx.t(f"booking.visit.{item.visit_status}") if item.visit_status else ""
        lines.append(
            ctx.t(line, code=item.code, service=rules.name(item.service_id),
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
            if wait.home:
                lines.append(_waiting_visit(ctx, wait, service, timezone))
                local = wait.starts_at.astimezone(ZoneInfo(timezone))  # short: a button, no weekday
                leave = ctx.t("booking.wait_leave_visit", month=local.month, day=local.day, part=ctx.t(f"booking.part.{_part(local)}"))
            else:
                lines.append(ctx.t("booking.mine_waiting", service=service, when=when))
                leave = ctx.t("booking.wait_leave", when=booking.clock_text(wait.starts_at, timezone, ctx.texts))
            buttons.append(Button(leave, f"bk:unwait:{wait.wait_id}"))
            continue
        lines.append(_held_seat(ctx, wait, service, timezone))
        buttons += [
            Button(ctx.t("booking.offer_take"), f"bk:take:{wait.wait_id}"),
            Button(ctx.t("booking.offer_skip"), f"bk:skip:{wait.wait_id}"),
        ]
    if found:
        lines.append(ctx.t("booking.cutoff_note", hours=_hours(rules.plan.cutoff_minutes)))
    return Reply("\n".join(filter(None, [note, *lines])), rows(*buttons, back_button(ctx), per_row=2))


def _held_seat(ctx: Context, wait: booking.Waiting, service: str, timezone: str) -> str:
    """A seat held for the resident, as its push offered it: a home visit says so, its half-day and where it goes."""
    until = booking.clock_text(wait.offered_until, timezone, ctx.texts)  # type: ignore[arg-type]
    if not wait.home:
        return ctx.t("booking.mine_offer", service=service, when=booking.when_text(ctx.texts, wait.starts_at, timezone), until=until)
    when = booking.when_text(ctx.texts, wait.starts_at, timezone, end=wait.ends_at)
    line = ctx.t("booking.mine_offer_visit", service=service, when=when, until=until)
    return line + ("\n" + ctx.t("booking.visit_address_line", address=wait.address) if wait.address else "")


def _waiting_visit(ctx: Context, wait: booking.Waiting, service: str, timezone: str) -> str:
    """A home visit waited for: that it is one, its half-day, where it goes, and that they are told when a seat frees.

    A bare start time (09:00) read as an appointment at the centre that
    morning, with nothing saying it was not booked yet.
    """
    day, hours = half_day(ctx, wait.starts_at, wait.ends_at, timezone)
    line = ctx.t("booking.mine_waiting_visit", service=service, day=day, hours=hours, minutes=rules_of(ctx).plan.waitlist_offer_minutes)
    return line + ("\n" + ctx.t("booking.visit_address_line", address=wait.address) if wait.address else "")


def half_day(ctx: Context, start: datetime, end: datetime, timezone: str) -> tuple[str, str]:
    """A half-day of home visits as residents say it: the day and its part (3月3日（周二）上午), and its hours (09:00-12:00)."""
    zone = ZoneInfo(timezone)
    local = start.astimezone(zone)
    day = booking.day_text(ctx.texts, local.date()) + ctx.t(f"booking.part.{_part(local)}")
    return day, f"{local:%H:%M}-{end.astimezone(zone):%H:%M}"


def _part(local: datetime) -> str:
    return next((p for p in PARTS if in_part(local.time(), p)), PARTS[-1])


def _hours(minutes: int) -> str:
    return f"{minutes // 60}" if minutes % 60 == 0 else f"{minutes / 60:.1f}"
