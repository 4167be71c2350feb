"""The migration that holds photos sent before a complaint adds its table and leaves the photos on record as they were."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import insert
from sqlmodel import select

from bot.db import migrate
from bot.models import Person, Photo
from bot.models.photos import HeldPhoto
from tests.test_persistence import database_at, empty_url  # noqa: F401 - the fixture: SQLite, and PostgreSQL when there is one

BEFORE = "c4e8a1f05b93"  # the revision before photos were held for the complaint begun next


def test_photos_on_record_stay_and_a_photo_can_be_held_after_the_upgrade(empty_url: str):  # noqa: F811
    migrate.upgrade(empty_url, BEFORE)
    now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)

    async def record() -> None:
        async with database_at(empty_url) as db:
            async with db.uow() as uow:
                person = Person(channel="wechat", channel_user_id="li", created_at=now, last_seen_at=now)
                uow.session.add(person)
                await uow.session.flush()
                await (await uow.session.connection()).execute(insert(Photo).values(
                    channel="wechat", ref="MEDIA1", person_id=person.id, state="kept", mime_type="image/jpeg",
                    attempts=0, next_try_at=now, created_at=now))  # fmt: skip
                await uow.commit()

    async def hold_and_read() -> tuple[list[str], list[str]]:
        async with database_at(empty_url) as db:
            async with db.uow() as uow:
                person = (await uow.session.exec(select(Person))).one()
                uow.session.add(HeldPhoto(person_id=person.id, ref="MEDIA2", size=1000, created_at=now))  # type: ignore[arg-type]
                await uow.commit()
            async with db.uow() as uow:
                kept = [p.ref for p in (await uow.session.exec(select(Photo))).all()]
                held = [h.ref for h in (await uow.session.exec(select(HeldPhoto))).all()]
                return kept, held

    asyncio.run(record())
    migrate.upgrade(empty_url)
    assert asyncio.run(hold_and_read()) == (["MEDIA1"], ["MEDIA2"])
