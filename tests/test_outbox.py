"""The outbox: pushes land with the change that caused them and are delivered once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from bot.core.messages import Reply
from bot.models import OutboxMessage, OutboxStatus
from bot.services import outbox, people


async def _person(app, user: str):
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "console", user)
        await uow.commit()
        return person


async def test_a_push_is_only_kept_when_its_change_commits(any_app):
    person = await _person(any_app, "a")
    async with any_app.db.uow() as uow:
        outbox.push(uow, person, Reply("will be rolled back"), kind="test")
        # no commit: the operation failed
    async with any_app.db.uow() as uow:
        outbox.push(uow, person, Reply("committed"), kind="test")
        await uow.commit()
    async with any_app.db.uow() as uow:
        texts = [row.payload["text"] for row in (await uow.session.exec(select(OutboxMessage))).all()]
    assert texts == ["committed"]


async def test_concurrent_drainers_never_take_the_same_row(any_app):
    person = await _person(any_app, "b")
    async with any_app.db.uow() as uow:
        for i in range(60):
            outbox.push(uow, person, Reply(f"n{i}"), kind="test")
        await uow.commit()

    async def drain(worker: str) -> list[int]:
        taken: list[int] = []
        while True:
            async with any_app.db.uow() as uow:
                rows = await outbox.claim(uow, "console", worker, limit=7)
            if not rows:
                return taken
            for row in rows:
                async with any_app.db.uow() as uow:
                    assert await outbox.mark_sent(uow, row.id, worker)
                taken.append(row.id)

    first, second = await asyncio.gather(drain("w1"), drain("w2"))
    assert len(first) + len(second) == 60
    assert not set(first) & set(second)


async def test_a_claim_whose_drainer_died_is_taken_again_after_its_lease(any_app, clock):
    person = await _person(any_app, "c")
    async with any_app.db.uow() as uow:
        outbox.push(uow, person, Reply("hello"), kind="test")
        await uow.commit()
    async with any_app.db.uow() as uow:
        assert len(await outbox.claim(uow, "console", "dead")) == 1
    async with any_app.db.uow() as uow:
        assert await outbox.claim(uow, "console", "alive") == []  # still leased
    clock.advance(outbox.LEASE + timedelta(seconds=1))
    async with any_app.db.uow() as uow:
        rows = await outbox.claim(uow, "console", "alive")
    assert len(rows) == 1 and rows[0].attempts == 2
    async with any_app.db.uow() as uow:
        assert not await outbox.mark_sent(uow, rows[0].id, "dead")  # the dead one lost its claim
        assert await outbox.mark_sent(uow, rows[0].id, "alive")
        row = await uow.session.get(OutboxMessage, rows[0].id)
        assert row.status == OutboxStatus.sent


async def test_a_numbered_answer_refers_to_the_push_just_delivered(app, chat):
    from bot.core.messages import Button, rows

    me = chat("grandma")
    await me.say("菜单")  # the menu's numbers are in force …
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "console", "grandma")
        outbox.push(uow, person, Reply("【诉求进展 #1】请评价", rows(Button("再看帮助", "help"))), kind="case")
        await uow.commit()
    assert await me.pushes() == ["【诉求进展 #1】请评价"]
    await me.say("1")  # … until a push with choices arrives: "1" is now its first button
    assert "怎么用我" in me.text
