"""A confirmed home visit the grid manager moves after its evening reminder: the new half-day is reminded too."""

from __future__ import annotations

from bot.models import Role
from scheduler.jobs import run_tick
from tests.booking.helpers import at_home_visit_days, bookings, press
from tests.booking.test_reminders import at
from tests.helpers import Chat, bind


async def test_a_visit_moved_after_its_reminder_is_reminded_the_evening_before_its_new_half_day(app, clock):
    manager = await bind(app, "gm-remind", Role.grid_manager, grid_id="wenfeng-03")
    resident = Chat(app, "moved_visit")
    await at_home_visit_days(resident)
    await press(resident, "09:00-12:00")
    await press(resident, "确认预约")
    [made] = await bookings(app)
    await manager.pushes()
    await manager.say(f"确认上门 {made.code}")
    await resident.pushes()

    clock.set(at(2, 18, 0))  # the evening before Tuesday's visit
    assert await run_tick(app, "booking") == 1
    [evening] = await resident.pushes()
    assert "3月3日（周二）" in evening

    clock.set(at(2, 19, 0))  # the grid manager cannot come: Wednesday afternoon instead, and the resident agrees
    await manager.say(f"另约时间 {made.code}")
    await press(manager, "3月4日（周三） 14:30")
    await resident.pushes()
    await resident.say("我的预约")
    await resident.say("行")
    assert "定在 3月4日（周三） 14:30-17:30" in resident.text, resident.text

    clock.set(at(3, 18, 0))  # the evening before the new half-day: was never sent, the old one's counted instead
    assert await run_tick(app, "booking") == 1
    [new_evening] = await resident.pushes()
    assert "3月4日（周三） 14:30" in new_evening, new_evening
    clock.set(at(4, 13, 45))
    assert await run_tick(app, "booking") == 1  # and the hour before, once
    assert await run_tick(app, "booking") == 0
