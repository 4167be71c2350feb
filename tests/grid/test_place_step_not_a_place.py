"""Words at 问题在哪里 that are not a place (没有照片, 不知道, 好的): never kept as the place.

An elderly resident typed 没有照片 there, expecting the photo question: the
case was filed 地点：没有照片 and went to nobody's grid. Now what is needed
is asked again (在我家 offered in words, with the address on file), and words
about the photo are remembered: the photo question is not asked later.
"""

from __future__ import annotations

import pytest

from bot.models import Case, Role
from tests.grid.util import all_cases, case_id, pushed, resident
from tests.helpers import Chat, bind


async def _at_the_place_question(chat: Chat) -> None:
    await chat.say("反映问题")
    await chat.press("cs:cat:facilities")
    await chat.say("楼道灯坏了好几天了")
    assert "问题在哪里" in chat.text, chat.text


@pytest.mark.parametrize("said", ["没有照片", "没照片", "不用拍照", "拍不了照"])
async def test_photo_words_at_the_place_are_not_the_place_and_the_photo_is_not_asked_again(app, said):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    await _at_the_place_question(li)
    await li.say(said)
    assert "问题在哪里" in li.text and "不再问照片" in li.text, li.text
    assert "回复“在我家”就行" in li.text and "北苑1号楼 301" in li.text, li.text
    assert "您的诉求已提交" not in li.text and await all_cases(app) == []
    await li.say("在我家")
    assert "您的诉求已提交" in li.text and "有现场照片吗" not in li.text, li.text
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, case_id(li.text))
    assert (case.address, case.grid_id) == ("北苑1号楼 301", "wenfeng-01")
    [push] = await pushed(manager)
    assert f"【新诉求 #{case.id}】" in push.text and said not in push.text, push.text


@pytest.mark.parametrize("said", ["不知道", "好的", "不清楚在哪"])
async def test_other_words_that_say_no_place_ask_again_and_the_photo_is_still_asked(app, said):
    await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    await _at_the_place_question(li)
    await li.say(said)
    assert "问题在哪里" in li.text and "已确定由" not in li.text, li.text
    assert await all_cases(app) == []
    await li.say("北苑1号楼楼道")
    assert "已确定由第一网格（文峰北苑）负责" in li.text and "有现场照片吗" in li.text, li.text
    await li.press("cs:skip")
    [case] = await all_cases(app)
    assert (case.address, case.grid_id) == ("北苑1号楼楼道", "wenfeng-01")


async def test_without_an_address_on_file_home_is_not_offered_in_words(app):
    zhang = await resident(app, "zhang", name="张建国", phone="13912345678", building=None, room=None)  # type: ignore[arg-type]
    await _at_the_place_question(zhang)
    await zhang.say("不知道")
    assert "“不知道”不是地点" in zhang.text and "回复“在我家”就行" not in zhang.text, zhang.text
