"""A grievance about a grid manager goes to the community's staff, never to the grid as a case.

我要投诉网格员 and 网格员不管事 were filed as complaints and pushed to that
grid's manager, the very person complained about; 网格员态度不好 and
我对网格员不满意 got 答不上来.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Case, Role
from tests.grid.util import pushed, resident
from tests.helpers import bind


@pytest.mark.parametrize("said", ["我要投诉网格员", "网格员不管事", "网格员态度不好", "我对网格员不满意"])
async def test_it_reaches_the_staff_and_not_the_grid_manager(app, said):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    staff = await bind(app, "shequ", Role.staff, community_id="wenfeng")
    li = await resident(app, "li")
    await li.say(said)
    assert "不会转给网格员本人" in li.text, li.text
    assert await pushed(manager) == []
    [push] = await pushed(staff)
    assert said in push.text, push.text
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(Case))).all() == []


async def test_a_complaint_about_the_property_company_is_still_a_case(app):
    li = await resident(app, "li")
    await li.say("物业不管事")
    assert "不会转给网格员本人" not in li.text and "诉求" in li.text, li.text
