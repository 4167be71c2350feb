"""The scheduler's jobs: idempotent "due-item" ticks that ask services what is due now.

APScheduler only wakes a tick (`wake`); the tick takes `now` from the
App's Clock and lets the services decide what is due and write it with
the outbox. A double fire, a restart or a missed run can therefore never
send anything twice or skip it: the next tick catches up. Tests call
`run_tick` directly with a moved FrozenClock.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

Tick = Callable[["App", datetime], Awaitable[int]]
TICKS: dict[str, Tick] = {}


def register_tick(name: str) -> Callable[[Tick], Tick]:
    """Add a tick (booking reminders, overdue cases …); it runs every RESIDENT_BOT_SCHEDULER_TICK_SECONDS."""

    def add(tick: Tick) -> Tick:
        if name in TICKS:
            raise ValueError(f"tick {name} is registered twice")
        TICKS[name] = tick
        return tick

    return add


@register_tick("partyday")
async def partyday_tick(app: App, now: datetime) -> int:
    from bot.services import partyday

    return await partyday.tick(app.db, partyday.Rules.from_settings(app.settings), now)


@register_tick("digest")
async def digest_tick(app: App, now: datetime) -> int:
    from bot.services import due
    from bot.services.schedule import parse_clock_time

    settings = app.settings
    return await due.digest_tick(app.db, parse_clock_time(settings.digest_time), settings.timezone, now)


@register_tick("booking")
async def booking_tick(app: App, now: datetime) -> int:
    """Booking reminders (the evening before, an hour before) and expired waiting-list offers."""
    from bot.services import booking

    return await booking.tick(app.db, booking.Rules.of(app), now)


@register_tick("photos")
async def photos_tick(app: App, now: datetime) -> int:
    """Photos past RESIDENT_BOT_PHOTO_RETENTION_DAYS that nothing open needs lose their bytes."""
    from bot.services import photos

    days = app.settings.photo_retention_days
    if days == 0:
        return 0
    async with app.db.uow() as uow:
        return await photos.expire(uow, timedelta(days=days), now)


@register_tick("handled")
async def handled_tick(app: App, now: datetime) -> int:
    """Records of handled messages (and the replies they keep) past RESIDENT_BOT_HANDLED_MESSAGE_RETENTION_DAYS go."""
    from bot.services import handled

    async with app.db.uow() as uow:
        return await handled.forget_old(uow, timedelta(days=app.settings.handled_message_retention_days), now)


@register_tick("outbox")
async def outbox_tick(app: App, now: datetime) -> int:
    """Settled pushes (and the personal details they quote) past RESIDENT_BOT_OUTBOX_RETENTION_DAYS go."""
    from bot.services import outbox_retention

    async with app.db.uow() as uow:
        return await outbox_retention.forget_old(uow, timedelta(days=app.settings.outbox_retention_days), now)


async def run_tick(app: App, name: str, now: datetime | None = None) -> int:
    return await TICKS[name](app, now or app.clock.now())


async def run_all(app: App, now: datetime | None = None) -> dict[str, int]:
    """Every tick once (tests, `resident-bot worker --once`)."""
    now = now or app.clock.now()
    return {name: await tick(app, now) for name, tick in TICKS.items()}


# The App of this process's elected scheduler; jobs in the persistent store
# refer to `wake` by name, so they carry no process-specific state.
_app: App | None = None


def attach(app: App | None) -> None:
    global _app
    _app = app


async def wake(name: str) -> None:
    """What APScheduler runs: one tick, with the attached App."""
    app = _app
    if app is None or name not in TICKS:
        log.warning("scheduler job %s woke with no app or no such tick", name)
        return
    try:
        written = await run_tick(app, name)
    except Exception:
        log.exception("scheduler tick %s failed; the next tick retries", name)
        return
    if written:
        log.info("scheduler tick %s wrote %s", name, written)


from scheduler import grid as _grid  # noqa: E402,F401 - registers the grid workflow's ticks
