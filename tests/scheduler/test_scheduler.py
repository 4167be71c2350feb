"""The real APScheduler on the persistent job store, and the election of one scheduler."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from bot.app import App, build_app
from scheduler import jobs
from scheduler.leader import JOB_TABLE, MISFIRE_GRACE_SECONDS, LeaderScheduler, sync_url
from tests.conftest import make_settings


@contextlib.asynccontextmanager
async def probe_tick() -> AsyncIterator[list[str]]:
    """A tick that records which App's scheduler woke it."""
    woken: list[str] = []

    async def probe(app: App, now) -> int:  # noqa: ANN001
        woken.append(app.settings.database_url + "#" + str(id(app)))
        return 0

    jobs.TICKS["probe"] = probe
    try:
        yield woken
    finally:
        del jobs.TICKS["probe"]


@contextlib.asynccontextmanager
async def campaigning(app: App, **options: float) -> AsyncIterator[tuple[LeaderScheduler, asyncio.Event]]:
    leader = LeaderScheduler(app, **options)  # type: ignore[arg-type]
    stop = asyncio.Event()
    task = asyncio.create_task(leader.run(stop))
    try:
        yield leader, stop
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def _until(condition, timeout: float = 20.0) -> None:  # noqa: ANN001
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def _stored_jobs(app: App) -> dict[str, float | None]:
    async with app.db.engine.connect() as conn:
        rows = (await conn.execute(text(f"SELECT id, next_run_time FROM {JOB_TABLE}"))).all()
    return dict(rows)


def test_the_job_store_url_is_the_projects_database_with_a_sync_driver():
    assert sync_url("sqlite+aiosqlite:///./data/bot.db") == "sqlite:///./data/bot.db"
    assert sync_url("postgresql+asyncpg://bot:pw@db/bot") == "postgresql+psycopg://bot:pw@db/bot"


async def test_a_persistent_job_fires_and_a_restarted_scheduler_still_has_it(db_url, clock):
    app = await build_app(make_settings(db_url), clock=clock)
    try:
        async with probe_tick() as woken:
            async with campaigning(app, tick_seconds=1, retry_seconds=0.2) as (leader, _):
                await _until(leader.is_leader.is_set)
                await _until(lambda: len(woken) >= 1)
                job = leader.scheduler.get_job("probe")
                assert job.coalesce is True and job.misfire_grace_time == MISFIRE_GRACE_SECONDS
            stored = await _stored_jobs(app)
            assert {"probe", "partyday", "digest"} <= set(stored)
            before = len(woken)

            # A new process (a new App on the same database) finds the jobs where they were.
            restarted = await build_app(make_settings(db_url), clock=clock)
            try:
                async with campaigning(restarted, tick_seconds=1, retry_seconds=0.2) as (leader, _):
                    await _until(leader.is_leader.is_set)
                    assert leader.scheduler.get_job("probe") is not None
                    await _until(lambda: len(woken) > before)
                assert all(w.endswith(str(id(restarted))) for w in woken[before:])
            finally:
                await restarted.close()
    finally:
        await app.close()


async def test_the_ticks_are_rescheduled_when_their_interval_changes(sqlite_url, clock):
    app = await build_app(make_settings(sqlite_url), clock=clock)
    try:
        async with campaigning(app, tick_seconds=300, retry_seconds=0.2) as (leader, _):
            await _until(leader.is_leader.is_set)
            assert leader.scheduler.get_job("partyday").trigger.interval.total_seconds() == 300
        async with campaigning(app, tick_seconds=120, retry_seconds=0.2) as (leader, _):
            await _until(leader.is_leader.is_set)
            assert leader.scheduler.get_job("partyday").trigger.interval.total_seconds() == 120
    finally:
        await app.close()


@pytest.mark.postgres
async def test_two_processes_on_postgresql_elect_one_scheduler_and_the_other_takes_over(postgres_url, clock):
    first = await build_app(make_settings(postgres_url), clock=clock)
    second = await build_app(make_settings(postgres_url), clock=clock)
    try:
        async with probe_tick() as woken:
            async with campaigning(first, tick_seconds=1, retry_seconds=0.1) as (a, stop_a):
                await _until(a.is_leader.is_set)
                async with campaigning(second, tick_seconds=1, retry_seconds=0.1) as (b, _):
                    await _until(lambda: len(woken) >= 2)
                    for _ in range(10):  # many of the follower's retries
                        await asyncio.sleep(0.1)
                        assert a.is_leader.is_set() and not b.is_leader.is_set()
                        assert b.scheduler is None
                    assert {w.rsplit("#", 1)[1] for w in woken} == {str(id(first))}

                    stop_a.set()  # the leader stops (or dies): the other takes over
                    await _until(b.is_leader.is_set)
                    assert not a.is_leader.is_set()
                    count = len(woken)
                    await _until(lambda: len(woken) > count)
                    assert woken[-1].endswith(str(id(second)))
    finally:
        await first.close()
        await second.close()


@pytest.mark.postgres
async def test_a_stopped_leader_frees_the_lock_for_the_next_one(postgres_url, clock):
    first = await build_app(make_settings(postgres_url), clock=clock)
    second = await build_app(make_settings(postgres_url), clock=clock)
    try:
        async with campaigning(first, retry_seconds=0.1) as (a, _):
            await _until(a.is_leader.is_set)
        async with campaigning(second, retry_seconds=0.1) as (b, _):
            await _until(b.is_leader.is_set)  # the lock was released on shutdown
    finally:
        await first.close()
        await second.close()
