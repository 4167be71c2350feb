"""What 删除我的资料 says about roles: a plain resident was told of 网格员, a role they never had."""

from __future__ import annotations

from bot.models import Role
from tests.grid.util import resident
from tests.helpers import bind


async def test_a_resident_is_told_only_that_the_details_are_erased(app):
    li = await resident(app, "li")
    await li.say("删除我的资料")
    await li.press("forget:yes")
    assert "已删除您的个人资料" in li.text and "网格员" not in li.text and "身份" not in li.text, li.text


async def test_a_grid_manager_is_told_the_role_stays_and_how_to_give_it_up(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await manager.say("删除我的资料")
    await manager.press("forget:yes")
    assert "已删除您的个人资料" in manager.text and "网格管理员" in manager.text and "社区管理员" in manager.text, manager.text
