"""Cancelling a home visit asks about it as one: 上门办理, its half-day and hours, not a bare 09:00 as at the centre."""

from __future__ import annotations

from bot.models.booking import Booking, BookingStatus
from tests.booking.helpers import bookings, press
from tests.booking.test_visit_for_family import _registered
from tests.booking.test_waitlisted_home_visit import _visit_on_tuesday_morning


async def test_the_cancel_question_of_a_home_visit_names_its_half_day(app):
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    await press(daughter, "确认预约")
    [visit] = await bookings(app)
    await daughter.say(f"取消 {visit.code}")
    assert f"确定取消上门办理 {visit.code}" in daughter.text, daughter.text
    assert "3月3日（周二）上午" in daughter.text and "09:00-12:00" in daughter.text, daughter.text
    await press(daughter, "确定取消")
    assert [b.status for b in await bookings(app)] == [BookingStatus.cancelled]


async def test_cancel_and_the_code_typed_away_from_the_list_asks_to_cancel_that_booking(app):
    """取消 3TXBJ6 typed after other messages was read as leaving (好的，已退出) and the booking stood."""
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    await press(daughter, "确认预约")
    [visit] = await bookings(app)
    await daughter.say("你好")
    await daughter.say(f"取消 {visit.code}")
    assert "已退出" not in daughter.text, daughter.text
    assert f"确定取消上门办理 {visit.code}" in daughter.text, daughter.text
    async with app.db.uow() as uow:  # a code of letters only, typed in small letters as phones do
        (await uow.session.get(Booking, visit.id)).code = "KDMPQX"
        await uow.commit()
    await daughter.say("你好")
    await daughter.say("取消 kdmpqx")
    assert "确定取消上门办理 KDMPQX" in daughter.text, daughter.text
    await daughter.say("取消 thanks")  # no code: leaving, as before
    assert "已退出" in daughter.text, daughter.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]
