"""A home visit on staff's day list: what it is, whether its grid manager confirmed it, 已上门 / 未上门 rather than 到了.

The list offered a visit at the resident's home 到了 / 未到, the buttons of
someone coming to the centre, and said only 待到.
"""

from __future__ import annotations

from bot.models import Role
from bot.models.booking import BookingStatus
from tests.booking.helpers import at_home_visit_days, book, bookings, press
from tests.helpers import Chat, bind


async def test_staff_see_a_home_visit_as_one_and_mark_it_made_once_it_began(app, clock):
    staff = await bind(app, "staff-1", Role.staff)
    manager = await bind(app, "gm-03", Role.grid_manager, grid_id="wenfeng-03")  # 烟厂家属院
    resident = Chat(app, "grandma")
    await at_home_visit_days(resident)
    await press(resident, "09:00-12:00")
    await press(resident, "确认预约")
    centre = await book(Chat(app, "visitor"), day="3月3日", time="10:00")
    visit = next(b for b in await bookings(app) if b.code != centre)

    await staff.say("预约名单 3月3日")
    line = next(l for l in staff.text.splitlines() if visit.code in l)
    assert line.startswith(f"09:00-12:00 {visit.code} 上门办理 高龄津贴申请"), line
    assert "待上门（网格员还没确认）" in line and "烟厂家属院3号楼 2单元 301" in line, line
    assert "待到" not in line, line
    # the day before, only 取消: nobody can have gone (or arrived) yet
    assert staff.buttons[:2] == [f"取消 {visit.code}", f"取消 {centre}"], staff.buttons

    await staff.press(f"bk:arr:{visit.id}")  # an old list's 已上门, pressed the day before
    assert "还不能记为已上门" in staff.text, staff.text
    assert (await bookings(app))[0].status == BookingStatus.booked

    await manager.press(f"bk:hvok:{visit.id}")
    clock.set(clock.now().replace(day=3, hour=2, minute=0))  # 3 March 10:00 in Xuchang, the half-day begun
    await staff.say("今天有几个预约")
    line = next(l for l in staff.text.splitlines() if visit.code in l)
    assert "待上门（网格员已确认）" in line, line

    await press(staff, f"已上门 {visit.code}")
    assert f"已记录：{visit.code} 已上门办理。" in staff.text, staff.text
    assert (await bookings(app))[0].status == BookingStatus.arrived
    line = next(l for l in staff.text.splitlines() if l.startswith(f"09:00-12:00 {visit.code}"))
    assert " 已上门 " in line and "网格员" not in line, line
    assert staff.buttons[:3] == [f"已上门 {visit.code}", f"未上门 {visit.code}", f"撤销 {visit.code}"], staff.buttons
    await press(staff, f"撤销 {visit.code}")
    assert f"已撤销：{visit.code} 改回待上门。" in staff.text, staff.text

    nosy = Chat(app, "nosy")  # the same buttons, forged by a resident: the service refuses
    await nosy.press(f"bk:arr:{visit.id}")
    assert "没有权限" in nosy.text, nosy.text
    assert (await bookings(app))[0].status == BookingStatus.booked
