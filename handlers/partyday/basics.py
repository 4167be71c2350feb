"""What the Party day's two halves share: the router, the dialog names and the month's rules."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.router import Router
from bot.services import partyday
from bot.services.errors import PermissionDenied

router = Router("partyday")

SET = "partyday_set"
LEAVE = "partyday_leave"


def rules_of(ctx: Context) -> partyday.Rules:
    return partyday.Rules.from_settings(ctx.app.settings)


async def staff_community(ctx: Context) -> str | None:
    """The community whose Party day this person may set, or None for anyone but its staff."""
    try:
        return await partyday.staff_community(ctx.uow, ctx.person)
    except PermissionDenied:
        return None
