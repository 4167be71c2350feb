"""A wish let go in words: 那个心愿算了吧 while making it ends it, nothing kept; after it is submitted, it is withdrawn.

At the consent question 那个心愿算了吧 kept the wish as a draft (已经为您保存)
and asked for consent again; at 心愿是什么 the words became the wish.
"""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from bot.models import Wish
from tests.grid.test_wishes import WHY, make_wish
from tests.grid.util import resident
from tests.helpers import Chat

LET_GO = ("那个心愿算了吧", "心愿不许了", "不许了", "不要了", "算了")


async def wishes_stored(app) -> int:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(func.count()).select_from(Wish))).one()


async def nothing_kept(chat: Chat) -> None:
    """What they were told says the wish was not submitted, and 继续 finds nothing put aside."""
    said = chat.text
    assert "没有提交" in said and "已经为您保存" not in said and "您同意吗" not in said, said
    await chat.say("继续")
    assert "没有没填完的内容" in chat.text, chat.text


@pytest.mark.parametrize("words", LET_GO)
async def test_a_wish_let_go_at_the_consent_question_ends_with_nothing_kept(app, words):
    grandma = Chat(app, "grandma")  # no profile yet: name and phone are asked first, with consent
    await grandma.say("我想许个心愿")
    await grandma.say("想要一台收音机")
    assert "您同意吗" in grandma.text, grandma.text
    await grandma.say(words)
    await nothing_kept(grandma)
    assert await wishes_stored(app) == 0


async def test_a_wish_let_go_at_the_name_question_is_not_taken_for_a_name(app):
    grandma = Chat(app, "grandma")
    await grandma.say("我想许个心愿")
    await grandma.say("同意")
    assert "怎么称呼您" in grandma.text, grandma.text
    await grandma.say("心愿不许了")
    await nothing_kept(grandma)
    await grandma.say("我的资料")
    assert "心愿不许了" not in grandma.text, grandma.text


@pytest.mark.parametrize("words", ("那个心愿算了吧", "心愿不许了"))
async def test_a_wish_let_go_at_any_of_its_questions_is_never_its_words(app, words):
    grandma = await resident(app, "grandma")
    answers = ("想要一台收音机", WHY, "两周内")  # each answer leads to the next question
    for asked in range(len(answers) + 1):
        await grandma.say("微心愿")
        for answer in answers[:asked]:
            await grandma.say(answer)
        await grandma.say(words)
        await nothing_kept(grandma)
    assert await wishes_stored(app) == 0


@pytest.mark.parametrize("words", ("算了", "不要了", "不许了"))
async def test_never_mind_right_after_submitting_asks_to_withdraw_that_wish(app, words):
    """算了 under 心愿已提交 said 已退出 while the wish went on to the reviewers."""
    grandma = await resident(app, "grandma")
    number = await make_wish(grandma)
    await grandma.say(words)
    assert f"撤回心愿 #{number}" in grandma.buttons and "已退出" not in grandma.text, grandma.text
    await grandma.say("1")
    assert f"已撤回心愿 #{number}" in grandma.text, grandma.text
    async with app.db.uow() as uow:
        assert (await uow.session.get(Wish, number)).state == "withdrawn"


@pytest.mark.parametrize("words", ("那个心愿算了吧", "心愿不许了"))
async def test_a_submitted_wish_let_go_later_is_offered_for_withdrawal(app, words):
    grandma = await resident(app, "grandma")
    number = await make_wish(grandma)
    await grandma.say("菜单")
    await grandma.say(words)
    assert f"撤回心愿 #{number}" in grandma.buttons and "您的心愿是什么" not in grandma.text, grandma.text
    assert await wishes_stored(app) == 1  # no new wish made of the words
    async with app.db.uow() as uow:
        assert (await uow.session.get(Wish, number)).state == "pending"  # asked first
