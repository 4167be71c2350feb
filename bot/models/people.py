"""People, their roles and the one-time codes that grant roles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.db.types import UTCDateTime


class Role(StrEnum):
    resident = "resident"
    volunteer = "volunteer"
    party_member = "party_member"
    grid_manager = "grid_manager"
    grid_leader = "grid_leader"
    staff = "staff"
    admin = "admin"
    street_staff = "street_staff"

    @property
    def scope(self) -> str:
        """Which kind of place the role is held in."""
        if self in (Role.grid_manager, Role.grid_leader):
            return "grid"
        if self is Role.street_staff:
            return "street"
        return "community"


class Person(SQLModel, table=True):
    """One person per (channel, channel user id); the profile is filled only when a flow needs it."""

    __tablename__ = "persons"
    __table_args__ = (UniqueConstraint("channel", "channel_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    channel_user_id: str = Field(max_length=128)
    display_name: str | None = Field(default=None, max_length=100)
    language: str = Field(default="zh", max_length=8)

    name: str | None = Field(default=None, max_length=50)
    phone: str | None = Field(default=None, max_length=20)
    community_id: str | None = Field(default=None, foreign_key="communities.id", max_length=64)
    building: str | None = Field(default=None, max_length=64)
    unit: str | None = Field(default=None, max_length=16)
    room: str | None = Field(default=None, max_length=16)
    consent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    unreachable_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    unreachable_reason: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_seen_at: datetime = Field(sa_type=UTCDateTime)

    @property
    def has_address(self) -> bool:
        return bool(self.community_id and self.building and self.room)


class RoleAssignment(SQLModel, table=True):
    __tablename__ = "role_assignments"
    __table_args__ = (Index("ix_role_assignments_active", "person_id", "revoked_at"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="persons.id", index=True)
    role: str = Field(max_length=32)
    grid_id: str | None = Field(default=None, foreign_key="grids.id", max_length=64)
    community_id: str | None = Field(default=None, foreign_key="communities.id", max_length=64)
    street_id: str | None = Field(default=None, foreign_key="streets.id", max_length=64)  # street roles
    granted_at: datetime = Field(sa_type=UTCDateTime)
    invite_code: str | None = Field(default=None, max_length=16)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Invite(SQLModel, table=True):
    """A one-time binding code: whoever sends `/bind CODE` first, before expiry, gets the role."""

    __tablename__ = "invites"

    code: str = Field(primary_key=True, max_length=16)
    role: str = Field(max_length=32)
    grid_id: str | None = Field(default=None, foreign_key="grids.id", max_length=64)
    community_id: str | None = Field(default=None, foreign_key="communities.id", max_length=64)
    street_id: str | None = Field(default=None, foreign_key="streets.id", max_length=64)  # street roles
    note: str | None = Field(default=None, max_length=100)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by: int | None = Field(default=None, foreign_key="persons.id")
