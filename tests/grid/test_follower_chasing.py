"""催一下 from a neighbour who follows a case (关注), not its reporter: the same handlers reminded, in the same 12 hours.

It read 答不上来 and reminded nobody, while the reporter's 催一下 pushed
【居民催办】: the follower waits for the case as much as its reporter.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import CaseEvent, Role
from tests.grid.util import file_complaint, follow_offered, pushed, resident
from tests.helpers import Chat, bind


async def _followed(app):  # noqa: ANN001, ANN202
    """Grid 1's manager, 李's case (her door in its words), and 张 who follows it; the pushes so far read."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="2单元501门口楼道灯坏了好几天")
    zhang = await resident(app, "zhang", name="张建国", phone="13912345678", room="302")
    await follow_offered(zhang, number, category="facilities")
    await pushed(manager)
    return manager, li, zhang, number


async def _chases(app, number: int) -> list[str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number, CaseEvent.action == "chase")
        return [event.actor_role for event in (await uow.session.exec(query)).all()]


async def test_a_follower_chasing_reminds_the_grid_manager_and_is_told_so(app, clock):
    manager, li, zhang, number = await _followed(app)
    clock.advance(timedelta(days=1))
    await zhang.say("催一下")
    assert f"已提醒网格员尽快处理您关注的诉求 #{number}" in zhang.text, zhang.text
    assert "501" not in zhang.text and "答不上来" not in zhang.text, zhang.text  # the reporter's door is not theirs to read
    [push] = await pushed(manager)
    assert f"【居民催办 #{number}】关注这件诉求的居民在催" in push.text, push.text
    assert await _chases(app, number) == ["follower"]

    clock.advance(timedelta(hours=1))  # the reporter too, an hour later: one reminder a case in 12 hours, whoever chases
    await li.say("催一下")
    assert "已经提醒过网格员了" in li.text, li.text
    assert await pushed(manager) == []


async def test_a_follower_chasing_a_case_waiting_for_its_reporter_is_told_so_and_nothing_is_pushed(app):
    manager, li, zhang, number = await _followed(app)
    await manager.press(f"case:ask_info:{number}")
    await manager.say("请问是几楼的灯？")
    await zhang.say("都三天了还没人来修")
    assert f"诉求 #{number} 正在等反映人补充情况" in zhang.text, zhang.text
    assert await pushed(manager) == [] and await _chases(app, number) == []


async def test_a_chase_button_of_a_case_neither_reported_nor_followed_is_refused(app):
    manager, li, zhang, number = await _followed(app)
    wu = await resident(app, "wu", name="吴芳", phone="13712345678", room="101")
    await wu.press(f"cs:chase:{number}")
    assert "已提醒" not in wu.text, wu.text
    assert await pushed(manager) == [] and await _chases(app, number) == []
