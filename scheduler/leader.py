"""One active scheduler however many processes run: elected by a PostgreSQL advisory lock.

APScheduler 3 must not share a job store between two running schedulers,
so only the elected process starts one. On PostgreSQL each candidate tries
`pg_try_advisory_lock` on a dedicated connection held for the process's
life (the lock goes when the connection does, so a crashed leader frees
it); a candidate that is not elected tries again every
RESIDENT_BOT_SCHEDULER_LEADER_RETRY_SECONDS. With SQLite there is one
process, which is the leader.

The job store is APScheduler's SQLAlchemyJobStore on the project's
database (table `apscheduler_jobs`, created by the migrations) through a
synchronous driver: the stdlib sqlite3, or psycopg 3 for PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from scheduler import jobs

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

LOCK_KEY = 0x7265_7369_6465_6E74  # "resident" as a bigint; the advisory lock every candidate asks for
LOCK_KEY = LOCK_KEY - (1 << 64) if LOCK_KEY >= 1 << 63 else LOCK_KEY
JOB_TABLE = "apscheduler_jobs"
MISFIRE_GRACE_SECONDS = 3600  # a wake missed by less than this still runs once (coalesced)


def sync_url(database_url: str) -> str:
    """The job store's synchronous URL for the project's async database URL."""
    if database_url.startswith("sqlite+aiosqlite://"):
        return "sqlite://" + database_url[len("sqlite+aiosqlite://") :]
    if database_url.startswith("postgresql+asyncpg://"):
        return "postgresql+psycopg://" + database_url[len("postgresql+asyncpg://") :]
    return database_url


def make_scheduler(app: App) -> Any:
    """An AsyncIOScheduler on the persistent store (not yet started)."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.asyncio import AsyncIOScheduler, run_in_event_loop

    class Scheduler(AsyncIOScheduler):
        """Processes its (synchronous) job store only while holding this process's SQLite writer lock.

        On SQLite every unit of work holds the database's write lock from its
        first statement to its end, awaiting aiosqlite meanwhile. A synchronous
        job-store write on the event loop at that moment would wait for a lock
        whose holder cannot run: so the processing waits its turn on the same
        in-process lock as the units of work. (PostgreSQL needs no such care.)
        """

        writer: asyncio.Lock | None = None
        _processing: asyncio.Task[None] | None = None

        @run_in_event_loop
        def wakeup(self) -> None:
            self._stop_timer()
            if self.writer is None:
                self._start_timer(self._process_jobs())
            elif self._processing is None or self._processing.done():
                self._processing = self._eventloop.create_task(self._process_locked())

        async def _process_locked(self) -> None:
            assert self.writer is not None
            async with self.writer:
                if not self.running:
                    return
                wait_seconds = self._process_jobs()
            self._start_timer(wait_seconds)

    settings = app.settings
    store = SQLAlchemyJobStore(url=sync_url(settings.database_url), tablename=JOB_TABLE)
    scheduler = Scheduler(
        jobstores={"default": store},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
        timezone=settings.timezone,
        event_loop=asyncio.get_running_loop(),
    )
    scheduler.writer = app.db.writer
    return scheduler


def ensure_jobs(scheduler: Any, tick_seconds: int) -> None:
    """Add each tick's wake job unless the store already has it with the same trigger.

    An existing job keeps its persisted next run time, so a restart neither
    delays nor repeats a wake (and the ticks are idempotent anyway).
    """
    from apscheduler.triggers.interval import IntervalTrigger

    for name in jobs.TICKS:
        trigger = IntervalTrigger(seconds=tick_seconds)
        existing = scheduler.get_job(name)
        if existing is not None and str(existing.trigger) == str(trigger):
            continue
        scheduler.add_job(
            "scheduler.jobs:wake", trigger, args=[name], id=name, name=f"tick {name}", replace_existing=True
        )
    for job in scheduler.get_jobs():
        if job.id not in jobs.TICKS:  # a tick that no longer exists
            scheduler.remove_job(job.id)


class LeaderScheduler:
    """Runs the APScheduler of this process while it holds the leadership."""

    def __init__(self, app: App, *, retry_seconds: float | None = None, tick_seconds: int | None = None) -> None:
        self.app = app
        self.retry_seconds = retry_seconds or app.settings.scheduler_leader_retry_seconds
        self.tick_seconds = tick_seconds or app.settings.scheduler_tick_seconds
        self.scheduler: Any = None
        self._lock_conn: AsyncConnection | None = None
        self.is_leader = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        """Campaign until elected, lead until `stop` (or until the lock's connection is lost)."""
        try:
            while not stop.is_set():
                try:
                    if await self._acquire():
                        await self._lead(stop)
                except Exception:
                    log.exception("the scheduler lost its database; trying again")
                    await self._step_down()
                if stop.is_set():
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.retry_seconds)
        finally:
            await self._step_down()

    async def _acquire(self) -> bool:
        if self.app.db.is_sqlite:
            return True
        conn = await self.app.db.engine.connect()
        try:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            got = (await conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY})).scalar()
        except BaseException:
            await conn.close()
            raise
        if not got:
            await conn.close()
            return False
        self._lock_conn = conn
        return True

    async def _lead(self, stop: asyncio.Event) -> None:
        self.scheduler = make_scheduler(self.app)
        jobs.attach(self.app)
        # Jobs are checked after start (the store must be started to be read);
        # start paused so nothing fires before they are in order. This runs on
        # the event loop's own thread: AsyncIOScheduler arms its timer with
        # loop.call_later, which is not thread-safe. On SQLite the job store's
        # synchronous writes wait for this process's writer lock, so no unit of
        # work holds the database meanwhile.
        writer = self.app.db.writer
        async with writer if writer is not None else contextlib.nullcontext():
            self.scheduler.start(paused=True)
            ensure_jobs(self.scheduler, self.tick_seconds)
        self.scheduler.resume()
        self.is_leader.set()
        log.info("this process runs the scheduler (%s ticks)", len(jobs.TICKS))
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.retry_seconds)
            if self._lock_conn is not None and not stop.is_set():
                await self._lock_conn.execute(text("SELECT 1"))  # still holding the lock's connection?

    async def _step_down(self) -> None:
        self.is_leader.clear()
        if self.scheduler is not None:
            scheduler, self.scheduler = self.scheduler, None
            with contextlib.suppress(Exception):
                scheduler.shutdown(wait=False)
            with contextlib.suppress(Exception):
                for store in scheduler._jobstores.values():  # noqa: SLF001 - release the sync engine's connections
                    store.engine.dispose()
            if jobs._app is self.app:  # noqa: SLF001
                jobs.attach(None)
        if self._lock_conn is not None:
            conn, self._lock_conn = self._lock_conn, None
            with contextlib.suppress(Exception):
                await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            with contextlib.suppress(Exception):
                await conn.close()
