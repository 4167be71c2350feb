"""How a wish ends with no volunteer coming: it lapses past its date, or its maker erases their details."""

from __future__ import annotations

from datetime import timedelta

from bot.services import wishes
from bot.services.deadlines import rules_for
from tests.grid.test_wishes import approved_wish
from tests.grid.test_wishes_as_played import stored


async def _due(app, clock) -> int:  # noqa: ANN001
    async with app.db.uow() as uow:
        return await wishes.due(uow, clock.now(), rules_for(app.settings))


async def test_a_wish_nobody_claimed_by_its_date_lapses_and_its_maker_and_reviewers_are_told(app, clock):
    """It stayed 等待志愿者认领 for ever, off the wall, and nobody told the resident it would not come."""
    staff, (volunteer,), grandma, number = await approved_wish(app)  # wanted within 14 days
    await grandma.pushes(), await staff.pushes(), await volunteer.pushes()

    clock.advance(timedelta(days=14))  # its last day: still open
    assert await _due(app, clock) == 0
    clock.advance(timedelta(days=1))
    assert await _due(app, clock) == 1
    assert await _due(app, clock) == 0  # told once
    [told] = await grandma.pushes()
    assert f"心愿 #{number}" in told and "到期前没有志愿者认领" in told and "社区工作人员会和您联系" in told, told
    [asked] = await staff.pushes()
    assert f"心愿 #{number}" in asked and "请和居民联系" in asked, asked
    assert await volunteer.pushes() == []
    assert (await stored(app, number)).state == "lapsed"
    await grandma.say("我的心愿")
    assert f"#{number}" in grandma.text and "到期未被认领" in grandma.text, grandma.text


async def test_a_claimed_wish_past_its_date_does_not_lapse(app, clock):
    staff, (volunteer,), grandma, number = await approved_wish(app)
    clock.advance(timedelta(days=13))
    await volunteer.press(f"wish:claim:{number}")
    clock.advance(timedelta(days=2))
    await _due(app, clock)
    assert (await stored(app, number)).state == "claimed"


async def test_erasing_ones_details_withdraws_the_wishes_under_way_and_tells_the_claimer(app):
    """After /forget the claimer's card read 联系人：—，电话 — and nobody told them; the resident was not warned."""
    staff, (volunteer,), grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.pushes(), await grandma.pushes()
    await grandma.say("/forget")
    assert f"您还有心愿 #{number} 正在进行" in grandma.text and "一并撤回" in grandma.text, grandma.text
    await grandma.press("forget:yes")
    assert (await stored(app, number)).state == "withdrawn"
    [told] = await volunteer.pushes()
    assert f"心愿 #{number}" in told and "您不用去了" in told, told
    assert "王桂兰" not in told and "13698765432" not in told, told
