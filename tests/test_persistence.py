"""Migrations build the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncio
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import bot.models  # noqa: F401
from bot.clock import SystemClock
from bot.db import migrate
from bot.db.engine import create_engine
from bot.db.uow import Database
from tests.conftest import PG_URL, _pg_admin, _with_database


@asynccontextmanager
async def database_at(url: str) -> AsyncIterator[Database]:
    """A database on `url` for one step of a migration test, disposed after it (the next step may upgrade the schema)."""
    db = Database(create_engine(url), SystemClock())
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path):  # noqa: ANN201
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
        return
    request.getfixturevalue("postgres_database")  # skips (or fails in CI) without a server
    name = f"rb_empty_{uuid.uuid4().hex[:8]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield _with_database(PG_URL, name)
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_migrations_upgrade_an_empty_database_to_the_models(empty_url: str):
    migrate.upgrade(empty_url)

    async def inspect_schema() -> tuple[set[str], list[object], str | None]:
        db = Database(create_engine(empty_url), SystemClock())
        try:
            async with db.engine.connect() as conn:
                tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
                diff = await conn.run_sync(
                    lambda c: compare_metadata(MigrationContext.configure(c), SQLModel.metadata)
                )
            return tables, diff, await migrate.current_revision(db.engine)
        finally:
            await db.dispose()

    tables, diff, revision = asyncio.run(inspect_schema())
    assert set(SQLModel.metadata.tables) <= tables
    assert diff == [], f"models and migrations disagree; write a migration: {diff}"
    assert revision == migrate.head_revision(empty_url)


async def test_the_same_services_work_on_both_databases(any_app):
    from tests.helpers import Chat

    me = Chat(any_app, "both")
    await me.say("你好")
    assert "有什么可以帮您" in me.text
    await me.say(str(me.buttons.index("使用帮助") + 1))
    assert "怎么用我" in me.text


def test_photos_already_on_record_are_queued_for_keeping_by_the_migration(empty_url: str):
    """Upgrading an installation whose cases hold photo references queues those photos for the keeper."""
    from datetime import UTC, datetime

    from sqlmodel import select

    from bot.models import Case, CaseEvent, Person, Photo

    migrate.upgrade(empty_url)
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

    async def record() -> None:
        db = Database(create_engine(empty_url), SystemClock())
        try:
            async with db.uow() as uow:
                people = [Person(channel=c, channel_user_id=u, created_at=now, last_seen_at=now)
                          for c, u in (("wechat", "o-li"), ("telegram", "42"), ("console", "x"))]  # fmt: skip
                uow.session.add_all(people)
                await uow.session.flush()
                for person, ref in zip(people, ("MEDIA_li", "AgAC42", "console-ref"), strict=True):
                    case = Case(person_id=person.id, category="facilities", description="路灯坏了", photo_ref=ref,
                                due_at=now, created_at=now, updated_at=now)  # fmt: skip
                    uow.session.add(case)
                    await uow.session.flush()
                    uow.session.add(CaseEvent(case_id=case.id, actor_id=person.id, actor_role="resident",
                                              action="submit", to_state="submitted", photo_ref=ref, created_at=now))  # fmt: skip
                await uow.commit()
        finally:
            await db.dispose()

    async def queued() -> list[tuple[str, str, str]]:
        db = Database(create_engine(empty_url), SystemClock())
        try:
            async with db.uow() as uow:
                rows = (await uow.session.exec(select(Photo).order_by(Photo.channel))).all()
                return [(p.channel, p.ref, p.state) for p in rows]
        finally:
            await db.dispose()

    asyncio.run(record())
    from alembic import command

    command.downgrade(migrate.alembic_config(empty_url), "f99680b7f538")
    migrate.upgrade(empty_url)
    assert asyncio.run(queued()) == [("telegram", "AgAC42", "pending"), ("wechat", "MEDIA_li", "pending")]


def test_photos_forgotten_and_reopen_notes_from_before_are_brought_up_to_date(empty_url: str):
    """Photos /forget marked "lost" become "forgotten" (never sent on again); reopen events lose rating=N."""
    from datetime import UTC, datetime

    from sqlalchemy import insert
    from sqlmodel import select

    from bot.models import Case, CaseEvent, Person, Photo

    migrate.upgrade(empty_url, "355f89ef87ba")
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

    async def record() -> None:
        db = Database(create_engine(empty_url), SystemClock())
        try:
            async with db.uow() as uow:
                person = Person(channel="telegram", channel_user_id="42", created_at=now, last_seen_at=now)
                uow.session.add(person)
                await uow.session.flush()
                case = Case(person_id=person.id, category="facilities", description="路灯坏了", due_at=now,
                            created_at=now, updated_at=now)  # fmt: skip
                uow.session.add(case)
                await uow.session.flush()
                for action, note in (("reopen", "rating=2"), ("reopen", "not_fixed"), ("reopen", "灯还是不亮"), ("ask_info", "rating=2")):
                    # The columns of this revision only: a later one adds to case_events (stars).
                    await (await uow.session.connection()).execute(insert(CaseEvent).values(
                        case_id=case.id, actor_id=person.id, actor_role="resident", action=action, to_state="reopened", note=note, created_at=now))  # fmt: skip
                for ref, error in (("forgot", "forgotten at the sender's request"), ("failed", "timed out")):
                    uow.session.add(Photo(channel="telegram", ref=ref, state="lost", error=error, next_try_at=now, created_at=now))
                await uow.commit()
        finally:
            await db.dispose()

    async def read() -> tuple[list[tuple[str, str]], list[str | None]]:
        db = Database(create_engine(empty_url), SystemClock())
        try:
            async with db.uow() as uow:
                photos = [(p.ref, p.state) for p in (await uow.session.exec(select(Photo).order_by(Photo.ref))).all()]
                notes = [e.note for e in (await uow.session.exec(select(CaseEvent).order_by(CaseEvent.id))).all()]
                return photos, notes
        finally:
            await db.dispose()

    asyncio.run(record())
    migrate.upgrade(empty_url)
    photos, notes = asyncio.run(read())
    assert photos == [("failed", "lost"), ("forgot", "forgotten")]
    assert notes == [None, None, "灯还是不亮", "rating=2"]
