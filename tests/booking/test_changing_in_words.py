"""Changing and cancelling a booking in words, as elderly residents type it, and the confirmation's answers."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models.booking import BookingStatus
from tests.booking.helpers import book, bookings, press
from tests.helpers import Chat, unanswered


async def test_gaiqi_and_its_ways_of_saying_it_open_the_one_booking_to_change(app):
    me = Chat(app, "gaiqi")
    code = await book(me)
    for said in ("改期", "我要改期", "改时间", "换个时间", "改一下预约"):
        await me.say(said)
        assert f"给预约 {code} 换个时间" in me.text and "请选日期" in me.text, (said, me.text)
    assert await unanswered(app) == []
    await press(me, "3月4日")
    await press(me, "14:30")
    await press(me, "确认预约")
    assert "已改期" in me.text and code in me.text
    [moved] = await bookings(app)
    assert moved.code == code and moved.starts_at.replace(tzinfo=UTC) == datetime(2026, 3, 4, 6, 30, tzinfo=UTC)


async def test_gaiqi_with_several_bookings_asks_which(app):
    me = Chat(app, "gaiqi_two")
    first, second = await book(me), await book(me, day="3月5日")
    await me.say("改期")
    assert "要改哪一个" in me.text and f"改期 {first}" in me.buttons and f"改期 {second}" in me.buttons, me.text


async def test_moving_the_one_booking_to_a_time_said_goes_to_its_confirmation(app):
    me = Chat(app, "gaidao")
    code = await book(me)
    await me.say("改到下周一下午两点半")  # was the answer about 儿童课后托管
    assert f"把预约 {code} 改到" in me.text and "3月9日（周一） 14:30-15:00" in me.text, me.text
    [before] = await bookings(app)
    assert before.starts_at.replace(tzinfo=UTC) == datetime(2026, 3, 3, 1, 0, tzinfo=UTC)  # nothing moved before 确认
    await me.say("嗯")
    assert "已改期" in me.text and "3月9日（周一） 14:30" in me.text, me.text
    [moved] = await bookings(app)
    assert moved.code == code and moved.starts_at.replace(tzinfo=UTC) == datetime(2026, 3, 9, 6, 30, tzinfo=UTC)

    await me.say("我的预约")
    await me.say("改到后天上午十点")  # was a list of services starting with 老年人日间照料
    assert f"把预约 {code} 改到" in me.text and "3月4日（周三） 10:00-10:30" in me.text, me.text


async def test_moving_to_a_time_said_with_several_bookings_asks_which_and_keeps_the_time(app):
    me = Chat(app, "gaidao_two")
    first, second = await book(me), await book(me, day="3月5日")
    await me.say("改到后天上午十点")
    assert "要改哪一个" in me.text and f"改期 {second}" in me.buttons, me.text
    await press(me, f"改期 {second}")
    assert f"把预约 {second} 改到" in me.text and "3月4日（周三） 10:00-10:30" in me.text, me.text
    await press(me, "确认预约")
    assert "已改期" in me.text
    stored = {b.code: b.starts_at.replace(tzinfo=UTC) for b in await bookings(app)}
    assert stored == {first: datetime(2026, 3, 3, 1, 0, tzinfo=UTC), second: datetime(2026, 3, 4, 2, 0, tzinfo=UTC)}


async def test_never_mind_while_moving_says_the_booking_stands(app):
    me = Chat(app, "bu_yue")
    code = await book(me)
    await me.say("我的预约")
    await me.say("1")  # 改期
    assert f"给预约 {code} 换个时间" in me.text
    await me.say("不约了")  # was 好的，没有预约, with the booking still standing
    assert "没有预约" not in me.text and code in me.text and "3月3日（周二） 09:00" in me.text and "没有改期" in me.text, me.text
    [kept] = await bookings(app)
    assert kept.status == BookingStatus.booked


async def test_colloquial_yes_confirms_the_booking(app):
    for number, said in enumerate(("嗯", "嗯嗯 中", "中", "行", "可以")):
        me = Chat(app, f"yes{number}")
        await me.say("预约办居住证 明天九点")
        assert "请核对预约" in me.text, me.text
        await me.say(said)
        assert "预约成功" in me.text, (said, me.text)
    assert len(await bookings(app)) == 5


async def test_puzzlement_at_the_confirmation_asks_it_again(app):
    me = Chat(app, "puzzled")
    await me.say("预约办居住证 明天九点")
    await me.say("？？？")  # left the confirmation, and a later 嗯 got 不客气
    assert "还没有成功" in me.text and "请核对预约" in me.text and "确认预约" in me.buttons, me.text
    assert await bookings(app) == []
    await me.say("嗯")
    assert "预约成功" in me.text, me.text


async def test_back_on_the_times_goes_to_the_days(app):
    me = Chat(app, "back")
    await me.say("预约办居住证 明天")
    assert "3月3日（周二）的时段" in me.text
    await me.say("返回")  # was 答不上来, logged as unanswered
    assert "请选日期" in me.text and any(label.startswith("3月3日") for label in me.buttons), me.text
    await me.say("明天九点")
    assert "请核对预约" in me.text
    await me.say("返回")  # from the confirmation: that day's times
    assert "3月3日（周二）的时段" in me.text, me.text
    assert await unanswered(app) == []


async def test_yue_yixia_with_a_day_opens_that_days_times(app):
    me = Chat(app, "yue_yixia")
    await me.say("约一下明天上午办居住证")  # was the 居住证 overview, the day lost
    assert "3月3日（周二）上午的时段" in me.text and "09:00 余8" in me.buttons, me.text


async def test_cancelling_the_one_booking_asks_about_it(app):
    me = Chat(app, "cancel_one")
    code = await book(me)
    await me.say("取消预约")  # was the list of one
    assert f"确定取消预约 {code}" in me.text and "确定取消" in me.buttons, me.text
    await me.say("好的")  # was 不客气; a bare yes deletes nothing: what to reply is said
    assert "不客气" not in me.text and f"确定取消预约 {code}" in me.text, me.text
    await me.say("对，取消吧")  # was 答不上来
    assert f"已取消预约 {code}" in me.text
    [cancelled] = await bookings(app)
    assert cancelled.status == BookingStatus.cancelled
    first, second = await book(me), await book(me, day="3月5日")
    await me.say("取消预约")  # with several: which one, from the list
    assert f"取消 {first}" in me.buttons and f"取消 {second}" in me.buttons, me.text


async def test_puzzlement_while_moving_says_nothing_moved_yet(app):
    me = Chat(app, "puzzled_move")
    code = await book(me)
    await me.say("改到后天上午十点")
    await me.say("啥意思？")
    assert f"还没有改期，预约 {code} 还是原来的时间" in me.text and f"把预约 {code} 改到" in me.text, me.text
    await me.say("嗯嗯 中")
    assert "已改期" in me.text and "3月4日（周三） 10:00" in me.text, me.text


async def test_not_moving_is_not_moving_and_a_question_at_the_confirmation_is_answered(app):
    me = Chat(app, "negated")
    code = await book(me)
    await me.say("不改了，把预约取消吧")  # was the day list of a move
    assert f"确定取消预约 {code}" in me.text and "换个时间" not in me.text, me.text
    await me.say("不取消")
    await me.say("预约办居住证")
    await press(me, "3月4日")
    await press(me, "14:30")
    assert "请核对预约" in me.text
    await me.say("居住证怎么办理")  # a question, not being lost: was the confirmation again
    assert "【居住证申领】" in me.text and "预约还没有成功" not in me.text, me.text


def test_a_time_carried_on_a_reschedule_button_is_read_back_exactly():
    from datetime import date, time

    from handlers.booking.mine import move_wanted, wanted_of

    carried = move_wanted(date(2026, 3, 4), time(7, 30), None)  # 改到后天早上7点半, with several bookings
    assert wanted_of(carried.split(":")[1:]) == (date(2026, 3, 4), time(7, 30), None)  # was 19:30
    assert wanted_of(["20260304", "2599"]) == (date(2026, 3, 4), None, None)  # a forged time is no time


async def test_words_at_the_confirmation_that_are_no_time_keep_the_time_chosen(app):
    """3单元4楼的灯 at 请核对预约 went back to the day's times: the time chosen had to be found again."""
    me = Chat(app, "confirming")
    await me.press("book:residence-permit")
    await press(me, "3月3日")
    await press(me, "09:00")
    assert "请核对预约" in me.text, me.text
    await me.say("3单元4楼的灯")
    assert "没看懂这个日期或时间" in me.text and "请核对预约" in me.text and "09:00" in me.text, me.text
    await press(me, "确认预约")
    assert "预约成功" in me.text, me.text
    assert [b.status for b in await bookings(app)] == ["booked"]
