"""上报街道 where the street has nobody on the bot: whoever receives the case can act on it, or it is refused."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Case, CaseEvent, Role
from tests.grid.util import file_complaint, labels, pushed, resident
from tests.helpers import bind


async def _escalated_by_the_grid(app, role: Role = Role.staff):  # noqa: ANN001, ANN202
    """gm2 escalates a noise case of the second grid; the street has no staff, the community has staff1."""
    gm2 = await bind(app, "gm2", Role.grid_manager, grid_id="wenfeng-02")
    staff1 = await bind(app, "staff1", role)
    zhou = await resident(app, "zhou", name="周建国", phone="13611112222", building="南苑2号楼")
    number = await file_complaint(zhou, category="noise", text="南苑楼下烧烤摊每晚吵到两点")
    await pushed(gm2)
    await gm2.say("待办")
    await gm2.say("1")
    assert "上报街道" in gm2.buttons
    await gm2.say("上报街道")
    await gm2.say("夜间噪音需要城管执法")
    assert f"诉求 #{number} 已上报街道" in gm2.text
    return gm2, staff1, zhou, number


@pytest.mark.parametrize("role", [Role.staff, Role.admin])
async def test_community_staff_who_receive_an_escalation_without_street_staff_can_act_on_it(app, role):
    gm2, staff1, zhou, number = await _escalated_by_the_grid(app, role)

    # The grid gave the case up: its manager no longer acts on it.
    await gm2.press(f"case:resolve:{number}")
    assert "没有权限" in gm2.text

    await staff1.say("待办")
    assert f"#{number}" in staff1.text and "已上报街道" in staff1.text

    [push] = await pushed(staff1)
    assert f"【上报街道 #{number}】" in push.text and "由社区代街道处理" in push.text
    assert labels(push) == ["已解决", "转其他网格"]

    # The button she was shown works, typed by its number as on WeChat.
    await staff1.say("1")
    assert "处理结果" in staff1.text, staff1.text
    await staff1.say("已联系城管夜间执法，烧烤摊已搬离")
    await staff1.say("跳过")
    assert f"诉求 #{number} 已办结" in staff1.text
    assert any("烧烤摊已搬离" in text for text in await zhou.pushes())

    async with app.db.uow() as uow:
        case = await uow.session.get(Case, number)
        events = (await uow.session.exec(select(CaseEvent).where(CaseEvent.case_id == number).order_by(CaseEvent.id))).all()
    assert case.state == "resolved"
    assert [(e.action, e.actor_role) for e in events][-2:] == [("escalate", "grid_manager"), ("resolve", "staff")]  # admins act as staff


async def test_standing_in_for_the_street_staff_can_send_the_case_back_to_its_grid(app):
    gm2, staff1, _zhou, number = await _escalated_by_the_grid(app)
    await pushed(staff1)
    await staff1.press(f"case:transfer:{number}")
    assert "第二网格（文峰南苑）" in staff1.buttons  # back where it came from is a choice too
    await staff1.press(f"case:to:{number}:wenfeng-02")
    await staff1.press("cs:skip")  # the reason for a transfer is optional
    assert "已转给第二网格" in staff1.text
    [back] = await pushed(gm2)
    assert f"【转办 #{number}】" in back.text and "受理" in labels(back)


async def test_nobody_is_offered_an_escalation_that_nobody_would_receive(app):
    staff1 = await bind(app, "staff1", Role.staff)  # no grid manager, no street staff: the case goes to staff1
    li = await resident(app, "li")
    number = await file_complaint(li)
    [task] = await pushed(staff1)
    assert "受理" in labels(task) and "上报街道" not in labels(task)

    # A forged or remembered button is refused by the service, before any reason is asked for.
    await staff1.press(f"case:escalate:{number}")
    assert "没法在这里上报" in staff1.text and "直接联系街道" in staff1.text
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, number)).state == "submitted"


async def test_a_grid_manager_cannot_escalate_when_neither_street_nor_community_staff_are_on_the_bot(app):
    gm1 = await bind(app, "gm1", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li)
    [task] = await pushed(gm1)
    assert "上报街道" not in labels(task)
    await gm1.press(f"case:escalate:{number}")
    assert "没法在这里上报" in gm1.text


async def test_with_street_staff_the_community_staff_still_leave_an_escalated_case_to_the_street(app):
    gm1 = await bind(app, "gm1", Role.grid_manager, grid_id="wenfeng-01")
    street = await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    staff1 = await bind(app, "staff1", Role.staff)
    li = await resident(app, "li")
    number = await file_complaint(li)
    [task] = await pushed(gm1)
    assert "上报街道" in labels(task)
    await gm1.press(f"case:escalate:{number}")
    await gm1.say("需要街道协调")
    [push] = await pushed(street)
    assert "请街道处理" in push.text and labels(push) == ["已解决", "转其他网格"]
    assert await pushed(staff1) == []
    await staff1.say("待办")
    assert f"#{number}" not in staff1.text
