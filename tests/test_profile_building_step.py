"""What residents answer to 请发送您住的楼栋 besides a building's name: the estate, the unit, a yes.

文峰北苑 (how people say where they live) got 没找到 and six buildings; the
2号楼 that followed was asked again among three estates' 2号楼; 1单元 and 402
each got a list of buildings picked at random, and so did 是.
"""

from __future__ import annotations

from sqlmodel import select

from bot.models import Person
from tests.helpers import Chat


async def _person(app, user: str) -> Person:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one()


async def _at_the_building(me: Chat) -> None:
    await me.say("/me")
    await me.press("me:edit")
    await me.press("pf:agree")
    await me.say("赵桂芳")
    await me.say("13600002222")
    assert "楼栋" in me.text, me.text


async def test_the_estate_said_first_asks_which_of_its_buildings_and_a_number_then_is_of_it(app):
    me = Chat(app, "estate")
    await _at_the_building(me)
    await me.say("文峰北苑")
    assert "住北苑的哪一栋" in me.text and "没找到" not in me.text, me.text
    assert me.buttons[:4] == ["北苑1号楼", "北苑2号楼", "北苑3号楼", "北苑4号楼"] and "南苑2号楼" not in me.buttons
    await me.say("2号楼1单元402")
    assert "您的资料已保存" in me.text, me.text
    person = await _person(app, "estate")
    assert (person.building, person.unit, person.room) == ("北苑2号楼", "1单元", "402")


async def test_a_bare_number_after_the_estate_is_that_estates_building(app):
    me = Chat(app, "number")
    await _at_the_building(me)
    await me.say("北苑小区")
    await me.say("二号楼")
    assert "单元" in me.text and "南苑" not in me.text, me.text
    assert (await _person(app, "number")).building is None  # not saved before the door
    await me.say("1单元")
    await me.say("402")
    assert (await _person(app, "number")).building == "北苑2号楼"


async def test_a_unit_and_door_before_the_building_are_kept_for_it(app):
    me = Chat(app, "unit_first")
    await _at_the_building(me)
    await me.say("1单元402")
    assert "先告诉我楼栋" in me.text and "北苑1号楼" not in me.buttons, me.text
    await me.say("北苑2号楼")
    assert "您的资料已保存" in me.text, me.text  # neither the unit nor the door asked again
    person = await _person(app, "unit_first")
    assert (person.building, person.unit, person.room) == ("北苑2号楼", "1单元", "402")


async def test_words_like_no_building_ask_again_instead_of_listing_buildings(app):
    me = Chat(app, "yes")
    await _at_the_building(me)
    await me.say("是")
    assert "没看懂“是”是哪一栋" in me.text and me.buttons == ["找工作人员"], me.text
    await me.say("北院")  # a typo still finds the likely ones
    assert "北苑1号楼" in me.buttons, me.buttons


async def test_another_matter_at_the_building_question_is_answered_and_the_form_kept(app):
    """我先问问低保怎么办 got 没看懂…是哪一栋 and 继续 the same: the question could not be left."""
    me = Chat(app, "aside")
    await me.say("我想许个心愿")
    await me.press("pf:agree")
    await me.say("刘桂英")
    await me.say("13700003333")
    assert "楼栋" in me.text, me.text
    await me.say("继续")
    assert me.text.startswith("请发送您住的楼栋"), me.text
    await me.say("我先问问低保怎么办")
    assert "【最低生活保障申请】" in me.text and "哪一栋" not in me.text, me.text
    await me.say("继续")
    assert "楼栋" in me.text, me.text
    await me.say("北苑3号楼2单元501")
    assert "您的资料已保存" in me.text and "心愿是什么" in me.text, me.text
    person = await _person(app, "aside")
    assert (person.name, person.building, person.room) == ("刘桂英", "北苑3号楼", "501")


async def test_a_unit_then_a_door_before_the_building_are_both_kept(app):
    """2单元 ⏎ 502 before the building: 单元和门牌我记下了, then the unit was asked again (502 had replaced it)."""
    me = Chat(app, "both_first")
    await _at_the_building(me)
    await me.say("3号楼")
    await me.say("2单元")
    await me.say("502")
    assert "楼栋" in me.text, me.text
    await me.say("北苑3号楼")
    assert "您的资料已保存" in me.text, me.text
    person = await _person(app, "both_first")
    assert (person.building, person.unit, person.room) == ("北苑3号楼", "2单元", "502")
