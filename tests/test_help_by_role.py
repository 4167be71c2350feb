"""帮助 shows each person the words of their own roles, after what everyone can do.

A grid manager asking 帮助 was told only how to ask a question: nothing of
待办, of the words a task takes, or of 已上门 for a home visit.
"""

from __future__ import annotations

import pytest

from bot.models import Role
from tests.helpers import Chat, bind

EVERYONE = "怎么用我"
SECTIONS = {"grid_manager": "网格员常用", "staff": "工作人员常用", "volunteer": "志愿者常用", "party_member": "党员常用"}


@pytest.mark.parametrize(
    ("role", "grid_id", "shown"),
    [
        (Role.grid_manager, "wenfeng-01", "grid_manager"),
        (Role.grid_leader, "wenfeng-01", "grid_manager"),
        (Role.staff, None, "staff"),
        (Role.admin, None, "staff"),
        (Role.volunteer, None, "volunteer"),
        (Role.party_member, None, "party_member"),
    ],
)
async def test_help_shows_the_words_of_the_persons_own_role(app, role, grid_id, shown):
    person = await bind(app, "someone", role, grid_id=grid_id)
    await person.say("帮助")
    assert EVERYONE in person.text, person.text
    for name, title in SECTIONS.items():
        assert (title in person.text) == (name == shown), (name, person.text)


async def test_a_resident_sees_no_role_words_and_a_volunteer_party_member_sees_both(app):
    resident = Chat(app, "grandma")
    await resident.say("帮助")
    assert EVERYONE in resident.text and not any(title in resident.text for title in SECTIONS.values()), resident.text
    both = await bind(app, "xiaoli", Role.volunteer)
    await bind(app, "xiaoli", Role.party_member)
    await both.say("帮助")
    assert "志愿者常用" in both.text and "党员常用" in both.text and "网格员常用" not in both.text, both.text
    assert "心愿墙" in both.text and "主题党日" in both.text
