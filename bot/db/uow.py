"""The unit of work: one transaction, committed by a service.

Handlers receive a unit of work but never commit; a service commits once
per operation, so a change and the outbox rows it causes land together.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar, Token
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.util import greenlet_spawn
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock
from bot.db.direct import DirectSQL

if TYPE_CHECKING:
    from bot.services.schedule import QuietHours


_holding: ContextVar[bool] = ContextVar("holding_sqlite_writer", default=False)


class UnitOfWork:
    """One transaction; the ORM session inside it is opened only when something needs it.

    Most messages are questions: the turn's bookkeeping (bot/services/
    conversation.py) runs straight on a pooled driver connection and the
    handler only reads the knowledge base. Opening an ORM session for them
    cost more than all their SQL, so the session is created on first use of
    `session`, bound to the connection the turn already holds: one
    connection, one transaction, one commit, whichever comes first.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        writer: asyncio.Lock | None = None,
        quiet_hours: QuietHours | None = None,
    ) -> None:
        self._engine = engine
        self._session_factory = session_factory
        self.clock = clock
        self.quiet_hours = quiet_hours  # non-urgent pushes created inside wait until they end
        self._writer = writer
        self._token: Token[bool] | None = None
        self._entered = False
        self._session: AsyncSession | None = None
        self._held: PoolProxiedConnection | None = None  # checked out by direct() before any session
        self._held_core: AsyncConnection | None = None  # the session's view of the held connection
        self._direct: tuple[object, DirectSQL] | None = None
        self._adopted: list[object] = []

    @property
    def session(self) -> AsyncSession:
        if not self._entered:
            raise RuntimeError("unit of work used outside `async with`")
        if self._session is None:
            self._session = self._open_session()
        return self._session

    def _open_session(self) -> AsyncSession:
        if self._held is None:
            session = self._session_factory()
        else:
            # The session joins the connection direct() holds (and its
            # transaction, which the SQLite begin hook leaves as it is).
            core = Connection(self._engine.sync_engine, connection=self._held)
            self._held_core = AsyncConnection(self._engine, core)
            session = self._session_factory(bind=self._held_core)
        for instance in self._adopted:
            session.add(instance)
        self._adopted = []
        return session

    def adopt(self, instance: object) -> None:
        """Put an object read by direct SQL into the session, when there is one.

        Until then it waits; changes made to it meanwhile are tracked by the
        ORM all the same and flushed at commit.
        """
        if self._session is not None:
            self._session.add(instance)
        else:
            self._adopted.append(instance)

    async def __aenter__(self) -> UnitOfWork:
        if self._writer is not None:
            if _holding.get():
                raise RuntimeError("a unit of work inside another would wait for itself on SQLite")
            await self._writer.acquire()
            self._token = _holding.set(True)
        self._entered = True
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        held, core, direct = self._held, self._held_core, self._direct
        self._held = self._held_core = self._direct = None
        self._entered = False
        self._adopted = []
        try:
            try:
                # Closing rolls back anything a service did not commit. Unlike
                # an explicit rollback it does not expire loaded objects, so a
                # caller may still read what it got back after the block.
                if session is not None:
                    await session.close()
            finally:
                if held is not None:
                    await _release(held, core, direct[1] if direct is not None else None)
        finally:
            if self._writer is not None:
                assert self._token is not None
                _holding.reset(self._token)
                self._writer.release()

    async def direct(self) -> DirectSQL:
        """A driver connection in this unit of work's transaction (see bot/db/direct.py)."""
        if not self._entered:
            raise RuntimeError("unit of work used outside `async with`")
        if self._session is not None and (self._session.new or self._session.dirty or self._session.deleted):
            await self._session.flush()  # as the ORM's own queries autoflush: direct reads see the changes
        if self._session is not None and self._held is None:
            connection = await self._session.connection()
            if self._direct is None or self._direct[0] is not connection:
                self._direct = (connection, await DirectSQL.of(connection))
            return self._direct[1]
        if self._held is None:
            self._held = await self._engine.raw_connection()
            self._direct = (self._held, DirectSQL(self._held, self._engine.dialect.name))
        assert self._direct is not None
        sql = self._direct[1]
        if not sql.in_transaction:
            if self._session is not None:
                await self._session.connection()  # the session begins it, so its commit ends it
            await sql.begin()  # PostgreSQL's adapter begins lazily; SQLite's hook already did
        return sql

    async def commit(self) -> None:
        if self._session is None and any(_changed(instance) for instance in self._adopted):
            self._session = self._open_session()
        if self._session is not None:
            await self._session.commit()
        if self._held is not None and self._direct is not None and self._direct[1].in_transaction:
            await self._direct[1].commit()  # statements of direct() with no ORM work after them

    async def rollback(self) -> None:
        if self._session is not None:
            await self._session.rollback()
        if self._held is not None and self._direct is not None and self._direct[1].in_transaction:
            await self._direct[1].rollback()


def _changed(instance: object) -> bool:
    return bool(sa_inspect(instance).modified)


async def _release(held: PoolProxiedConnection, core: AsyncConnection | None, sql: DirectSQL | None) -> None:
    """Roll back what was not committed and give the connection back to the pool."""
    try:
        if sql is not None and sql.in_transaction:
            await sql.rollback()
    finally:
        if core is not None:
            await core.close()
        else:
            await greenlet_spawn(held.close)


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
        return UnitOfWork(self.engine, self._sessions, self.clock, self._writer, self.quiet_hours)

    @property
    def writer(self) -> asyncio.Lock | None:
        """This process's SQLite writer lock (None on PostgreSQL), for code that writes synchronously."""
        return self._writer

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    async def dispose(self) -> None:
        await self.engine.dispose()
