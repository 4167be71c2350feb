"""Settled pushes go after RESIDENT_BOT_OUTBOX_RETENTION_DAYS with the personal details they quote.

A grid manager's task push quotes the reporter's phone; it was kept for
ever. Past the retention period it is deleted; a recent push and a pending
one (however old) stay, and a notice's delivery report, which counted the
rows, reads the same to staff.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import JSON, String, cast, column, event, insert, inspect, table
from sqlmodel import select

from bot.config import Settings
from bot.db import migrate
from bot.db.types import UTCDateTime
from bot.models import Notice, OutboxMessage, OutboxStatus, Person, Role
from bot.services import notices, outbox, outbox_retention, people
from scheduler.jobs import run_tick
from tests.grid.util import file_complaint, resident
from tests.helpers import Chat, bind
from tests.scheduler.common import local
from tests.test_persistence import database_at, empty_url  # noqa: F401 - the fixture: SQLite, and PostgreSQL when there is one

LI_PHONE = "13812345678"
ZHAO_PHONE = "13900001111"


async def _rows_quoting(app, value: str) -> list[tuple[str, str]]:  # noqa: ANN001
    """(status, kind) of the stored pushes whose words contain `value`."""
    async with app.db.uow() as uow:
        query = select(OutboxMessage).where(cast(OutboxMessage.payload, String).contains(value))
        return [(row.status, row.kind) for row in (await uow.session.exec(query)).all()]


async def _report(staff: Chat) -> str:
    await staff.say("发送情况")
    return staff.text


async def _announce_to_grid_one(staff: Chat, words: str) -> None:
    await staff.say("发通知")
    await staff.say("按网格")
    await staff.say("第一网格")
    await staff.say(words)
    await staff.say("确认发送")
    assert "已排队发送给" in staff.text, staff.text


async def test_an_old_task_push_loses_the_phone_a_recent_and_a_pending_one_stay_and_the_notice_reads_the_same(any_app, clock):
    app = any_app
    assert app.settings.outbox_retention_days == 30
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(app, "secretary", Role.staff)
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li", phone=LI_PHONE)
    north = await resident(app, "north", name="王北", phone="13700000000")  # never reads her pushes
    await resident(app, "gone", name="赵走", phone="13600000000")
    async with app.db.uow() as uow:
        await outbox.set_unreachable(uow, await people.get_or_create(uow, "console", "gone"), "blocked")
        await uow.commit()

    await file_complaint(li)
    [task] = await manager.pushes()
    assert LI_PHONE in task
    await _announce_to_grid_one(staff, "本周六上午 9 点北苑停水，请提前储水。")
    assert any("北苑停水" in push for push in await li.pushes())
    await manager.pushes()
    before = await _report(staff)
    assert "无法送达 1" in before and "等待中 1" in before and "已送达 0" not in before, before

    clock.advance(timedelta(days=29))
    zhao = await resident(app, "zhao", name="赵六", phone=ZHAO_PHONE, room="502")
    await file_complaint(zhao, text="北苑1号楼楼道的灯坏了", category="facilities")
    [recent] = await manager.pushes()
    assert ZHAO_PHONE in recent

    clock.advance(timedelta(days=2))  # the first task push is 31 days old, the second 2
    assert await run_tick(app, "outbox") > 0
    assert await _rows_quoting(app, LI_PHONE) == []
    assert await _rows_quoting(app, ZHAO_PHONE) == [(OutboxStatus.sent, "case")]
    assert await _rows_quoting(app, "北苑停水") == [(OutboxStatus.pending, "announcement")]  # north's, 31 days old
    assert await _report(staff) == before
    await manager.say("看通知")
    assert ZHAO_PHONE in manager.text and LI_PHONE not in manager.text
    assert await run_tick(app, "outbox") == 0

    clock.advance(timedelta(days=30))
    assert await run_tick(app, "outbox") > 0
    await manager.say("看通知")
    assert "最近没有发给您的通知" in manager.text and ZHAO_PHONE not in manager.text
    [late] = await north.pushes()  # two months on, the pending notice is still delivered
    assert "北苑停水" in late
    after = await _report(staff)
    assert "等待中 0" in after and after != before
    assert await run_tick(app, "outbox") == 0  # sent just now: kept for its own 30 days
    assert await _rows_quoting(app, "北苑停水") == [(OutboxStatus.sent, "announcement")]


async def test_a_push_seen_in_part_is_not_shown_again_once_it_is_gone(any_app, clock):
    app = any_app
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li", phone=LI_PHONE)
    await file_complaint(li)
    async with app.db.uow() as uow:  # delivered as a WeChat template message would be: in part
        [row] = await outbox.claim(uow, "console", "wechat-like", address="wang")
    async with app.db.uow() as uow:
        assert await outbox.mark_sent(uow, row.id, "wechat-like", shortened=True)  # type: ignore[arg-type]

    clock.advance(timedelta(days=31))
    assert await run_tick(app, "outbox") >= 1
    await manager.say("你好")
    assert LI_PHONE not in manager.text and "新诉求" not in manager.text
    await manager.say("看通知")
    assert "最近没有发给您的通知" in manager.text


async def test_a_backlog_larger_than_a_batch_goes_whole_and_the_notice_keeps_its_counts(any_app, clock):
    app = any_app
    now = clock.now()
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "console", "li")
        notice = Notice(kind="announcement", audience="community:wenfeng", text="停水", recipients=7, created_at=now)
        uow.session.add(notice)
        await uow.session.flush()
        statuses = [OutboxStatus.sent] * 4 + [OutboxStatus.failed, OutboxStatus.unreachable, OutboxStatus.pending]
        for status in statuses:
            uow.session.add(OutboxMessage(
                person_id=person.id, channel="console", address="li", kind="announcement", payload={"text": "停水"},  # type: ignore[arg-type]
                status=status, not_before=now, created_at=now, sent_at=now if status == OutboxStatus.sent else None,
                notice_id=notice.id))  # fmt: skip
        uow.session.add(OutboxMessage(
            person_id=person.id, channel="console", address="li", kind="case", payload={"text": LI_PHONE},  # type: ignore[arg-type]
            status=OutboxStatus.sent, not_before=now, created_at=now, sent_at=now))  # fmt: skip
        await uow.commit()
        notice_id = notice.id
    async with app.db.uow() as uow:
        before = await notices.report(uow, notice_id)  # type: ignore[arg-type]

    async with app.db.uow() as uow:
        assert await outbox_retention.forget_old(uow, timedelta(days=30), now + timedelta(days=31), batch=2) == 7
    async with app.db.uow() as uow:
        after = await notices.report(uow, notice_id)  # type: ignore[arg-type]
        left = (await uow.session.exec(select(OutboxMessage.status))).all()
    assert (after.sent, after.failed, after.unreachable, after.pending) == (4, 1, 1, 1)
    assert (after.sent, after.failed, after.unreachable, after.pending, after.total) == (
        before.sent, before.failed, before.unreachable, before.pending, before.total)  # fmt: skip
    assert left == [OutboxStatus.pending]


def test_the_setting_is_read_from_the_environment_and_refuses_a_period_inside_the_retry_windows(monkeypatch):
    monkeypatch.setenv("RESIDENT_BOT_OUTBOX_RETENTION_DAYS", "90")
    assert Settings(_env_file=None).outbox_retention_days == 90  # type: ignore[call-arg]
    monkeypatch.setenv("RESIDENT_BOT_OUTBOX_RETENTION_DAYS", "1")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_the_migration_adds_the_index_and_notices_on_record_keep_their_report(empty_url: str):  # noqa: F811
    migrate.upgrade(empty_url, "5d2e7b9c4a18")  # the revision before outbox retention
    now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)

    async def record() -> None:
        async with database_at(empty_url) as db:
            async with db.uow() as uow:
                connection = await uow.session.connection()
                person = (await connection.execute(insert(Person.__table__).values(  # type: ignore[attr-defined]
                    channel="console", channel_user_id="li", language="zh", created_at=now, last_seen_at=now).returning(Person.__table__.c.id))).scalar_one()  # type: ignore[attr-defined]  # fmt: skip
                # the tables as they were before the revision (the models have columns they lack)
                notices_then = table("notices", *(column(name) for name in ("kind", "audience", "text", "urgent", "recipients")),
                                     column("created_at", UTCDateTime()), column("id"))  # fmt: skip
                notice = (await connection.execute(insert(notices_then).values(
                    kind="announcement", audience="community:wenfeng", text="停水", urgent=False, recipients=2, created_at=now,
                ).returning(notices_then.c.id))).scalar_one()  # fmt: skip
                outbox_then = table("outbox", *(column(name) for name in (
                    "person_id", "channel", "address", "kind", "status", "attempts", "notice_id")),
                    column("payload", JSON()), column("not_before", UTCDateTime()), column("created_at", UTCDateTime()))  # fmt: skip
                for status in ("sent", "pending"):
                    await connection.execute(insert(outbox_then).values(
                        person_id=person, channel="console", address="li", kind="announcement", payload={"text": "停水"},
                        status=status, attempts=0, not_before=now, created_at=now, notice_id=notice))  # fmt: skip
                await uow.commit()

    async def read() -> tuple[tuple[int, int, int], set[str]]:
        async with database_at(empty_url) as db:
            async with db.uow() as uow:
                notice = (await uow.session.exec(select(Notice))).one()
                report = await notices.report(uow, notice.id)  # type: ignore[arg-type]
            async with db.engine.connect() as conn:
                indexes = await conn.run_sync(lambda c: {index["name"] for index in inspect(c).get_indexes("outbox")})
            return (report.sent, report.pending, report.total), indexes

    asyncio.run(record())
    migrate.upgrade(empty_url)
    counts, indexes = asyncio.run(read())
    assert counts == (1, 1, 2)
    assert "ix_outbox_settled" in indexes


async def test_the_scan_reads_the_index_not_the_table(any_app, clock):
    """The statement the cleanup runs, explained: it searches ix_outbox_settled."""
    app = any_app
    statements: list[tuple[str, object]] = []

    def remember(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ANN202
        if statement.lstrip().upper().startswith("SELECT") and "outbox" in statement:
            statements.append((statement, parameters))

    engine = app.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        async with app.db.uow() as uow:
            await outbox_retention.forget_old(uow, timedelta(days=30), clock.now())
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    [(scan, parameters)] = statements
    async with app.db.uow() as uow:
        connection = await uow.session.connection()
        if connection.dialect.name == "sqlite":
            plan = (await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + scan, parameters)).all()  # type: ignore[arg-type]
        else:  # a handful of rows: only with sequential scans off does the planner show which index serves
            await connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = (await connection.exec_driver_sql("EXPLAIN " + scan, parameters)).all()  # type: ignore[arg-type]
    assert "ix_outbox_settled" in " ".join(str(row) for row in plan), plan
