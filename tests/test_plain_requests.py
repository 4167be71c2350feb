"""What elderly residents say about themselves and to the bot, answered as such.

我不识字, 眼睛看不清, 听不懂 got the help's list of commands (or the 图书借阅
guide); 给我打个电话 and 你们怎么不回消息 got 答不上来 instead of a person;
谢谢你们啊好人一生平安 got 答不上来; 孩子户口咋上 offered 居住证 and 生育登记.
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident
from tests.helpers import unanswered


@pytest.mark.parametrize("said", ["我不识字", "我眼睛看不清", "听不懂", "俺不会打字"])
async def test_reading_or_typing_hard_is_answered_with_other_ways(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "请家里人帮您发消息" in li.text and "转人工" in li.text and "/menu" not in li.text, li.text
    wang = await resident(app, "wang", channel="wechat")
    await wang.say(said)
    assert "发语音" in wang.text, wang.text  # WeChat reads voice messages as words


@pytest.mark.parametrize("said", ["给我打个电话", "能不能给我回个电话", "你们怎么不回消息"])
async def test_asking_to_be_called_or_answered_reaches_a_person(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "转给社区工作人员" in li.text and "答不上来" not in li.text, li.text


async def test_a_blessing_with_the_thanks_is_thanked_back(app):
    li = await resident(app, "li")
    await li.say("谢谢你们啊好人一生平安")
    assert "不客气" in li.text, li.text
    assert await unanswered(app) == []


async def test_putting_a_child_on_the_household_register_is_the_police_stations(app):
    li = await resident(app, "li")
    await li.say("孩子户口咋上")
    assert "派出所" in li.text and "居住证申领" not in li.buttons, li.text
