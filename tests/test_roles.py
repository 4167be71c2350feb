"""Roles: one-time codes, binding, scoping and revoking, on both databases."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.models import Role
from bot.services import roles
from bot.services.errors import InvalidInput, NotFound
from tests.helpers import Chat

TTL = timedelta(hours=72)


async def invite(app, role: Role, **scope) -> str:
    async with app.db.uow() as uow:
        return (await roles.create_invite(uow, role, ttl=TTL, **scope)).code


async def test_binding_a_grid_manager_grants_the_role_only_in_that_grid(any_app):
    code = await invite(any_app, Role.grid_manager, grid_id="wenfeng-03")
    manager = Chat(any_app, "wang")
    await manager.say(f"绑定 {code.lower()}")  # codes are case- and space-insensitive
    assert "绑定成功" in manager.text and "第三网格" in manager.text
    async with any_app.db.uow() as uow:
        person = (await uow.session.exec(_person_query("wang"))).one()
        assert await roles.has_role(uow, person, Role.grid_manager, grid_id="wenfeng-03")
        assert not await roles.has_role(uow, person, Role.grid_manager, grid_id="wenfeng-04")
        assert not await roles.has_role(uow, person, Role.staff, community_id="wenfeng")


async def test_a_code_works_once(any_app):
    code = await invite(any_app, Role.volunteer)
    await Chat(any_app, "first").say(f"/bind {code}")
    second = Chat(any_app, "second")
    await second.say(f"/bind {code}")
    assert "已经用过了" in second.text


async def test_an_expired_code_is_refused(any_app, clock):
    code = await invite(any_app, Role.staff)
    clock.advance(TTL + timedelta(seconds=1))
    late = Chat(any_app, "late")
    await late.say(f"绑定 {code}")
    assert "已过期" in late.text


async def test_a_wrong_code_is_refused(any_app):
    me = Chat(any_app, "guess")
    await me.say("绑定 AAAAAAAA")
    assert "绑定码不对" in me.text
    await me.say("绑定")
    assert "8 位绑定码" in me.text


async def test_saying_who_one_is_tells_how_to_bind(any_app):
    me = Chat(any_app, "newcomer")
    for text in ("我是网格员", "我是工作人员", "我是志愿者"):
        await me.say(text)
        assert "8 位绑定码" in me.text, text


async def test_two_people_racing_for_one_code_give_one_holder(any_app):
    code = await invite(any_app, Role.grid_leader, grid_id="wenfeng-01")
    racers = [Chat(any_app, f"racer-{i}") for i in range(6)]
    await asyncio.gather(*(racer.say(f"绑定 {code}") for racer in racers))
    winners = [r for r in racers if "绑定成功" in r.text]
    assert len(winners) == 1
    assert all("已经用过了" in r.text for r in racers if r not in winners)
    async with any_app.db.uow() as uow:
        holdings = await roles.list_assignments(uow)
    assert len(holdings) == 1


async def test_admins_are_told_of_a_binding_and_people_of_a_revocation(any_app):
    admin = Chat(any_app, "admin")
    await admin.say(f"绑定 {await invite(any_app, Role.admin)}")
    manager = Chat(any_app, "wang")
    await manager.say(f"绑定 {await invite(any_app, Role.grid_manager, grid_id='wenfeng-02')}")
    assert any("网格管理员" in text for text in await admin.pushes())

    async with any_app.db.uow() as uow:
        holding = next(h for h in await roles.list_assignments(uow) if h.assignment.role == "grid_manager")
        await roles.revoke(uow, holding.assignment.id)
    assert any("已被撤销" in text for text in await manager.pushes())
    await manager.say("/me")
    assert "网格管理员" not in manager.text


async def test_invites_are_validated(any_app):
    async with any_app.db.uow() as uow:
        with pytest.raises(InvalidInput):
            await roles.create_invite(uow, Role.grid_manager, ttl=TTL)  # grid missing
        with pytest.raises(NotFound):
            await roles.create_invite(uow, Role.grid_manager, grid_id="nowhere", ttl=TTL)
        with pytest.raises(InvalidInput):
            await roles.create_invite(uow, Role.resident, ttl=TTL)
    with pytest.raises(InvalidInput):
        roles.parse_role("mayor")


def _person_query(user: str):  # noqa: ANN202
    from sqlmodel import select

    from bot.models import Person

    return select(Person).where(Person.channel_user_id == user)


@pytest.mark.parametrize("typed", ["绑定：{code}", "绑定{code}", "綁定:{code}", "绑定码，{code}"])
async def test_a_code_typed_with_a_colon_or_nothing_before_it_binds(any_app, typed):
    code = await invite(any_app, Role.volunteer)
    me = Chat(any_app, "colon")
    await me.say(typed.format(code=code))
    assert "绑定成功" in me.text


async def test_a_code_the_bot_did_not_take_never_reaches_the_log_of_unanswered_questions(any_app):
    from bot.services import support

    code = await invite(any_app, Role.admin)
    me = Chat(any_app, "lost")
    await me.say(f"请问这个码 {code} 是干啥用的")
    await me.say("我的码 SHLQTSJY 怎么用不了")  # a code may have no digit at all
    async with any_app.db.uow() as uow:
        logged = await support.unanswered(uow)
    assert len(logged) == 2
    for secret in (code, "SHLQTSJY"):
        assert all(secret.lower() not in q.text.lower() and secret.lower() not in q.key for q in logged)
