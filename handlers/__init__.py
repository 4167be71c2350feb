"""Conversation steps, written once for every channel.

Handlers read the message and the person, call services and return
replies; they never commit and never import a platform library.
"""

from __future__ import annotations

from bot.core.router import RouteTable


def route_table() -> RouteTable:
    from handlers import common, guide, handover, profile, roles

    return RouteTable([common.router, guide.router, handover.router, profile.router, roles.router])
