"""Residents' words the understanding read as something else: street furniture of a named place, 物业, a move, two services joined by 和."""

from __future__ import annotations

import pytest

from tests.grid.util import resident


@pytest.mark.parametrize("said", ["建设路12号院5号楼前井盖松了", "锦华园小区门口的路灯杆歪了", "物业不管事"])
async def test_a_problem_with_a_named_places_street_furniture_starts_a_complaint(app, said):
    """井盖松了, 路灯杆歪了 were 答不上来; 物业不管事 the 就业创业证 guide (物业 sounds like 就业)."""
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith("收到，我帮您登记成诉求"), li.text
    assert "就业" not in li.text


@pytest.mark.parametrize("said", ["我搬家了", "我们家搬了"])
async def test_a_move_said_asks_for_the_new_address_not_removals(app, said):
    """我搬家了 was the 家政服务预约 guide (搬家 is one of its words): it is the address changed."""
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith("请发送您住的楼栋"), li.text
    assert "家政" not in li.text


async def test_looking_for_removals_is_still_the_housekeeping_guide(app):
    li = await resident(app, "li")
    await li.say("想找个搬家公司")
    assert li.text.startswith("【家政服务预约】"), li.text


async def test_asking_how_to_pay_the_property_fee_says_where_not_the_employment_guide(app):
    """物业费怎么交 was the 就业创业证 guide: the 物业 collects its own fee."""
    li = await resident(app, "li")
    await li.say("物业费怎么交")
    assert li.text.startswith("【交物业费】") and "物业办公室" in li.text, li.text
    assert "就业" not in li.text


async def test_two_services_joined_by_and_are_both_answered(app):
    """低保和老年证怎么办 answered only 老年证."""
    li = await resident(app, "li")
    await li.say("低保和老年证怎么办")
    assert "【最低生活保障申请】" in li.text and "【老年人优待证办理】" in li.text, li.text
    assert li.buttons[:2] == ["最低生活保障申请", "老年人优待证办理"], li.buttons
