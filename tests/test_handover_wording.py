"""The 转人工 push names the resident once: 居民4 问 for one who gave no name, 李** 问 for one who did.

It read 居民 居民4 问, the word said twice.
"""

from __future__ import annotations

from bot.models import Role
from tests.grid.util import pushed, resident
from tests.helpers import Chat, bind


async def test_the_push_to_staff_names_the_resident_once(app):
    staff = await bind(app, "shequ", Role.staff, community_id="wenfeng")
    nameless = Chat(app, "nameless")
    await nameless.say("转人工 想问问老房子改造的事")
    li = await resident(app, "li", name="李秀英")
    await li.say("转人工 想问问老房子改造的事")
    first, second = await pushed(staff)
    assert "居民 居民" not in first.text and "】居民" in first.text and "问：想问问老房子改造的事" in first.text, first.text
    assert "】李** 问：" in second.text and "李秀英" not in second.text, second.text
