"""A place named by an estate of the place list and a building or spot the list lacks (文峰北苑5号楼门口): taken as said,
routed by the estate, at the place question and in words said earlier; in traditional characters and with an
estate's homophone typo (北院 for 北苑) too."""

from __future__ import annotations

import pytest

from bot.models import Case, Role
from tests.grid.util import case_id, pushed, resident
from tests.helpers import Chat, bind


async def _at_the_place_question(chat: Chat) -> None:
    await chat.say("楼道灯坏了")
    assert "问题在哪里" in chat.text, chat.text


async def _filed(chat: Chat, app) -> Case:  # noqa: ANN001
    """The case filed from the photo question, with no photo."""
    assert "有现场照片吗" in chat.text, chat.text
    await chat.press("cs:skip")
    async with app.db.uow() as uow:
        return await uow.session.get(Case, case_id(chat.text))


@pytest.mark.parametrize("home", [None, "北苑1号楼", "南苑1号楼"])
@pytest.mark.parametrize(
    "said", ["文峰北苑5号楼门口", "文峰北苑5号楼楼下", "文峰北苑小区东门", "文峰北苑5號樓門口", "文峰北院5号楼门口", "北苑5号楼门口"]
)
async def test_the_estate_said_at_the_place_question_routes_it_and_the_words_are_the_place(app, home, said):
    """南苑's resident saying 文峰北苑5号楼门口 went to 南苑's grid (the list has a 南苑5号楼); 北院 went to no grid."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li", building=home, room="301" if home else None)  # type: ignore[arg-type]
    await _at_the_place_question(li)
    await li.say(said)
    assert "已确定由第一网格（文峰北苑）负责" in li.text and "哪个小区" not in li.text, li.text
    case = await _filed(li, app)
    assert (case.address, case.grid_id) == (said, "wenfeng-01")
    [push] = await pushed(manager)
    assert f"【新诉求 #{case.id}】" in push.text and said in push.text, push.text


@pytest.mark.parametrize("said", ["文峰北院5号楼门口", "文峰社区北苑5号楼门口", "北苑5號樓門口"])
async def test_the_place_typed_at_the_description_is_kept_as_the_place(app, said):
    """文峰北院5号楼门口 at the description was taken as what happened, and 楼道灯坏了 after it as the place."""
    li = await resident(app, "li", building="南苑1号楼")
    await li.say("反映问题")
    await li.press("cs:cat:facilities")
    await li.say(said)
    assert f"地点记下了：“{said}”" in li.text, li.text
    await li.say("楼道灯坏了")
    assert "问题在哪里" not in li.text and "已确定由第一网格（文峰北苑）负责" in li.text, li.text
    case = await _filed(li, app)
    assert (case.description, case.address, case.grid_id) == ("楼道灯坏了", said, "wenfeng-01")


@pytest.mark.parametrize(
    ("description", "place"),
    [
        ("文峰北苑2号楼门口的路灯坏了", "文峰北苑2号楼门口"),
        ("文峰北苑5号楼门口的灯坏了", "文峰北苑5号楼门口"),
        ("北苑5号楼楼下路灯不亮了", "北苑5号楼楼下"),
        ("文峰北院5号楼门口的灯坏了", "文峰北院5号楼门口"),
    ],
)
async def test_a_description_beginning_with_the_estate_and_a_building_is_not_asked_where(app, description, place):
    li = await resident(app, "li", building="南苑1号楼")
    await li.say(description)
    assert f"地点就按您说的“{place}”" in li.text and "问题在哪里" not in li.text, li.text
    assert "已确定由第一网格（文峰北苑）负责" in li.text, li.text
    case = await _filed(li, app)
    assert (case.address, case.grid_id) == (place, "wenfeng-01")


@pytest.mark.parametrize(
    ("home", "said", "grid_id"),
    [
        ("南苑1号楼", "5号楼门口", "wenfeng-02"),  # 南苑5号楼: their own estate's
        ("北苑1号楼", "3号楼南院子里", "wenfeng-01"),  # a yard (南院子), not 南苑 by its sound
        ("北苑1号楼", "5号楼门口", None),  # 北苑 has no 5号楼: the staff route it, as for 8号楼
        ("南苑1号楼", "幸福家园5号楼门口", None),  # another estate's 5号楼, not 南苑5号楼
    ],
)
async def test_a_building_by_number_is_in_the_residents_own_estate_unless_another_is_named(app, home, said, grid_id):
    li = await resident(app, "li", building=home)
    await _at_the_place_question(li)
    await li.say(said)
    assert "哪个小区" not in li.text, li.text
    assert ("交给社区工作人员人工分派" in li.text) == (grid_id is None), li.text
    case = await _filed(li, app)
    assert (case.address, case.grid_id) == (said, grid_id)


async def test_a_building_by_number_with_no_home_on_file_asks_which_estate_and_takes_the_estate_typed(app):
    """北苑 has no 5号楼, so it is not offered; typed anyway (北院, as misspelt), it routes the case to 北苑's grid."""
    zhang = await resident(app, "zhang", name="张建国", phone="13912345678", building=None, room=None)  # type: ignore[arg-type]
    await _at_the_place_question(zhang)
    await zhang.say("5号楼门口")
    assert "“5号楼门口”是在哪个小区" in zhang.text and "北苑" not in zhang.buttons, zhang.buttons
    await zhang.say("文峰北院")
    assert "地点记为“北苑5号楼门口”" in zhang.text and "已确定由第一网格（文峰北苑）负责" in zhang.text, zhang.text
    case = await _filed(zhang, app)
    assert (case.address, case.grid_id) == ("北苑5号楼门口", "wenfeng-01")


@pytest.mark.parametrize(
    ("said", "grid_id"),
    [("文峰北院5号楼门口", "wenfeng-01"), ("文峰社区北苑5号楼门口", "wenfeng-01"), ("幸福家园5号楼门口", None)],
)
async def test_a_whole_place_typed_at_the_which_estate_question_is_taken_not_asked_again(app, said, grid_id):
    """Typed instead of choosing, these were 'not an answer' and the which-小区 question came again."""
    zhang = await resident(app, "zhang", name="张建国", phone="13912345678", building=None, room=None)  # type: ignore[arg-type]
    await _at_the_place_question(zhang)
    await zhang.say("5号楼门口")
    assert "是在哪个小区" in zhang.text, zhang.text
    await zhang.say(said)
    assert "哪个小区" not in zhang.text, zhang.text
    assert ("交给社区工作人员人工分派" in zhang.text) == (grid_id is None), zhang.text
    case = await _filed(zhang, app)
    assert (case.address, case.grid_id) == (said, grid_id)
