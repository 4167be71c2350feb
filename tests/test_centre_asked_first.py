"""社区在哪 and 社区电话多少 answered with the week's hours first, the address and phone at the bottom.

An elderly reader stops at the first lines: what was asked comes first, the
hours after it; 几点上班 keeps the hours first.
"""

from __future__ import annotations

from tests.helpers import Chat


def _first_lines(text: str) -> list[str]:
    return text.splitlines()[1:3]


async def test_the_address_or_phone_asked_comes_before_the_hours(app):
    me = Chat(app, "asker")
    await me.say("社区在哪")
    assert _first_lines(me.text)[0].startswith("📍 地址：魏都区文峰路 88 号"), me.text
    await me.say("社区电话多少")
    assert _first_lines(me.text)[0] == "☎ 电话：0374-5123456", me.text
    await me.say("社区几点上班")
    assert "开放" in _first_lines(me.text)[0] and "📍" in me.text, me.text
    await me.say("周六社区开门吗在哪")  # the day asked: its hours stay first
    assert "开放" in _first_lines(me.text)[0], me.text
