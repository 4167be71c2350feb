"""Complaints said plainly: things thrown from above, a vehicle left for days.

楼上往下扔垃圾 (高空抛物 as residents say it) and 门口有辆车停了好几天 (a 僵尸车)
got 答不上来; one's own car parked is no complaint.
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident


@pytest.mark.parametrize(
    ("said", "category"),
    [("楼上往下扔垃圾", None), ("门口有辆车停了好几天", "停车"), ("有辆电动车扔在楼道一个月了", None), ("楼下那辆破车放了好几个月了", "停车")],
)
async def test_said_plainly_it_is_taken_as_a_complaint(app, said, category):
    li = await resident(app, "li")
    await li.say(said)
    assert "登记成诉求" in li.text and "答不上来" not in li.text, li.text
    if category:
        assert f"问题类别是“{category}”" in li.text, li.text


@pytest.mark.parametrize("said", ["我的车停了好几天没开", "停车费一个月多少"])
async def test_ones_own_car_or_a_question_is_no_complaint(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "登记成诉求" not in li.text, li.text
