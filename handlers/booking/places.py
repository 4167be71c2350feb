"""Where a home visit goes, read from words: the building named (北苑3号楼2单元301), and the unit and door said with it."""

from __future__ import annotations

import re
from typing import Any

from bot.core.context import Context
from bot.core.messages import Reply
from bot.services import org
from bot.services.booking.home_visits import Place
from handlers.addresses import NO_UNIT, building_named_in, unit_and_room


# What a building's name holds (北苑3号楼, 锦华园B座, 烟厂家属院, 西后街平房片区): without one, no place is said.
_NAMES_A_PLACE = re.compile(r"楼|栋|幢|座|单元|家属院|大院|小区|片区|苑|园|村|街")


def names_a_place(typed: str) -> bool:
    """Whether words could be (part of) an address: a word of a building's name, or a number."""
    return _NAMES_A_PLACE.search(typed) is not None or any(char.isdigit() for char in typed)


async def place_said(ctx: Context, typed: str) -> dict[str, str] | None:
    """The visit address said in a request (她住北苑3号楼2单元301): the building, and the unit and door said with it."""
    if not typed or not _NAMES_A_PLACE.search(typed):  # most requests name none: no need to read the buildings
        return None
    community_id = await org.community_id_of(ctx.uow, ctx.person)
    if not community_id:
        return None
    named = building_named_in(org.building_form(typed), await org.buildings(ctx.uow, community_id))
    if named is None:
        return None
    building, rest = named
    return {"building": building.name, **unit_and_room(rest)}


def place_from(said: dict[str, str]) -> Place:
    """The service's Place of an address kept in the dialog (no unit: none, not the marker)."""
    unit = said.get("unit")
    return Place(building=said["building"], unit=None if unit in (None, NO_UNIT) else unit, room=said.get("room"))


def kept_place(value: Any) -> dict[str, str] | None:
    """A visit address kept in the dialog, or None when what is stored there is not one (no building).

    The dialog's data is stored JSON: a value of another shape must send the
    resident back to the address question, never raise, and never let the
    visit go quietly to their own home instead.
    """
    return value if isinstance(value, dict) and isinstance(value.get("building"), str) else None


def ask_place(ctx: Context) -> Reply:
    """换个地址: the building of the visit, for this booking only."""
    ctx.dialog.goto("place_building", place={})
    # No numbered choice here: a typed 1 or 3 is part of a building's name, not choice 1 (不约了 is said in words).
    return Reply(ctx.t("booking.place_ask_building"))
