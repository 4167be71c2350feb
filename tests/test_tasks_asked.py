"""A grid manager or staff member asking for their to-do in their own words.

Played as a new grid manager: 待办 listed the tasks, but 今天有啥任务 got
答不上来 and was logged as a question the knowledge base lacks.
"""

from __future__ import annotations

import pytest

from bot.models import Role
from tests.grid.util import file_complaint, resident
from tests.helpers import bind, unanswered


@pytest.mark.parametrize("words", ["今天有啥任务", "有新任务吗", "还有待办吗", "看看待办", "我的任务呢", "有活儿吗？"])
async def test_a_grid_manager_asking_for_tasks_in_words_gets_the_to_do(app, words):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li)
    await manager.say(words)
    assert f"#{number}" in manager.text and "答不上来" not in manager.text, manager.text
    assert await unanswered(app) == []


async def test_with_nothing_to_do_it_says_so(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await manager.say("今天有啥任务")
    assert "没有待办" in manager.text, manager.text


async def test_a_resident_asking_about_activities_is_not_given_a_to_do(app):
    li = await resident(app, "li")
    await li.say("有新任务吗")
    assert "待办" not in li.text, li.text
    await li.say("今天有什么活动")
    assert "待办" not in li.text, li.text
