"""不用修了已经好了: the reporter withdraws a case still open, and the grid manager is told not to come.

It got 答不上来, and the grid manager came to mend what was mended.
"""

from __future__ import annotations

import pytest

from bot.models import Case, Role
from tests.grid.util import file_complaint, pushed, resident
from tests.helpers import bind


async def _state(app, number: int) -> str:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.get(Case, number)).state


@pytest.mark.parametrize("said", ["不用修了已经好了", "自己修好了，不用来了", "撤回诉求"])
async def test_the_reporter_withdraws_after_one_confirmation_and_the_grid_is_told(any_app, said):
    app = any_app
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li)
    await pushed(manager)  # the new task
    await li.say(said)
    assert f"要撤回诉求 #{number}" in li.text and await _state(app, number) == "submitted", li.text
    await li.say("好的")  # a plain yes takes the one case asked about
    assert f"诉求 #{number} 已撤回" in li.text, li.text
    assert await _state(app, number) == "closed"
    [push] = await pushed(manager)
    assert f"【撤回 #{number}】" in push.text and said[:4] in push.text, push.text
    assert "已撤回" in push.text, push.text  # the card's state: withdrawn, not 已关闭
    await li.say("我的诉求")
    assert f"#{number}" in li.text and "已撤回" in li.text and "已关闭" not in li.text, li.text


async def test_keeping_it_or_saying_something_else_withdraws_nothing(app):
    li = await resident(app, "li")
    number = await file_complaint(li)
    await li.say("不用修了已经好了")
    await li.say("不撤回")
    assert "照常办理" in li.text, li.text
    await li.say("不用修了已经好了")
    await li.say("低保要带什么材料")  # another matter: the question is left, nothing withdrawn
    assert await _state(app, number) == "submitted"


async def test_nobody_else_can_withdraw_it_even_with_a_forged_button(app):
    li = await resident(app, "li")
    number = await file_complaint(li)
    zhang = await resident(app, "zhang")
    await zhang.press(f"cw:wd:{number}")
    assert await _state(app, number) == "submitted"
    assert "已撤回" not in zhang.text, zhang.text


async def test_a_case_others_follow_stays_open_and_its_handlers_are_asked_to_check(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li)
    async with app.db.uow() as uow:
        from bot.models import CaseFollower
        from bot.services import people

        other = await people.get_or_create(uow, "console", "zhao")
        uow.session.add(CaseFollower(case_id=number, person_id=other.id, created_at=uow.clock.now()))
        await uow.commit()
    await pushed(manager)
    await li.say("不用修了已经好了")
    await li.press(f"cw:wd:{number}")
    assert "还有 1 位居民也在关注" in li.text, li.text
    assert await _state(app, number) == "submitted"
    [push] = await pushed(manager)
    assert "请核实后办结" in push.text, push.text


async def test_with_no_case_under_way_it_says_so(app):
    li = await resident(app, "li")
    await li.say("不用修了已经好了")
    assert "没有在办的诉求" in li.text, li.text
