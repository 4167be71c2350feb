"""A year of theme Party days with a frozen clock moved through it: each notice once, on time."""

from __future__ import annotations

from sqlmodel import select

from bot.app import build_app
from bot.models import Notice, Role
from bot.services import partyday
from scheduler import jobs
from tests.conftest import make_settings
from tests.helpers import Chat
from tests.helpers import bind
from tests.scheduler.common import local

MONTHS = [(2026, m) for m in range(4, 13)] + [(2027, m) for m in range(1, 4)]
UNSET = (2026, 8)  # the month nobody sets a theme
RESTART_MONTHS = {(2026, 5), (2026, 11)}  # the process restarts between the setting and the notices


async def _set(app, staff_chat: Chat, year: int, month: int) -> None:
    rules = partyday.Rules.from_settings(app.settings)
    async with app.db.uow() as uow:
        staff = await _person(uow, staff_chat.user)
        arrangement = partyday.check_arrangement(
            f"{month}月主题", local(year, month, 10, 9, 0), "党群服务中心二楼", "学习与讨论"
        )
        await partyday.set_party_day(uow, staff, rules, "wenfeng", arrangement)


async def _person(uow, user: str):
    from bot.models import Person

    return (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one()


async def test_a_year_of_party_days(db_url, clock):
    clock.set(local(2026, 3, 20, 10))
    app = await build_app(make_settings(db_url), clock=clock)
    try:
        staff = await bind(app, "secretary", Role.staff)
        members = [await bind(app, f"member-{i}", Role.party_member) for i in range(3)]
        resident = Chat(app, "just-a-resident")
        await resident.say("你好")

        async def tick_at(*when: int) -> int:
            clock.set(local(*when))
            return await jobs.run_tick(app, "partyday")

        for year, month in MONTHS:
            clock.set(local(year, month, 1, 10))
            if (year, month) != UNSET:
                await _set(app, staff, year, month)
            if (year, month) in RESTART_MONTHS:
                await app.close()
                app = await build_app(make_settings(db_url), clock=clock)
                staff = Chat(app, staff.user)
                members = [Chat(app, m.user) for m in members]
                resident = Chat(app, resident.user)

            assert await tick_at(year, month, 7, 9, 0) == 0
            assert await tick_at(year, month, 8, 8, 59) == 0
            assert await tick_at(year, month, 8, 9, 0) == 1  # pre-notice, or the staff reminder
            assert await tick_at(year, month, 8, 9, 5) == 0
            assert await tick_at(year, month, 9, 12, 0) == 0
            before_notice = {m.user: await m.pushes() for m in members}
            staff_before = await staff.pushes()
            assert await tick_at(year, month, 10, 7, 59) == 0
            expected_notice = 0 if (year, month) == UNSET else 1
            assert await tick_at(year, month, 10, 8, 0) == expected_notice
            assert await tick_at(year, month, 10, 8, 1) == 0
            assert await tick_at(year, month, 10, 10, 0) == 0  # after it began: nothing late
            on_the_day = {m.user: await m.pushes() for m in members}

            if (year, month) == UNSET:
                assert all(p == [] for p in before_notice.values()), before_notice
                assert all(p == [] for p in on_the_day.values())
                assert len(staff_before) == 1 and "还没有设置主题" in staff_before[0]
            else:
                for member in members:
                    [pre] = before_notice[member.user]
                    [notice] = on_the_day[member.user]
                    assert pre.startswith("【主题党日预告】") and f"{month}月主题" in pre
                    assert f"{month}月10日" in pre and "09:00" in pre and "党群服务中心二楼" in pre
                    assert notice.startswith("【主题党日通知】") and f"{month}月主题" in notice
                assert staff_before == []
            assert await staff.pushes() == []
            assert await resident.pushes() == []  # residents who are not Party members get nothing

        async with app.db.uow() as uow:
            keys = sorted((await uow.session.exec(select(Notice.key))).all())
        assert len(keys) == len(set(keys)) == 2 * (len(MONTHS) - 1) + 1
        assert "partyday:wenfeng:2026-08:staff_reminder" in keys
        assert "partyday:wenfeng:2026-08:pre_notice" not in keys
    finally:
        await app.close()


async def test_a_theme_set_after_the_reminder_still_gets_its_pre_notice_before_the_day(app, clock):
    staff = await bind(app, "secretary", Role.staff)
    member = await bind(app, "member", Role.party_member)
    clock.set(local(2026, 4, 8, 9, 0))
    assert await jobs.run_tick(app, "partyday") == 1
    assert "还没有设置主题" in (await staff.pushes())[0]
    clock.set(local(2026, 4, 8, 15, 0))
    await _set(app, staff, 2026, 4)
    assert await jobs.run_tick(app, "partyday") == 1
    [pre] = await member.pushes()
    assert pre.startswith("【主题党日预告】")
    clock.set(local(2026, 4, 10, 8, 0))
    assert await jobs.run_tick(app, "partyday") == 1
    assert (await member.pushes())[0].startswith("【主题党日通知】")
    assert await staff.pushes() == []


async def test_a_process_down_over_the_pre_notice_catches_up_but_never_after_the_notice_time(app, clock):
    staff = await bind(app, "secretary", Role.staff)
    member = await bind(app, "member", Role.party_member)
    clock.set(local(2026, 4, 1, 10))
    await _set(app, staff, 2026, 4)
    clock.set(local(2026, 4, 9, 23, 0))  # down from the 7th until the evening of the 9th
    assert await jobs.run_tick(app, "partyday") == 1
    assert await member.pushes() == []  # quiet hours: the pre-notice waits for the morning
    clock.set(local(2026, 4, 10, 8, 0))
    [pre] = await member.pushes()
    assert pre.startswith("【主题党日预告】")
    assert await jobs.run_tick(app, "partyday") == 1
    assert (await member.pushes())[0].startswith("【主题党日通知】")
