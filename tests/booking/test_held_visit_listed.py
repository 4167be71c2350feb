"""A seat held for a waited home visit is listed under 我的预约 as the visit it is.

The offer's push says 上门办理, the half-day and the address; once it has
scrolled away, 我的预约 said only the service and 09:00, and the resident
could not tell it was the visit to their mother's home.
"""

from __future__ import annotations

from bot.models import Role
from tests.booking.helpers import bookings, press
from tests.booking.test_visit_for_family import _registered
from tests.booking.test_waitlisted_home_visit import _visit_on_tuesday_morning
from tests.helpers import bind


async def test_a_seat_held_for_a_waited_visit_shows_the_half_day_and_the_address(app):
    north = await bind(app, "gm-north", Role.grid_manager, grid_id="wenfeng-01")
    first, second = await _registered(app, "first"), await _registered(app, "second")
    for neighbour in (first, second):  # grid 1's two visits of that half-day
        await _visit_on_tuesday_morning(neighbour, "帮我妈预约上门办高龄津贴 她住北苑2号楼1单元101")
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    for neighbour in (first, second, daughter):
        await press(neighbour, "确认预约")
    await press(daughter, "排队等空位")
    await north.pushes()

    await first.say(f"取消预约 {(await bookings(app))[0].code}")
    await press(first, "确定取消")
    await daughter.pushes()  # the offer, scrolled away
    await daughter.say("我的预约")
    assert "为您保留的空位：高龄津贴申请 上门办理 3月3日（周二） 09:00-12:00" in daughter.text, daughter.text
    assert "上门地址：文峰社区 北苑3号楼 2单元 301" in daughter.text, daughter.text
    assert "我要这个时段" in daughter.buttons, daughter.buttons
