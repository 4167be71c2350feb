"""Which booking the words mean: the day or service named, a line of the list named, 取消 typed at the list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models.booking import BookingStatus
from tests.booking.helpers import book, bookings
from tests.helpers import Chat, unanswered


async def _three(me: Chat) -> tuple[str, str, str]:
    """居住证 tomorrow (Tuesday 3月3日), 老年证 on Thursday, 家庭医生 next Monday (today is Monday 3月2日)."""
    return (
        await book(me),
        await book(me, service="senior-card", day="3月5日"),
        await book(me, service="family-doctor", day="3月9日", time="10:00"),
    )


async def _statuses(app) -> dict[str, BookingStatus]:  # noqa: ANN001
    return {item.code: item.status for item in await bookings(app)}


async def _say(me: Chat, clock, text: str) -> None:  # noqa: ANN001
    clock.advance(timedelta(seconds=20))  # a resident typing, not a flood
    await me.say(text)


async def test_cancelling_the_booking_of_the_day_or_service_named_asks_about_that_one(app, clock):
    me = Chat(app, "named_cancel")
    tomorrow, thursday, monday = await _three(me)
    for said, code in (("取消明天的预约", tomorrow), ("取消周一的预约", monday), ("取消居住证的预约", tomorrow)):
        await _say(me, clock, said)  # was the list of all three
        assert f"确定取消预约 {code}" in me.text and "确定取消" in me.buttons, (said, me.text)
        await _say(me, clock, "不取消")
    await _say(me, clock, "取消周一的预约")
    await _say(me, clock, "对，取消吧")
    assert f"已取消预约 {monday}" in me.text, me.text
    assert await _statuses(app) == {tomorrow: BookingStatus.booked, thursday: BookingStatus.booked, monday: BookingStatus.cancelled}


async def test_several_bookings_fitting_the_day_are_listed_alone(app, clock):
    me = Chat(app, "named_two")
    morning = await book(me)
    later = await book(me, service="senior-card", time="10:00")
    other = await book(me, service="family-doctor", day="3月5日")
    await _say(me, clock, "取消明天的预约")
    assert me.buttons == [f"取消 {morning}", f"取消 {later}", "都不取消", "返回主菜单"] and other not in me.text, me.text
    await _say(me, clock, "2")  # the second line, as its button
    assert f"确定取消预约 {later}" in me.text, me.text
    assert all(status == BookingStatus.booked for status in (await _statuses(app)).values())


async def test_moving_the_booking_of_the_service_named_goes_to_its_new_time(app, clock):
    me = Chat(app, "named_move")
    tomorrow, thursday, monday = await _three(me)
    await _say(me, clock, "老年证的预约改到下周三上午十点")  # was 要改哪一个？ with all three
    assert f"把预约 {thursday} 改到" in me.text and "3月11日（周三） 10:00-10:30" in me.text, me.text
    await _say(me, clock, "嗯")
    assert "已改期" in me.text, me.text
    stored = {item.code: item.starts_at.replace(tzinfo=UTC) for item in await bookings(app)}
    assert stored == {
        tomorrow: datetime(2026, 3, 3, 1, 0, tzinfo=UTC),
        thursday: datetime(2026, 3, 11, 2, 0, tzinfo=UTC),
        monday: datetime(2026, 3, 9, 2, 0, tzinfo=UTC),
    }


async def test_a_line_named_in_words_is_that_line(app, clock):
    me = Chat(app, "lines")
    tomorrow, thursday, monday = await _three(me)
    for said, code in (("取消第一个", tomorrow), ("第一个不去了", tomorrow), ("第2个", thursday), ("第三个吧", monday)):
        await _say(me, clock, "取消预约")
        assert me.buttons[:3] == [f"取消 {tomorrow}", f"取消 {thursday}", f"取消 {monday}"], me.buttons
        await _say(me, clock, said)  # 取消第一个, 第一个不去了: was 答不上来
        assert f"确定取消预约 {code}" in me.text, (said, me.text)
        await _say(me, clock, "不取消")
    await _say(me, clock, "我的预约")  # all bookings, two buttons each: the words still name the line
    await _say(me, clock, "第二个不去了")
    assert f"确定取消预约 {thursday}" in me.text, me.text
    await _say(me, clock, "对，取消吧")
    await _say(me, clock, "改期")
    assert "要改哪一个" in me.text and me.buttons[:2] == [f"改期 {tomorrow}", f"改期 {monday}"], me.text
    await _say(me, clock, "第2个改到下周二上午十点")
    assert f"把预约 {monday} 改到" in me.text and "3月10日（周二） 10:00-10:30" in me.text, me.text
    assert await _statuses(app) == {tomorrow: BookingStatus.booked, thursday: BookingStatus.cancelled, monday: BookingStatus.booked}


async def test_cancel_typed_at_the_list_to_cancel_says_no_booking_was_cancelled(app, clock):
    me = Chat(app, "quit_list")
    first, second = await book(me), await book(me, day="3月5日")
    await _say(me, clock, "取消预约")
    await _say(me, clock, "取消")  # was 好的，已退出: read as cancelled, with both bookings standing
    assert "没有取消任何预约" in me.text and "已退出" not in me.text and "取消预约" in me.text, me.text
    assert await _statuses(app) == {first: BookingStatus.booked, second: BookingStatus.booked}


async def test_no_booking_to_change_is_said_with_the_way_to_book(app, clock):
    me = Chat(app, "none_to_change")
    for said in ("改个时间", "改到下周二上午十点", "取消明天的预约"):
        await _say(me, clock, said)  # was a bare 您现在没有预约。
        assert "没有要改期或取消的" in me.text and "预约办理" in me.buttons, (said, me.text)
    assert await bookings(app) == []


# How each way of asking is answered: another time to choose, or the time said to confirm.
CHOOSE, CONFIRM = "给预约 {code} 换个时间", "把预约 {code} 改到"
ANOTHER_TIME = {
    "换一天": CHOOSE, "改下时间": CHOOSE, "改下時間": CHOOSE, "时间改一下": CHOOSE,
    "改一天 下周二": CHOOSE, "我想改个时间改到下周二上午十点": CONFIRM,
}


async def test_other_ways_of_asking_for_another_time_move_the_booking(app, clock):
    me = Chat(app, "another_time")
    code = await book(me, service="family-doctor", day="3月9日", time="10:00")
    for said, answer in ANOTHER_TIME.items():
        await _say(me, clock, said)
        assert answer.format(code=code) in me.text, (said, me.text)
        await _say(me, clock, "不约了")
    await _say(me, clock, "下周一有事去不了了能换一天吗")
    assert f"给预约 {code} 换个时间" in me.text and "请选日期" in me.text, me.text
    assert await unanswered(app) == []
    [kept] = await bookings(app)
    assert kept.starts_at.replace(tzinfo=UTC) == datetime(2026, 3, 9, 2, 0, tzinfo=UTC)


async def test_some_other_day_is_not_moving_a_booking(app, clock):
    """我改天上午再去 (改天: "another day", some time) opened the booking to move it."""
    me = Chat(app, "another_day")
    code = await book(me, service="family-doctor", day="3月9日", time="10:00")
    for said in ("我改天上午再去", "改天下午再来问"):
        await _say(me, clock, said)
        assert f"给预约 {code} 换个时间" not in me.text and "请选日期" not in me.text, (said, me.text)
    [kept] = await bookings(app)
    assert kept.status == BookingStatus.booked


async def test_other_ways_of_asking_for_another_time_without_a_booking(app, clock):
    me = Chat(app, "another_time_none")
    for said in (*ANOTHER_TIME, "下周一有事去不了了能换一天吗"):
        await _say(me, clock, said)
        assert "没有要改期或取消的" in me.text and "预约办理" in me.buttons, (said, me.text)
    assert await unanswered(app) == []


async def test_cancel_typed_under_the_full_list_of_bookings_asks_which_not_left(app, clock):
    """取消 under 改期 A / 取消 A / 改期 B / 取消 B said 好的，已退出: read as cancelled, the bookings stood."""
    me = Chat(app, "which_cancel")
    first, second, _third = await _three(me)
    await _say(me, clock, "我的预约")
    assert f"取消 {first}" in me.buttons and f"改期 {first}" in me.buttons, me.buttons
    await _say(me, clock, "取消")
    assert "“取消”哪一个" in me.text and "已退出" not in me.text, me.text
    assert me.buttons[:2] == [f"取消 {first}", f"取消 {second}"], me.buttons
    await _say(me, clock, "取消")  # again, at the question: it leaves, as 取消 does everywhere
    assert "已退出" in me.text, me.text
    await _say(me, clock, "我的预约")
    await _say(me, clock, "取消")
    await _say(me, clock, "2")
    assert f"确定取消预约 {second}" in me.text, me.text
    await _say(me, clock, "确定取消")
    assert (await _statuses(app))[second] == BookingStatus.cancelled
    assert (await _statuses(app))[first] == BookingStatus.booked


async def test_a_day_or_service_named_that_no_booking_is_on_is_said_not_swapped(app, clock):
    """取消居住证的预约 with only a 老年证 booking asked to cancel the 老年证 one; 取消明天的预约 with
    nothing tomorrow listed every booking without a word."""
    me = Chat(app, "none_named")
    code = await book(me, service="senior-card", day="3月5日")
    for said in ("取消居住证的预约", "取消明天的预约", "居住证的预约改到下周三上午十点"):
        await _say(me, clock, said)
        assert "您说的那一天或那件事没有预约" in me.text and code in me.text, (said, me.text)
        assert "确定取消" not in me.buttons and "请核对" not in me.text, (said, me.text)
    await _say(me, clock, "取消老年证的预约")
    assert f"确定取消预约 {code}" in me.text, me.text
    assert (await _statuses(app))[code] == BookingStatus.booked
