"""The booking handlers' router and what every part of them reads from the context."""

from __future__ import annotations

from datetime import date

from bot.core.context import Context
from bot.core.router import Router
from bot.services import booking, opening

router = Router("booking")
router.accepts_yes("bk:ok:", "bk:take:", "bk:hvyes:")  # confirm this booking, take this seat, accept the new visit time
router.menu_entry("booking.menu", "book", order=20)

DIALOG = "booking"
PAGE = 8
MAX_LISTED = 8  # bookings with buttons in one staff list


def rules_of(ctx: Context) -> booking.Rules:
    return booking.Rules.of(ctx.app)


def zone_of(ctx: Context) -> str:
    return ctx.app.settings.timezone


def today_of(ctx: Context) -> date:
    return opening.local_today(ctx.now, zone_of(ctx))
