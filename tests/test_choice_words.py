"""回3, 回 3, 选3, 3号: a line of the numbered list on screen, as residents answer one on WeChat.

回复3 chose the line; 回3 (the same, shortened) was read as a question,
answered 答不上来 and logged as one the knowledge base lacks.
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident
from tests.helpers import Chat


@pytest.mark.parametrize("words", ("回3", "回 3", "回三", "选3", "3号"))
async def test_a_word_and_a_number_under_the_menu_choose_that_line(app, words):
    grandma = await resident(app, "grandma")
    await grandma.say("你好")
    assert "反映问题" in grandma.buttons[2], grandma.buttons
    await grandma.say(words)
    assert "哪一类问题" in grandma.text, grandma.text
    assert "答不上来" not in grandma.text


async def test_hui_and_a_number_answers_the_question_of_an_open_form(app):
    grandma = Chat(app, "grandma")
    await grandma.say("我要反映问题")
    assert grandma.buttons == ["同意", "不同意"]
    await grandma.say("回1")
    assert "怎么称呼您" in grandma.text, grandma.text


async def test_hui_and_a_number_with_no_list_on_screen_chooses_nothing(app):
    grandma = await resident(app, "grandma")
    await grandma.say("回3")  # the first message: nothing was ever shown
    assert "哪一类问题" not in grandma.text, grandma.text


async def test_words_beginning_with_hui_are_not_a_choice(app):
    grandma = await resident(app, "grandma")
    await grandma.say("你好")
    await grandma.say("回3楼")
    assert "哪一类问题" not in grandma.text, grandma.text


@pytest.mark.parametrize("words", ("我要第一个", "好的，第一个", "对，第一个", "那就第一个吧"))
async def test_words_of_choosing_before_an_ordinal_are_that_choice(app, words):
    """我要第一个, 好的，第二个 typed under a numbered list were 答不上来 (the form put aside as a draft)."""
    grandma = Chat(app, "grandma")
    await grandma.say("我要反映问题")
    assert grandma.buttons == ["同意", "不同意"]
    await grandma.say(words)
    assert "怎么称呼您" in grandma.text and "答不上来" not in grandma.text, grandma.text


async def test_a_quantity_is_not_a_choice(app):
    grandma = Chat(app, "grandma")
    await grandma.say("低保怎么办")
    await grandma.say("我要2个")  # how many of something: not choice 2 (办理步骤)
    assert "办理步骤" not in grandma.text.splitlines()[0], grandma.text
