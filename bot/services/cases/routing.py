"""Which grid a case belongs to: by building, by shared location, by a place's name."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sqlmodel import select

from bot.db.uow import UnitOfWork
from bot.models import Building, Community, Grid, Person
from bot.services import org
from knowledge.normalize import pinyin, to_simplified


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


def place_form(text: str) -> str:
    """A typed place as compared with the place list: simplified (北苑5號樓 is 北苑5号楼), then as a building's name."""
    return org.building_form(to_simplified(text))


async def building_named(uow: UnitOfWork, text: str, community_id: str | None) -> Building | None:
    """The building named in a typed place ("北苑2号楼门口", "北苑二号楼门口", "锦华园b座楼下"); the longest name wins."""
    query = select(Building)
    if community_id:
        query = query.where(Building.community_id == community_id)
    typed = place_form(text)
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


async def estate_named(
    uow: UnitOfWork, text: str, community_id: str | None, *, by_sound: bool = True
) -> tuple[str, str] | None:
    """(estate, grid id) of the estate a typed place names (锦华园小区门口: 锦华园); the longest wins."""
    said = await estate_said(uow, text, community_id, by_sound=by_sound)
    return (said[0], said[1]) if said is not None else None


# What follows an estate's name said by its sound only (北院5号楼, 北院小区东门): a building or a gate of it;
# 3号楼南院子里 is a yard, not 南苑.
_AFTER_ESTATE = re.compile(r"(?:小区|花园)?(?:\d|[a-z]座|[东西南北正后侧大]?门|$)")


async def estate_said(
    uow: UnitOfWork, text: str, community_id: str | None, *, by_sound: bool = True
) -> tuple[str, str, str] | None:
    """(estate, grid id, the words that name it in `text` as compared) for the estate a typed place names.

    As written (北苑), else (`by_sound`) by its sound with a character of its
    own, before a building or a gate (北院5号楼 for 北苑5号楼, as 居住正 is
    居住证): an elderly resident's homophone typo still says which estate, and
    so which grid. The longest name wins.
    """
    typed = place_form(text)
    names = await estates(uow, community_id)
    found = [(stem, grid, stem) for stem, grid in names.items() if stem in typed]
    if not found and by_sound:
        sounds = pinyin(typed)
        for stem, grid in names.items():
            size, sound = len(stem), pinyin(stem)
            for start in range(len(typed) - size + 1):
                window = typed[start : start + size]
                if (
                    sounds[start : start + size] == sound
                    and 2 * sum(a == b for a, b in zip(window, stem)) >= size
                    and _AFTER_ESTATE.match(typed, start + size)
                ):
                    found.append((stem, grid, window))
    return max(found, key=lambda said: len(said[0])) if found else None


async def community_names(uow: UnitOfWork, community_id: str | None) -> tuple[str, ...]:
    """How a place may begin with the community's name (文峰社区, 文峰 of 文峰北苑), as compared; longest first."""
    community = await uow.session.get(Community, community_id) if community_id else None
    if community is None:
        return ()
    full = place_form(community.name)
    short = full.removesuffix("社区")
    return tuple(name for name in dict.fromkeys((full, short)) if len(name) >= _ESTATE_MIN_CHARS)


async def building_in_own_estate(uow: UnitOfWork, text: str, person: Person | None) -> Building | None:
    """The building a place names by its number alone (3号楼楼下), in the estate of the person's home.

    北苑1号楼's resident saying 3号楼 means 北苑3号楼; with no home on file,
    no such building in it, or another estate named before the number
    (幸福家园5号楼: not theirs), None.
    """
    if person is None or not person.building:
        return None
    typed = place_form(text)
    said = _BARE_BUILDING.search(typed)
    home = org.building_form(person.building)
    stem = _BUILDING_NUMBER.sub("", home)
    if said is None or stem == home or _another_estate_before(typed[: said.start()]):
        return None
    return await building_named(uow, stem + said.group(1), person.community_id)


# An estate's name before a building's number (幸福家园5号楼, 隔壁小区3号楼): the number is of that estate
_ESTATE_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,10}(?:小区|花园|家园|家属院|大院|苑|园|院|城|府|公寓)的?$")
# ... unless the estate is said as the person's own or as no name (我们小区3号楼, 这个小区3号楼).
_NO_NAME_BEFORE = re.compile(r"(?:我们|咱们|俺们|我家|俺家|咱家|我住的|这个|那个|本)的?(?:小区|家属院|大院|院)的?$")


def _another_estate_before(before: str) -> bool:
    """Whether the words before a building's number name an estate other than the person's own."""
    return _ESTATE_BEFORE.search(before) is not None and _NO_NAME_BEFORE.search(before) is None


# 我们小区门口, 咱们院里, 我家小区东门: the estate of the person's home, named as theirs.
OWN_ESTATE = re.compile(r"(?:我们|咱们|俺们|我家|俺家|咱家|我住的|本)的?(?:小区|家属院|大院|院里|院子)")


async def own_estate_grid(uow: UnitOfWork, text: str, person: Person | None) -> Grid | None:
    """The grid of the person's home when a place names their own estate (我们小区门口); else None.

    As 3号楼 said by a resident of 北苑 is 北苑3号楼, 我们小区 is the estate
    their home on file is in. Without a home on file it names none.
    """
    if person is None or not person.building or not person.community_id or not OWN_ESTATE.search(place_form(text)):
        return None
    return await org.grid_of_building(uow, person.community_id, person.building)


async def grid_by_text(
    uow: UnitOfWork, text: str, community_id: str | None, person: Person | None = None
) -> Grid | None:
    """A grid named by a typed place: a building in it, its estate, a building of the person's own estate by number,
    or the person's own estate (我们小区门口).

    An estate said beats the person's own: 文峰北苑5号楼门口 from 南苑's
    resident is 北苑's, even though the place list has a 南苑5号楼 and no 北苑5号楼.
    """
    building = await building_named(uow, text, community_id)
    if building is not None:
        return await uow.session.get(Grid, building.grid_id)
    estate = await estate_named(uow, text, community_id, by_sound=False)
    if estate is not None:
        return await uow.session.get(Grid, estate[1])
    building = await building_in_own_estate(uow, text, person)
    if building is not None:
        return await uow.session.get(Grid, building.grid_id)
    estate = await estate_named(uow, text, community_id)  # 文峰北院5号楼: 北苑 by its sound, after a yard (南院子) of theirs
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
