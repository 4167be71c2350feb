"""A holiday said by name (元旦, 五一) is the opening plan's day of it: closed, said so, with the nearest open days."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.booking.helpers import bookings
from tests.helpers import Chat, unanswered


async def test_yuan_dan_in_the_request_is_new_years_day_closed_with_the_nearest_days(app, clock):
    clock.set(datetime(2025, 12, 26, 1, 30, tzinfo=UTC))  # Friday 26 December, 09:30 in Xuchang
    me = Chat(app, "new_year")
    await me.say("预约办居住证 元旦")  # was the day list, as if no day was said
    assert "1月1日（周四） 是元旦假期，中心不开放" in me.text, me.text
    assert "离得最近能约的：12月31日（周三）、1月4日（周日）" in me.text, me.text
    assert any(label.startswith("12月31日") for label in me.buttons), me.buttons
    assert await bookings(app) == []
    assert await unanswered(app) == []


async def test_a_holiday_typed_at_the_day_list_is_read_as_its_day(app, clock):
    clock.set(datetime(2026, 4, 27, 1, 30, tzinfo=UTC))  # Monday 27 April
    me = Chat(app, "may_day")
    await me.press("book:residence-permit")
    await me.say("五一那天")  # 劳动节, 5月1日—5月5日 in the plan
    assert "5月1日（周五） 是劳动节假期，中心不开放" in me.text, me.text
    assert "离得最近能约的：4月30日（周四）、5月6日（周三）" in me.text, me.text


async def test_a_holiday_the_plan_has_no_days_to_come_for_is_not_guessed(app):
    me = Chat(app, "spring_festival")  # 2 March 2026: the plan's 春节 is past, next year's not entered
    await me.say("预约办居住证 春节")
    assert "还没有下一个春节的日子" in me.text and "请选日期" in me.text, me.text
