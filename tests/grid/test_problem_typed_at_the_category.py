"""A problem typed at the category question that also names its category (路灯杆歪了) is kept as what happened."""

from __future__ import annotations

from bot.models import Case
from tests.grid.util import case_id, resident


async def test_a_problem_naming_its_category_is_not_asked_for_again(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.say("锦华园小区门口")  # the place first, kept
    await li.say("路灯杆歪了")  # names 路灯 (公共设施) and says what happened
    assert "具体情况" not in li.text and "是什么问题" not in li.text, li.text
    assert "已确定由第五网格（锦华园）负责" in li.text, li.text
    await li.press("cs:skip")
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, case_id(li.text))
    assert (case.category, case.description, case.address) == ("facilities", "路灯杆歪了", "锦华园小区门口")


async def test_a_category_named_alone_still_asks_what_happened(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.say("路灯的事")
    assert "请用文字说说具体情况" in li.text, li.text
