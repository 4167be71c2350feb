"""A grid leader or the street's staff asking in words which cases are overdue.

Found by playing the street's staff after a 督办 push: 超时的诉求 and 有超时的吗
were 答不上来, though 待办 lists the same cases.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.models import Role
from tests.grid.util import file_complaint, pushed, resident
from tests.helpers import bind


@pytest.mark.parametrize("said", ["超时的诉求", "有超时的吗", "哪些超时了", "超期的诉求有哪些", "网格里有几件超时了"])
async def test_overdue_asked_in_words_lists_the_overdue_cases_only(app, clock, said):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    leader = await bind(app, "liu", Role.grid_leader, grid_id="wenfeng-01")
    li = await resident(app, "li")
    late = await file_complaint(li, category="noise", text="广场舞音响太吵")  # 8 working hours
    clock.advance(timedelta(days=7))
    fresh = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await pushed(manager)
    for person in (leader, manager):
        await person.say(said)
        assert "答不上来" not in person.text, person.text
        assert "超时的诉求（1 件）" in person.text and f"#{late}" in person.text, person.text
        assert f"#{fresh}" not in person.text, person.text
        assert f"查看 #{late}" in person.buttons, person.buttons


async def test_none_overdue_is_said_plainly_and_a_resident_is_not_answered_so(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    await file_complaint(li, category="facilities", text="楼道灯坏了")
    await manager.say("有超时的吗")
    assert "都没有超时" in manager.text and "查看待办" in manager.buttons, manager.text
    await li.say("超时的诉求")
    assert "超时的诉求（" not in li.text and "都没有超时" not in li.text, li.text
