"""A home visit called off in words (上门的不用来了, 不用上门了) asks to cancel that visit, as 取消 does."""

from __future__ import annotations

from bot.models import Role
from bot.models.booking import BookingStatus
from tests.booking.helpers import at_home_visit_days, bookings, press
from tests.helpers import Chat, bind


async def _visit(resident: Chat) -> str:
    await at_home_visit_days(resident)
    await press(resident, "09:00-12:00")
    await press(resident, "确认预约")
    assert "上门预约已提交" in resident.text, resident.text
    [made] = await bookings(resident.app)
    return made.code


async def test_a_visit_called_off_in_words_is_asked_about_and_cancelled(app):
    manager = await bind(app, "gm-off", Role.grid_manager, grid_id="wenfeng-03")
    daughter = Chat(app, "calls_off")
    code = await _visit(daughter)
    await manager.pushes()
    await daughter.say("我妈那个上门的不用来了")  # was the list of matters done at home, as if asking for one
    assert f"确定取消上门办理 {code}" in daughter.text and "确定取消" in daughter.buttons, daughter.text
    await daughter.say("对，取消吧")
    assert "已取消" in daughter.text, daughter.text
    [cancelled] = await bookings(app)
    assert cancelled.status == BookingStatus.cancelled
    [told] = await manager.pushes()
    assert code in told


async def test_bu_yong_shang_men_le_asks_too_and_keeps_it_when_told_so(app):
    me = Chat(app, "no_visit")
    code = await _visit(me)
    await me.say("不用上门了")
    assert f"确定取消上门办理 {code}" in me.text, me.text
    await me.say("不取消")
    [kept] = await bookings(app)
    assert kept.status == BookingStatus.booked
