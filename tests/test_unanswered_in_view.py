"""Words not understood right after the answer about one service keep that service's choices.

便民维修 ⏎ 是我家里面的: the resident goes on about the repair. The bot
answered 答不上来 with the main menu, and the way to book the repair
was gone with the subject.
"""

from __future__ import annotations

from tests.helpers import Chat, unanswered


async def test_after_a_service_answer_words_not_understood_keep_its_choices(app):
    me = Chat(app, "repair")
    await me.say("我家水管漏水了咋办")
    assert "【便民维修】" in me.text, me.text
    await me.say("是我家里面的")
    assert "【便民维修】" in me.text and "预约办理" in me.buttons and "办事指南" not in me.buttons, me.text
    assert "是我家里面的" in await unanswered(app)  # still logged for the staff
    await me.say("预约办理")
    assert "便民维修" in me.text and ("请选日期" in me.text or "您选哪种" in me.text), me.text


async def test_with_no_service_in_view_words_not_understood_get_the_main_menu(app):
    me = Chat(app, "fresh")
    await me.say("是我家里面的")
    assert "答不上来" in me.text and "办事指南" in me.buttons, me.text
