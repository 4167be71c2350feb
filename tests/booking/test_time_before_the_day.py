"""A time said before the day (晚上七点, 下午三点 明天, 下午三点明天可以吗) is kept, as 明天下午三点 is."""

from __future__ import annotations

from tests.booking.helpers import press
from tests.helpers import Chat, unanswered


async def test_at_the_list_of_services_a_time_asked_about_is_kept(app):
    me = Chat(app, "three_tomorrow")
    await me.say("我想预约")
    await me.say("下午三点明天可以吗")  # was 答不上来, the booking gone
    assert "好的，3月3日（周二）15:00" in me.text and "居住证申领" in me.buttons, me.text
    await me.say("居住证")
    assert "请核对预约" in me.text and "3月3日（周二） 15:00" in me.text, me.text
    assert await unanswered(app) == []


async def test_at_the_centre_or_home_question_a_time_then_a_day_are_kept(app):
    me = Chat(app, "allowance_time")
    await me.say("预约办高龄津贴")
    assert "到中心办理" in me.buttons, me.buttons
    await me.say("下午三点")  # was 答不上来, the booking put aside as a draft
    assert "好的，15:00" in me.text and "到中心办理" in me.buttons and "预约上门" in me.buttons, me.text
    await press(me, "到中心办理")
    assert "好的，15:00。请先选哪一天" in me.text, me.text
    await press(me, "3月3日")
    assert "请核对预约" in me.text and "3月3日（周二） 15:00" in me.text, me.text


async def test_at_the_centre_or_home_question_time_and_day_go_to_the_confirmation(app):
    me = Chat(app, "allowance_both")
    await me.say("预约办高龄津贴")
    await me.say("下午三点 明天")
    assert "好的，3月3日（周二）15:00" in me.text, me.text
    await press(me, "到中心办理")
    assert "请核对预约" in me.text and "3月3日（周二） 15:00" in me.text, me.text
    assert await unanswered(app) == []


async def test_at_the_centre_or_home_question_a_question_of_its_own_is_answered(app):
    me = Chat(app, "allowance_asks")
    await me.say("预约办高龄津贴")
    await me.say("明天上班吗")  # the centre's hours asked, not a day kept
    assert "好的，3月3日" not in me.text, me.text
