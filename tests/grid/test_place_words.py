"""The place question in words: 我们小区门口 is the resident's own estate, a place that does not say which estate
asks which 小区, and a question typed there (超市几点开门) is not taken as the place."""

from __future__ import annotations

import pytest

from bot.models import Case, Role
from tests.grid.util import all_cases, case_id, pushed, resident
from tests.helpers import Chat, bind


async def _at_the_place_question(chat: Chat, description: str = "路灯不亮了好几天了") -> None:
    await chat.say("反映问题")
    await chat.press("cs:cat:facilities")
    await chat.say(description)
    assert "问题在哪里" in chat.text, chat.text


async def _choose(chat: Chat, label: str) -> None:
    """Press the choice labelled `label` among the last replies' buttons."""
    [payload] = [b.payload for reply in chat.replies for b in reply.flat_buttons if b.label == label]
    await chat.press(payload)


async def _filed(chat: Chat, app) -> Case:  # noqa: ANN001
    """The case filed from the photo question, with no photo."""
    assert "有现场照片吗" in chat.text, chat.text
    await chat.press("cs:skip")
    async with app.db.uow() as uow:
        return await uow.session.get(Case, case_id(chat.text))


@pytest.mark.parametrize(
    ("home", "said", "grid_id", "grid"),
    [
        ("北苑1号楼", "我们小区门口", "wenfeng-01", "第一网格（文峰北苑）"),
        ("锦华园A座", "咱们小区东门", "wenfeng-05", "第五网格（锦华园）"),
        ("烟厂家属院2号楼", "我们院里", "wenfeng-03", "第三网格（烟厂家属院）"),
    ],
)
async def test_our_estate_said_as_the_place_is_the_residents_own_estate(app, home, said, grid_id, grid):
    manager = await bind(app, "wang", Role.grid_manager, grid_id=grid_id)
    li = await resident(app, "li", building=home)
    await _at_the_place_question(li)
    await li.say(said)
    assert f"已确定由{grid}负责" in li.text and "哪个小区" not in li.text, li.text
    case = await _filed(li, app)
    assert (case.address, case.grid_id) == (said, grid_id)
    [push] = await pushed(manager)
    assert f"【新诉求 #{case.id}】" in push.text and said in push.text, push.text


async def test_the_estate_gate_alone_asks_which_estate_and_routes_by_the_answer(app):
    manager = await bind(app, "zhao", Role.grid_manager, grid_id="wenfeng-05")
    li = await resident(app, "li")  # lives in 北苑: offered first, but 小区门口 does not say it is hers
    await _at_the_place_question(li)
    await li.say("小区门口")
    assert "“小区门口”是在哪个小区" in li.text and "已确定由" not in li.text, li.text
    assert li.buttons[0] == "北苑" and {"南苑", "锦华园", "都不是/不清楚"} <= set(li.buttons), li.buttons
    await _choose(li, "锦华园")
    assert "地点记为“锦华园小区门口”" in li.text and "已确定由第五网格（锦华园）负责" in li.text, li.text
    case = await _filed(li, app)
    assert (case.address, case.grid_id) == ("锦华园小区门口", "wenfeng-05")
    [push] = await pushed(manager)
    assert f"【新诉求 #{case.id}】" in push.text and "锦华园小区门口" in push.text, push.text


async def _without_address(app) -> Chat:  # noqa: ANN001
    """A resident who gave name and phone but no address."""
    chat = await resident(app, "zhang", name="张建国", phone="13912345678", building=None, room=None)  # type: ignore[arg-type]
    return chat


