"""Which grid a case belongs to: by building, by shared location, by a place's name."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sqlmodel import select

from bot.db.uow import UnitOfWork
from bot.models import Building, Grid, Person
from bot.services import org


@dataclass(frozen=True)
class Place:
    """Where the problem is: an address, a shared location or a typed place."""

    text: str | None = None
    lat: float | None = None
    lon: float | None = None
    building: str | None = None  # a building of the sample org, when known


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


async def grid_at(uow: UnitOfWork, lat: float, lon: float) -> Grid | None:
    """The nearest grid whose circle holds the point; None outside every grid."""
    best: tuple[float, Grid] | None = None
    for grid in (await uow.session.exec(select(Grid))).all():
        if grid.lat is None or grid.lon is None:
            continue
        d = distance_m(lat, lon, grid.lat, grid.lon)
        if d <= (grid.radius_m or 300) and (best is None or d < best[0]):
            best = (d, grid)
    return best[1] if best else None


async def building_named(uow: UnitOfWork, text: str, community_id: str | None) -> Building | None:
    """The building named in a typed place ("北苑2号楼门口", "北苑二号楼门口", "锦华园b座楼下"); the longest name wins."""
    query = select(Building)
    if community_id:
        query = query.where(Building.community_id == community_id)
    typed = org.building_form(text)
    found = [b for b in (await uow.session.exec(query)).all() if org.building_form(b.name) in typed]
    return max(found, key=lambda b: len(b.name)) if found else None


# A building's number at the end of its name (北苑3号楼, 锦华园b座, 建设路12号院): what is left is its estate.
_BUILDING_NUMBER = re.compile(r"(?:\d+(?:号楼|号院|座|栋|幢)|[a-z]座)$")
# A building said by its number alone (3号楼, b座), as people name one in their own estate.
_BARE_BUILDING = re.compile(r"(?<![\da-z])(\d+(?:号楼|号院|座)|[a-z]座)")
_ESTATE_MIN_CHARS = 2


async def estates(uow: UnitOfWork, community_id: str | None) -> dict[str, str]:
    """The estates of the place list (北苑, 锦华园, 烟厂家属院), as compared, each with its grid's id.

    The org file names buildings, not estates; people name the estate (锦华园小区门口,
    北苑菜市场门口). An estate is what is left of a building's name without its number; one
    whose buildings lie in two grids names no grid and is left out.
    """
    query = select(Building)
    if community_id:
        query = query.where(Building.community_id == community_id)
    grids_of: dict[str, set[str]] = {}
    for building in (await uow.session.exec(query)).all():
        form = org.building_form(building.name)
        stem = _BUILDING_NUMBER.sub("", form)
        if stem != form and len(stem) >= _ESTATE_MIN_CHARS:
            grids_of.setdefault(stem, set()).add(building.grid_id)
    return {stem: next(iter(ids)) for stem, ids in grids_of.items() if len(ids) == 1}


async def estate_named(uow: UnitOfWork, text: str, community_id: str | None) -> tuple[str, str] | None:
    """(estate, grid id) of the estate a typed place names (锦华园小区门口: 锦华园); the longest wins."""
    typed = org.building_form(text)
    found = [(stem, grid) for stem, grid in (await estates(uow, community_id)).items() if stem in typed]
    return max(found, key=lambda pair: len(pair[0])) if found else None


async def building_in_own_estate(uow: UnitOfWork, text: str, person: Person | None) -> Building | None:
    """The building a place names by its number alone (3号楼楼下), in the estate of the person's home.

    北苑1号楼's resident saying 3号楼 means 北苑3号楼; with no home on file,
    or no such building in it, None.
    """
    if person is None or not person.building:
        return None
    said = _BARE_BUILDING.search(org.building_form(text))
    home = org.building_form(person.building)
    stem = _BUILDING_NUMBER.sub("", home)
    if said is None or stem == home:
        return None
    return await building_named(uow, stem + said.group(1), person.community_id)


# 我们小区门口, 咱们院里, 我家小区东门: the estate of the person's home, named as theirs.
OWN_ESTATE = re.compile(r"(?:我们|咱们|俺们|我家|俺家|咱家|我住的|本)的?(?:小区|家属院|大院|院里|院子)")


async def own_estate_grid(uow: UnitOfWork, text: str, person: Person | None) -> Grid | None:
    """The grid of the person's home when a place names their own estate (我们小区门口); else None.

    As 3号楼 said by a resident of 北苑 is 北苑3号楼, 我们小区 is the estate
    their home on file is in. Without a home on file it names none.
    """
    if person is None or not person.building or not person.community_id or not OWN_ESTATE.search(org.building_form(text)):
        return None
    return await org.grid_of_building(uow, person.community_id, person.building)


async def grid_by_text(
    uow: UnitOfWork, text: str, community_id: str | None, person: Person | None = None
) -> Grid | None:
    """A grid named by a typed place: a building in it, a building of the person's own estate by number, its estate,
    or the person's own estate (我们小区门口)."""
    building = await building_named(uow, text, community_id) or await building_in_own_estate(uow, text, person)
    if building is not None:
        return await uow.session.get(Grid, building.grid_id)
    estate = await estate_named(uow, text, community_id)
    if estate is not None:
        return await uow.session.get(Grid, estate[1])
    return await own_estate_grid(uow, text, person)


async def route(uow: UnitOfWork, place: Place, person: Person | None) -> tuple[Grid | None, str | None]:
    """(grid, community id) for a place; the grid is None when staff must route it by hand."""
    grid: Grid | None = None
    if place.building and person is not None and person.community_id:
        grid = await org.grid_of_building(uow, person.community_id, place.building)
    if grid is None and place.lat is not None and place.lon is not None:
        grid = await grid_at(uow, place.lat, place.lon)
    if grid is None and place.text:
        grid = await grid_by_text(uow, place.text, person.community_id if person else None, person)
    if grid is not None:
        return grid, grid.community_id
    community_id = await org.community_id_of(uow, person) if person else await org.only_community_id(uow.session)
    return None, community_id
