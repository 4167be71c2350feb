"""What was done said the way it was got done: 已协调物业开门，楼上水管修好了.

Found by playing the street's staff under an escalated leak: those words
were answered with the 便民维修 leaflet and the case stayed open; a grid
manager's 联系了物业，灯已经换好了 likewise.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Case, CaseEvent, Role
from tests.grid.util import accepted_task, file_complaint, pushed, resident
from tests.helpers import bind


async def _resolved_note(app, number: int) -> list[str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number, CaseEvent.action == "resolve")
        return [e.note or "" for e in (await uow.session.exec(query)).all()]


async def test_the_street_resolves_an_escalated_case_with_how_it_got_done(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    street = await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    li = await resident(app, "li")
    number = await file_complaint(li, category="dispute", text="楼上漏水到我家")
    await pushed(manager)
    await manager.press(f"case:escalate:{number}")
    await manager.say("楼上业主联系不上，需要街道协调物业开门")
    await pushed(street)
    said = "已协调物业开门，楼上水管修好了"
    await street.say(said)
    assert "便民维修" not in street.text, street.text
    assert f"处理结果记为：“{said}”" in street.text, street.text
    await street.say("跳过")
    assert f"诉求 #{number} 已办结" in street.text, street.text
    assert await _resolved_note(app, number) == [said]
    told = [r.text for r in await pushed(li)]
    assert any(said in text and "已办结待评价" in text for text in told), told


@pytest.mark.parametrize("said", ["联系了物业，灯已经换好了", "找了物业，楼道的杂物清走了", "找师傅修好了"])
async def test_a_manager_says_who_did_it_and_it_is_the_result(app, said):
    manager, li, number = await accepted_task(app, category="facilities", text="楼道灯坏了")
    await manager.say(said)
    assert f"处理结果记为：“{said}”" in manager.text, manager.text
    await manager.say("跳过")
    assert await _resolved_note(app, number) == [said]


@pytest.mark.parametrize("said", ["联系物业修好了吗", "联系了物业", "叫物业来修"])
async def test_asking_or_only_calling_someone_marks_nothing(app, said):
    manager, li, number = await accepted_task(app, category="facilities", text="楼道灯坏了")
    await manager.say(said)
    assert "处理结果记为" not in manager.text, manager.text
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, number)).state == "accepted"


@pytest.mark.parametrize("said", ["已通知物业", "已经通知物业了"])
async def test_told_the_property_management_is_no_result(app, said):
    """已通知物业 under the task resolved the case with it as the result, and the resident was asked for stars."""
    manager, li, number = await accepted_task(app, category="facilities", text="楼道灯坏了")
    await manager.say(said)
    assert "处理结果记为" not in manager.text, manager.text
    await manager.say("跳过")
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, number)).state == "accepted"
    assert await _resolved_note(app, number) == []


@pytest.mark.parametrize("said", ["已修复", "已经清理干净了", "已经修复好了"])
async def test_repaired_or_cleaned_said_plainly_is_done(app, said):
    manager, li, number = await accepted_task(app, category="sanitation", text="楼道堆满了杂物")
    await manager.say(said)
    assert f"处理结果记为：“{said}”" in manager.text, manager.text


@pytest.mark.parametrize("said", ["这个归物业管", "是物业的事", "交给物业吧"])
async def test_for_the_property_company_under_the_task_says_what_to_do_and_keeps_the_case(app, said):
    """这个归物业管 under a task was 答不上来 and the task's buttons were gone."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await pushed(manager)
    await manager.say(said)
    assert "答不上来" not in manager.text, manager.text
    assert "请先联系物业处理" in manager.text, manager.text
    assert f"上报街道 #{number}" in manager.buttons and f"转其他网格 #{number}" in manager.buttons, manager.buttons
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, number)).state == "submitted"
