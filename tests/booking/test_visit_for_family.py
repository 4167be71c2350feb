"""预约上门 for a parent: the visit goes to the parent's address, its grid's manager gets the task, the profile stays.

The caller (a daughter, often) stays the contact: her name and phone reach
the grid manager; the parent's address lives on the booking only.
"""

from __future__ import annotations

from bot.models import Person, Role
from bot.models.booking import BookingKind
from sqlmodel import select
from tests.booking.helpers import bookings, press
from tests.helpers import Chat, bind


async def _registered(app, user: str) -> Chat:  # noqa: ANN001
    """A resident whose profile says 南苑1号楼 1单元 101 (the second grid), given through the profile form."""
    me = Chat(app, user)
    await me.press("me:edit")
    await me.press("pf:agree")
    for answer in ("王丽", "13900001111", "南苑1号楼", "1单元", "101"):
        await me.say(answer)
    assert "已保存" in me.text and "南苑1号楼 1单元 101" in me.text, me.text
    return me


async def _profile(app, name: str) -> tuple[str | None, str | None, str | None, str | None]:  # noqa: ANN001
    async with app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.phone == name))).one()
        return person.name, person.building, person.unit, person.room


async def _managers(app) -> tuple[Chat, Chat]:  # noqa: ANN001
    north = await bind(app, "gm-north", Role.grid_manager, grid_id="wenfeng-01")  # 北苑1–4号楼
    south = await bind(app, "gm-south", Role.grid_manager, grid_id="wenfeng-02")  # 南苑
    return north, south


async def _book_half_day(me: Chat) -> None:
    await press(me, "3月3日")
    await press(me, "09:00-12:00")


