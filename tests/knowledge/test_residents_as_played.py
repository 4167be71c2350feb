"""Residents' questions about the services as they really write them, played in a chat.

Voice input with no punctuation, dialect, homophone typos and old words:
each test is a message a resident sent and the answer they got before.
"""

from __future__ import annotations

import pytest


async def test_a_question_said_in_one_breath_about_one_service_gets_that_service_only(chat):
    """Voice input cut after 多少钱 once gave the rest (去哪里交 … 手机上交) its own answer: 养老保险's place."""
    me = chat()
    await me.say("医保那个今年是多少钱一个人我们家五口人都要交的话去哪里交啊可以在手机上交吗")
    assert "【城乡居民基本养老保险参保登记】" not in me.text
    assert "城乡居民基本医疗保险参保登记" in me.text + "".join(me.buttons[:1])


async def test_two_questions_said_in_one_breath_each_naming_its_service_still_get_two_answers(chat):
    me = chat()
    await me.say("低保怎么申请还有高龄津贴怎么领")
    assert "【最低生活保障申请】" in me.text and "【高龄津贴申请】" in me.text


async def test_a_service_named_in_the_question_is_answered_though_other_words_point_elsewhere(chat):
    """A named service against an unnamed runner-up was offered as a choice (手机 pulled 水电气代缴, 低保 低收入家庭)."""
    me = chat()
    await me.say("不会用手机怎么认证养老金")
    assert me.text.startswith("【养老保险待遇领取资格认证】"), me.text
    await me.say("享受低保要什么条件")
    assert me.text.startswith("【最低生活保障申请】"), me.text
    await me.say("医保那个今年是多少钱一个人我们家五口人都要交的话去哪里交啊可以在手机上交吗")
    assert me.text.startswith("【城乡居民基本医疗保险参保登记】"), me.text


@pytest.mark.parametrize(
    ("message", "title"),
    [
        ("残废证", "【残疾人证办理】"),  # the old word, still said: was 答不上来
        ("长寿金", "【高龄津贴申请】"),  # was 答不上来
        ("老年餐", "【老年助餐】"),  # was a choice with 老年人优待证 first
        ("拐棍", "【轮椅助行器借用】"),  # was 答不上来
        ("怎么才能评上低保", "【最低生活保障申请】"),  # 够不上低保 made it 低收入家庭认定, offered first
        ("咋着才能吃上低保", "【最低生活保障申请】"),
        ("我想做点好事帮助别人", "【志愿者注册】"),  # was the help text
        ("上门洗澡", "【居家养老服务补贴申请】"),  # 助浴, said plainly: was 答不上来
        ("欠薪", "【法律援助申请】"),  # was 答不上来
        ("俺爹昨天夜里走了，后事的钱社区给不给补", "【惠民殡葬补贴申请】"),  # 后事: was a choice
    ],
)
async def test_residents_words_for_a_service_get_its_answer(chat, message: str, title: str):
    me = chat()
    await me.say(message)
    assert me.text.startswith(title), me.text


@pytest.mark.parametrize("message", ["人死了社区给补贴吗", "俺爹死了有啥补助"])
async def test_a_death_said_as_si_le_asks_about_the_funeral_subsidy(chat, message: str):
    """人死了社区给补贴吗 was offered 灵活就业社保补贴 first: 死了 was no way of saying 去世."""
    me = chat()
    await me.say(message)
    assert me.text.startswith("【惠民殡葬补贴申请】"), me.text
    tired = chat("tired")
    await tired.say("今天累死人了")  # not a death
    assert "殡葬" not in tired.text, tired.text


@pytest.mark.parametrize(
    ("message", "start"),
    [
        ("残疾证在那里办", "【残疾人证办理】地点和时间"),  # 那 typed for 哪: was the overview
        ("残疾证去那办", "【残疾人证办理】地点和时间"),
        ("低保在几楼办", "【最低生活保障申请】地点和时间"),
        ("居住证找谁办", "【居住证申领】地点和时间"),
        ("残疾证周六能办吗", "【残疾人证办理】地点和时间"),  # was the overview: 能办吗 read as who may apply too
        ("高龄津贴几天能到账", "【高龄津贴申请】费用和办理时间"),
        ("高龄补贴要多钱", "【高龄津贴申请】费用和办理时间"),  # 多钱, as said in Henan
    ],
)
async def test_the_part_asked_in_residents_words_is_answered_at_once(chat, message: str, start: str):
    me = chat()
    await me.say(message)
    assert me.text.startswith(start), me.text


