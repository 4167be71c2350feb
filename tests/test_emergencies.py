"""Emergencies said in a resident's own words are answered with the number to call, first.

老人在楼下摔倒了 was the 居家养老补贴 guide, 楼道里冒烟了 the start of a
complaint to the grid, 家里有煤气味 the 水电燃气缴费 guide: an elderly
resident was left reading a guide while someone lay on the ground. Questions
about the same things at leisure (摔断了腿能办残疾证吗, 火灾隐患) keep their
answers.
"""

from __future__ import annotations

import pytest

from tests.grid.util import resident


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("老人在楼下摔倒了", "120"),
        ("俺娘在卫生间滑倒了起不来", "120"),
        ("我爸突然晕过去了叫也不应", "120"),
        ("老伴突然胸口疼出冷汗", "120"),
        ("楼道里冒烟了", "119"),
        ("厨房起火了", "119"),
        ("家里一股煤气味儿", "119"),
        ("电梯坏了把我关在里面了", "119"),
        ("有人被困在电梯里了", "119"),
        ("楼下有人拿刀砍人", "110"),
    ],
)
async def test_an_emergency_is_answered_with_the_number_to_call_first(app, said, number):
    li = await resident(app, "li")
    await li.say(said)
    first = li.text.splitlines()[1]  # under the title: 🚨 and the number, before any tip
    assert first.startswith("🚨") and number in first, li.text
    assert "诉求" not in li.text


async def test_a_fall_is_not_answered_with_the_home_care_subsidy(app):
    li = await resident(app, "li")
    await li.say("老人在楼下摔倒了")
    assert li.text.startswith("【摔倒、跌倒】"), li.text
    assert "居家养老" not in li.text


@pytest.mark.parametrize(
    ("said", "title"),
    [
        ("腿摔断了能办残疾证吗", "【残疾人证办理"),
        ("我爸摔了一跤以后就瘫在床上了，能申请居家养老服务吗", "【居家养老"),
        ("居家养老补贴怎么申请", "【居家养老"),
        ("燃气费在哪交", "【水电"),
    ],
)
async def test_a_question_about_a_service_that_mentions_a_fall_or_gas_stays_the_service(app, said, title):
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith(title), li.text
    assert "🚨" not in li.text


async def test_a_fire_hazard_is_still_a_complaint(app):
    li = await resident(app, "li")
    await li.say("小区楼道里堆东西有火灾隐患")
    assert li.text.startswith("收到，我帮您登记成诉求"), li.text


@pytest.mark.parametrize(
    "said",
    ["燃气灶打不着火了", "车位被人抢了", "刷卡没反应了", "煤气罐没气了", "我家电梯坏了我出不去", "垃圾倒在地上没人管", "空调外机掉下来了"],
)
async def test_everyday_words_that_sound_like_an_emergency_get_no_emergency_line(app, said):
    li = await resident(app, "li")
    await li.say(said)
    assert "🚨" not in li.text, li.text


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("My dad fell down and can't get up", "120"),
        ("my mother fainted, she is unconscious", "120"),
        ("There is a fire in building 3, lots of smoke", "119"),
        ("I smell gas in the kitchen", "119"),
        ("someone is stuck in the lift", "119"),
        ("my mother is missing since this morning", "110"),
        ("a man with a knife is breaking in", "110"),
        ("I don't want to live anymore", "12356"),
    ],
)
async def test_an_emergency_said_in_english_gets_the_number_to_call_first(app, said, number):
    """A foreign resident writing 'my dad fell down' got 答不上来 and a line in the log of unanswered questions."""
    tom = await resident(app, "tom", name="Tom Smith")
    await tom.say(said)
    first = tom.text.splitlines()[1]
    assert first.startswith("🚨") and number in first, tom.text


@pytest.mark.parametrize(
    "said",
    ["cars are blocking the fire lane", "my ID card is missing", "how do I pay the gas bill",
     "my grandma had a fall last year, is there a subsidy", "where is the fire extinguisher"],
)
async def test_english_words_that_sound_like_an_emergency_get_no_emergency_line(app, said):
    tom = await resident(app, "tom", name="Tom Smith")
    await tom.say(said)
    assert "🚨" not in tom.text, tom.text
