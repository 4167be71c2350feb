"""确认上门 / 另约时间 typed by a grid manager away from the visit's push (WeChat: its numbers are gone once another push comes)."""

from __future__ import annotations

from bot.models import Role
from bot.models.booking import VisitStatus
from tests.booking.helpers import bookings, press
from tests.helpers import Chat, bind


async def _visit(resident: Chat, room: str, time: str = "09:00-12:00") -> str:
    """A home visit asked for in 烟厂家属院3号楼 (the grid wenfeng-03); returns its code."""
    await resident.say("预约办低保")
    await resident.say("上门")
    await resident.say("我年纪大了走不动")
    await resident.say("同意")
    for answer in ("李秀英", "13812345678", f"烟厂家属院3号楼2单元{room}"):
        await resident.say(answer)
    await press(resident, "3月3日")
    await press(resident, time)
    await press(resident, "确认预约")
    assert "上门预约已提交" in resident.text
    return (await bookings(resident.app))[-1].code


async def _status(app, code: str) -> str | None:  # noqa: ANN001
    return next(b.visit_status for b in await bookings(app) if b.code == code)


async def test_a_visit_is_confirmed_by_its_code_after_another_push_came(app):
    manager = await bind(app, "gm-03", Role.grid_manager, grid_id="wenfeng-03")
    first = await _visit(Chat(app, "grandma"), "301")
    second = await _visit(Chat(app, "grandpa"), "302", "14:30-17:30")
    assert len(await manager.pushes()) == 2  # the second push's 【1】 is the second visit's
    await manager.say(f"确认上门 {first}")
    assert f"已确认上门预约 {first}" in manager.text
    assert await _status(app, first) == VisitStatus.confirmed
    assert await _status(app, second) == VisitStatus.requested
    await manager.say(f"另约时间{second}")
    assert "另选一个时间" in manager.text


async def test_confirm_alone_offers_the_visits_waiting(app):
    manager = await bind(app, "gm-03", Role.grid_manager, grid_id="wenfeng-03")
    await manager.say("确认上门")
    assert "现在没有等您确认的上门预约" in manager.text
    first = await _visit(Chat(app, "grandma"), "301")
    second = await _visit(Chat(app, "grandpa"), "302", "14:30-17:30")
    await manager.say("确认上门")
    assert "有 2 个上门预约等您确认" in manager.text
    assert manager.buttons == [f"确认上门 {first}", f"确认上门 {second}"]
    await press(manager, f"确认上门 {second}")
    assert f"已确认上门预约 {second}" in manager.text
    await manager.say("确认上门")
    assert "这个上门预约等您处理" in manager.text and manager.buttons == [f"确认上门 {first}"]
    assert await _status(app, first) == VisitStatus.requested  # offered, not confirmed: the words may answer something else
    await press(manager, f"确认上门 {first}")
    assert await _status(app, first) == VisitStatus.confirmed


async def test_the_task_list_holds_the_visits_waiting(app):
    manager = await bind(app, "gm-03", Role.grid_manager, grid_id="wenfeng-03")
    code = await _visit(Chat(app, "grandma"), "301")
    await manager.say("待办")
    assert "等您确认的上门预约（1）" in manager.text
    assert f"{code} 最低生活保障申请 3月3日（周二） 09:00-12:00 文峰社区 烟厂家属院3号楼" in manager.text
    assert "13812345678" not in manager.text
    await press(manager, f"确认上门 {code}")
    assert await _status(app, code) == VisitStatus.confirmed
    await manager.say("待办")
    assert code not in manager.text


async def test_no_one_else_confirms_a_visit_by_words(app):
    await bind(app, "gm-03", Role.grid_manager, grid_id="wenfeng-03")
    other = await bind(app, "gm-01", Role.grid_manager, grid_id="wenfeng-01")
    resident = Chat(app, "grandma")
    code = await _visit(resident, "301")
    await resident.say("确认上门")
    assert "确认上门是网格员收到上门预约后做的事" in resident.text and resident.buttons == []
    await resident.say(f"确认上门 {code}")
    assert "没有权限" in resident.text
    await other.say(f"确认上门 {code}")  # a manager of another grid, with the code
    assert "没有权限" in other.text
    await other.say("确认上门")
    assert "现在没有等您确认的上门预约" in other.text
    assert await _status(app, code) == VisitStatus.requested


async def test_staff_confirm_the_visits_of_a_grid_without_a_manager(app):
    staff = await bind(app, "staff-1", Role.staff)
    code = await _visit(Chat(app, "grandma"), "301")
    await staff.pushes()
    await staff.say("待办")
    assert "等您确认的上门预约（1）" in staff.text and f"确认上门 {code}" in staff.buttons
    await staff.say(f"确认上门 {code}")
    assert f"已确认上门预约 {code}" in staff.text
    assert await _status(app, code) == VisitStatus.confirmed


async def test_another_time_alone_offers_the_visit_and_starts_its_other_time(app):
    manager = await bind(app, "gm-03", Role.grid_manager, grid_id="wenfeng-03")
    code = await _visit(Chat(app, "grandma"), "301")
    await manager.say("另约时间")
    assert "这个上门预约等您处理" in manager.text and manager.buttons == [f"另约时间 {code}"]
    await press(manager, f"另约时间 {code}")
    assert "另选一个时间" in manager.text
    await press(manager, "3月4日（周三） 14:30")
    assert "已把新时间" in manager.text
    assert await _status(app, code) == VisitStatus.proposed