async def test_a_building_by_number_with_no_address_on_file_asks_which_estate(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-02")
    zhang = await _without_address(app)
    await _at_the_place_question(zhang)
    await zhang.say("3号楼楼下")
    assert "“3号楼楼下”是在哪个小区" in zhang.text and "已确定由" not in zhang.text, zhang.text
    # the estates that have a 3号楼 (锦华园 has A-C座, 建设路 its 号院), and none of them
    assert zhang.buttons == ["北苑", "南苑", "烟厂家属院", "都不是/不清楚"], zhang.buttons
    await _choose(zhang, "南苑")
    assert "地点记为“南苑3号楼楼下”" in zhang.text and "已确定由第二网格（文峰南苑）负责" in zhang.text, zhang.text
    case = await _filed(zhang, app)
    assert (case.address, case.grid_id) == ("南苑3号楼楼下", "wenfeng-02")
    [push] = await pushed(manager)
    assert f"【新诉求 #{case.id}】" in push.text and "南苑3号楼楼下" in push.text, push.text


@pytest.mark.parametrize(
    ("answer", "place", "grid_id"),
    [("北苑小区", "北苑3号楼楼下", "wenfeng-01"), ("在烟厂家属院", "烟厂家属院3号楼楼下", "wenfeng-03"), ("不清楚", "3号楼楼下", None)],
)
async def test_the_estate_typed_as_the_answer_routes_it(app, answer, place, grid_id):
    zhang = await _without_address(app)
    await _at_the_place_question(zhang)
    await zhang.say("3号楼楼下")
    await zhang.say(answer)
    assert f"地点记为“{place}”" in zhang.text, zhang.text
    assert ("交给社区工作人员人工分派" in zhang.text) == (grid_id is None), zhang.text
    case = await _filed(zhang, app)
    assert (case.address, case.grid_id) == (place, grid_id)


async def test_none_of_the_estates_keeps_the_place_as_said_for_the_staff(app):
    zhang = await _without_address(app)
    await _at_the_place_question(zhang)
    await zhang.say("我们小区门口")  # no home on file: 我们小区 says no estate
    assert "“我们小区门口”是在哪个小区" in zhang.text, zhang.text
    await _choose(zhang, "都不是/不清楚")
    assert "地点记为“我们小区门口”" in zhang.text and "交给社区工作人员人工分派" in zhang.text, zhang.text
    case = await _filed(zhang, app)
    assert (case.address, case.grid_id, case.community_id) == ("我们小区门口", None, "wenfeng")


async def test_a_building_said_in_the_description_with_no_address_asks_which_estate(app):
    zhang = await _without_address(app)
    await zhang.say("3号楼楼下的路灯不亮了")
    assert "地点就按您说的“3号楼楼下”" in zhang.text and "“3号楼楼下”是在哪个小区" in zhang.text, zhang.text
    await _choose(zhang, "北苑")
    case = await _filed(zhang, app)
    assert (case.description, case.address, case.grid_id) == ("3号楼楼下的路灯不亮了", "北苑3号楼楼下", "wenfeng-01")


async def test_a_question_typed_at_the_place_question_is_not_the_place(app):
    li = await resident(app, "li")
    await _at_the_place_question(li)
    await li.say("超市几点开门")
    assert "“超市几点开门”像是在问别的事" in li.text and "问题在哪里" in li.text, li.text
    assert "有现场照片吗" not in li.text, li.text
    await li.say("北苑1号楼门口")  # the form is still open at the place
    assert "已确定由第一网格（文峰北苑）负责" in li.text, li.text
    case = await _filed(li, app)
    assert case.address == "北苑1号楼门口"
    assert [c.id for c in await all_cases(app)] == [case.id]


@pytest.mark.parametrize(
    ("said", "grid_id"),
    [("超市门口", None), ("菜市场那边的路灯", None), ("北苑菜市场门口", "wenfeng-01"), ("3号楼楼下，怎么还没人修", "wenfeng-01")],
)
async def test_places_with_question_like_words_are_still_taken(app, said, grid_id):
    li = await resident(app, "li")
    await _at_the_place_question(li)
    await li.say(said)
    assert "像是在问别的事" not in li.text, li.text
    case = await _filed(li, app)
    assert (case.address, case.grid_id) == (said, grid_id)
