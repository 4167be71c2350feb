"""网格员是谁, 我们这片归谁管: the grid of the resident's home and its grid manager, by surname only.

It got 答不上来 (网格员是谁) or the 便民维修 guide (我们这片归谁管).
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Person, Role, UnansweredQuestion
from bot.services import people
from tests.grid.util import resident
from tests.helpers import Chat, bind


async def _named_manager(app, user: str, name: str, grid_id: str) -> Chat:  # noqa: ANN001
    manager = await bind(app, user, Role.grid_manager, grid_id=grid_id)
    async with app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one()
        await people.save_profile(uow, person, people.ProfileUpdate(name=name, phone="13700001111"))
    return manager


@pytest.mark.parametrize("asked", [
    "网格员是谁", "我们这片归谁管", "我家是哪个网格", "网格员电话多少", "谁是我们的网格员",
    "我想直接给网格员打电话", "怎么联系网格员", "网格员的手机号给我一下",  # were 家庭医生签约 or 答不上来
])
async def test_a_resident_is_told_their_grid_and_its_manager_by_surname_only(app, asked):
    await _named_manager(app, "wang", "王建国", "wenfeng-01")
    await _named_manager(app, "zhao", "赵丽", "wenfeng-02")  # another grid's: not named
    li = await resident(app, "li", building="北苑2号楼")
    await li.say(asked)
    assert "您家（北苑2号楼）归第一网格（文峰北苑）管" in li.text and "王**" in li.text, li.text
    assert "王建国" not in li.text and "13700001111" not in li.text and "赵" not in li.text, li.text
    assert "反映问题" in li.buttons
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(UnansweredQuestion))).all() == []


async def test_a_grid_with_no_manager_bound_says_so(app):
    li = await resident(app, "li", building="南苑1号楼")
    await li.say("网格员是谁")
    assert "第二网格（文峰南苑）" in li.text and "还没有在这里登记" in li.text, li.text


async def test_with_no_address_the_grids_are_listed_and_the_address_asked_alone(app):
    me = Chat(app, "new")
    await me.say("网格员是谁")
    assert "您还没有登记住址" in me.text and "第一网格（文峰北苑）" in me.text, me.text
    await me.say("登记住址")
    await me.press("pf:agree")
    assert "楼栋" in me.text and "怎么称呼" not in me.text, me.text
    await me.say("北苑2号楼1单元402")
    await me.say("网格员是谁")
    assert "您家（北苑2号楼）归第一网格（文峰北苑）管" in me.text, me.text


async def test_asking_when_they_will_come_is_chasing_a_case_not_the_grid(app):
    li = await resident(app, "li")
    await li.say("网格员什么时候来修")
    assert "您家" not in li.text and "答不上来" not in li.text, li.text


async def test_a_grid_manager_who_does_not_answer_the_phone_is_a_complaint(app):
    """给网格员打电话没人接 was the 家庭医生签约 guide; as 网格员电话联系不上, it is a complaint the grid is pushed."""
    li = await resident(app, "li", building="北苑2号楼")
    await li.say("给网格员打电话没人接")
    assert "家庭医生" not in li.text and "诉求" in li.text, li.text


async def test_with_no_address_kept_the_grid_of_their_open_case_is_said(app):
    """A resident whose complaint was placed by a typed place, with no home kept, was told only 查不到您家归哪个网格."""
    me = Chat(app, "placed")
    await me.say("楼道灯坏了")
    await me.say("同意")
    await me.say("张桂兰")
    await me.say("13700002222")
    await me.say("北苑2号楼")
    await me.press("cs:skip")
    assert "您的诉求已提交" in me.text, me.text
    await me.say("网格员是谁")
    assert "诉求 #1 现在由第一网格（文峰北苑）负责" in me.text and "登记住址" in me.buttons, me.text
