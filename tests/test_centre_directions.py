"""How to get to the centre: buses, parking, the step-free way in.

Played as an elderly resident: 坐几路公交能到 offered 老年人优待证 among a
choice of services, 有地方停车吗 and 社区怎么去 were 答不上来, and 轮椅能进去吗
was read as borrowing a wheelchair. The community's record had no line for
any of it.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Community
from tests.helpers import Chat, unanswered


def _first_line(text: str) -> str:
    return text.splitlines()[1]


@pytest.mark.parametrize(
    "asked", ["中心怎么走", "社区怎么去", "坐几路公交能到社区", "坐几路车到你们那", "有地方停车吗", "社区有停车的地方吗", "中心有无障碍通道吗"]
)
async def test_the_way_there_is_answered_first_from_the_communitys_directions(app, asked):
    me = Chat(app, "asker")
    await me.say(asked)
    assert _first_line(me.text).startswith("🚌 怎么来：坐 5 路、16 路公交到文峰路口站"), me.text
    assert "📍 地址：魏都区文峰路 88 号" in me.text
    assert await unanswered(app) == []


async def test_without_directions_it_says_they_are_not_written_down_and_gives_the_phone(app):
    async with app.db.uow() as uow:
        community = (await uow.session.exec(select(Community))).first()
        community.directions = None
        await uow.commit()
    me = Chat(app, "asker")
    await me.say("有地方停车吗")
    assert "还没有写" in me.text and "☎ 电话：0374-5123456" in me.text, me.text


async def test_a_wheelchair_to_borrow_is_still_that_service(app):
    me = Chat(app, "asker")
    await me.say("我想借个轮椅")
    assert "【轮椅助行器借用】" in me.text and "🚌" not in me.text, me.text
