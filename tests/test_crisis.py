"""Someone saying they do not want to live, or that a person is about to jump, is answered with 110/120 and 12356 first.

我不想活了 was 答不上来 and logged as a question for the knowledge base.
"""

from __future__ import annotations

import pytest

from bot.services import support
from tests.grid.util import resident


@pytest.mark.parametrize("said", ["我不想活了", "活着没意思 不想活了", "楼上有人要跳楼", "我妈说她想死", "儿子说要自杀"])
async def test_a_crisis_is_answered_with_the_numbers_to_call_first(app, said):
    li = await resident(app, "li")
    await li.say(said)
    first = li.text.splitlines()[1]
    assert first.startswith("🚨") and "110" in first and "12356" in first, li.text
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []


@pytest.mark.parametrize("said", ["跳楼价甩卖", "社区有没有预防自杀的讲座", "想死你了"])
async def test_words_that_only_sound_like_it_get_no_emergency_line(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "🚨" not in li.text, li.text


async def test_said_to_the_staff_it_is_answered_first_and_still_reaches_them(app):
    li = await resident(app, "li")
    await li.say("转人工")
    await li.say("我不想活了")
    assert li.text.index("12356") < li.text.index("已")
