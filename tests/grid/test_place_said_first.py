"""A complaint that begins with where it is (锦华园小区门口的路灯杆歪了) is not asked the place again."""

from __future__ import annotations

import pytest

from bot.models import Case, Role
from tests.grid.util import case_id, pushed, resident
from tests.helpers import bind


@pytest.mark.parametrize(
    ("said", "place", "grid_id", "grid"),
    [
        ("锦华园小区门口的路灯杆歪了", "锦华园小区门口", "wenfeng-05", "第五网格（锦华园）"),
        ("锦华园小区东门的井盖松了", "锦华园小区东门", "wenfeng-05", "第五网格（锦华园）"),
        ("北苑菜市场门口垃圾没人收", "北苑菜市场门口", "wenfeng-01", "第一网格（文峰北苑）"),
        ("3号楼楼下的路灯不亮了", "3号楼楼下", "wenfeng-01", "第一网格（文峰北苑）"),  # 3号楼 of Li's own 北苑
        ("三号楼楼下的路灯不亮了", "三号楼楼下", "wenfeng-01", "第一网格（文峰北苑）"),  # as typed
        ("3栋楼下的路灯不亮了", "3号楼楼下", "wenfeng-01", "第一网格（文峰北苑）"),
        ("北苑东门停车场车乱停", "北苑东门停车场", "wenfeng-01", "第一网格（文峰北苑）"),
    ],
)
async def test_a_place_said_before_the_problem_is_taken_with_its_grid(app, said, place, grid_id, grid):
    manager = await bind(app, "wang", Role.grid_manager, grid_id=grid_id)
    li = await resident(app, "li")  # lives in 北苑1号楼
    await li.say(said)
    assert "问题在哪里" not in li.text, li.text
    assert f"地点就按您说的“{place}”" in li.text and f"已确定由{grid}负责" in li.text, li.text
    await li.press("cs:skip")
    number = case_id(li.text)
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, number)
    assert (case.description, case.address, case.grid_id) == (said, place, grid_id)
    [push] = await pushed(manager)
    assert f"【新诉求 #{number}】" in push.text and place in push.text, push.text


@pytest.mark.parametrize(
    ("said", "place"),
    [
        ("幸福小区东门的井盖松了", "幸福小区东门"),  # not in the place list: taken, and the community routes it
        ("8号楼楼下的路灯不亮了", "8号楼楼下"),  # 北苑 has no 8号楼
        ("C座门口井盖松了", "C座门口"),  # nor a C座: 锦华园 has, and Li does not live there
    ],
)
async def test_a_place_the_place_list_does_not_know_is_taken_and_said_to_go_to_staff(app, said, place):
    li = await resident(app, "li")
    await li.say(said)
    assert "问题在哪里" not in li.text, li.text
    assert f"地点就按您说的“{place}”" in li.text and "交给社区工作人员人工分派" in li.text, li.text
    await li.press("cs:skip")
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, case_id(li.text))
    assert (case.address, case.grid_id, case.community_id) == (place, None, "wenfeng")


@pytest.mark.parametrize("said", ["小区门口总有车乱停", "我们小区门口的路灯不亮了", "南苑垃圾站三天没清运了", "楼下的路灯不亮了"])
async def test_a_description_that_does_not_say_which_place_still_asks_where(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "问题在哪里" in li.text and "地点就按您说的" not in li.text, li.text


async def test_an_estates_place_typed_at_the_category_question_is_kept_as_the_place(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.say("锦华园小区门口")
    assert "地点记下了：“锦华园小区门口”" in li.text, li.text
    await li.press("cs:cat:facilities")
    await li.say("路灯杆歪了")
    assert "问题在哪里" not in li.text and "已确定由第五网格（锦华园）负责" in li.text, li.text


@pytest.mark.parametrize(
    ("said", "place", "grid"),
    [("井盖松了，就在锦华园小区东门", "锦华园小区东门", "第五网格（锦华园）"), ("路灯不亮了，就在三号楼楼下", "三号楼楼下", "第一网格（文峰北苑）")],
)
async def test_a_place_said_in_a_clause_of_its_own_is_taken(app, said, place, grid):
    li = await resident(app, "li")
    await li.say(said)
    assert f"地点就按您说的“{place}”" in li.text and f"已确定由{grid}负责" in li.text, li.text


async def test_an_estates_place_typed_at_the_place_question_finds_its_grid(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("垃圾三天没人收了")
    assert "问题在哪里" in li.text, li.text
    await li.say("锦华园东门垃圾桶旁边")
    assert "已确定由第五网格（锦华园）负责" in li.text, li.text
