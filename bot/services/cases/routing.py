"""Which grid a case belongs to: by building, by shared location, by a place's name."""

from __future__ import annotations

import math
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


async def grid_by_text(uow: UnitOfWork, text: str, community_id: str | None) -> Grid | None:
    """A grid whose building is named in a typed place."""
    building = await building_named(uow, text, community_id)
    return await uow.session.get(Grid, building.grid_id) if building is not None else None


async def route(uow: UnitOfWork, place: Place, person: Person | None) -> tuple[Grid | None, str | None]:
    """(grid, community id) for a place; the grid is None when staff must route it by hand."""
    grid: Grid | None = None
    if place.building and person is not None and person.community_id:
        grid = await org.grid_of_building(uow, person.community_id, place.building)
    if grid is None and place.lat is not None and place.lon is not None:
        grid = await grid_at(uow, place.lat, place.lon)
    if grid is None and place.text:
        grid = await grid_by_text(uow, place.text, person.community_id if person else None)
    if grid is not None:
        return grid, grid.community_id
    community_id = await org.community_id_of(uow, person) if person else await org.only_community_id(uow.session)
    return None, community_id
