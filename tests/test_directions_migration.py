"""The migration that gives a community its directions keeps the communities already on record, with none."""

from __future__ import annotations

import asyncio

from sqlalchemy import insert
from sqlmodel import select

from bot.db import migrate
from bot.models import Community, District, Street
from tests.test_persistence import database_at, empty_url  # noqa: F401 - the fixture: SQLite, and PostgreSQL when there is one

BEFORE = "b3d5f7a9c1e2"  # the revision before communities kept directions


def test_a_community_on_record_keeps_its_address_and_phone_and_has_no_directions(empty_url: str):  # noqa: F811
    migrate.upgrade(empty_url, BEFORE)

    async def record() -> None:
        async with database_at(empty_url) as db:
            async with db.uow() as uow:
                for place in (District(id="d", name="魏都区"), Street(id="s", name="街道", district_id="d")):
                    uow.session.add(place)
                    await uow.session.flush()
                await (await uow.session.connection()).execute(insert(Community).values(
                    id="c", name="文峰社区", street_id="s", address="文峰路 88 号", phone="0374-5123456"))  # fmt: skip
                await uow.commit()

    async def read() -> list[tuple[str, str | None, str | None, str | None]]:
        async with database_at(empty_url) as db:
            async with db.uow() as uow:
                return [(c.id, c.address, c.phone, c.directions) for c in (await uow.session.exec(select(Community))).all()]

    asyncio.run(record())
    migrate.upgrade(empty_url)
    assert asyncio.run(read()) == [("c", "文峰路 88 号", "0374-5123456", None)]
