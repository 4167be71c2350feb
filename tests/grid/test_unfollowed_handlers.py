"""Work for someone who unfollowed goes to whoever can still read it, and nobody is told it went where it cannot.

Played on WeChat: the grid's only manager had unfollowed; a new case was
pushed to them alone (marked unreachable) while the resident read
已派给网格管理员. The only volunteer had unfollowed; staff approving a wish
read 已推送给志愿者.
"""

from __future__ import annotations

from bot.models import Person, Role
from bot.services import outbox
from tests.grid.test_wishes import make_wish
from tests.grid.util import file_complaint, pushed, resident
from tests.helpers import Chat, bind


async def _unfollowed(app, chat: Chat) -> None:  # noqa: ANN001
    async with app.db.uow() as uow:
        person = await people_of(uow, chat)
        await outbox.set_unreachable(uow, person, "43004 unsubscribed")
        await uow.commit()


async def people_of(uow, chat: Chat) -> Person:  # noqa: ANN001
    from bot.services import people

    return await people.get_or_create(uow, chat.channel, chat.user)


async def test_a_case_whose_grid_manager_unfollowed_goes_to_the_community_staff(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    staff = await bind(app, "shequ", Role.staff)
    await _unfollowed(app, manager)
    li = await resident(app, "li")
    number = await file_complaint(li, category="sanitation", text="北苑1号楼门口垃圾堆了三天", where="北苑1号楼门口")
    told = [reply.text for reply in await pushed(staff)]
    assert any(f"【新诉求 #{number}】" in text for text in told), told


async def test_approving_a_wish_no_volunteer_can_receive_says_so(app):
    staff = await bind(app, "shequ", Role.staff)
    volunteer = await bind(app, "v1", Role.volunteer)
    await _unfollowed(app, volunteer)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma)
    await staff.press(f"wish:ok:{number}")
    assert f"心愿 #{number} 已通过" in staff.text and "没有能收到推送的志愿者" in staff.text, staff.text
    assert "已推送给志愿者" not in staff.text, staff.text
