"""A resident's thanks typed under the rating push (谢谢你们 辛苦了, 给你们点个赞).

Found by playing 刘桂芳 after her drain was cleared: 谢谢你们 辛苦了 under the
rating push was answered 不客气 with 返回主菜单, and the 5 she typed next was
"请回复 1 到 1 之间的数字": the case was never rated.
"""

from __future__ import annotations

import pytest

from bot.models import Case
from tests.grid.test_rating import _awaiting_rating, _two_awaiting_rating


@pytest.mark.parametrize("said", ["谢谢你们 辛苦了", "给你们点个赞", "辛苦了", "效率真高"])
async def test_thanks_under_the_rating_push_asks_for_the_stars_again(app, said):
    _manager, li, number = await _awaiting_rating(app)
    await li.say(said)
    assert f"请给诉求 #{number} 打个分" in li.text and "不客气" not in li.text, li.text
    assert "5 星" in li.buttons and "没解决" in li.buttons, li.buttons
    await li.say("5")
    assert f"诉求 #{number} 已关闭" in li.text, li.text
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, number)
        assert (case.state, case.rating) == ("closed", 5)


async def test_under_the_push_of_one_of_two_the_thanks_are_for_that_one(app):
    _manager, li, first, second = await _two_awaiting_rating(app)
    await li.press(f"cs:view:{first}")
    await li.say("谢谢你们")
    assert f"请给诉求 #{first} 打个分" in li.text, li.text


async def test_thanks_away_from_the_rating_are_only_thanks(app):
    _manager, li, _number = await _awaiting_rating(app)
    await li.say("我的资料")
    await li.say("谢谢你们")
    assert "打个分" not in li.text, li.text


@pytest.mark.parametrize(("said", "asked"), [("灯亮了", "谢谢您！"), ("一般般", "好的。"), ("太慢了", "好的。"), ("凑合吧", "好的。")])
async def test_a_word_on_the_work_under_the_rating_push_asks_for_the_stars(app, said, asked):
    """一般般 and 太慢了 under the rating push were 答不上来, the stars gone with it."""
    _manager, li, number = await _awaiting_rating(app)
    await li.say(said)
    assert "答不上来" not in li.text, li.text
    assert li.text.startswith(asked) and f"请给诉求 #{number} 打个分" in li.text, li.text
    await li.say("3")
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, number)).rating == 3
