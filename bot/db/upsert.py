"""INSERT … ON CONFLICT for either database, so a race is settled in one statement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession


def insert(session: AsyncSession, table: Table | type) -> Any:
    """The dialect's INSERT, which has on_conflict_do_nothing / on_conflict_do_update.

    Given a model class rather than a table, RETURNING it yields model objects.
    """
    return sqlite_insert(table) if session.bind.dialect.name == "sqlite" else pg_insert(table)  # type: ignore[union-attr]