async def test_the_address_said_for_a_mother_is_where_the_visit_goes(any_app):
    north, south = await _managers(any_app)
    daughter = await _registered(any_app, "daughter")
    await daughter.say("帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    assert "哪种情况" in daughter.text, daughter.text  # 上门 was said: not asked 到中心办理 or 预约上门
    await press(daughter, "老年人")
    assert "北苑3号楼 2单元 301" in daughter.text and "南苑1号楼" not in daughter.text, daughter.text
    assert daughter.buttons == ["就是这里", "换个地址（给家人约）"]
    await press(daughter, "就是这里")
    assert "上门服务按半天预约" in daughter.text and "北苑3号楼 2单元 301" in daughter.text, daughter.text
    await _book_half_day(daughter)
    assert "请核对预约" in daughter.text and "北苑3号楼 2单元 301" in daughter.text, daughter.text
    await press(daughter, "确认预约")
    assert "上门预约已提交" in daughter.text and "北苑3号楼 2单元 301" in daughter.text, daughter.text

    [made] = await bookings(any_app)
    assert made.kind == BookingKind.home and made.grid_id == "wenfeng-01" and "北苑3号楼 2单元 301" in (made.address or "")
    [task] = await north.pushes()
    assert made.code in task and "北苑3号楼 2单元 301" in task and "13900001111" in task and "家属代约" in task, task
    assert await south.pushes() == []
    assert await _profile(any_app, "13900001111") == ("王丽", "南苑1号楼", "1单元", "101")


async def test_another_address_is_asked_for_this_booking_only(app):
    north, south = await _managers(app)
    daughter = await _registered(app, "son")
    await daughter.say("帮我妈预约上门办高龄津贴")
    await press(daughter, "老年人")
    assert "您登记的住址" in daughter.text and "南苑1号楼 1单元 101" in daughter.text, daughter.text
    await press(daughter, "换个地址")
    assert "哪栋楼" in daughter.text
    await daughter.say("北院三号楼")  # a slip: the nearest names are offered
    assert "北苑3号楼" in daughter.buttons, daughter.buttons
    await press(daughter, "北苑3号楼")
    await daughter.say("2")  # the unit
    await daughter.say("三零一")  # the door, said to voice input
    assert "上门地址：文峰社区 北苑3号楼 2单元 301（只用于这次预约" in daughter.text, daughter.text
    await _book_half_day(daughter)
    assert "北苑3号楼 2单元 301" in daughter.text and "南苑1号楼" not in daughter.text, daughter.text
    await daughter.say("确认预约")
    assert "上门预约已提交" in daughter.text, daughter.text
    [made] = await bookings(app)
    assert made.grid_id == "wenfeng-01"
    [task] = await north.pushes()
    assert "北苑3号楼 2单元 301" in task
    assert await south.pushes() == []
    assert await _profile(app, "13900001111") == ("王丽", "南苑1号楼", "1单元", "101")


async def test_a_new_user_booking_for_a_parent_gives_her_own_name_and_is_not_asked_her_address(app):
    north, _south = await _managers(app)
    daughter = Chat(app, "new_daughter")
    await daughter.say("帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    assert "哪种情况" in daughter.text, daughter.text  # 上门 was said: not asked 到中心办理 or 预约上门
    await press(daughter, "老年人")
    assert "联系您本人" in daughter.text, daughter.text
    await daughter.press("pf:agree")
    assert "称呼" in daughter.text
    await daughter.say("王丽")
    await daughter.say("13900001111")
    assert "北苑3号楼 2单元 301" in daughter.text and "就是这里" in daughter.buttons, daughter.text  # not 您住哪栋楼
    await daughter.say("就是这里")
    await _book_half_day(daughter)
    await press(daughter, "确认预约")
    assert "上门预约已提交" in daughter.text, daughter.text
    [made] = await bookings(app)
    assert made.grid_id == "wenfeng-01" and "北苑3号楼 2单元 301" in (made.address or "")
    [task] = await north.pushes()
    assert "王*" in task and "13900001111" in task, task
    assert await _profile(app, "13900001111") == ("王丽", None, None, None)  # her own name; no address of her mother's


async def test_this_address_keeps_the_usual_path(app):
    north, south = await _managers(app)
    me = await _registered(app, "herself")
    await me.say("预约办高龄津贴")
    await press(me, "预约上门")
    await press(me, "老年人")
    await me.say("就是这里")
    assert "上门地址：文峰社区 南苑1号楼 1单元 101" in me.text, me.text
    await _book_half_day(me)
    assert "南苑1号楼 1单元 101" in me.text
    await press(me, "确认预约")
    [made] = await bookings(app)
    assert made.grid_id == "wenfeng-02" and made.address == "文峰社区 南苑1号楼 1单元 101"
    [task] = await south.pushes()
    assert "南苑1号楼 1单元 101" in task and "家属代约" not in task
    assert await north.pushes() == []


async def test_address_buttons_pressed_at_the_reason_do_not_skip_the_reason_or_the_contact(app):
    """bk:here, bk:away or bk:pb:… forged (or stale) at 哪种情况 went to the address, past the reason and the contact."""
    for forged in ("bk:here", "bk:away", "bk:pb:1", "bk:pb:xyz"):
        me = Chat(app, f"forged{forged}")
        await me.say("帮我妈预约上门办高龄津贴")
        assert "哪种情况" in me.text, me.text
        await me.press(forged)
        assert "哪种情况" in me.text and "老年人" in me.buttons, (forged, me.text)
    assert await bookings(app) == []


async def test_a_visit_address_stored_in_another_shape_is_asked_again_not_a_traceback(app):
    """A `place` kept in the dialog that is no address raised at the confirmation (a system error, not booked)."""
    from bot.models import DialogState
    from handlers.booking.basics import DIALOG

    await _managers(app)
    daughter = await _registered(app, "son")
    await daughter.say("帮我妈预约上门办高龄津贴")
    await press(daughter, "老年人")
    await press(daughter, "换个地址")
    await daughter.say("北苑3号楼2单元301")
    await _book_half_day(daughter)
    async with app.db.uow() as uow:
        [state] = (await uow.session.exec(select(DialogState).where(DialogState.dialog == DIALOG))).all()
        state.data = {**state.data, "place": "北苑3号楼"}  # a string where the address was kept
        await uow.commit()
    await daughter.say("确认预约")
    assert "哪栋楼" in daughter.text and "系统" not in daughter.text, daughter.text
    assert await bookings(app) == []
