"""A spot typed at the photo question, with no building or estate of its own, says where in the place given.

北苑3号楼2单元 ⏎ 就是二楼到三楼那块 replaced the place with the spot alone:
the case lost its grid and went to the staff to be sent on by hand.
"""

from __future__ import annotations

import pytest

from bot.models import Case, Role
from tests.grid.util import case_id, pushed, resident
from tests.helpers import bind


async def _filed_with(app, spot: str) -> tuple[Case, list]:  # noqa: ANN001
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li", name="李秀兰", phone="13912345678", building=None, room=None)  # type: ignore[arg-type]
    await li.say("反映问题")
    await li.press("cs:cat:facilities")
    await li.say("楼道灯坏了好几天了")
    await li.say("北苑3号楼2单元")
    assert "已确定由第一网格（文峰北苑）负责" in li.text, li.text
    await li.say(spot)  # at the photo question
    assert "人工分派" not in li.text and "已确定由第一网格（文峰北苑）负责" in li.text, li.text
    await li.press("cs:skip")
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, case_id(li.text))
    return case, await pushed(manager)


@pytest.mark.parametrize(
    ("spot", "place"),
    [("就是二楼到三楼那块", "北苑3号楼2单元 二楼到三楼那块"), ("楼道里", "北苑3号楼2单元 楼道里"), ("在三楼拐角", "北苑3号楼2单元 三楼拐角")],
)
async def test_a_spot_said_after_the_place_is_added_to_it_and_the_grid_kept(app, spot, place):
    case, [push] = await _filed_with(app, spot)
    assert (case.address, case.grid_id) == (place, "wenfeng-01")
    assert place in push.text, push.text


async def test_a_place_of_its_own_at_the_photo_question_still_replaces_it(app):
    case, _pushes = await _filed_with(app, "北苑1号楼门口")
    assert case.address == "北苑1号楼门口" and case.grid_id == "wenfeng-01"
