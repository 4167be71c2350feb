"""Due items: the generic side of reminders and deadlines, sent by the scheduler's ticks.

Other flows plug in here instead of scheduling anything themselves:

- `register_digest_source(name, source)`: `source(uow, assignment, now)` returns
  the lines (open tasks, overdue cases, the day's home visits …) a grid
  manager should see in the morning digest for the grid of `assignment`;
  `now` is in the local time zone, and a line is text or a function of the
  reader's Texts.
  The digest goes once a day at `RESIDENT_BOT_DIGEST_TIME` to every grid
  manager with at least one line.
- `scheduler.jobs.register_tick(name)`: a tick of their own (e.g. booking
  reminders), run every few minutes with `now` from the Clock; it must be
  idempotent (send each due item at most once, e.g. with a notice key or a
  flag written in the same transaction as the outbox rows).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.uow import Database, UnitOfWork
from bot.models import Person, Role, RoleAssignment
from bot.services import notices
from bot.texts import Texts

log = logging.getLogger(__name__)

# A line is plain text (a case: #12 楼道灯坏了) or made in the reader's language when the digest is written.
DigestLine = str | Callable[[Texts], str]
DigestSource = Callable[[UnitOfWork, RoleAssignment, datetime], Awaitable[list[DigestLine]]]
_SOURCES: dict[str, DigestSource] = {}
DIGEST_WINDOW = timedelta(hours=4)  # a digest not sent by then (the worker was down) is skipped for the day


def register_digest_source(name: str, source: DigestSource) -> None:
    _SOURCES[name] = source


def unregister_digest_source(name: str) -> None:
    _SOURCES.pop(name, None)


async def digest_tick(db: Database, at: time, timezone: str, now: datetime) -> int:
    """Send the day's digest to grid managers once, from `at` (local) on; returns 1 when written."""
    if not _SOURCES:
        return 0
    local = now.astimezone(ZoneInfo(timezone))
    start = datetime.combine(local.date(), at, tzinfo=ZoneInfo(timezone))
    if not start <= now < start + DIGEST_WINDOW:
        return 0
    key = f"digest:{local.date().isoformat()}"
    async with db.uow() as uow:
        if await notices.already(uow, key) is not None:
            return 0
        query = (
            select(RoleAssignment, Person)
            .join(Person, col(Person.id) == col(RoleAssignment.person_id))
            .where(RoleAssignment.role == Role.grid_manager.value, col(RoleAssignment.revoked_at).is_(None))
            .order_by(col(Person.id), col(RoleAssignment.id))
        )
        lines: dict[int, list[DigestLine]] = {}
        people: dict[int, Person] = {}
        for assignment, person in (await uow.session.exec(query)).all():
            for name, source in list(_SOURCES.items()):
                try:
                    found = await source(uow, assignment, local)  # `now` in the community's zone: a day is its day
                except Exception:  # one broken source must not stop the others' digest
                    log.exception("digest source %s failed", name)
                    continue
                if found:
                    lines.setdefault(person.id, []).extend(found)  # type: ignore[arg-type]
                    people[person.id] = person  # type: ignore[index]
        recipients = [
            r
            for r in notices._recipients(
                [(p.id, p.channel, p.channel_user_id, p.language, p.unreachable_at, p.unreachable_reason) for p in people.values()]
            )
        ]

        def reply_for(recipient: notices.Recipient) -> Reply:
            # Bulleted, not numbered: "1." beside no choices was read as the number to reply with, and
            # a typed 1 opened nothing. The one button opens 待办, where each item has its own.
            texts = Texts(recipient.language)
            items = lines[recipient.person_id]
            body = "\n".join(f"· {line(texts) if callable(line) else line}" for line in items)
            return Reply(texts.get("partyday.digest", count=len(items)) + "\n" + body, rows(Button(texts.get("partyday.digest_open"), "tasks")))

        notice = await notices.enqueue(
            uow, kind="digest", audience="role:grid_manager", text=f"digest {local.date().isoformat()}",
            people=recipients, reply_for=reply_for, key=key,
        )
        # written even with nobody to tell (the day is done: no query each tick), but counted only when sent
        return 1 if notice is not None and recipients else 0
