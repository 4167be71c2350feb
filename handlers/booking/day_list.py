"""The list of days to book: the days up to the horizon with seats left on each, under a note if any."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.models.booking import BookingKind
from bot.services import booking
from handlers.booking.basics import rules_of
from handlers.common import back_button


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
    if kind == BookingKind.centre and data.get("home_too"):  # the centre taken from 去办…: the visit one press away
        others = [Button(ctx.t("booking.mode_home"), "bk:mode:home")]
    lines = "\n".join(filter(None, [note, text, where]))
    return Reply(lines, rows(*buttons, *others, Button(ctx.t("booking.quit"), "bk:quit"), per_row=2))
