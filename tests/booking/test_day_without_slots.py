"""A day with nothing to book says which it is: closed, no visits that day, not this service's day, too late today, full.

明天 for a Saturday was told 中心不开放或已没有可约的时段 while the hall is
open on Saturday mornings: the resident could not tell whether to come anyway.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App, build_app
from tests.booking.helpers import bookings, press, write_plan
from tests.conftest import make_settings
from tests.helpers import Chat


async def test_a_saturday_of_only_the_halls_extended_hours_is_not_this_services_day(app):
    me = Chat(app, "allowance_saturday")  # Monday 2 March; 高龄津贴 is the day-care desk's, not the hall's windows
    await me.say("预约办高龄津贴")
    await press(me, "到中心办理")
    await me.say("3月7日")
    assert "中心不开放或已没有" not in me.text, me.text
    assert "3月7日（周六） 中心只开放大厅的错时延时窗口（09:00-12:00），【高龄津贴申请】这天不能预约" in me.text, me.text
    assert "离得最近能约的：3月6日（周五）、3月9日（周一）" in me.text and "请选日期" in me.text, me.text


async def test_a_saturday_for_a_home_visit_says_visits_are_weekdays_and_the_centre_is_open(app):
    me = Chat(app, "visit_saturday")
    await me.say("预约办低保")
    await press(me, "预约上门")
    await press(me, "老年人")
    await me.press("pf:agree")
    for answer in ("李秀英", "13812345678", "烟厂家属院3号楼", "2单元", "301"):
        await me.say(answer)
    await me.say("3月7日")
    assert "3月7日（周六） 网格员不上门：上门只安排在周一至周五" in me.text, me.text
    assert "这天中心 09:00-12:00 开放，自己能去的话也可以到中心办" in me.text, me.text
    assert "离得最近能约的：3月6日（周五）、3月9日（周一）" in me.text, me.text


async def test_a_sunday_is_said_to_be_closed(app):
    me = Chat(app, "permit_sunday")
    await me.press("book:residence-permit")
    await me.say("3月8日")
    assert "3月8日（周日） 中心休息，不开放" in me.text, me.text
    assert "离得最近能约的：3月7日（周六）、3月9日（周一）" in me.text, me.text


async def test_today_too_late_to_book_says_the_centre_is_still_open(app, clock):
    clock.set(datetime(2026, 3, 2, 8, 45, tzinfo=UTC))  # Monday 16:45 in Xuchang: open until 17:30
    me = Chat(app, "permit_late")
    await me.press("book:residence-permit")
    await me.say("今天")
    assert "今天已经来不及预约了（要提前 60 分钟约）。中心今天开到 17:30，可以直接过来办" in me.text, me.text
    assert "离得最近能约的：3月3日（周二）" in me.text, me.text


@pytest.fixture
async def one_seat_app(sqlite_url: str, clock, tmp_path: Path) -> AsyncIterator[App]:
    plan = write_plan(tmp_path / "plan.yaml", hours={"tue": ["09:00-09:30"], "wed": ["09:00-09:30"]}, extended={},
                      windows=[], rota=[], seats_per_slot=1)
    app = await build_app(make_settings(sqlite_url, opening_plan_file=plan), clock=clock)
    yield app
    await app.close()


async def test_a_full_day_says_it_is_full_above_its_times_to_wait_for(one_seat_app):
    app = one_seat_app
    first = Chat(app, "first_comer")
    await first.press("book:health-check")
    await press(first, "到中心办理")
    await press(first, "3月3日")
    await press(first, "09:00")
    await press(first, "确认预约")
    me = Chat(app, "second_comer")
    await me.press("book:health-check")
    await press(me, "到中心办理")
    await me.say("3月3日")
    assert "3月3日（周二） 已经约满了：可以选一个时段排队等空位，或换一天" in me.text, me.text
    assert "离得最近能约的：3月4日（周三）" in me.text and "09:00 满·排队" in me.buttons, me.text
    assert len(await bookings(app)) == 1
