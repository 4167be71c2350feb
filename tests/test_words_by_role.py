"""Words that are a command for staff and plain words from a resident: 回复3, 通过, 不通过.

A resident answering a numbered list the WeChat way (回复3) was told 您没有
权限; 通过 typed at 您同意吗 left the form (已退出) for 答不上来, as the
reviewers' command it is not for them. Staff keep their meaning.
"""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from bot.models import Role, Wish
from tests.grid.test_wishes import make_wish
from tests.grid.util import resident
from tests.helpers import Chat, bind


async def test_a_resident_answering_a_numbered_list_with_hui_fu_chooses_that_line(app):
    grandma = await resident(app, "grandma")
    await grandma.say("你好")
    assert "反映问题" in grandma.buttons[2], grandma.buttons
    await grandma.say("回复3")
    assert "哪一类问题" in grandma.text and "没有权限" not in grandma.text, grandma.text


async def test_hui_fu_and_a_number_answers_the_question_of_an_open_form(app):
    grandma = Chat(app, "grandma")
    await grandma.say("我要反映问题")
    assert "您同意吗" in grandma.text, grandma.text
    await grandma.say("回复 1")  # 1. 同意
    assert "怎么称呼您" in grandma.text and "已经为您保存" not in grandma.text, grandma.text


async def test_hui_fu_with_no_list_on_screen_is_answered_plainly(app):
    grandma = Chat(app, "grandma")
    await grandma.say("回复3")  # the first message: nothing was ever shown
    assert "没有要选的编号" in grandma.text and "没有权限" not in grandma.text, grandma.text
    assert "用法" not in grandma.text  # nor the staff's way of answering residents


async def test_staff_typing_hui_fu_and_a_number_under_a_menu_still_answer_that_question(app):
    staff = await bind(app, "staff-1", Role.staff)
    await Chat(app, "r1").say("转人工 高龄补贴周六能办吗")
    await staff.pushes()
    await staff.say("菜单")
    await staff.say("回复1")
    assert "请输入给居民的回复" in staff.text and "高龄补贴" in staff.text, staff.text


@pytest.mark.parametrize("words", ("通过", "不通过", "通过 #1"))
async def test_a_resident_saying_a_reviewers_word_at_the_consent_question_is_asked_again(app, words):
    grandma = Chat(app, "grandma")
    await grandma.say("我要反映问题")
    await grandma.say(words)
    said = grandma.text
    assert "您同意吗" in said and "已退出" not in said and "答不上来" not in said, said
    assert grandma.buttons == ["同意", "不同意"]
    await grandma.say("同意")  # still in the form
    assert "怎么称呼您" in grandma.text, grandma.text


async def test_a_resident_saying_tong_guo_at_a_choice_of_the_form_keeps_the_form(app):
    grandma = await resident(app, "grandma")
    await grandma.say("反映问题")
    assert "哪一类问题" in grandma.text and "停车" in grandma.buttons, grandma.text
    await grandma.say("通过")  # the question asked again, its choices with it
    assert "问题类别" in grandma.text and "停车" in grandma.buttons, grandma.text
    assert "已经为您保存" not in grandma.text and "答不上来" not in grandma.text


async def test_a_reviewer_in_a_form_still_approves_with_tong_guo_and_a_number(app):
    staff = await bind(app, "shequ", Role.staff)
    grandma = await resident(app, "grandma")
    number = await make_wish(grandma)
    await staff.pushes()
    await staff.say("反映问题")  # a form of their own open
    await staff.say(f"通过 #{number}")
    assert f"心愿 #{number} 已通过" in staff.text, staff.text
    async with app.db.uow() as uow:
        assert (await uow.session.get(Wish, number)).state == "approved"
        assert (await uow.session.exec(select(func.count()).select_from(Wish))).one() == 1
