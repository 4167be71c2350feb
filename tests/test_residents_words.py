"""Residents' words read wrongly, and small talk answered 答不上来 (recorded for the knowledge-base staff as unanswered)."""

from __future__ import annotations

import pytest

from bot.services import support
from tests.grid.util import resident


async def _nothing_unanswered(app) -> None:  # noqa: ANN001
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []


@pytest.mark.parametrize("said", ["我家老头子走了", "我想问下我家老头子走了 丧葬费怎么领", "俺娘前天没了"])
async def test_a_death_said_as_gone_is_the_funeral_subsidy_not_the_disability_card(app, chat, said):
    """走了 / 没了 of a person is a death: 我家老头子走了 got the 残疾人证 guide (俺家老头中风了 is its example)."""
    widow = chat()
    await widow.say(said)
    assert widow.text.startswith("【惠民殡葬补贴申请】"), widow.text
    assert "残疾" not in widow.text


async def test_an_old_man_gone_missing_is_still_a_call_to_110(app, chat):
    """The near miss: 走丢了 is not a death."""
    family = chat()
    await family.say("老人走丢了")
    assert "110" in family.text and "殡葬" not in family.text, family.text


async def test_walking_a_few_steps_is_no_death(app, chat):
    me = chat()
    await me.say("我爸走了两步就喘")
    assert "殡葬" not in me.text


async def test_a_signed_family_doctor_is_the_family_doctor_guide_not_a_booking(app, chat):
    """签约了 was read as 约了, an appointment: the bookings were shown."""
    me = chat()
    await me.say("家庭医生签约了有啥用")
    assert me.text.startswith("【家庭医生签约】"), me.text


async def test_borrowing_a_book_with_a_measure_word_is_the_reading_room(app, chat):
    me = chat()
    await me.say("借本书")
    assert me.text.startswith("【图书借阅】"), me.text


@pytest.mark.parametrize("said", ["社区能开证明吗", "单位要我开个证明", "孙子上幼儿园要办什么证明"])
async def test_a_certificate_in_general_says_who_issues_which_not_a_wrong_service(app, chat, said):
    """These got 低收入家庭认定 or 志愿者注册: no service issues 证明 in general."""
    me = chat()
    await me.say(said)
    assert me.text.startswith("【开证明】"), me.text
    assert "派出所" in me.text
    assert "转人工" in me.text
    assert "找工作人员" in me.buttons


async def test_a_named_certificate_is_still_its_service(app, chat):
    me = chat()
    await me.say("孩子上学要开个困难家庭证明去哪开")
    assert me.text.startswith("【低收入家庭认定】"), me.text


async def test_fake_medicine_sold_in_the_estate_goes_to_12315(app, chat):
    me = chat()
    await me.say("有人在小区里卖假药")
    assert me.text.startswith("【卖假药、假货】") and "12315" in me.text, me.text


async def test_a_childs_vaccination_is_at_the_health_centres_vaccination_clinic(app, chat):
    me = chat()
    await me.say("俺家小孩打疫苗在哪打")
    assert me.text.startswith("【打疫苗（预防接种）】") and "预防接种门诊" in me.text, me.text


async def test_asking_why_nobody_comes_to_repair_chases_the_residents_complaints(app):
    """你们怎么还不来修 was 答不上来: it chases a complaint, like 怎么还没人来."""
    li = await resident(app, "li")
    await li.say("你们怎么还不来修")
    assert "没有查到您提交过的诉求" in li.text, li.text
    await _nothing_unanswered(app)


@pytest.mark.parametrize("said", ["我想问一下", "问个事", "打扰一下", "请问", "麻烦问下", "我想咨询个事情"])
async def test_asking_leave_to_ask_is_invited_to_go_on_and_not_recorded(app, chat, said):
    me = chat()
    await me.say(said)
    assert me.text.startswith("您请说"), me.text
    await _nothing_unanswered(app)


async def test_a_hello_is_still_the_greeting_and_wei_is_one(app, chat):
    me = chat()
    for said in ("你好", "喂"):
        await me.say(said)
        assert me.text.startswith("您好！有什么可以帮您"), me.text
    await _nothing_unanswered(app)


@pytest.mark.parametrize("said", ["中秋快乐", "新年好"])
async def test_a_seasons_greeting_is_greeted_back(app, chat, said):
    me = chat()
    await me.say(said)
    assert "节日快乐" in me.text, me.text
    await _nothing_unanswered(app)


@pytest.mark.parametrize("said", ["没事了", "不用了谢谢", "你们真负责"])
async def test_nothing_more_wanted_and_praise_get_a_kind_word(app, chat, said):
    me = chat()
    await me.say(said)
    assert me.text.startswith("不客气"), me.text
    await _nothing_unanswered(app)


async def test_asking_whether_the_bot_is_a_machine_says_what_it_is_and_how_to_reach_a_person(app, chat):
    me = chat()
    await me.say("你是机器人吗")
    assert "不是真人" in me.text and "转人工" in me.text, me.text
    await _nothing_unanswered(app)


@pytest.mark.parametrize(
    ("channel", "said", "expected"),
    [
        ("wechat", "能语音吗", "可以发语音"),
        ("telegram", "我发语音行不行", "在 Telegram 上我还听不懂语音"),
        ("wechat", "字太小了看不清", "“我” → “设置” → “通用” → “字体大小”"),
        ("telegram", "怎么把字调大", "“聊天设置”"),
    ],
)
async def test_voice_and_the_size_of_the_letters_are_answered_for_the_channel(app, chat, channel, said, expected):
    """字太小了看不清 was the 图书借阅 guide, 能语音吗 答不上来."""
    me = chat(f"u-{channel}", channel)
    await me.say(said)
    assert expected in me.text, me.text
    assert "图书" not in me.text
    await _nothing_unanswered(app)


async def test_on_wechat_the_letters_answer_also_offers_voice(app, chat):
    me = chat("u-wechat", "wechat")
    await me.say("字太小了看不清")
    assert "发语音" in me.text, me.text


@pytest.mark.parametrize("said", ["我叫什么", "我登记的电话是多少", "我家地址是什么"])
async def test_asking_what_is_kept_shows_the_residents_own_details(app, said):
    """我登记的电话是多少 got the centre's phone; 我叫什么 答不上来."""
    li = await resident(app, "li")
    await li.say(said)
    assert li.text.startswith("我们为您保存的信息") and "李秀英" in li.text and "13812345678" in li.text, li.text


async def test_changing_the_phone_still_asks_for_the_new_one(app):
    """The near miss: 改电话 changes it."""
    li = await resident(app, "li")
    await li.say("我要改电话")
    assert "我们为您保存的信息" not in li.text
