"""催一下 from a resident with an open case reminds whoever handles it, once per 12 hours.

It showed the resident's list of cases and pushed nothing: the grid
manager never learnt that 李 was waiting, however often she chased.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import CaseEvent, Role
from tests.grid.util import file_complaint, pushed, resident, unrouted_case
from tests.helpers import bind


async def _chases(app, number: int) -> int:  # noqa: ANN001
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number, CaseEvent.action == "chase")
        return len((await uow.session.exec(query)).all())


async def test_a_chase_reminds_the_grid_manager_once_in_twelve_hours(app, clock):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="路灯不亮了好几天")
    await pushed(manager)
    clock.advance(timedelta(days=1))

    await li.say("催一下")
    assert f"已提醒网格员尽快处理您的诉求 #{number}" in li.text and "路灯不亮了好几天" in li.text, li.text
    [push] = await pushed(manager)
    assert f"【居民催办 #{number}】" in push.text and "路灯不亮了好几天" in push.text, push.text
    assert "受理" in [b.label for b in push.flat_buttons]  # the task's own buttons, to act on it at once

    clock.advance(timedelta(hours=2))
    await li.say("能不能快点来修")
    assert "已经提醒过网格员了" in li.text and "12 小时内只提醒一次" in li.text, li.text
    assert await pushed(manager) == []  # no second buzz for the same case
    assert await _chases(app, number) == 1

    clock.advance(timedelta(hours=9))  # 11 hours after the reminder: still none
    await li.say("催一下")
    assert "已经提醒过网格员了" in li.text, li.text
    assert await _chases(app, number) == 1

    clock.advance(timedelta(hours=12))  # the next morning
    await li.say("催一下")
    assert "已提醒网格员" in li.text, li.text
    assert len(await pushed(manager)) == 1
    await li.press(f"cs:view:{number}")
    assert "居民催办" in li.text, li.text  # on the case's trail


async def test_an_unrouted_case_is_chased_to_the_community_staff(app, clock):
    staff = await bind(app, "shequ", Role.staff, community_id="wenfeng")
    li = await resident(app, "li")
    number = await unrouted_case(li)
    await pushed(staff)
    clock.advance(timedelta(days=1))
    await li.say("麻烦催一下")
    assert f"已提醒社区工作人员尽快处理您的诉求 #{number}" in li.text, li.text
    assert any(f"【居民催办 #{number}】" in text for text in await staff.pushes())


async def test_an_escalated_case_is_chased_to_the_street(app, clock):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    street = await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    li = await resident(app, "li")
    number = await file_complaint(li)
    await pushed(manager)
    await manager.press(f"case:escalate:{number}")
    await manager.say("需要城管执法")
    await pushed(street)
    await pushed(manager)
    await li.say("催一下")
    assert f"已提醒街道工作人员尽快处理您的诉求 #{number}" in li.text, li.text
    assert any(f"【居民催办 #{number}】" in r.text for r in await pushed(street))
    assert await pushed(manager) == []


async def test_an_escalated_case_of_a_street_not_on_the_bot_is_chased_to_the_community_staff(app, clock):
    from tests.grid.test_escalation import _escalated_by_the_grid

    gm2, staff1, zhou, number = await _escalated_by_the_grid(app)
    await pushed(staff1)
    await zhou.say("催一下")
    assert f"已提醒社区工作人员尽快处理您的诉求 #{number}" in zhou.text, zhou.text
    assert any(f"【居民催办 #{number}】" in r.text for r in await pushed(staff1))


async def test_with_two_open_the_resident_chooses_which_to_chase(app, clock):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    first = await file_complaint(li, category="facilities", text="路灯不亮了好几天")
    second = await file_complaint(li, category="sanitation", text="楼道堆满了杂物")
    await pushed(manager)
    await li.say("催一下")
    assert "要催哪一件" in li.text and f"催办 #{first} 路灯不亮了好几天" in li.buttons, li.text
    assert await pushed(manager) == []
    await li.say("2")  # the buttons as numbered on WeChat: newest first
    assert f"已提醒网格员尽快处理您的诉求 #{first}" in li.text, li.text
    [push] = await pushed(manager)
    assert f"【居民催办 #{first}】" in push.text and f"#{second}" not in push.text, push.text


async def test_a_case_waiting_for_the_residents_answer_is_not_chased_but_the_answer_asked_for(app, clock):
    from tests.grid.util import asked_for_more

    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li)
    await pushed(li)
    await li.say("催一下")
    assert f"诉求 #{number} 正在等您补充信息" in li.text, li.text
    assert await pushed(manager) == []
    await li.say("是三楼的灯")
    assert "已把补充信息转给办理人员" in li.text, li.text


async def test_someone_elses_case_cannot_be_chased_by_a_forged_press(app, clock):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    number = await file_complaint(await resident(app, "li"))
    await pushed(manager)
    zhao = await resident(app, "zhao", name="赵敏", phone="13700003333")
    await zhao.press(f"cs:chase:{number}")
    assert "已提醒" not in zhao.text, zhao.text
    assert await pushed(manager) == []


async def test_a_case_moved_to_another_grid_may_be_chased_to_the_new_grid_at_once(app, clock):
    first = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    second = await bind(app, "zhao", Role.grid_manager, grid_id="wenfeng-02")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="路灯不亮了好几天")
    await pushed(first)
    await li.say("催一下")
    assert "已提醒网格员" in li.text and len(await pushed(first)) == 1, li.text

    clock.advance(timedelta(hours=1))
    await first.press(f"case:transfer:{number}")
    await first.press(f"case:to:{number}:wenfeng-02")
    await first.say("跳过")  # no reason given
    assert f"诉求 #{number} 已转给第二网格（文峰南苑）" in first.text, first.text
    await pushed(second)  # the transferred task
    clock.advance(timedelta(hours=1))
    await li.say("催一下")
    assert f"已提醒网格员尽快处理您的诉求 #{number}" in li.text, li.text  # was: 已经提醒过网格员了, for 12 hours
    [push] = await pushed(second)
    assert f"【居民催办 #{number}】" in push.text, push.text
    assert await pushed(first) == []

    clock.advance(timedelta(hours=1))  # the new grid's own window holds
    await li.say("催一下")
    assert "已经提醒过网格员了" in li.text, li.text
    assert await pushed(second) == []
