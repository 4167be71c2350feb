"""预约上门: the address is asked with consent, the task reaches the grid manager of the building's grid."""

from __future__ import annotations

from bot.models import Role
from bot.models.booking import BookingKind, VisitStatus
from tests.helpers import bind
from tests.booking.helpers import bookings, press
from tests.helpers import Chat


async def _request_visit(resident: Chat) -> None:
    await resident.say("高龄津贴怎么申请")
    await press(resident, "预约办理")
    assert "预约上门" in resident.buttons
    await press(resident, "预约上门")
    await press(resident, "老年人")
    assert "同意" in resident.text or "同意" in " ".join(resident.buttons)  # consent first
    await resident.press("pf:agree")
    await resident.say("李秀英")
    await resident.say("13812345678")
    await resident.say("烟厂家属院3号楼")
    await resident.say("2单元")
    await resident.say("301")
    assert "已保存" in resident.text and "上门服务按半天预约" in resident.text
    # the address just typed is not asked about again: the days show it, and 换个地址 is one of them
    assert "上门地址：文峰社区 烟厂家属院3号楼 2单元 301" in resident.text and "换个地址（给家人约）" in resident.buttons
    await press(resident, "3月3日")
    assert "09:00-12:00 余2" in resident.buttons and "14:30-17:30 余2" in resident.buttons
    await press(resident, "09:00-12:00")
    assert "烟厂家属院3号楼 2单元 301" in resident.text
    await press(resident, "确认预约")
    assert "上门预约已提交" in resident.text


async def test_a_home_visit_reaches_the_grid_manager_who_confirms(any_app):
    manager = await bind(any_app, "gm-03", Role.grid_manager, grid_id="wenfeng-03")
    other = await bind(any_app, "gm-01", Role.grid_manager, grid_id="wenfeng-01")
    resident = Chat(any_app, "grandma")
    await _request_visit(resident)
    [made] = await bookings(any_app)
    assert made.kind == BookingKind.home and made.grid_id == "wenfeng-03" and made.visit_status == VisitStatus.requested
    assert made.address and "烟厂家属院3号楼" in made.address and made.reason == "elderly"

    [task] = await manager.pushes()
    assert made.code in task and "烟厂家属院3号楼 2单元 301" in task and "李**" in task and "13812345678" in task
    assert await other.pushes() == []
    await other.press(f"bk:hvok:{made.id}")  # a manager of another grid, with a forged button
    assert "没有权限" in other.text
    await manager.press(f"bk:hvok:{made.id}")
    assert f"已确认上门预约 {made.code}" in manager.text
    [told] = await resident.pushes()
    assert "已确认" in told and "3月3日（周二） 09:00-12:00" in told
    await resident.say("我的预约")
    assert "（已确认）" in resident.text


async def test_the_grid_manager_proposes_another_time_and_the_resident_agrees(app):
    manager = await bind(app, "gm-03", Role.grid_manager, grid_id="wenfeng-03")
    resident = Chat(app, "grandpa")
    await _request_visit(resident)
    [made] = await bookings(app)
    await manager.pushes()
    await manager.press(f"bk:hvalt:{made.id}")
    assert "另选一个时间" in manager.text
    await press(manager, "3月4日（周三） 14:30")
    assert "已把新时间" in manager.text
    [proposal] = await resident.pushes()
    assert "3月4日（周三） 14:30-17:30" in proposal
    await resident.say("我的预约")
    assert "网格员建议了新时间" in resident.text and f"接受新时间 {made.code}" in resident.buttons
    await resident.say("行")  # a plain yes to "可以吗？" accepts, it is not a thank-you
    assert "定在 3月4日（周三） 14:30-17:30" in resident.text
    [moved] = await bookings(app)
    assert moved.visit_status == VisitStatus.confirmed and moved.code == made.code
    [agreed] = await manager.pushes()
    assert "居民同意了" in agreed
    stranger = Chat(app, "stranger")
    await stranger.press(f"bk:hvyes:{made.id}")
    assert "没有找到这个预约" in stranger.text


async def test_without_a_grid_manager_the_staff_get_the_visit(app):
    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "r1")
    await _request_visit(resident)
    [task] = await staff.pushes()
    assert "上门预约" in task


async def test_why_a_visit_is_needed_can_be_said_in_words(app):
    resident = Chat(app, "words_why")
    await resident.say("预约办低保")
    await resident.say("上门")
    await resident.say("我年纪大了走不动")  # was 答不上来, and the booking gone
    assert "您同意吗" in resident.text
    await resident.say("同意")
    for answer in ("李秀英", "13812345678", "北苑三号楼二单元501"):
        await resident.say(answer)
    await press(resident, "3月3日")
    await press(resident, "09:00-12:00")
    await press(resident, "确认预约")
    [made] = await bookings(app)
    assert made.reason == "elderly"
