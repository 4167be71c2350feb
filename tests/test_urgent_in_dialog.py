"""An emergency typed inside a dialog is told what to do first; the dialog still keeps the words."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Handover, Role
from tests.grid.util import resident
from tests.helpers import Chat, bind


async def test_a_gas_smell_told_to_the_staff_gets_the_119_line_at_once_and_still_reaches_them(app):
    staff = await bind(app, "staff-1", Role.staff)
    grandma = Chat(app, "grandma")
    await grandma.say("转人工")
    await grandma.say("家里煤气味很大怎么办")
    assert "119" in grandma.text
    assert grandma.text.index("119") < grandma.text.index("已转给社区工作人员")
    [pushed] = await staff.pushes()
    assert "家里煤气味很大怎么办" in pushed
    async with app.db.uow() as uow:
        [handover] = (await uow.session.exec(select(Handover))).all()
    assert handover.question == "家里煤气味很大怎么办"


async def test_someone_fainting_said_as_a_complaint_gets_the_120_line_and_the_form_goes_on(app):
    grandpa = await resident(app, "grandpa")
    await grandpa.say("反映问题")
    await grandpa.press("cs:cat:other")
    await grandpa.say("我老伴晕倒了")
    assert "120" in grandpa.text
    assert "问题在哪里" in grandpa.text


async def test_a_gas_smell_at_the_category_question_is_answered_once_not_twice(app):
    grandpa = await resident(app, "grandpa")
    await grandpa.say("反映问题")
    await grandpa.say("楼道里煤气味很大")
    assert grandpa.text.count("119") == 1


async def test_ordinary_words_in_a_dialog_get_no_emergency_line(app):
    grandpa = await resident(app, "grandpa")
    await grandpa.say("反映问题")
    await grandpa.press("cs:cat:facilities")
    await grandpa.say("楼道灯坏了好几天了")
    assert "🚨" not in grandpa.text
    assert "问题在哪里" in grandpa.text
