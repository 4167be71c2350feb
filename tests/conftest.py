"""Shared fixtures: real databases (SQLite always, PostgreSQL when reachable) and a chat driver.

PostgreSQL tests use RESIDENT_BOT_TEST_POSTGRES_URL (default: the local
server at 127.0.0.1:5432, database `test`). Each test session creates its
own database there and drops it at the end. When the server is absent the
tests skip with the reason; with RESIDENT_BOT_TEST_REQUIRE_POSTGRES=1 (as
in CI) they fail instead, so a green CI always includes PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.db import migrate
from tests.helpers import Chat

PG_URL = os.environ.get("RESIDENT_BOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("RESIDENT_BOT_TEST_REQUIRE_POSTGRES") == "1"
START = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # a Monday, 09:30 in Xuchang


def _with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


async def _pg_admin(sql: str) -> None:
    import asyncpg

    dsn = PG_URL.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(dsn, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets a copy instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate.upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    name = f"rb_test_{uuid.uuid4().hex[:10]}"
    try:
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server means "absent"
        reason = f"PostgreSQL not reachable at {PG_URL} ({type(exc).__name__}: {exc}); set RESIDENT_BOT_TEST_POSTGRES_URL"
        if REQUIRE_PG:
            pytest.fail(reason)
        pytest.skip(reason)
    url = _with_database(PG_URL, name)
    try:
        migrate.upgrade(url)
        yield url
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _truncate_postgres(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        tables = await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
        )
        if tables:
            names = ", ".join(f'"{row["tablename"]}"' for row in tables)
            await conn.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await conn.close()


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "bot.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture
async def postgres_url(postgres_database: str) -> str:
    await _truncate_postgres(postgres_database)
    return postgres_database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": database_url, "auto_migrate": False, "_env_file": None}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
async def app(sqlite_url: str, clock: FrozenClock) -> AsyncIterator[App]:
    """The whole bot on a fresh SQLite database with the sample community."""
    app = await build_app(make_settings(sqlite_url), clock=clock)
    yield app
    await app.close()


@pytest.fixture
async def any_app(db_url: str, clock: FrozenClock) -> AsyncIterator[App]:
    """The whole bot, once on SQLite and once on PostgreSQL."""
    app = await build_app(make_settings(db_url), clock=clock)
    yield app
    await app.close()


@pytest.fixture
def chat(app: App):  # noqa: ANN201
    def open_chat(user: str = "resident", channel: str = "console") -> Chat:
        return Chat(app, user, channel)

    return open_chat
