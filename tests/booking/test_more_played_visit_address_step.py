"""At the visit's building question, words that are no address are not taken for a building again and again."""

from __future__ import annotations

from tests.booking.helpers import bookings, press
from tests.helpers import Chat


async def _at_the_building_question(me: Chat) -> None:
    await me.say("给俺娘约个上门办高龄津贴")
    await press(me, "老年人")
    await me.press("pf:agree")
    await me.say("王建国")
    await me.say("13600001111")
    assert "上门去哪栋楼" in me.text, me.text


async def test_a_day_said_first_is_told_the_address_comes_first(app):
    me = Chat(app, "day_first")
    await _at_the_building_question(me)
    await me.say("后天下午")  # was 没找到“后天下午”这栋楼
    assert "这栋楼" not in me.text and "先说上门的地址" in me.text and "上门去哪栋楼" in me.text, me.text
    await me.say("北苑3号楼2单元301")
    assert "上门地址：文峰社区 北苑3号楼 2单元 301" in me.text, me.text


async def test_another_matter_is_answered_and_the_form_taken_up_again(app):
    me = Chat(app, "asks_bookings")
    await _at_the_building_question(me)
    await me.say("我约了啥")  # was 没找到“我约了啥”这栋楼, every message after it the same
    assert "这栋楼" not in me.text and "您现在没有预约" in me.text, me.text
    await me.say("继续")
    assert "上门去哪栋楼" in me.text, me.text
    await me.say("北苑3号楼2单元301")
    await press(me, "3月3日")
    await press(me, "09:00-12:00")
    await press(me, "确认预约")
    [made] = await bookings(app)
    assert made.address and "北苑3号楼 2单元 301" in made.address
