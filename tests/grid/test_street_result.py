"""A case the grid escalated (上报街道) and the street resolved: the grid manager who sent it up is told the result.

The resident was told; the grid manager, who answers to the neighbourhood
for the case, heard nothing and found out only by opening it.
"""

from __future__ import annotations

from bot.models import Role
from tests.grid.util import accepted_task, escalated, pushed
from tests.helpers import Chat, bind


async def test_the_street_resolving_an_escalated_case_tells_the_grid_manager(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    street, number = await escalated(app, manager, "消防通道占用需要城管执法")
    await pushed(street)
    await pushed(manager)

    await street.press(f"case:resolve:{number}")
    await street.say("城管已到场，车辆已挪走并张贴告知")
    await street.press("cs:skip")
    assert f"诉求 #{number} 已办结" in street.text, street.text

    [told] = await pushed(manager)
    assert f"【街道已办结 #{number}】" in told.text and "城管已到场，车辆已挪走" in told.text, told.text
    assert "北苑1号楼门口总有车乱停" in told.text, told.text  # which case, with its card
    assert await pushed(street) == []  # not the one who resolved it
    li = Chat(app, "li")
    assert any("城管已到场" in text for text in await li.pushes())  # the resident, as before


async def test_a_case_resolved_by_its_own_grid_sends_the_manager_nothing_more(app):
    manager, li, number = await accepted_task(app)
    await manager.press(f"case:resolve:{number}")
    await manager.say("已劝离车主")
    await manager.press("cs:skip")
    assert await pushed(manager) == []
    assert any("已劝离车主" in text for text in await li.pushes())
