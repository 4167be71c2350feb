"""SQLite calls made on the event loop's own thread.

aiosqlite runs every call on a worker thread: a round trip through a queue
and the loop's self-pipe of about 0.15 ms. A conversation turn makes about
ten such calls, so it spent more time passing work between threads than in
SQLite, whose statements on a local WAL file take microseconds. This
connection keeps aiosqlite's interface (so SQLAlchemy's aiosqlite dialect
drives it unchanged) but makes the calls in place.

Two kinds of call still go to a thread, so the loop never stalls behind them:
a statement that finds the file locked by another process (retried there
with the full busy timeout; within one process the unit of work's writer
lock already queues writers) and bulk writes, an executemany over many rows
or a multi-row INSERT with many values (a broadcast enqueueing thousands of
pushes).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import aiosqlite

BULK_ROWS = 200  # an executemany over more rows than this runs on a thread
BULK_PARAMETERS = 500  # so does one statement with this many values (a multi-row INSERT of a flush)


class _RunNow:
    """Stands in for aiosqlite's queue to its worker thread: runs each item at once."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiter, as aiosqlite does
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    def __init__(self, path: str, busy_timeout: float) -> None:
        super().__init__(lambda: _open(path), iter_chunk_size=64)
        self._tx = _RunNow()  # type: ignore[assignment]
        self._busy_timeout_ms = int(busy_timeout * 1000)

    def __await__(self) -> Generator[Any, None, InlineConnection]:
        return self._connect_inline().__await__()

    async def _connect_inline(self) -> InlineConnection:
        if self._connection is None:
            self._connection = self._connector()
        return self

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or self._connection is None:
            raise ValueError("Connection closed")
        if _is_bulk(fn, args):
            return await asyncio.to_thread(self._patiently, fn, args, kwargs)
        try:
            return fn(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
        # Another process holds the write lock: wait for it off the loop.
        return await asyncio.to_thread(self._patiently, fn, args, kwargs)

    async def fetch_one(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """Execute, fetch one row and close, in one call (bot/db/direct.py runs many of these)."""
        return await self._execute(self._fetch_one, sql, params)

    async def fetch_all(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Execute and fetch every row, in one call."""
        return await self._execute(self._fetch_all, sql, params)  # type: ignore[no-any-return]

    async def run(self, sql: str, params: tuple[Any, ...]) -> None:
        """Execute a statement whose rows are not wanted, in one call."""
        await self._execute(self._run, sql, params)

    def _fetch_one(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        cursor = self._conn.execute(sql, params)
        try:
            return cursor.fetchone()  # type: ignore[no-any-return]
        finally:
            cursor.close()

    def _fetch_all(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        cursor = self._conn.execute(sql, params)
        try:
            return cursor.fetchall()  # type: ignore[no-any-return]
        finally:
            cursor.close()

    def _run(self, sql: str, params: tuple[Any, ...]) -> None:
        self._conn.execute(sql, params).close()

    def _patiently(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        connection = self._conn
        connection.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
        try:
            return fn(*args, **kwargs)
        finally:
            connection.execute("PRAGMA busy_timeout=0")


def _open(path: str) -> sqlite3.Connection:
    # No busy wait on the loop's thread: a locked file is retried on a thread.
    # check_same_thread=False because that retry runs on another thread.
    return sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc)


def _is_bulk(fn: Callable[..., Any], args: tuple[Any, ...]) -> bool:
    name = getattr(fn, "__name__", "")
    if len(args) < 2 or name not in ("execute", "executemany"):
        return False
    values = args[1]
    if not hasattr(values, "__len__"):
        return name == "executemany"
    return len(values) > (BULK_ROWS if name == "executemany" else BULK_PARAMETERS)


def connector(path: Path, busy_timeout: float) -> Callable[[], Any]:
    """The `async_creator` for create_async_engine."""

    async def connect() -> InlineConnection:
        return await InlineConnection(str(path), busy_timeout)

    return connect
