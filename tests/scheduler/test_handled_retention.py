"""Handled messages and the replies kept with them go after the retention period; a retry inside it is still answered once."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import InboundMessage
from scheduler.jobs import run_tick
from tests.helpers import Chat


async def _kept(app) -> list[str | None]:  # noqa: ANN001
    async with app.db.uow() as uow:
        rows = (await uow.session.exec(select(InboundMessage).order_by(InboundMessage.id))).all()
        return [row.channel_message_id for row in rows]


async def test_records_past_the_retention_period_go_and_a_recent_retry_still_gets_the_same_answer(any_app, clock):
    app = any_app
    assert app.settings.handled_message_retention_days == 30
    grandma = Chat(app, "grandma")
    await grandma.say("我的资料", message_id="m1")  # its reply quoted her profile
    await grandma.say("低保要带什么材料", message_id="m2")
    clock.advance(timedelta(days=29))
    assert await run_tick(app, "handled") == 0
    clock.advance(timedelta(days=2))
    answer = await grandma.say("高龄津贴怎么领", message_id="m3")
    assert await run_tick(app, "handled") == 2
    assert await _kept(app) == ["m3"]
    assert await run_tick(app, "handled") == 0

    retried = await grandma.say("高龄津贴怎么领", message_id="m3")  # the platform's retry: answered as before, once
    assert [reply.text for reply in retried] == [reply.text for reply in answer]
    assert await _kept(app) == ["m3"]


async def test_a_backlog_larger_than_a_batch_is_deleted_whole(app, clock):
    from bot.services import handled

    resident = Chat(app, "li")
    for number in range(5):
        await resident.say("你好", message_id=f"old-{number}")
    clock.advance(timedelta(days=40))
    await resident.say("你好", message_id="new")
    async with app.db.uow() as uow:
        assert await handled.forget_old(uow, timedelta(days=30), clock.now(), batch=2) == 5
    assert await _kept(app) == ["new"]
