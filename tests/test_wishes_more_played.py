"""微心愿 played again in `resident-bot chat`: a resident, a volunteer and two staff; each test is a defect seen there."""

from __future__ import annotations

from bot.models import Wish
from tests.grid.test_wishes import fulfilled_wish


async def _state(app, number: int) -> str:  # noqa: ANN001
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
        assert wish is not None
        return wish.state


async def test_what_is_missing_said_after_not_yet_reaches_the_volunteer(app):
    """还没有, then 说好昨天来的也没来: 答不上来, and the volunteer, told only “请和居民联系”, heard nothing of it."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    await grandma.press(f"wish:notyet:{number}")
    assert "直接打字告诉我" in grandma.text, grandma.text
    [told] = await volunteer.pushes()
    assert "还没有实现" in told, told
    await grandma.say("说好昨天来的也没来")
    assert "已转告" in grandma.text and "答不上来" not in grandma.text, grandma.text
    [word] = await volunteer.pushes()
    assert "说好昨天来的也没来" in word and f"#{number}" in word, word


async def test_not_yet_typed_with_what_is_missing_under_the_push_goes_to_the_volunteer(app):
    """还没有，说好昨天来的也没来 under 请确认 got 答不上来: the wish stayed “done” and the volunteer was never told."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    await grandma.say("还没有，说好昨天来的也没来")
    assert f"心愿 #{number} 还没实现" in grandma.text and "答不上来" not in grandma.text, grandma.text
    assert await _state(app, number) == "claimed"
    [told] = await volunteer.pushes()
    assert "还没有实现" in told and "说好昨天来的也没来" in told, told


async def test_a_bare_not_yet_under_the_push_is_not_passed_on_twice(app):
    """还没弄呢 says nothing the volunteer's push does not: one push, no quoted words."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    await grandma.say("说好的也没来")
    assert await _state(app, number) == "claimed"
    await volunteer.pushes()
    await volunteer.press(f"wish:hrs:{number}:2")
    await grandma.pushes()
    await grandma.say("还没弄呢")
    assert "转告了您的话" not in grandma.text and f"心愿 #{number} 还没实现" in grandma.text, grandma.text
    [told] = await volunteer.pushes()
    assert "居民说：" not in told, told
