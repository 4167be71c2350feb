"""Delivery at scale: several drainers, a drainer killed mid-broadcast, quiet hours, reports."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import select

from bot.app import build_app
from bot.core.messages import Reply
from bot.models import OutboxMessage, OutboxStatus, Person, Role
from bot.services import notices, outbox, people
from bot.services.delivery import Drainer, Failed, Unreachable
from tests.conftest import make_settings
from tests.scheduler.common import RecordingSender, add_people, local


async def _broadcast(app, count: int, *, start: int = 1_000_000, urgent: bool = False) -> int:
    await add_people(app, count, role=Role.party_member, start=start)
    async with app.db.uow() as uow:
        members = await notices.role_holders(uow, Role.party_member, community_id="wenfeng")
        notice = await notices.enqueue(
            uow, kind="announcement", audience="test", text="通知", people=members,
            reply_for=notices.per_language(lambda texts: Reply("社区通知：周六上午大扫除")), community_id="wenfeng",
            urgent=urgent,
        )
    assert notice is not None and notice.recipients == count
    return notice.id  # type: ignore[return-value]


def _drainer(app, sender, name: str, **options) -> Drainer:  # noqa: ANN001
    values = {"rate_per_second": 100_000, "chat_rate_per_second": 100_000, "batch_size": 250, "worker": name}
    values.update(options)
    return Drainer(app.db, "telegram", sender, **values)


async def _drain(drainer: Drainer) -> None:
    while await drainer.run_once():
        pass


async def test_two_drainers_deliver_ten_thousand_rows_with_no_duplicate_and_no_loss(db_url, clock):
    app = await build_app(make_settings(db_url), clock=clock)
    other = await build_app(make_settings(db_url), clock=clock)  # a second process: its own engine
    try:
        notice_id = await _broadcast(app, 10_000)
        sender = RecordingSender()
        await asyncio.gather(_drain(_drainer(app, sender, "a")), _drain(_drainer(other, sender, "b")))
        assert len(sender.delivered) == 10_000
        assert set(sender.delivered.values()) == {1}
        async with app.db.uow() as uow:
            report = await notices.report(uow, notice_id)
            by_worker = {
                worker: n
                for worker, n in (
                    await uow.session.exec(
                        select(OutboxMessage.claimed_by, func.count()).group_by(OutboxMessage.claimed_by)
                    )
                ).all()
            }
        assert (report.sent, report.failed, report.unreachable, report.pending) == (10_000, 0, 0, 0)
        assert set(by_worker) == {"a", "b"}  # both took part
    finally:
        await other.close()
        await app.close()


async def test_a_drainer_killed_mid_broadcast_and_restarted_loses_and_repeats_nothing(db_url, clock):
    app = await build_app(make_settings(db_url), clock=clock)
    try:
        notice_id = await _broadcast(app, 600)
        sender = RecordingSender(delay=0.002)
        doomed = _drainer(app, sender, "doomed", rate_per_second=400, batch_size=100)
        task = asyncio.create_task(doomed.run_forever(asyncio.Event(), idle_seconds=0.01))
        while sender.started < 150:
            await asyncio.sleep(0.005)
        task.cancel()  # killed in the middle of a batch
        await asyncio.gather(task, return_exceptions=True)
        await doomed.settle()
        delivered_before = sum(sender.delivered.values())
        assert 0 < delivered_before < 600
        async with app.db.uow() as uow:
            stuck = (
                await uow.session.exec(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.sending))
            ).all()
        assert stuck  # claimed by the dead drainer, not sent

        restarted = await build_app(make_settings(db_url), clock=clock)
        try:
            successor = _drainer(restarted, sender, "successor")
            clock.advance(outbox.LEASE + timedelta(seconds=1))  # the dead drainer's claims expire
            await _drain(successor)
        finally:
            await restarted.close()
        assert len(sender.delivered) == 600
        assert set(sender.delivered.values()) == {1}
        async with app.db.uow() as uow:
            report = await notices.report(uow, notice_id)
        assert report.sent == 600 and report.pending == 0
    finally:
        await app.close()


async def test_quiet_hours_hold_non_urgent_pushes_until_morning(app, clock):
    clock.set(local(2026, 3, 2, 18, 0))
    async with app.db.uow() as uow:
        await people.get_or_create(uow, "telegram", "42")  # last wrote to the bot in the evening
        await uow.commit()
    clock.set(local(2026, 3, 2, 22, 15))
    async with app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == "42"))).one()
        outbox.push(uow, person, Reply("明早再发"), kind="notice")
        outbox.push(uow, person, Reply("马上发：停水"), kind="notice", urgent=True)
        await uow.commit()
    notice_id = await _broadcast(app, 5, start=2_000_000)
    sender = RecordingSender()
    drainer = _drainer(app, sender, "night")
    await _drain(drainer)
    assert sender.delivered == {"42": 1}  # only the urgent one
    clock.set(local(2026, 3, 3, 7, 59))
    await _drain(drainer)
    assert sum(sender.delivered.values()) == 1
    clock.set(local(2026, 3, 3, 8, 0))
    await _drain(drainer)
    assert sender.delivered["42"] == 2 and len(sender.delivered) == 6

    async with app.db.uow() as uow:
        assert (await notices.report(uow, notice_id)).sent == 5


async def test_someone_who_just_wrote_to_the_bot_is_not_held_by_quiet_hours(app, clock):
    clock.set(local(2026, 3, 2, 22, 40))
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "telegram", "77")  # writing to the bot right now
        row = outbox.push(uow, person, Reply("工作人员的回复"), kind="handover")
        await uow.commit()
    assert row.not_before == clock.now()


async def test_quiet_hours_can_be_moved_or_turned_off(sqlite_url, clock):
    for setting, held in (("off", False), ("23:00-07:00", False), ("22:00-06:30", True)):
        app = await build_app(make_settings(sqlite_url, quiet_hours=setting), clock=clock)
        try:
            clock.set(local(2026, 3, 2, 12, 0))
            async with app.db.uow() as uow:
                await people.get_or_create(uow, "console", f"u-{setting}")
                await uow.commit()
            clock.set(local(2026, 3, 2, 22, 15))
            async with app.db.uow() as uow:
                person = (await uow.session.exec(select(Person).where(Person.channel_user_id == f"u-{setting}"))).one()
                row = outbox.push(uow, person, Reply("x"), kind="notice")
                await uow.commit()
            assert (row.not_before > clock.now()) is held
            if held:
                assert row.not_before == local(2026, 3, 3, 6, 30)
        finally:
            await app.close()


async def test_the_delivery_report_counts_sent_failed_and_unreachable(app, clock):
    notice_id = await _broadcast(app, 6, start=3_000_000)

    class Mixed(RecordingSender):
        async def send(self, address, reply, kind):  # noqa: ANN001, ANN201
            if address == "3000001":
                return Unreachable("Forbidden: bot was blocked by the user")
            if address == "3000002":
                return Failed("Bad Request: message is malformed")
            return await super().send(address, reply, kind)

    await _drain(_drainer(app, Mixed(), "mixed"))
    async with app.db.uow() as uow:
        report = await notices.report(uow, notice_id)
    assert (report.sent, report.failed, report.unreachable, report.pending) == (4, 1, 1, 0)
