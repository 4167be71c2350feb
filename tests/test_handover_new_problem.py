"""A new problem typed right under a staff member's answer to 转人工: asked whether it is for the staff or a new 诉求.

Words typed there go on to that staff (follow-up questions); but 楼下路灯坏了好几天了,
a complaint plainly, went to the staff who answered about 养老认证 and never
reached a grid. Now the resident picks: 接着问工作人员 / 登记成新的诉求, the
words kept for either and sent one way only.
"""

from __future__ import annotations

import re

from sqlmodel import select

from bot.models import HandoverMessage, Role
from tests.grid.util import all_cases, pushed, resident
from tests.helpers import Chat, bind


async def _answered(app) -> tuple[Chat, Chat, int]:  # noqa: ANN001
    """李's 转人工 about 养老认证, answered by the staff; the answer read (its 继续问工作人员 under it)."""
    staff = await bind(app, "staff-1", Role.staff)
    li = await resident(app, "li")
    await li.say("转人工")
    await li.say("我家老伴卧床了，养老认证怎么弄")
    [asked] = await staff.pushes()
    number = int(re.search(r"#(\d+)", asked).group(1))  # type: ignore[union-attr]
    await staff.press(f"hreply:{number}")
    await staff.say("可以预约上门认证，明天上午网格员去您家")
    assert any("明天上午网格员去您家" in text for text in await li.pushes())
    return staff, li, number


async def _resident_lines(app) -> list[str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        lines = (await uow.session.exec(select(HandoverMessage).where(HandoverMessage.from_staff == False).order_by(HandoverMessage.id))).all()  # noqa: E712
    return [line.text for line in lines]


async def test_a_new_problem_under_the_answer_asks_and_becomes_a_complaint_when_chosen(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    staff, li, number = await _answered(app)
    await li.say("楼下路灯坏了好几天了")
    assert "“楼下路灯坏了好几天了”是要接着问工作人员，还是登记成新的诉求" in li.text, li.text
    assert li.buttons == ["接着问工作人员", "登记成新的诉求"], li.buttons
    assert await staff.pushes() == []  # nothing sent before the choice
    await li.say("2")
    assert "已转给" not in li.text and "问题在哪里" in li.text, li.text  # the form, the words its description
    await li.say("在我家")
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text
    [case] = await all_cases(app)
    assert case.description == "楼下路灯坏了好几天了" and case.grid_id == "wenfeng-01"
    assert any("楼下路灯坏了好几天了" in p.text for p in await pushed(manager))
    assert await staff.pushes() == [] and await _resident_lines(app) == ["我家老伴卧床了，养老认证怎么弄"]


async def test_the_new_problem_may_go_on_to_the_staff_instead(app):
    staff, li, number = await _answered(app)
    await li.say("楼下路灯坏了好几天了")
    await li.say("1")
    assert f"已接着转给社区工作人员（编号 #{number}）" in li.text, li.text
    [more] = await staff.pushes()
    assert "楼下路灯坏了好几天了" in more, more
    assert await all_cases(app) == []
    assert await _resident_lines(app) == ["我家老伴卧床了，养老认证怎么弄", "楼下路灯坏了好几天了"]


async def test_something_else_instead_of_choosing_says_the_words_were_not_sent(app):
    staff, li, number = await _answered(app)
    await li.say("楼下路灯坏了好几天了")
    await li.say("低保怎么办")
    assert "刚才那句“楼下路灯坏了好几天了”还没有转给工作人员，也没有登记" in li.text, li.text
    assert await staff.pushes() == [] and await all_cases(app) == []


async def test_a_follow_up_question_still_goes_to_the_staff_at_once(app):
    staff, li, number = await _answered(app)
    await li.say("那要带什么")
    assert f"已接着转给社区工作人员（编号 #{number}）" in li.text and "登记成新的诉求" not in li.text, li.text
    [more] = await staff.pushes()
    assert "那要带什么" in more, more
