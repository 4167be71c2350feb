"""Helpers for the scheduler tests: people with roles in bulk, local times, a recording sender."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlmodel import select

from bot.app import App
from bot.core.messages import Reply
from bot.models import Person, Role, RoleAssignment
from bot.services.delivery import Sent

XUCHANG = ZoneInfo("Asia/Shanghai")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=XUCHANG)



async def add_people(
    app: App, count: int, *, role: Role | None = None, channel: str = "telegram", start: int = 1_000_000,
    community_id: str = "wenfeng",
) -> list[int]:
    """`count` people (channel user ids start, start+1, …), in bulk, optionally holding `role`."""
    now = app.clock.now()
    rows = [
        {
            "channel": channel,
            "channel_user_id": str(start + i),
            "language": "zh",
            "community_id": community_id,
            "created_at": now,
            "last_seen_at": now,
        }
        for i in range(count)
    ]
    async with app.db.uow() as uow:
        for i in range(0, count, 5000):
            await uow.session.exec(insert(Person.__table__), params=rows[i : i + 5000])  # type: ignore[call-overload]
        wanted = [r["channel_user_id"] for r in rows]
        ids = []
        for i in range(0, count, 5000):
            query = select(Person.id).where(Person.channel == channel, Person.channel_user_id.in_(wanted[i : i + 5000]))
            ids += list((await uow.session.exec(query)).all())
        if role is not None:
            assignments = [
                {"person_id": pid, "role": role.value, "community_id": community_id, "granted_at": now} for pid in ids
            ]
            for i in range(0, len(assignments), 5000):
                await uow.session.exec(insert(RoleAssignment.__table__), params=assignments[i : i + 5000])  # type: ignore[call-overload]
        await uow.commit()
    return ids


class RecordingSender:
    """A platform that accepts everything and remembers each delivery (address → times)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delivered: Counter[str] = Counter()
        self.delay = delay
        self.started = 0

    async def send(self, address: str, reply: Reply, kind: str):  # noqa: ANN201
        self.started += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        self.delivered[address] += 1
        return Sent()
