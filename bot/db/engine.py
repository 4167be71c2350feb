"""The async engine, set up so that SQLite and PostgreSQL behave alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.config import sqlite_path
from bot.db import sqlite_inline
from bot.db.types import dump_json

BUSY_TIMEOUT = 30.0  # seconds another process may hold SQLite's write lock before a write fails


def create_engine(database_url: str, **kwargs: Any) -> AsyncEngine:
    path = sqlite_path(database_url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    if database_url.startswith("sqlite"):
        if path is not None:
            # A file: its calls are made on the loop's thread (see sqlite_inline).
            kwargs.setdefault("async_creator", sqlite_inline.connector(path, BUSY_TIMEOUT))
        engine = create_async_engine(
            database_url,
            json_serializer=dump_json,
            connect_args={"timeout": BUSY_TIMEOUT},
            pool_size=5,
            max_overflow=10,
            # Sessions always end their transaction when closed; a second
            # rollback on check-in would cost a thread hop per unit of work.
            pool_reset_on_return=None,
            # The connection used last: its page cache is current. Another
            # one has seen the file change since and must re-read its pages.
            pool_use_lifo=True,
            **kwargs,
        )
        _serialise_sqlite_writers(engine)
        return engine
    return create_async_engine(
        database_url, json_serializer=dump_json, pool_size=10, max_overflow=10, pool_pre_ping=True, **kwargs
    )


def _serialise_sqlite_writers(engine: AsyncEngine) -> None:
    """Every SQLite transaction starts with BEGIN IMMEDIATE.

    SQLite's default deferred transactions upgrade to a write lock late and
    then fail with "database is locked" under concurrency; taking the write
    lock up front (with a busy timeout) makes concurrent writers queue instead,
    which is what the capacity and claim rules rely on.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below be the only one
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A unit of work's direct SQL may have begun it already (bot/db/uow.py).
        if conn.connection.driver_connection.in_transaction:
            return
        # On the DBAPI cursor: SQLAlchemy's statement machinery would cost
        # more than the statement (this runs once per unit of work).
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
        finally:
            cursor.close()
