"""The community structure: district → street → community → grid → building.

Ids are the operator's own short codes from the org file, so that
`resident-bot invite --grid ID` and exports refer to places stably across
re-imports.
"""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class District(SQLModel, table=True):
    __tablename__ = "districts"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=100)


class Street(SQLModel, table=True):
    __tablename__ = "streets"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=100)
    district_id: str = Field(foreign_key="districts.id", index=True, max_length=64)


class Community(SQLModel, table=True):
    __tablename__ = "communities"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=100)
    street_id: str = Field(foreign_key="streets.id", index=True, max_length=64)
    address: str | None = Field(default=None, max_length=200)  # where the service centre is
    phone: str | None = Field(default=None, max_length=40)  # the centre's public number
    # How to get there: buses, parking, a step-free way in (公交 5 路文峰路口站下；门口有免费车位；无障碍坡道在东门)
    directions: str | None = Field(default=None, max_length=300)


class Grid(SQLModel, table=True):
    __tablename__ = "grids"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=100)
    community_id: str = Field(foreign_key="communities.id", index=True, max_length=64)
    households: int = Field(ge=1)
    # Optional centre and radius, so a shared location is routed to the nearest grid.
    lat: float | None = None
    lon: float | None = None
    radius_m: int | None = None


class Building(SQLModel, table=True):
    __tablename__ = "buildings"
    __table_args__ = (UniqueConstraint("community_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    community_id: str = Field(foreign_key="communities.id", index=True, max_length=64)
    grid_id: str = Field(foreign_key="grids.id", index=True, max_length=64)
    name: str = Field(max_length=64)  # e.g. "3号楼"
    aliases: str | None = Field(default=None, max_length=200)  # comma-separated other names
