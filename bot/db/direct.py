"""Statements sent straight to the database driver, inside a unit of work's transaction.

Every message runs the same few bookkeeping statements (find the sender,
record the message, store the reply and the dialog). Through SQLAlchemy's
asyncio layer each costs about 0.15 ms of Python before the database sees
it, against 0.02 ms for the driver itself, and they were most of a turn's
time. So the turn's bookkeeping (bot/services/conversation.py, and the
count of unanswered questions in bot/services/support.py) sends its SQL to
the unit of work's driver connection: the one its ORM session uses, if a
handler opened one (bot/db/uow.py), same transaction, committed or rolled
back with everything else. The rest of the code keeps the ORM.

The SQL is written once with `?` placeholders and must be valid on both
SQLite and PostgreSQL; values are converted here the way the column types in
bot/db/types.py and SQLAlchemy's JSON type store them.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.util import greenlet_spawn

from bot.db.sqlite_inline import InlineConnection
from bot.db.types import dump_json


# SQLAlchemy's SQLite DATETIME text, "2026-03-02 01:30:00.000000"; SQLite
# compares these as strings, so the format must be the same to the character.
# isoformat with this separator and precision writes exactly that, several
# times faster than strftime.
def _sqlite_time(naive: datetime) -> str:
    return naive.isoformat(sep=" ", timespec="microseconds")


class DirectSQL:
    def __init__(self, fairy: PoolProxiedConnection, dialect: str) -> None:
        if dialect not in ("sqlite", "postgresql"):
            raise RuntimeError(f"no direct SQL for {dialect}")
        self._adapted: Any = fairy.dbapi_connection  # SQLAlchemy's adapter, which tracks the transaction
        self._driver: Any = fairy.driver_connection
        self._postgres = dialect == "postgresql"
        # A file's connection (bot/db/sqlite_inline.py) runs a statement in one
        # call; an in-memory database keeps aiosqlite's cursor round trips.
        self._inline = isinstance(self._driver, InlineConnection)

    @classmethod
    async def of(cls, connection: AsyncConnection) -> DirectSQL:
        """The driver behind a session's connection, with the transaction begun."""
        sql = cls(await connection.get_raw_connection(), connection.dialect.name)
        await sql.begin()
        return sql

    @property
    def in_transaction(self) -> bool:
        if self._postgres:
            return self._adapted._transaction is not None
        return bool(self._driver.in_transaction)

    async def begin(self) -> None:
        """Open the transaction unless one is open (SQLite: BEGIN IMMEDIATE, as bot/db/engine.py does)."""
        if self.in_transaction:
            return
        if self._postgres:
            # SQLAlchemy's asyncpg adapter opens its transaction lazily, at its
            # first statement; open it now so these statements run inside it.
            await self._adapted._start_transaction()
        else:
            await self.run("BEGIN IMMEDIATE")

    async def commit(self) -> None:
        if self._postgres:
            await greenlet_spawn(self._adapted.commit)  # through the adapter, so it knows the transaction ended
        else:
            await self._driver.commit()  # SQLAlchemy's SQLite adapter keeps no transaction state

    async def rollback(self) -> None:
        if self._postgres:
            await greenlet_spawn(self._adapted.rollback)
        else:
            await self._driver.rollback()

    async def one(self, sql: str, *params: Any) -> tuple[Any, ...] | None:
        if self._postgres:
            record = await self._driver.fetchrow(_numbered(sql), *params)
            return tuple(record) if record is not None else None
        if self._inline:
            return await self._driver.fetch_one(sql, params)  # type: ignore[no-any-return]
        cursor = await self._driver.execute(sql, params)
        try:
            return await cursor.fetchone()
        finally:
            await cursor.close()

    async def all(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        if self._postgres:
            return [tuple(record) for record in await self._driver.fetch(_numbered(sql), *params)]
        if self._inline:
            return await self._driver.fetch_all(sql, params)  # type: ignore[no-any-return]
        cursor = await self._driver.execute(sql, params)
        try:
            return list(await cursor.fetchall())
        finally:
            await cursor.close()

    async def run(self, sql: str, *params: Any) -> None:
        if self._postgres:
            await self._driver.execute(_numbered(sql), *params)
        elif self._inline:
            await self._driver.run(sql, params)
        else:
            cursor = await self._driver.execute(sql, params)
            await cursor.close()

    def time(self, value: datetime | None) -> Any:
        """An aware datetime as a UTCDateTime column stores it (naive UTC)."""
        if value is None:
            return None
        naive = value.astimezone(UTC).replace(tzinfo=None)
        return naive if self._postgres else _sqlite_time(naive)

    @staticmethod
    def read_time(value: Any) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC)

    @staticmethod
    def json(value: Any) -> str:
        return dump_json(value)

    @staticmethod
    def read_json(value: Any) -> Any:
        return json.loads(value) if isinstance(value, (str, bytes)) else value


@lru_cache(maxsize=64)
def _numbered(sql: str) -> str:
    """`?` placeholders as asyncpg's `$1, $2, …` (the SQL here has no literal question marks)."""
    counter = iter(range(1, 1000))
    return re.sub(r"\?", lambda _: f"${next(counter)}", sql)
