"""A bare 五一 typed under the numbered day list is the holiday, not choice 51 (请回复 1 到 10…)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.booking.helpers import press
from tests.helpers import Chat


async def test_a_bare_wu_yi_under_the_day_list_is_may_day(app, clock):
    clock.set(datetime(2026, 4, 27, 1, 30, tzinfo=UTC))  # Monday 27 April
    me = Chat(app, "bare_may_day")
    await me.press("book:residence-permit")
    assert "请选日期" in me.text, me.text
    await me.say("五一")  # was 请回复 1 到 13 之间的数字
    assert "请回复 1 到" not in me.text, me.text
    assert "5月1日（周五） 是劳动节假期，中心不开放" in me.text, me.text
    assert "离得最近能约的：4月30日（周四）、5月6日（周三）" in me.text, me.text
    await press(me, "4月30日")  # the list's numbers still work under it
    assert "4月30日（周四）的时段" in me.text, me.text


async def test_a_number_in_words_still_chooses_a_line(app):
    me = Chat(app, "number_in_words")
    await me.press("book:residence-permit")
    await me.say("十一")  # 11 is a line of the list: said as a number, not digit by digit
    assert "的时段" in me.text or "请核对" in me.text, me.text
