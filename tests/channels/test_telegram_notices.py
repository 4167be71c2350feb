"""What a person is told when Telegram brings something the bot does not act on, checked at the Bot API peer."""

from __future__ import annotations


from bot.channels.telegram.inbound import ALLOWED_UPDATES
from tests.peers import telegram_updates as tu

RESIDENT = 7501
GROUP = {"id": -1001234567890, "title": "北苑业主群", "type": "supergroup"}


async def test_an_edited_message_is_answered_with_how_to_send_the_change(tg):
    """Mending a typo (低报 → 低保) by editing got silence: Telegram was not even asked for edits."""
    assert "edited_message" in ALLOWED_UPDATES
    await tg.post(tu.text_update(1, RESIDENT, "低报怎么申请"))
    before = len(tg.peer.sent(RESIDENT))
    response = await tg.post(tu.edited_message_update(2, RESIDENT, "低保怎么申请", message_id=2))
    assert response.status_code == 200
    [notice] = tg.peer.sent(RESIDENT)[before:]
    assert notice.method == "sendMessage"
    assert notice.params["text"] == "修改过的消息我看不到改动。请把改好的话重新发一条给我。"


async def test_a_command_in_a_group_is_answered_with_where_to_ask(tg):
    command = tu.text_update(3, RESIDENT, "/start@resident_test_bot")
    command["message"]["chat"] = GROUP
    chatter = tu.text_update(4, RESIDENT, "今天停水吗")
    chatter["message"]["chat"] = GROUP
    another_bots = tu.text_update(7, RESIDENT, "/start@weather_bot")
    another_bots["message"]["chat"] = GROUP
    for update in (command, chatter, another_bots):
        assert (await tg.post(update)).status_code == 200
    [notice] = tg.peer.sent(GROUP["id"])  # the command only; the chatter is not the bot's to answer
    assert "请在和我的私聊里找我" in notice.params["text"]
    assert tg.peer.sent(RESIDENT) == []


async def test_a_button_pressed_in_a_group_says_why_nothing_happens(tg):
    pressed = tu.callback_update(5, RESIDENT, "guide", message_id=5)
    pressed["callback_query"]["message"]["chat"] = GROUP
    await tg.post(pressed)
    [answer] = tg.peer.calls_of("answerCallbackQuery")
    assert "请在和我的私聊里找我" in answer.params["text"]
    assert tg.peer.sent() == []


async def test_an_english_client_is_told_in_english(tg):
    edited = tu.edited_message_update(6, RESIDENT, "fixed", message_id=2, language_code="en")
    await tg.post(edited)
    [notice] = tg.peer.sent(RESIDENT)
    assert notice.params["text"].startswith("I can't see changes made to a message")


async def test_a_voice_message_is_told_the_keyboards_microphone_not_wechats_transcription(tg):
    """The answer said 按住语音时选“转文字”, which only WeChat offers."""
    await tg.post(tu.voice_update(11, RESIDENT))
    [answer] = [call for call in tg.peer.sent(RESIDENT) if call.method == "sendMessage"]
    assert "听不懂语音" in answer.params["text"] and "话筒" in answer.params["text"], answer.params["text"]
    assert "转文字" not in answer.params["text"]
