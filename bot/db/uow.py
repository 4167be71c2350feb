"""The unit of work: one session, one transaction, committed by a service.

Handlers receive a unit of work but never commit; a service commits once
per operation, so a change and the outbox rows it causes land together.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar, Token
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock
from bot.db.direct import DirectSQL

if TYPE_CHECKING:
    from bot.services.schedule import QuietHours


_holding: ContextVar[bool] = ContextVar("holding_sqlite_writer", default=False)


class UnitOfWork:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        writer: asyncio.Lock | None = None,
        quiet_hours: QuietHours | None = None,
    ) -> None:
        self._session_factory = session_factory
        self.clock = clock
        self.quiet_hours = quiet_hours  # non-urgent pushes created inside wait until they end
        self._writer = writer
        self._token: Token[bool] | None = None
        self._session: AsyncSession | None = None
        self._direct: tuple[AsyncConnection, DirectSQL] | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside `async with`")
        return self._session

    async def __aenter__(self) -> UnitOfWork:
        if self._writer is not None:
            if _holding.get():
                raise RuntimeError("a unit of work inside another would wait for itself on SQLite")
            await self._writer.acquire()
            self._token = _holding.set(True)
        self._session = self._session_factory()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self.session, None
        self._direct = None
        try:
            # Closing rolls back anything a service did not commit. Unlike an
            # explicit rollback it does not expire loaded objects, so a caller
            # may still read what it got back after the block.
            await session.close()
        finally:
            if self._writer is not None:
                assert self._token is not None
                _holding.reset(self._token)
                self._writer.release()

    async def direct(self) -> DirectSQL:
        """The session's driver connection, in its transaction (see bot/db/direct.py)."""
        connection = await self.session.connection()
        if self._direct is None or self._direct[0] is not connection:
            self._direct = (connection, await DirectSQL.of(connection))
        return self._direct[1]

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()


class Database:
    """The engine plus the factory of units of work bound to it."""

    def __init__(self, engine: AsyncEngine, clock: Clock, quiet_hours: QuietHours | None = None) -> None:
        self.engine = engine
        self.clock = clock
        self.quiet_hours = quiet_hours
        self._sessions = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
        # SQLite has one writer at a time. Queueing this process's units of
        # work on a lock is far cheaper than letting their connections poll
        # SQLite's busy handler; other processes still meet the busy timeout.
        self._writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._sessions, self.clock, self._writer, self.quiet_hours)

    @property
    def writer(self) -> asyncio.Lock | None:
        """This process's SQLite writer lock (None on PostgreSQL), for code that writes synchronously."""
        return self._writer

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    async def dispose(self) -> None:
        await self.engine.dispose()
