"""A case no grid holds yet is assigned to one (分派网格), not sent to "another grid" it never had."""

from __future__ import annotations

from bot.models import Case, Role
from tests.grid.util import pushed, resident, unrouted_case
from tests.helpers import bind


async def test_an_unrouted_case_offers_the_staff_to_assign_it_and_a_routed_one_to_transfer_it(app):
    staff = await bind(app, "shequ", Role.staff, community_id="wenfeng")
    m1 = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    far = await unrouted_case(li)
    [push] = [p for p in await pushed(staff) if f"#{far}" in p.text]
    labels = [b.label for b in push.flat_buttons]
    assert "分派网格" in labels and "转其他网格" not in labels, labels
    await staff.press(f"case:transfer:{far}")
    await staff.press(f"case:to:{far}:wenfeng-01")  # the grid chosen
    await staff.say("跳过")
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, far)).grid_id == "wenfeng-01"
    [task] = [p for p in await pushed(m1) if f"#{far}" in p.text]
    assert "转其他网格" in [b.label for b in task.flat_buttons]  # in a grid now: another grid, if not theirs
