"""More residents' words read as something else: 低保 paid, the bus for the disabled, an idiom, two offices' phones,
a typo of 应急救助, an errand asked for."""

from __future__ import annotations

import pytest

from tests.grid.util import resident


async def test_when_the_minimum_allowance_is_paid_answers_the_minimum_allowance(app):
    """低保每个月几号到账 was a choice of 低保, 高龄津贴 and 灵活就业补贴 (到账, 每个月 in their examples)."""
    li = await resident(app, "li")
    await li.say("低保每个月几号到账")
    assert li.text.startswith("【最低生活保障申请】"), li.text
    assert "您问的是下面哪一项" not in li.text and "高龄津贴" not in li.text


async def test_the_bus_for_the_disabled_is_the_disability_card_not_the_senior_card(app):
    """残疾人坐公交免费吗 was the 老年人优待证's fee (坐公交免费 is its keyword): the 残疾人证 is what the bus asks for."""
    li = await resident(app, "li")
    await li.say("残疾人坐公交免费吗")
    assert li.text.startswith("【残疾人证办理】"), li.text
    assert "乘车等优惠" in li.text, li.text
    assert "老年人优待证" not in li.text


async def test_the_bus_for_the_old_is_still_the_senior_card_and_says_what_it_gives(app):
    """老人坐公交免费吗 answered 费用：免费 of the card itself; what the card gives is in its overview."""
    li = await resident(app, "li")
    await li.say("老人坐公交免费吗")
    assert li.text.startswith("【老年人优待证办理】\n"), li.text
    assert "乘车" in li.text, li.text


@pytest.mark.parametrize("said", ["好事多磨", "船到桥头自然直"])
async def test_a_saying_of_patience_is_answered_kindly_not_as_a_service(app, said):
    """好事多磨 was the 志愿者注册 guide."""
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith("是呀，不着急，慢慢来"), li.text
    assert "志愿者" not in li.text and "【" not in li.text


async def test_the_water_companys_phone_says_where_to_find_it_without_inventing_one(app):
    """自来水公司电话 was 答不上来: the number is on the water bill, or 12345 knows it."""
    li = await resident(app, "li")
    await li.say("自来水公司电话")
    assert li.text.startswith("【自来水公司（供水）】"), li.text
    assert "水费单" in li.text and "12345" in li.text, li.text
    assert "☎" not in li.text  # no local number is known: none is given


async def test_the_traffic_polices_phone_is_122(app):
    """交警电话 was 答不上来."""
    li = await resident(app, "li")
    await li.say("交警电话")
    assert li.text.startswith("【交警（交通事故、道路交通）】"), li.text
    assert "☎ 电话：122" in li.text, li.text


async def test_a_typo_of_the_emergency_relief_is_the_temporary_relief_not_an_ambulance(app):
    """影急救助 (应急救助 typed) was 急病、受伤 with 请马上拨打 120: 急救 is inside 应急救助."""
    li = await resident(app, "li")
    await li.say("影急救助")
    assert li.text.startswith("【临时救助申请】"), li.text
    assert "120" not in li.text


@pytest.mark.parametrize(("said", "number"), [("着火了", "119"), ("有人晕倒了", "120"), ("老人晕倒了要急救", "120")])
async def test_a_real_emergency_is_still_one(app, said, number):
    li = await resident(app, "li")
    await li.say(said)
    assert "🚨" in li.text and number in li.text, li.text


async def test_an_errand_asked_for_becomes_a_micro_wish(app):
    """帮我买点菜 was 答不上来: a volunteer's micro-wish is how an errand gets done."""
    li = await resident(app, "li")
    await li.say("帮我买点菜")
    assert "您的心愿是：“帮我买点菜”" in li.text and "为什么需要它" in li.text, li.text


@pytest.mark.parametrize("said", ["我七十八了能领高龄津贴不", "俺八十一岁了能申请高龄津贴没"])
async def test_ones_age_and_a_yes_no_question_ending_in_bu_is_who_may_apply(app, said):
    """我七十八了能领高龄津贴不 got the overview: the 不 ending the question (as in Henan) was not read as asking."""
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith("【高龄津贴申请】谁可以办"), li.text
