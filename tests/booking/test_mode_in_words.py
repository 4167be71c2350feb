"""到中心办理 / 预约上门 answered in words, and going to the centre said in the request itself.

去中心 at the question was read as 老年人日间照料 (日间照料中心) and the
booking was left; words of coming oneself choose the centre, words of
the home (or of not being able to come) choose the visit.
"""

from __future__ import annotations

import pytest

from tests.booking.helpers import bookings, press
from tests.helpers import Chat


@pytest.mark.parametrize("said", ["去中心", "我自己去", "到社区办", "去窗口办", "我去吧"])
async def test_words_of_coming_oneself_choose_the_centre(app, said):
    me = Chat(app, f"centre_{said}")
    await me.say("预约办高龄津贴")
    assert "预约上门" in me.buttons, me.buttons
    await me.say(said)
    assert "【高龄津贴申请】请选日期" in me.text and "日间照料" not in me.text, me.text
    await press(me, "3月3日")
    await press(me, "09:00")
    assert "请核对预约" in me.text and "高龄津贴申请" in me.text, me.text


@pytest.mark.parametrize("said", ["上门", "来家里办", "到家里来"])
async def test_words_of_the_home_choose_the_visit(app, said):
    me = Chat(app, f"home_{said}")
    await me.say("预约办高龄津贴")
    await me.say(said)
    assert "请问是哪种情况" in me.text and "老年人" in me.buttons, me.text


@pytest.mark.parametrize("said", ["我走不动", "腿脚不好来不了"])
async def test_not_able_to_come_chooses_the_visit_and_gives_its_reason(app, said):
    me = Chat(app, f"cannot_{said}")
    await me.say("预约办高龄津贴")
    await me.say(said)
    assert "请问是哪种情况" not in me.text and "同意" in me.buttons, me.text  # the reason said: on to the contact
    await me.press("pf:agree")
    for answer in ("李秀英", "13812345678", "烟厂家属院3号楼", "2单元", "301"):
        await me.say(answer)
    await press(me, "3月3日")
    await press(me, "09:00-12:00")
    await press(me, "确认预约")
    assert "上门预约已提交" in me.text, me.text
    [made] = await bookings(app)
    assert (made.kind, made.reason) == ("home", "elderly")


async def test_a_question_at_the_choice_is_not_a_choice(app):
    me = Chat(app, "asks_at_mode")
    await me.say("预约办高龄津贴")
    await me.say("要带啥")
    assert "请选日期" not in me.text and "请问是哪种情况" not in me.text, me.text


@pytest.mark.parametrize("said", ["我想约个时间去办高龄津贴", "我想去中心办高龄津贴，约个时间"])
async def test_going_to_the_centre_said_in_the_request_takes_the_centre_at_once(app, said):
    me = Chat(app, f"goes_{said}")
    await me.say(said)
    assert "您选哪种" not in me.text and "【高龄津贴申请】请选日期" in me.text, me.text
    assert "也可以预约网格员上门" in me.text and "预约上门" in me.buttons, me.text
    await press(me, "预约上门")  # changed their mind: the visit, as at the question
    assert "请问是哪种情况" in me.text, me.text


async def test_a_plain_request_still_asks_centre_or_home(app):
    me = Chat(app, "plain_request")
    await me.say("预约办高龄津贴")
    assert "您选哪种" in me.text and "到中心办理" in me.buttons, me.text


@pytest.mark.parametrize(("asked", "part"), [("要带啥", "要带的材料"), ("要钱不", "费用"), ("在哪办", "地点")])
async def test_a_question_about_the_service_at_the_question_is_answered_and_the_question_asked_again(app, asked, part):
    """要带啥 at 到中心办理/预约上门 was 答不上来, the booking put aside as a draft."""
    me = Chat(app, f"asks_{part}")
    await me.say("预约办高龄津贴")
    await me.say(asked)
    assert f"【高龄津贴申请】{part}" in me.text and "答不上来" not in me.text, me.text
    assert me.buttons[:2] == ["到中心办理", "预约上门"], me.buttons
    await me.say("1")
    assert "【高龄津贴申请】请选日期" in me.text, me.text
