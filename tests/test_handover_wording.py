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


async def test_a_person_asked_for_in_plain_words_is_the_handover(app):
    """我不跟机器说话 got the 老年人日间照料 guide; 叫个活人来, 找社区的人 got 答不上来 and were logged."""
    from tests.helpers import unanswered

    for number, said in enumerate(("我不跟机器说话", "叫个活人来", "找社区的人", "找个管事的")):
        grandpa = Chat(app, f"grandpa-{number}")
        await grandpa.say(said)
        assert "转给社区工作人员" in grandpa.text, (said, grandpa.text)
    assert await unanswered(app) == []
