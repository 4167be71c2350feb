"""The grid manager's morning digest names the day's home visits in their grid, and whether they are confirmed."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Role
from scheduler.jobs import run_tick
from tests.booking.helpers import bookings, press
from tests.booking.test_visit_for_family import _registered
from tests.booking.test_waitlisted_home_visit import _visit_on_tuesday_morning
from tests.helpers import bind

TUESDAY_0830 = datetime(2026, 3, 3, 0, 30, tzinfo=UTC)  # 08:30 in Xuchang, the digest's time
WEDNESDAY_0830 = datetime(2026, 3, 4, 0, 30, tzinfo=UTC)


async def test_the_days_home_visit_is_in_the_morning_digest_with_the_words_that_confirm_it(app, clock):
    north = await bind(app, "gm-north", Role.grid_manager, grid_id="wenfeng-01")  # 北苑1–4号楼
    south = await bind(app, "gm-south", Role.grid_manager, grid_id="wenfeng-02")
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    await press(daughter, "确认预约")
    [visit] = await bookings(app)
    await north.pushes()  # the task pushed when it was booked
    await south.pushes()

    clock.set(TUESDAY_0830)
    assert await run_tick(app, "digest") == 1
    [digest] = await north.pushes()
    assert "今日待办" in digest, digest
    assert "🏠 09:00-12:00 上门办理【高龄津贴申请】" in digest, digest
    assert "北苑3号楼" in digest and "301" in digest, digest
    assert f"还没确认，回复“确认上门 {visit.code}”" in digest, digest
    assert await south.pushes() == []  # not their grid


async def test_a_confirmed_visit_says_so_and_one_on_another_day_is_not_listed(app, clock):
    north = await bind(app, "gm-north", Role.grid_manager, grid_id="wenfeng-01")
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    await press(daughter, "确认预约")
    [visit] = await bookings(app)
    await north.pushes()
    await north.say(f"确认上门 {visit.code}")
    assert "已确认" in north.text, north.text

    clock.set(TUESDAY_0830)
    assert await run_tick(app, "digest") == 1
    [digest] = await north.pushes()
    assert "上门办理【高龄津贴申请】" in digest and f"（已确认；办完回复“已上门 {visit.code}”）" in digest, digest
    clock.set(WEDNESDAY_0830)  # the day after: nothing of that visit, nothing to send
    assert await run_tick(app, "digest") == 0
    assert await north.pushes() == []


async def test_the_grid_manager_marks_a_visit_made_in_words_once_it_has_begun(app, clock):
    """Grid managers had no 已上门 anywhere: only staff's day list could record a visit made."""
    from bot.models.booking import BookingStatus

    north = await bind(app, "gm-north", Role.grid_manager, grid_id="wenfeng-01")
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    await press(daughter, "确认预约")
    [visit] = await bookings(app)
    await north.say(f"已上门 {visit.code}")  # Monday: nobody can have gone yet
    assert "已记录" not in north.text, north.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]

    await daughter.say(f"已上门 {visit.code}")  # the resident records nothing
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]

    clock.set(TUESDAY_0830.replace(hour=3))  # 11:00 in Xuchang: the half-day has begun
    await north.say("已上门")
    assert visit.code in north.text and f"已上门 {visit.code}" in north.buttons, north.text
    await north.say(f"已上门 {visit.code}")
    assert f"已记录：{visit.code} 已上门办理" in north.text, north.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.arrived]
    await north.say("已上门")
    assert "没有要记录的上门办理" in north.text, north.text


async def test_the_digest_lists_without_numbers_and_its_button_opens_the_tasks(app, clock):
    """【今日待办】 1. … 2. … had no buttons: a typed 1 opened nothing."""
    north = await bind(app, "gm-north", Role.grid_manager, grid_id="wenfeng-01")
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    await press(daughter, "确认预约")
    await north.pushes()
    clock.set(TUESDAY_0830)
    assert await run_tick(app, "digest") == 1
    [digest] = await north.pushes()
    assert "\n1. " not in digest and "\n· " in digest, digest
    await north.say("打开待办")  # the push's one choice, in words
    assert "待确认" in north.text or "上门" in north.text, north.text
