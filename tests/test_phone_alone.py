"""A phone number typed alone is offered to be kept as the person's phone, not logged as a question.

Elderly residents often send their number before anything else. It got
答不上来, and the number went into the log of questions the knowledge base
lacks, which staff read to improve it.
"""

from __future__ import annotations

from sqlmodel import select

from bot.models import Person
from tests.helpers import Chat, unanswered


async def _phone(app, user: str) -> str | None:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one().phone


async def test_a_number_typed_alone_is_kept_as_the_phone_when_the_person_says_so(any_app):
    grandma = Chat(any_app, "grandma")
    await grandma.say("139 1234 5678")
    assert "要把 13912345678 登记为您的联系电话吗" in grandma.text and "答不上来" not in grandma.text, grandma.text
    await grandma.say("好的")  # a plain yes to what was asked: consent is asked next, nothing kept yet
    assert "您同意吗" in grandma.text and await _phone(any_app, "grandma") is None, grandma.text
    await grandma.press("pf:agree")
    assert "您的资料已保存" in grandma.text and "13912345678" in grandma.text, grandma.text
    assert await _phone(any_app, "grandma") == "13912345678"
    await grandma.say("13912345678")  # her own number again: nothing to ask
    assert "这是您登记的电话" in grandma.text and "登记为您的联系电话吗" not in grandma.text, grandma.text
    assert await unanswered(any_app) == []


async def test_a_number_that_is_not_theirs_is_not_kept_and_other_words_go_on_as_ever(any_app):
    grandma = Chat(any_app, "grandma")
    await grandma.say("13912345678")
    await grandma.say("不是")
    assert "这个号码没有保存" in grandma.text, grandma.text
    await grandma.say("13812345678")
    await grandma.say("低保要带什么材料")  # not an answer: the question is answered, the number not kept
    assert "最低生活保障" in grandma.text, grandma.text
    assert await _phone(any_app, "grandma") is None
    assert await unanswered(any_app) == []


async def test_going_on_without_answering_says_the_number_was_not_saved_and_keeps_no_draft(app):
    grandma = Chat(app, "grandma")
    await grandma.say("13912345678")
    await grandma.say("低保要带什么材料")
    assert "刚才的号码没有登记为您的电话" in grandma.text, grandma.text
    assert "已经为您保存" not in grandma.text and "刚才的操作" not in grandma.text, grandma.text  # an offer is no form
    await grandma.say("继续")
    assert "登记为您的联系电话吗" not in grandma.text, grandma.text
