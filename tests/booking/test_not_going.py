"""Not going after all (不去了, 去不了了, 不要了), said of a booking already made: cancelling it, never a new one."""

from __future__ import annotations

from datetime import timedelta

from bot.models.booking import BookingStatus
from tests.booking.helpers import book, bookings
from tests.helpers import Chat, unanswered


async def _say(me: Chat, clock, text: str) -> None:  # noqa: ANN001
    clock.advance(timedelta(seconds=20))  # a resident typing, not a flood
    await me.say(text)


async def _statuses(app) -> list[BookingStatus]:  # noqa: ANN001
    return [item.status for item in await bookings(app)]


async def test_not_going_on_a_day_no_booking_is_on_says_so_instead_of_opening_that_days_times(app, clock):
    """周一的预约不去了, with only a booking on Thursday, opened Monday's times for a new booking."""
    me = Chat(app, "not_monday")
    code = await book(me, service="senior-card", day="3月5日")
    await _say(me, clock, "周一的预约不去了")
    assert "您说的那一天或那件事没有预约" in me.text and f"取消 {code}" in me.buttons, me.text
    assert "的时段" not in me.text and "确定取消" not in me.buttons, me.text
    assert await _statuses(app) == [BookingStatus.booked]


async def test_not_going_to_the_booking_named_asks_to_cancel_it_with_another_time_beside(app, clock):
    """老年证那个不去了 got the 老年证 guide; the day or the service named now asks about that booking."""
    me = Chat(app, "not_going")
    code = await book(me, service="senior-card", day="3月5日")
    for said in ("老年证那个不去了", "周四的预约不去了", "老年证去不了了", "这个预约不要了", "周四上午的不约了"):
        await _say(me, clock, said)
        assert f"确定取消预约 {code}" in me.text, (said, me.text)
        assert me.buttons == ["确定取消", f"改期 {code}", "保留预约"], (said, me.buttons)
        await _say(me, clock, "不取消")
    assert await _statuses(app) == [BookingStatus.booked]
    await _say(me, clock, "老年证那个不去了")
    await _say(me, clock, "对，取消吧")
    assert f"已取消预约 {code}" in me.text, me.text
    assert await _statuses(app) == [BookingStatus.cancelled]
    assert await unanswered(app) == []


async def test_not_going_without_a_booking_starts_nothing(app, clock):
    me = Chat(app, "not_going_none")
    for said in ("周一的预约不去了", "老年证那个不去了", "这个预约不要了"):
        await _say(me, clock, said)  # were Monday's times of a new booking, and the 老年证 guide
        assert "没有要改期或取消的" in me.text and "预约办理" in me.buttons, (said, me.text)
        assert "的时段" not in me.text and "【老年人优待证办理】" not in me.text, (said, me.text)
    assert await bookings(app) == []


async def test_bu_yao_le_under_the_list_of_ones_bookings_asks_to_cancel(app, clock):
    """不要了 under 我的预约 (改期 X / 取消 X) was 答不上来."""
    me = Chat(app, "bu_yao_le")
    code = await book(me)
    await _say(me, clock, "我的预约")
    await _say(me, clock, "不要了")
    assert f"确定取消预约 {code}" in me.text and "确定取消" in me.buttons, me.text
    await _say(me, clock, "确定取消")
    assert f"已取消预约 {code}" in me.text, me.text
    first, second = await book(me), await book(me, service="senior-card", day="3月5日")
    await _say(me, clock, "我的预约")
    await _say(me, clock, "不去了")  # of several: which, as 取消 there
    assert "要取消哪一个" in me.text and me.buttons[:3] == [f"取消 {first}", f"取消 {second}", "都不取消"], me.text
    assert await _statuses(app) == [BookingStatus.cancelled, BookingStatus.booked, BookingStatus.booked]
    assert await unanswered(app) == []


async def test_not_going_to_a_booking_said_while_making_another_is_not_a_day_chosen(app, clock):
    """周四的预约不去了 at the days of a new booking showed Thursday's times to book."""
    me = Chat(app, "not_going_mid")
    code = await book(me, service="senior-card", day="3月5日")
    await me.press("book:residence-permit")
    assert "请选日期" in me.text, me.text
    await _say(me, clock, "周四的预约不去了")
    assert f"确定取消预约 {code}" in me.text and "的时段" not in me.text, me.text
    assert await _statuses(app) == [BookingStatus.booked]
