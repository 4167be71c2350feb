"""The confirmation: the time chosen shown with 确认预约, the booking made (or the slot found full), and what it says."""

from __future__ import annotations

from datetime import datetime

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.models.booking import BookingKind
from bot.services import booking, opening
from bot.services.errors import InvalidInput
from handlers.booking.basics import DIALOG, rules_of, zone_of
from handlers.booking.dates import parse_stamp, stamp
from handlers.booking.day_list import pick_day
from handlers.booking.places import ask_place, kept_place, place_from
from handlers.common import back_button


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
