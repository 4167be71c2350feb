"""A home visit booked from the waiting list is the visit asked for: its address, its reason, its grid told.

Taken when a seat freed, it had no address and no reason, and the grid's
managers never heard of it: nobody would have come.
"""

from __future__ import annotations

from bot.models import Role
from bot.models.booking import BookingKind, BookingStatus, VisitStatus
from tests.booking.helpers import bookings, press
from tests.booking.test_visit_for_family import _registered
from tests.helpers import Chat, bind


async def _visit_on_tuesday_morning(me: Chat, asked: str) -> None:
    """`asked` (预约上门…), 老年人, the address offered, Tuesday 3 March 9:00-12:00, up to the confirmation."""
    await me.say(asked)
    await press(me, "老年人")
    await press(me, "就是这里")
    await press(me, "3月3日")
    await press(me, "09:00-12:00")


async def half_day_taken(app) -> None:  # noqa: ANN001
    """Grid 1's two visits of Tuesday morning booked by two neighbours for their mothers: the half-day is full."""
    from tests.booking.helpers import press
    from tests.booking.test_visit_for_family import _registered

    for neighbour in ("first", "second"):
        chat = await _registered(app, neighbour)
        await _visit_on_tuesday_morning(chat, "帮我妈预约上门办高龄津贴 她住北苑2号楼1单元101")
        await press(chat, "确认预约")


async def test_a_visit_for_a_mother_taken_from_the_waiting_list_goes_to_her_and_reaches_her_grid(any_app):
    north = await bind(any_app, "gm-north", Role.grid_manager, grid_id="wenfeng-01")  # 北苑1–4号楼
    first, second = await _registered(any_app, "first"), await _registered(any_app, "second")
    for neighbour in (first, second):  # grid 1's two visits of that half-day, for their own mothers
        await _visit_on_tuesday_morning(neighbour, "帮我妈预约上门办高龄津贴 她住北苑2号楼1单元101")
    daughter = await _registered(any_app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    for neighbour in (first, second):
        await press(neighbour, "确认预约")
    await press(daughter, "确认预约")
    assert "刚刚这个时段被约满了" in daughter.text, daughter.text
    await press(daughter, "排队等空位")
    assert "您是第 1 位" in daughter.text, daughter.text
    await north.pushes()  # the two neighbours' tasks

    code = (await bookings(any_app))[0].code
    await first.say(f"取消预约 {code}")
    await press(first, "确定取消")
    [offer] = await daughter.pushes()
    assert "有空位了" in offer, offer
    # The offer says it is the home visit, for the half-day, and where (it said only 3月3日 09:00)
    assert "上门办理 3月3日（周二） 09:00-12:00" in offer and "上门地址：文峰社区 北苑3号楼 2单元 301" in offer, offer
    await north.pushes()  # the cancelled visit's notice
    await daughter.say("我的预约")
    await press(daughter, "我要这个时段")
    assert "上门预约已提交" in daughter.text and "地址：文峰社区 北苑3号楼 2单元 301" in daughter.text, daughter.text

    made = [b for b in await bookings(any_app) if b.status == BookingStatus.booked][-1]
    assert made.kind == BookingKind.home and made.grid_id == "wenfeng-01", made
    assert made.address == "文峰社区 北苑3号楼 2单元 301" and made.reason == "elderly", made
    assert made.visit_status == VisitStatus.requested, made
    [task] = await north.pushes()  # as for a visit booked directly: confirm, or another half-day
    assert made.code in task and "北苑3号楼 2单元 301" in task and "13900001111" in task, task
    assert "老年人" in task and "家属代约" in task, task
    await north.press(f"bk:hvok:{made.id}")
    assert f"已确认上门预约 {made.code}" in north.text, north.text


async def test_a_wait_from_before_details_were_kept_goes_to_the_residents_own_home_in_that_grid(app):
    """Waits on record before the upgrade hold no address: the resident's own, when it is in the slot's grid."""
    from sqlmodel import select

    from bot.models import BookingWait

    north = await bind(app, "gm-north", Role.grid_manager, grid_id="wenfeng-01")
    first, second = await _registered(app, "first"), await _registered(app, "second")
    for neighbour in (first, second):
        await _visit_on_tuesday_morning(neighbour, "帮我妈预约上门办高龄津贴 她住北苑2号楼1单元101")
        await press(neighbour, "确认预约")
    waiting = Chat(app, "waiting")  # her own home is in grid 1 (北苑)
    await waiting.press("me:edit")
    await waiting.press("pf:agree")
    for answer in ("王丽", "13900001111", "北苑4号楼", "3单元", "502"):
        await waiting.say(answer)
    await _visit_on_tuesday_morning(waiting, "预约上门办高龄津贴")  # full: pressed, the half-day is waited for
    assert "您是第 1 位" in waiting.text, waiting.text
    async with app.db.uow() as uow:  # as kept before: no address, no reason
        [wait] = (await uow.session.exec(select(BookingWait))).all()
        wait.address = wait.reason = None
        await uow.commit()
    await north.pushes()

    await first.say(f"取消预约 {(await bookings(app))[0].code}")
    await press(first, "确定取消")
    await waiting.say("我的预约")
    await press(waiting, "我要这个时段")
    assert "地址：文峰社区 北苑4号楼 3单元 502" in waiting.text, waiting.text
    [task] = [t for t in await north.pushes() if "取消" not in t]
    assert "北苑4号楼 3单元 502" in task and "家属代约" not in task, task
