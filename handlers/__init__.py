"""Conversation steps, written once for every channel.

Handlers read the message and the person, call services and return
replies; they never commit and never import a platform library.
"""

from __future__ import annotations

from bot.core.router import RouteTable


def route_table() -> RouteTable:
    from handlers import announce, booking, cases, centre, common, drafts, elsewhere, guide, handover, my_grid, name_alone, partyday, phone_alone, forgetting, profile, pushes, roles, staff, wishes

    return RouteTable(
        [common.router, pushes.router, guide.router, centre.router, elsewhere.router, handover.router, profile.router, forgetting.router, roles.router, partyday.router,
         announce.router, cases.router, wishes.router, staff.router, booking.router, drafts.router, phone_alone.router,
         name_alone.router, my_grid.router]
    )
