"""Waiting for a full slot: the resident joins its line and is told how an offered seat reaches them."""

from __future__ import annotations

from datetime import datetime

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.models.booking import BookingKind
from bot.services import booking
from handlers.booking.basics import rules_of, zone_of
from handlers.booking.listing import half_day
from handlers.booking.places import ask_place, kept_place, place_from
from handlers.common import back_button


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
