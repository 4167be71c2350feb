"""A name typed alone, or with a number, is offered to be kept as theirs, not logged as a question.

A grid manager types their name right after binding; elderly residents
introduce themselves (王建国 13700001111) before saying what they want.
Both got 答不上来, and the name went unmasked into the log staff read.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Person, Role
from tests.helpers import Chat, bind, unanswered


async def _details(app, user: str) -> tuple[str | None, str | None]:  # noqa: ANN001
    async with app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one()
        return person.name, person.phone


@pytest.mark.parametrize("said", ["王建国", "我叫王建国", "我是王建国", "王建国。", "我的名字是王建国"])
async def test_a_name_typed_alone_is_kept_when_the_person_says_so(app, said):
    grandpa = Chat(app, "grandpa")
    await grandpa.say(said)
    assert "要把“王建国”登记为您的姓名吗" in grandpa.text and "答不上来" not in grandpa.text, grandpa.text
    await grandpa.say("是的")
    await grandpa.press("pf:agree")
    assert "您的资料已保存" in grandpa.text, grandpa.text
    assert (await _details(app, "grandpa"))[0] == "王建国"
    assert await unanswered(app) == []


async def test_a_name_with_a_number_keeps_both(any_app):
    grandma = Chat(any_app, "grandma")
    await grandma.say("我叫李秀兰，电话13912345678")
    assert "要把姓名“李秀兰”、电话 13912345678 登记为您的资料吗" in grandma.text, grandma.text
    await grandma.press("nm:keep")
    await grandma.press("pf:agree")
    assert await _details(any_app, "grandma") == ("李秀兰", "13912345678")
    assert await unanswered(any_app) == []


async def test_a_grid_manager_typing_their_name_after_binding_is_asked_to_keep_it(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await manager.say("王建国")
    assert "要把“王建国”登记为您的姓名吗" in manager.text, manager.text


@pytest.mark.parametrize("said", ["周末", "马上到", "许昌市", "文化站", "张伟"])
async def test_words_that_are_not_a_name_or_too_short_to_tell_are_not_offered(app, said):
    me = Chat(app, "words")
    await me.say(said)
    assert "登记为您的姓名" not in me.text, me.text


async def test_saying_no_or_going_on_keeps_nothing(app):
    me = Chat(app, "no")
    await me.say("王建国")
    await me.say("不是")
    assert "没有登记" in me.text and (await _details(app, "no"))[0] is None, me.text
    await me.say("王建国")
    await me.say("低保要带什么材料")
    assert "刚才的姓名没有登记为您的资料" in me.text and "已经为您保存" not in me.text, me.text
    assert (await _details(app, "no"))[0] is None
