"""The unit of work opens its ORM session only when needed: what that must never change.

A turn's bookkeeping runs on a driver connection (bot/db/direct.py); the
session, when a handler asks for one, joins that connection. Whatever the
order, everything a unit of work did is committed together or not at all,
and its connection goes back to the pool. On both databases.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.core.messages import Inbound
from bot.models import InboundMessage, Person

INSERT_RECORD = "INSERT INTO inbound_messages (person_id, channel, channel_message_id, received_at) VALUES (?, ?, ?, ?)"


async def _person(app, user_id: str) -> Person:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(Person).where(Person.channel_user_id == user_id))).one()


async def _records(app) -> list[str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        rows = (await uow.session.exec(select(InboundMessage).order_by(InboundMessage.id))).all()
        return [row.channel_message_id for row in rows]


async def test_changes_to_the_sender_are_stored_when_no_handler_opened_a_session(any_app, clock):
    await any_app.handle(Inbound(channel="telegram", user_id="42", text="你好", display_name="王阿姨"))
    first = await _person(any_app, "42")
    clock.advance(timedelta(minutes=11))
    await any_app.handle(Inbound(channel="telegram", user_id="42", text="你好", display_name="王秀英"))
    person = await _person(any_app, "42")
    assert person.display_name == "王秀英"
    assert person.last_seen_at == clock.now()
    assert first.last_seen_at == clock.now() - timedelta(minutes=11)


async def test_direct_sql_and_the_session_commit_together(any_app, clock):
    person = await _person_created(any_app)
    async with any_app.db.uow() as uow:
        sql = await uow.direct()
        await sql.run(INSERT_RECORD, person.id, "console", "direct-1", sql.time(clock.now()))
        uow.session.add(InboundMessage(person_id=person.id, channel="console", channel_message_id="orm-1", received_at=clock.now()))
        await uow.commit()
    assert await _records(any_app) == ["direct-1", "orm-1"]


async def test_a_failure_after_direct_sql_and_the_session_stores_neither(any_app, clock):
    person = await _person_created(any_app)
    with pytest.raises(RuntimeError):
        async with any_app.db.uow() as uow:
            sql = await uow.direct()
            await sql.run(INSERT_RECORD, person.id, "console", "direct-1", sql.time(clock.now()))
            uow.session.add(InboundMessage(person_id=person.id, channel="console", channel_message_id="orm-1", received_at=clock.now()))
            await uow.session.flush()
            raise RuntimeError("handler failed")
    assert await _records(any_app) == []


async def test_one_unit_of_work_may_commit_twice(any_app, clock):
    person = await _person_created(any_app)
    async with any_app.db.uow() as uow:
        sql = await uow.direct()
        await sql.run(INSERT_RECORD, person.id, "console", "first", sql.time(clock.now()))
        await uow.commit()
        sql = await uow.direct()
        await sql.run(INSERT_RECORD, person.id, "console", "second", sql.time(clock.now()))
        uow.session.add(InboundMessage(person_id=person.id, channel="console", channel_message_id="third", received_at=clock.now()))
        await uow.commit()
        sql = await uow.direct()
        await sql.run(INSERT_RECORD, person.id, "console", "rolled-back", sql.time(clock.now()))
    assert await _records(any_app) == ["first", "second", "third"]


async def test_failed_units_of_work_give_their_connections_back(any_app, clock):
    person = await _person_created(any_app)
    for attempt in range(30):  # more than the pool and its overflow hold
        with pytest.raises(RuntimeError):
            async with any_app.db.uow() as uow:
                sql = await uow.direct()
                await sql.run(INSERT_RECORD, person.id, "console", f"lost-{attempt}", sql.time(clock.now()))
                raise RuntimeError("handler failed")
    assert any_app.db.engine.pool.checkedout() == 0
    assert await _records(any_app) == []


async def _person_created(app) -> Person:  # noqa: ANN001
    await app.handle(Inbound(channel="console", user_id="uow-owner", text="你好"))
    async with app.db.uow() as uow:  # the greeting's own record is not what these tests count
        sql = await uow.direct()
        await sql.run("DELETE FROM inbound_messages")
        await uow.commit()
    return await _person(app, "uow-owner")
