"""A label typed is chosen only where it is not undone by the words before it in another label."""

from __future__ import annotations

from bot.models import Wish
from tests.grid.test_wishes import approved_wish


async def test_typing_the_claim_again_does_not_choose_the_give_back_button(app):
    """认领 #1 typed a second time matched 放弃认领 #1 on screen: the claim was given back and re-pushed."""
    staff, (v1, v2), grandma, number = await approved_wish(app, volunteers=2)
    await v1.pushes(), await v2.pushes()
    await v1.say(f"认领 #{number}")
    assert f"您认领了心愿 #{number}" in v1.text and f"放弃认领 #{number}" in v1.buttons, v1.buttons
    await grandma.pushes()

    await v1.say(f"认领 #{number}")
    assert "已放弃" not in v1.text, v1.text
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
    assert wish.state == "claimed"
    assert await grandma.pushes() == [] and await v2.pushes() == []  # nobody told it is free again
