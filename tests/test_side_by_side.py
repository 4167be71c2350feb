"""A question asking how two services differ gets them side by side, not two full overviews.

低保和低收入家庭有什么区别 got both guides one after the other, twenty lines
with the places, hours and fees of each, and the difference left to find.
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident


@pytest.mark.parametrize(
    ("said", "first", "second"),
    [
        ("低保和低收入家庭有什么区别", "最低生活保障申请", "低收入家庭认定"),
        ("低保跟特困有啥不一样", "最低生活保障申请", "特困人员救助供养申请"),
        ("高龄津贴和居家养老补贴的区别", "高龄津贴申请", "居家养老服务补贴申请"),
    ],
)
async def test_two_services_asked_apart_are_set_side_by_side(app, said, first, second):
    li = await resident(app, "li")
    replies = await li.say(said)
    assert len(replies) == 1, [r.text for r in replies]
    text = li.text
    assert text.startswith("这两项放在一起看"), text
    assert text.index(f"【{first}】") < text.index(f"【{second}】"), text
    assert text.count("谁可以办：") == 2, text
    assert "📍 地点" not in text  # the overviews' lines are a tap away, not here
    assert li.buttons[:2] == [first, second], li.buttons


async def test_a_service_chosen_from_the_comparison_shows_its_guide(app):
    li = await resident(app, "li")
    await li.say("低保和低收入家庭有什么区别")
    await li.say("2")
    assert li.text.startswith("【低收入家庭认定】"), li.text
    assert "📍 地点" in li.text


async def test_two_services_asked_about_without_a_difference_still_get_both_guides(app):
    li = await resident(app, "li")
    await li.say("低保和老年证怎么办")
    assert "【最低生活保障申请】" in li.text, li.text
    assert "📍 地点" in li.text
    assert "这两项放在一起看" not in li.text