async def test_asking_how_to_pay_shebao_offers_the_insurances_to_choose_from(chat):
    """社保怎么交 was answered with 灵活就业人员社会保险补贴 (a subsidy), though most who ask mean 居民养老 or 医保."""
    me = chat()
    await me.say("社保怎么交")
    assert "哪一项" in me.text, me.text
    offered = {"城乡居民基本养老保险参保登记", "城乡居民基本医疗保险参保登记", "灵活就业人员社会保险补贴申请"}
    assert offered <= set(me.buttons), me.buttons
    assert me.buttons[0] == "城乡居民基本养老保险参保登记"


async def test_a_fee_for_cable_tv_is_not_the_repair_service(chat):
    """交有线电视费 was answered with 便民维修 once 修电视 was one of its words (78e58b9): 电视 is no repair."""
    me = chat()
    await me.say("交有线电视费")
    assert "【便民维修】" not in me.text, me.text


@pytest.mark.parametrize("message", ["谢谢小同志，祝你身体健康！", "谢谢你们祝你们健康长寿", "好的谢谢，祝你们工作顺利"])
async def test_a_blessing_at_the_end_is_thanked_back_not_answered_as_a_service(chat, message: str):
    """谢谢小同志，祝你身体健康 got 健康自测's guide (身体健康), 祝你们健康长寿 a choice with 高龄津贴 (长寿)."""
    me = chat()
    await me.say("低保要带什么材料")
    await me.say(message)
    assert "【" not in me.text and "哪一项" not in me.text, me.text
    thanked = chat("thanked")
    await thanked.say("谢谢")
    assert me.text == thanked.text  # answered as a thank-you is


async def test_asking_if_it_is_open_on_saturday_after_an_answer_gets_that_services_hours(chat):
    """老年证咋办 ⏎ 周六上班不 got the centre's Saturday hours, though 老年证 is served Monday to Friday only."""
    me = chat()
    await me.say("老年证咋办")
    await me.say("周六上班不")
    assert me.text.startswith("【老年人优待证办理】地点和时间") and "周一至周五" in me.text, me.text
    await me.say("你们周六上班不")  # the centre named: its own hours
    assert me.text.startswith("【文峰社区党群服务中心】"), me.text


@pytest.mark.parametrize(
    ("message", "office"),
    [
        ("退休手续在哪办", "【办理退休手续】"),  # was 独生子女父母光荣证's answer
        ("办退休", "【办理退休手续】"),
        ("开死亡证明", "【死亡证明、去世后注销户口】"),  # was a choice with 计划生育特别扶助 first
        ("人死了销户口", "【死亡证明、去世后注销户口】"),  # was the funeral subsidy
        ("车辆年审", "【驾驶证、机动车业务】"),  # was 养老金资格认证 (退休年审)
        ("不动产证", "【不动产登记（房产证）】"),  # was 答不上来
    ],
)
async def test_matters_of_other_offices_say_where_to_go(chat, message: str, office: str):
    me = chat()
    await me.say(message)
    assert me.text.startswith(office) and "不在社区办" in me.text, me.text


async def test_a_syllable_the_input_method_left_in_letters_still_names_the_service(chat):
    """di保 and 低bao got 答不上来, 老年zheng怎么办 a choice: the letters were read one by one (d i bao)."""
    me = chat()
    await me.say("老年zheng怎么办")
    assert me.text.startswith("【老年人优待证办理】"), me.text
    for typed in ("di保", "低bao"):
        await me.say(typed)
        assert me.buttons[0] == "最低生活保障申请" or me.text.startswith("【最低生活保障申请】"), (typed, me.text)
