"""Times said to a booking, read by the reader the Party day shares (bot/core/when.py), through the chat."""

from __future__ import annotations

from tests.booking.helpers import at_home_visit_days, book, bookings, press
from tests.helpers import Chat
from tests.scheduler.common import local


async def test_a_bare_seven_is_seven_in_the_evening_the_extended_hours(any_app):
    me = Chat(any_app, "seven", "wechat")  # Monday 2 March 2026; Tuesday is open until 20:00
    await me.say("预约办居住证")
    await me.say("约明天7点")
    assert "请核对预约" in me.text and "3月3日（周二） 19:00-19:30" in me.text, me.text
    await me.say("确认")
    assert "预约成功" in me.text
    assert [b.starts_at.hour for b in await bookings(any_app)] == [11]  # 19:00 in Xuchang is 11:00 UTC
    other = Chat(any_app, "seven_first", "wechat")
    await other.say("我要预约明天7点")  # said before the service: kept while it is chosen
    assert "想预约办哪件事" in other.text, other.text
    await other.say("居住证")
    assert "请核对预约" in other.text and "3月3日（周二） 19:00-19:30" in other.text, other.text
    short = Chat(any_app, "yue_first", "wechat")
    await short.say("约明天7点")  # the short way to say it, first thing: was 答不上来
    assert "想预约办哪件事" in short.text, short.text
    await short.say("居住证")
    assert "请核对预约" in short.text and "3月3日（周二） 19:00-19:30" in short.text, short.text


async def test_seven_in_the_morning_said_before_the_day_stays_in_the_morning(any_app):
    me = Chat(any_app, "morning_seven")  # Monday 2 March 2026; the centre opens at 08:30
    await me.say("预约办居住证")
    await me.say("早上七点半")  # on the list of days: kept for the day chosen next
    assert "好的，07:30。请先选哪一天" in me.text, me.text
    await me.say("明天")  # was read back as the words 07:30, that is 19:30, and confirmed at once
    assert "请核对预约" not in me.text and "这天 07:30 没有可约的时段" in me.text, me.text
    assert "08:30 余8" in me.buttons


async def test_a_weekday_and_an_hour_said_together_are_both_read(any_app):
    me = Chat(any_app, "weekday_hour")  # Monday 2 March 2026
    await me.say("预约办居住证")
    await me.say("周三三点")  # was only the day: 周三三点 became 周33点, no hour at all
    assert "请核对预约" in me.text and "3月4日（周三） 15:00-15:30" in me.text, me.text


async def test_a_little_earlier_is_not_one_oclock(any_app):
    me = Chat(any_app, "a_little")  # Monday 2 March 2026
    await me.say("预约办居住证")
    await me.say("明天")
    await me.say("有没有早一点的")  # 早一点 is "a little earlier": was 13:00
    assert "13:00" not in me.text and "请核对预约" not in me.text, me.text


async def test_a_time_inside_a_home_visits_half_day_offers_that_half_day(any_app):
    resident = Chat(any_app, "home_ten")  # Monday 2 March 2026; home visits are 09:00-12:00 and 14:30-17:30
    await at_home_visit_days(resident)
    await resident.say("上午10点")  # was both half-days and "nothing at 10:00"
    assert "这天没有 10:00 开始的时段" in resident.text, resident.text
    assert [b for b in resident.buttons if "余" in b] == ["09:00-12:00 余2"] and "看全天" in resident.buttons


async def test_yixia_then_next_week_is_next_week_not_the_week_after(any_app):
    """约一下下周三 was read as 约 + 下下周三: a week late. 一下 is "a bit"; 下周三 follows it."""
    me = Chat(any_app, "yixia_wed")  # Monday 2 March 2026
    await me.say("帮我约一下下周三下午两点半 办居住证")  # was 3月18日, beyond the 14 days
    assert "请核对预约" in me.text and "3月11日（周三） 14:30-15:00" in me.text, me.text
    await me.say("帮我改一下下周一下午两点半")  # a new time said at the confirmation: was 3月16日
    assert "请核对预约" in me.text and "3月9日（周一） 14:30-15:00" in me.text, me.text
    other = Chat(any_app, "yixia_mon")
    await other.say("我想预约一下下周一的居住证")  # was the times of 3月16日
    assert "3月9日（周一）的时段" in other.text, other.text


async def test_gai_yixia_and_a_time_moves_the_booking_made(any_app):
    """帮我改一下下周一下午两点半 was the answer about 儿童课后托管 (its 下周一 and 四点半), not a move."""
    me = Chat(any_app, "gai_yixia")  # Monday 2 March 2026
    code = await book(me)
    await me.say("帮我改一下下周一下午两点半")
    assert f"把预约 {code} 改到" in me.text and "3月9日（周一） 14:30-15:00" in me.text, me.text


async def test_a_day_of_next_month_is_kept_with_its_time(any_app, clock):
    """下个月1号上午九点 was 好的，09:00。请先选哪一天: the day after 月 was dropped."""
    clock.set(local(2026, 3, 25, 10))  # a Wednesday; 1 April is within the 14 days
    me = Chat(any_app, "next_month")
    await me.say("下个月1号上午九点预约办居住证")
    assert "请核对预约" in me.text and "4月1日（周三） 09:00-09:30" in me.text, me.text


async def test_yue_a_day_and_a_time_before_the_service_books_it(any_app):
    """我想约明天下午三点办居住证 was the service's overview (fixed with 约 + a day in f79a101), like 约个后天上午十点."""
    me = Chat(any_app, "yue_permit")  # Monday 2 March 2026
    await me.say("我想约明天下午三点办居住证")
    assert "请核对预约" in me.text and "3月3日（周二） 15:00-15:30" in me.text, me.text
    other = Chat(any_app, "yue_dibao")
    await other.say("我想约明天下午三点办低保")  # at the centre or at home: asked first, the time kept
    assert "到中心办理" in other.buttons, other.text
    await press(other, "到中心办理")
    assert "请核对预约" in other.text and "最低生活保障申请" in other.text, other.text
    assert "3月3日（周二） 15:00-15:30" in other.text, other.text
