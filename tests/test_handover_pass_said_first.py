"""2号转给网格员, the number said first, does what 转给网格员 2 does: question #2 passed to the grid.

Staff type it as they read 【转人工 #2】: it was read as a transfer of case
#2 to another grid (没有编号为 2 的诉求), and the resident's question stayed
where it was.
"""

from __future__ import annotations

import pytest

from bot.models import Role
from tests.grid.util import file_complaint, resident as with_home
from tests.helpers import bind
from tests.test_staff_as_played import _asked, _choice, _id


@pytest.mark.parametrize("said", ["{n}号转给网格员", "#{n} 转给网格员", "【{n}】转网格员", "把{n}号转给网格员"])
async def test_the_number_said_first_passes_that_question_to_the_grid(app, said):
    staff = await bind(app, "zhang", Role.staff)
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await _asked(app, "grandpa", "老年卡在哪办")
    grandma = await with_home(app, "grandma", building="北苑1号楼")
    await grandma.say("转人工 我家门口下水道堵了")
    number = _id((await staff.pushes())[-1])
    await staff.say("待回复")

    await staff.say(said.format(n=number))
    assert "没有编号为" not in staff.text and "转其他网格" not in staff.text, staff.text
    assert "转成诉求" in staff.text and "下水道堵了" in staff.text and "第一网格" in staff.text, staff.text
    await staff.say(_choice(staff, "确认转给网格员"))
    assert f"转人工 #{number} 已转成诉求" in staff.text, staff.text
    assert any("下水道堵了" in text for text in await manager.pushes())


async def test_with_a_case_of_the_same_number_open_the_question_is_passed_and_the_case_stays(app):
    """Staff also handle cases (an unrouted one reaches them): 1号转给网格员 still means 转人工 #1."""
    staff = await bind(app, "zhang", Role.staff)
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    number = await file_complaint(await with_home(app, "li"))
    await manager.pushes()
    grandma = await with_home(app, "grandma", building="北苑1号楼")
    await grandma.say("转人工 我家门口下水道堵了")
    asked = _id((await staff.pushes())[-1])
    assert asked == number  # both #1

    await staff.say(f"{asked}号转给网格员")
    assert "转成诉求" in staff.text and "下水道堵了" in staff.text, staff.text


async def test_a_grid_managers_or_residents_same_words_are_not_a_pass(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await manager.say("2号转给网格员")
    assert "转成诉求" not in manager.text and "没有权限" not in manager.text, manager.text
    li = await with_home(app, "li")
    await li.say("2号转给网格员")
    assert "转成诉求" not in li.text and "没有权限" not in li.text, li.text
