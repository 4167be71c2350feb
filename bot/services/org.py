"""The community structure: validated import from a data file, and look-ups."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.numerals import arabic
from bot.db.uow import UnitOfWork
from bot.models import Building, Community, District, Grid, Person, Street

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
HOUSEHOLDS_USUAL = range(200, 301)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GridSpec(_Strict):
    id: Id
    name: Name
    households: int = Field(ge=1, le=5000)
    buildings: list[Name] = Field(min_length=1)
    lat: float | None = Field(default=None, ge=-90, le=90)  # the grid's centre, to route shared locations
    lon: float | None = Field(default=None, ge=-180, le=180)
    radius_m: int | None = Field(default=None, ge=10, le=20000)  # default 300 m when lat/lon are given


class CommunitySpec(_Strict):
    id: Id
    name: Name
    address: str | None = None
    phone: str | None = None
    directions: str | None = Field(default=None, max_length=300)  # how to get there: buses, parking, a step-free way in
    grids: list[GridSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _buildings_unique(self) -> CommunitySpec:
        seen: set[str] = set()
        for grid in self.grids:
            for building in grid.buildings:
                if building in seen:
                    raise ValueError(f"楼栋 {building!r} 在社区 {self.id} 里出现了两次")
                seen.add(building)
        return self


class StreetSpec(_Strict):
    id: Id
    name: Name
    communities: list[CommunitySpec] = Field(min_length=1)


class DistrictSpec(_Strict):
    id: Id
    name: Name


class OrgFile(_Strict):
    district: DistrictSpec
    streets: list[StreetSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique(self) -> OrgFile:
        ids: list[str] = [self.district.id]
        for street in self.streets:
            ids.append(street.id)
            for community in street.communities:
                ids.append(community.id)
                ids.extend(grid.id for grid in community.grids)
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"id 重复：{', '.join(duplicates)}")
        return self

    def warnings(self) -> list[str]:
        return [
            f"网格 {grid.id} 有 {grid.households} 户，通常一个网格 200–300 户"
            for street in self.streets
            for community in street.communities
            for grid in community.grids
            if grid.households not in HOUSEHOLDS_USUAL
        ]


class OrgFileError(Exception):
    """The org file is unreadable or invalid; the message lists every problem."""


def read_org_file(path: Path) -> OrgFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OrgFileError(f"{path}: 读不到文件（{exc.strerror}）") from None
    except yaml.YAMLError as exc:
        raise OrgFileError(f"{path}: YAML 格式错误：{exc}") from None
    try:
        return OrgFile.model_validate(data)
    except ValidationError as exc:
        lines = [f"{path}: {_where(err['loc'])}: {err['msg'].removeprefix('Value error, ')}" for err in exc.errors()]
        raise OrgFileError("\n".join(lines)) from None


def _where(loc: tuple[object, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(文件)"


def sample_org_path() -> Path:
    from importlib.resources import files

    return Path(str(files("bot") / "data" / "sample_org.yaml"))


async def import_org(uow: UnitOfWork, org: OrgFile) -> dict[str, int]:
    """Add and update places by id; never deletes (people and cases refer to them)."""
    session = uow.session
    counts = {"streets": 0, "communities": 0, "grids": 0, "buildings": 0}
    await session.merge(District(id=org.district.id, name=org.district.name))
    for street in org.streets:
        await session.merge(Street(id=street.id, name=street.name, district_id=org.district.id))
        counts["streets"] += 1
        for community in street.communities:
            await session.merge(
                Community(
                    id=community.id,
                    name=community.name,
                    street_id=street.id,
                    address=community.address,
                    phone=community.phone,
                    directions=community.directions,
                )
            )
            counts["communities"] += 1
            await session.flush()
            existing = {
                b.name: b
                for b in (await session.exec(select(Building).where(Building.community_id == community.id))).all()
            }
            for grid in community.grids:
                await session.merge(
                    Grid(
                        id=grid.id,
                        name=grid.name,
                        community_id=community.id,
                        households=grid.households,
                        lat=grid.lat,
                        lon=grid.lon,
                        radius_m=grid.radius_m,
                    )
                )
                await session.flush()
                counts["grids"] += 1
                for name in grid.buildings:
                    building = existing.get(name)
                    if building is None:
                        session.add(Building(community_id=community.id, grid_id=grid.id, name=name))
                    else:
                        building.grid_id = grid.id
                    counts["buildings"] += 1
    await uow.commit()
    return counts


async def has_any_community(uow: UnitOfWork) -> bool:
    return (await uow.session.exec(select(Community.id).limit(1))).first() is not None


async def only_community_id(session: AsyncSession) -> str | None:
    """The community, when the database holds exactly one (a deployment for one community)."""
    ids = list((await session.exec(select(Community.id).limit(2))).all())
    return ids[0] if len(ids) == 1 else None


async def community_id_of(uow: UnitOfWork, person: Person) -> str | None:
    """The person's community; with one community in the database, that one; else None.

    Asked in many turns (every booking's day list): one direct statement,
    without opening the unit of work's ORM session for it.
    """
    if person.community_id:
        return person.community_id
    ids = await (await uow.direct()).all("SELECT id FROM communities LIMIT 2")
    return ids[0][0] if len(ids) == 1 else None


async def community_of(uow: UnitOfWork, person: Person) -> Community | None:
    community_id = await community_id_of(uow, person)
    return await uow.session.get(Community, community_id) if community_id else None


async def communities(uow: UnitOfWork) -> list[Community]:
    return list((await uow.session.exec(select(Community).order_by(col(Community.id)))).all())


async def grids(uow: UnitOfWork, community_id: str | None = None) -> list[Grid]:
    query = select(Grid).order_by(col(Grid.id))
    if community_id is not None:
        query = query.where(Grid.community_id == community_id)
    return list((await uow.session.exec(query)).all())


async def buildings(uow: UnitOfWork, community_id: str) -> list[Building]:
    query = select(Building).where(Building.community_id == community_id).order_by(col(Building.id))
    return list((await uow.session.exec(query)).all())


def building_form(name: str) -> str:
    """A building's name as compared: width, case, spaces and numerals aside, 栋/幢 as 号楼.

    Residents write 北苑二号楼, 北苑2栋 or 锦华园b座 for 北苑2号楼 and 锦华园B座.
    """
    form = arabic(unicodedata.normalize("NFKC", name)).lower().replace(" ", "")
    return re.sub(r"(\d+)(?:号楼|栋|幢)", r"\1号楼", form)


async def grid_of_building(uow: UnitOfWork, community_id: str, building: str) -> Grid | None:
    query = (
        select(Grid)
        .join(Building, col(Building.grid_id) == col(Grid.id))
        .where(Building.community_id == community_id, Building.name == building)
    )
    return (await uow.session.exec(query)).first()
