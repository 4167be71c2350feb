"""Moving a booking asked as elderly residents ask it: a day and 能改吗, a day not made and the day wanted, 往后推."""

from __future__ import annotations

from tests.booking.helpers import book, bookings
from tests.helpers import Chat, unanswered


async def test_a_day_asked_with_neng_gai_ma_opens_the_move_to_that_day(app):
    me = Chat(app, "neng_gai")
    code = await book(me)  # 3月3日（周二） 09:00
    await me.say("礼拜三早上能改吗")  # was 答不上来 (this sentence was not understood)
    assert f"给预约 {code} 换个时间" in me.text and "3月4日（周三）上午的时段" in me.text, me.text
    assert "08:30 余8" in me.buttons and "14:30 余8" not in me.buttons, me.buttons


async def test_a_day_not_made_and_the_day_wanted_open_the_move(app):
    me = Chat(app, "qu_bu_liao")
    code = await book(me)
    await me.say("周二去不了 改到周四行不")  # was 答不上来
    assert f"给预约 {code} 换个时间" in me.text and "3月5日（周四）的时段" in me.text, me.text
    assert await unanswered(app) == []


async def test_putting_it_off_lists_the_booking_with_its_gaiqi_not_a_new_booking(app):
    me = Chat(app, "tui_yi_tian")
    code = await book(me)
    await me.say("预约能往后推一天吗")  # was 【退役军人优待证申领】请选日期: a new booking (推 read as 退)
    assert "退役军人" not in me.text and f"改期 {code}" in me.buttons, me.text
    assert len(await bookings(app)) == 1
