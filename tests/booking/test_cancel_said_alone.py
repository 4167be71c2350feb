"""帮我取消了吧, 取消了吧, 不去了，帮我取消: cancelling with nothing named is 取消预约, never 答不上来."""

from __future__ import annotations

from datetime import timedelta

from bot.models.booking import BookingStatus
from tests.booking.helpers import book, bookings
from tests.helpers import Chat, unanswered


async def _say(me: Chat, clock, text: str) -> None:  # noqa: ANN001
    clock.advance(timedelta(seconds=20))  # a resident typing, not a flood
    await me.say(text)


async def test_the_one_booking_is_asked_about_then_cancelled(app, clock):
    me = Chat(app, "cancel_alone")
    code = await book(me)
    for said in ("帮我取消了吧", "取消了吧", "不去了，帮我取消"):
        await _say(me, clock, said)  # each was 抱歉，这句我还没看懂
        assert f"确定取消预约 {code}" in me.text and "确定取消" in me.buttons, (said, me.text)
        await _say(me, clock, "保留预约")
        assert [item.status for item in await bookings(app)] == [BookingStatus.booked], said
    await _say(me, clock, "帮我取消了吧")
    await _say(me, clock, "确定取消")
    assert f"已取消预约 {code}" in me.text, me.text
    assert [item.status for item in await bookings(app)] == [BookingStatus.cancelled]
    assert await unanswered(app) == []


async def test_with_several_bookings_it_asks_which(app, clock):
    me = Chat(app, "cancel_which")
    first = await book(me)
    second = await book(me, service="senior-card", day="3月5日")
    await _say(me, clock, "帮我取消了吧")
    assert "要取消哪一个" in me.text and f"取消 {first}" in me.buttons and f"取消 {second}" in me.buttons, me.text
    assert [item.status for item in await bookings(app)] == [BookingStatus.booked, BookingStatus.booked]


async def test_without_a_booking_it_says_there_is_none(app, clock):
    me = Chat(app, "cancel_none")
    await _say(me, clock, "取消了吧")
    assert "您现在没有预约" in me.text and "预约办理" in me.buttons, me.text
    assert await unanswered(app) == []


async def test_in_the_middle_of_booking_it_drops_the_new_one(app, clock):
    me = Chat(app, "cancel_new")
    await me.press("book:residence-permit")
    await _say(me, clock, "取消了吧")  # as 不约了: the booking being made, not one made before
    assert "好的，没有预约" in me.text and await bookings(app) == [], me.text
