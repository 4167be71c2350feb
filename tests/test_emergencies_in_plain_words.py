"""More emergencies as residents say them: a fall with no 倒, a child not found, a bad turn, a fight.

我老伴摔了起不来 offered 养老保险资格认证 and 残疾人证 to choose from; 孩子找不到了
got the 快递代收 guide (找件); 我头晕的厉害, 有人在楼道里打架 and 老公打我 got 答不上来,
and 被儿子赶出来了 the 打印复印 guide.
The same words about things at leisure, or about things lost, keep their answers.
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("我老伴摔了起不来", "120"),
        ("老人摔了一跤起不来了", "120"),
        ("孩子找不到了", "110"),
        ("俺爸找不着了", "110"),
        ("我头晕的厉害", "120"),
        ("我妈头疼得厉害直吐", "120"),
        ("有人在楼道里打架", "110"),
        ("楼下有人打人", "110"),
        ("老公打我", "110"),
        ("家暴", "110"),
        ("被儿子赶出来了", "110"),
    ],
)
async def test_said_plainly_an_emergency_gets_the_number_to_call_first(app, said, number):
    li = await resident(app, "li")
    await li.say(said)
    first = li.text.splitlines()[1]  # under the title: 🚨 and the number, before any tip
    assert first.startswith("🚨") and number in first, li.text


@pytest.mark.parametrize(
    "said", ["孩子的户口本找不到了", "孩子在学校打架怎么办", "头疼医保能报吗", "楼上两口子天天吵架", "我的快递找不到了"]
)
async def test_the_same_words_about_something_else_are_no_emergency(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "🚨" not in li.text, li.text
