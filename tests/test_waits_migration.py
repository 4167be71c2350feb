"""The migration that keeps a home visit's address and reason on a wait keeps the waits already on record."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert
from sqlmodel import select

from bot.db import migrate
from bot.models import BookingSlot, BookingWait, Community, District, Grid, Person, Street
from tests.test_persistence import database_at, empty_url  # noqa: F401 - the fixture: SQLite, and PostgreSQL when there is one

BEFORE = "bad22292da6e"  # the revision before waits kept a visit's details


def test_a_wait_on_record_before_the_upgrade_is_still_waiting_after_it_without_details(empty_url: str):  # noqa: F811
    migrate.upgrade(empty_url, BEFORE)
    now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)

    async def record() -> None:
        async with database_at(empty_url) as db:
            async with db.uow() as uow:
                for place in (District(id="d", name="魏都区"), Street(id="s", name="街道", district_id="d")):  # fmt: skip
                    uow.session.add(place)
                    await uow.session.flush()
                # The community's columns of that revision only: its directions came later.
                await (await uow.session.connection()).execute(insert(Community).values(id="c", name="文峰社区", street_id="s"))
                uow.session.add(Grid(id="g", name="一网格", community_id="c", households=250))
                person = Person(channel="console", channel_user_id="li", created_at=now, last_seen_at=now)
                uow.session.add(person)
                await uow.session.flush()
                slot = BookingSlot(community_id="c", resource="home:g", starts_at=now + timedelta(days=1),
                                   ends_at=now + timedelta(days=1, hours=3), capacity=2, taken=2)  # fmt: skip
                uow.session.add(slot)
                await uow.session.flush()
                # The columns of that revision only: the address and reason came later.
                await (await uow.session.connection()).execute(insert(BookingWait).values(
                    slot_id=slot.id, person_id=person.id, service_id="elderly-allowance", status="waiting", created_at=now))  # fmt: skip
                await uow.commit()

    async def read() -> list[tuple[str, str, str | None, str | None]]:
        async with database_at(empty_url) as db:
            async with db.uow() as uow:
                waits = (await uow.session.exec(select(BookingWait))).all()
                return [(w.service_id, w.status, w.address, w.reason) for w in waits]

    asyncio.run(record())
    migrate.upgrade(empty_url)
    assert asyncio.run(read()) == [("elderly-allowance", "waiting", None, None)]
