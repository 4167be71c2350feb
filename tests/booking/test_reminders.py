"""Reminders the evening before and an hour before, through the scheduler's tick and the outbox."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from scheduler.jobs import TICKS, run_tick
from tests.booking.helpers import book
from tests.grid.util import pushed
from tests.helpers import Chat


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in March 2026 on Xuchang's clock."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


async def test_reminders_fire_once_at_the_right_times(any_app, clock):
    assert "booking" in TICKS
    me = Chat(any_app, "remind-me")
    code = await book(me, day="3月3日", time="09:00")

    clock.set(at(2, 17, 59))
    assert await run_tick(any_app, "booking") == 0
    clock.set(at(2, 18, 0))
    assert await run_tick(any_app, "booking") == 1
    assert await run_tick(any_app, "booking") == 0  # never twice
    [evening] = await me.pushes()
    assert "明天 3月3日（周二） 09:00" in evening and code in evening and "1号窗口" in evening

    clock.set(at(3, 7, 59))
    assert await run_tick(any_app, "booking") == 0
    clock.set(at(3, 8, 5))
    assert await run_tick(any_app, "booking") == 1
    assert await run_tick(any_app, "booking") == 0
    [hour] = await me.pushes()
    assert "一小时后" in hour and code in hour
    clock.set(at(3, 9, 30))
    assert await run_tick(any_app, "booking") == 0


async def test_a_booking_made_late_gets_only_the_reminders_still_ahead(app, clock):
    clock.set(at(2, 19, 0))  # after the evening reminder time of the next day's bookings
    me = Chat(app, "late")
    await book(me, day="3月3日", time="10:00")
    assert await run_tick(app, "booking") == 0
    clock.set(at(3, 9, 0))
    assert await run_tick(app, "booking") == 1
    [hour] = await me.pushes()
    assert "一小时后" in hour


async def test_a_cancelled_or_moved_booking_is_reminded_for_its_new_time_only(app, clock):
    me = Chat(app, "mover")
    code = await book(me, day="3月3日", time="09:00")
    clock.set(at(2, 18, 0))
    assert await run_tick(app, "booking") == 1
    await me.pushes()
    clock.set(at(2, 18, 30))
    await me.say("我的预约")
    await me.press(f"bk:mv:{code}")
    await me.say("3月4日")
    await me.press("bk:slot:202603040900")
    await me.press([b.payload for r in me.replies for b in r.flat_buttons if b.label == "确认预约"][0])
    assert "已改期" in me.text
    assert await run_tick(app, "booking") == 0
    clock.set(at(3, 18, 0))
    assert await run_tick(app, "booking") == 1
    [evening] = await me.pushes()
    assert "3月4日（周三） 09:00" in evening


async def test_a_booking_on_a_day_closed_since_is_told_once_with_reschedule_and_cancel(app, sqlite_url, clock, tmp_path):
    """A holiday added to the opening plan after people booked that day: they are told, not reminded to come."""
    import yaml

    from bot.app import build_app
    from bot.services.opening import shipped_plan_path
    from tests.booking.helpers import write_plan
    from tests.conftest import make_settings

    me = Chat(app, "booked-early")
    code = await book(me, day="3月3日", time="09:00")
    holidays = yaml.safe_load(shipped_plan_path().read_text(encoding="utf-8"))["holidays"]
    closed = {"name": "停电检修", "from": date(2026, 3, 3), "to": date(2026, 3, 3)}
    edited = write_plan(tmp_path / "opening_plan.yaml", holidays=[*holidays, closed])
    restarted = await build_app(make_settings(sqlite_url, opening_plan_file=edited), clock=clock)
    try:
        assert await run_tick(restarted, "booking") == 1
        assert await run_tick(restarted, "booking") == 0  # told once
        mover = Chat(restarted, "booked-early")
        [notice] = await pushed(mover)
        told = notice.text
        assert "这天是停电检修，中心不开放" in told and code in told, told
        clock.set(at(2, 18, 0))  # the evening before: no "see you tomorrow" for a closed day
        assert await run_tick(restarted, "booking") == 0
        offered = [b.payload for b in notice.flat_buttons]
        assert {f"bk:mv:{code}", f"bk:cx:{code}"} <= set(offered), offered  # 改期 and 取消 under the notice
        await mover.press(f"bk:mv:{code}")
        assert "换个时间" in mover.text, mover.text
    finally:
        await restarted.close()
