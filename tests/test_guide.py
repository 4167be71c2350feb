"""The service guide as residents use it: questions, browsing, unsure and unknown answers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.services import support


async def test_a_confident_question_gets_the_answer_with_buttons_for_its_parts(chat):
    me = chat()
    await me.say("居住正怎么办")
    assert "【居住证申领】" in me.text
    assert "地点" in me.text and "时间" in me.text and "费用" in me.text
    assert {"要带的材料", "办理步骤", "谁可以办", "地点和时间", "找工作人员", "返回主菜单"} <= set(me.buttons)
    await me.say(str(me.buttons.index("要带的材料") + 1))
    assert "身份证" in me.text and "1." in me.text


async def test_a_question_about_one_part_gets_that_part_at_once(app, chat):
    me = chat()
    await me.say("低保要带什么材料")
    service = app.knowledge["minimum-living-allowance"]
    assert me.text.startswith("【最低生活保障申请】要带的材料")
    assert all(item in me.text for item in service.materials)
    assert "返回 最低生活保障申请" in me.buttons  # the overview is one tap back
    await me.say("居住证在哪办")
    assert me.text.startswith("【居住证申领】地点和时间")
    await me.say("居住证怎么办")  # no part named: the overview
    assert "【居住证申领】" in me.text and "费用" in me.text


async def test_a_follow_up_without_the_services_name_is_about_the_service_just_answered(app, chat):
    me = chat()
    await me.say("居住证怎么办")
    await me.say("要带啥")  # was 答不上来: at a window nobody names the service twice
    assert me.text.startswith("【居住证申领】要带的材料") and "本人居民身份证原件" in me.text
    await me.say("在哪办")
    assert me.text.startswith("【居住证申领】地点和时间")
    await me.say("嗯")  # an OK in between does not change the subject
    await me.say("要钱不")
    assert me.text.startswith("【居住证申领】费用和办理时间"), me.text
    await me.say("能预约吗")  # was the list of all the services to book
    assert "【居住证申领】请选日期" in me.text
    await me.say("/cancel")
    await me.say("要带啥")  # nothing about a service was just said
    assert "答不上来" in me.text
    async with app.db.uow() as uow:
        recorded = await support.unanswered(uow)
    assert [q.text for q in recorded] == ["要带啥"]  # only the one that could not be placed


async def test_asking_when_the_centre_is_open_answers_for_today_and_the_week(chat, clock):
    me = chat()
    await me.say("你们几点上班")  # a Monday
    assert "【文峰社区党群服务中心】" in me.text and "今天开放：08:30-12:00、14:30-17:30" in me.text
    assert "周二、周四 08:30-12:00、14:30-17:30、17:30-20:00（延时）" in me.text and "周日 休息" in me.text
    assert "☎ 电话：0374-5123456" in me.text and "文峰路 88 号" in me.text
    clock.advance(timedelta(days=34))  # 2026-04-05, 清明节
    await me.say("今天开门吗")
    assert "今天是清明节，不开放" in me.text
    await me.say("居住证几点能办")  # one service's hours: its own place and time
    assert me.text.startswith("【居住证申领】地点和时间")


async def test_asking_about_tomorrow_answers_for_tomorrow_not_today(chat, clock):
    """明天几点开门 on a Tuesday night was answered with Tuesday's evening hours; Wednesday has none."""
    me = chat()
    clock.advance(timedelta(days=1, hours=12))  # Tuesday 3 March, 21:30 in Xuchang
    await me.say("明天几点开门")
    assert "明天 3月4日（周三）开放：08:30-12:00、14:30-17:30\n" in me.text, me.text
    assert "今天开放" not in me.text
    await me.say("周日开门吗")
    assert "3月8日（周日）不开放。" in me.text, me.text
    clock.advance(timedelta(days=32, hours=-12))  # Saturday 4 April, 09:30: 清明节 is tomorrow
    await me.say("明天上班吗")
    assert "明天 4月5日（周日）是清明节，不开放。" in me.text, me.text


async def test_asking_whether_it_is_open_now_says_until_when_or_when_it_opens(chat, clock):
    me = chat()
    await me.say("现在开着门没")  # Monday 09:30: was 答不上来
    assert "现在开着，今天开到 12:00。" in me.text, me.text
    clock.advance(timedelta(hours=3, minutes=30))  # 13:00, the lunch break
    await me.say("这会儿还开门吗")
    assert "现在没开门，今天 14:30 开门。" in me.text, me.text
    clock.advance(timedelta(days=1, hours=4))  # Tuesday 17:00: the afternoon runs on into the extended hours
    await me.say("现在开着门没")
    assert "现在开着，今天开到 20:00。" in me.text, me.text
    clock.advance(timedelta(days=4, hours=-4))  # Saturday 13:00, after its morning
    await me.say("现在开着门没")
    assert "现在不开放，下次开门：后天 3月9日（周一）08:30。" in me.text, me.text
    for words in ("单元门一直开着呢", "楼上现在还开着音响", "暖气开着没有", "药店现在开着门没", "这个点还开着广场舞音乐"):
        await me.say(words)  # about something else that is on or open, not the centre
        assert "党群服务中心】" not in me.text, (words, me.text)


async def test_traditional_characters_are_understood(chat):
    me = chat()
    await me.say("辦理殘疾人證需要什麼材料")
    assert "【残疾人证办理】" in me.text


@pytest.mark.parametrize("service_id", ["residence-permit", "minimum-living-allowance", "reading-room", "legal-aid"])
async def test_every_part_of_an_answer_opens(app, chat, service_id):
    me = chat()
    service = app.knowledge[service_id]
    for part in ("materials", "steps", "eligibility", "where"):
        await me.press(f"svc:{service_id}:{part}")
        assert f"【{service.name}】" in me.text
    await me.press(f"svc:{service_id}:materials")
    assert service.materials[0] in me.text


async def test_all_40_services_answer(app, chat, clock):
    me = chat()
    assert len(app.knowledge) == 40
    for service in app.knowledge:
        clock.advance(timedelta(seconds=4))  # a person reading each answer, not a flood
        await me.press(f"svc:{service.id}")
        assert f"【{service.name}】" in me.text
        assert service.summary in me.text


async def test_browsing_by_kind_pages_through_every_approval_service(app, chat):
    me = chat()
    await me.say("办事指南")
    await me.press("guide:kind:approval:0")
    seen: list[str] = []
    while True:
        seen += [label for label in me.buttons if label not in ("下一页 ➡", "⬅ 上一页", "返回办事指南")]
        if "下一页 ➡" not in me.buttons:
            break
        await me.say(str(me.buttons.index("下一页 ➡") + 1))
    assert seen == [s.name for s in app.knowledge.by_kind("approval")]


async def test_browsing_by_centre(chat):
    me = chat()
    await me.press("guide:centres")
    assert "老年人日间照料中心" in me.buttons
    await me.say(str(me.buttons.index("老年人日间照料中心") + 1))
    assert "高龄津贴申请" in me.buttons and "居住证申领" not in me.buttons


async def test_a_forged_service_payload_is_refused(chat):
    me = chat()
    for payload in ("svc:no-such-service", "svc:residence-permit:secrets", "guide:centre:mars:0"):
        await me.press(payload)
        assert "按钮已经失效" in me.text


async def test_an_unsure_question_offers_the_top_three_and_a_person(app, chat):
    me = chat()
    await me.say("补贴")
    assert "哪一项" in me.text
    assert 2 <= len([b for b in me.buttons if b not in ("找工作人员", "返回主菜单")]) <= 3
    assert "找工作人员" in me.buttons


async def test_a_follow_up_after_a_choice_of_services_asks_which_one_for_that_part(app, chat):
    me = chat()
    await me.say("老人有啥补贴")
    offered = [b for b in me.buttons if b not in ("找工作人员", "返回主菜单")]
    assert len(offered) == 3
    await me.say("在哪儿办")  # was 答不上来: it is about one of the three just offered
    assert "哪一项的“地点和时间”" in me.text and me.buttons == [*offered, "找工作人员", "返回主菜单"]
    await me.say("2")
    assert me.text.startswith(f"【{offered[1]}】地点和时间")
    async with app.db.uow() as uow:
        assert [q.text for q in await support.unanswered(uow)] == ["老人有啥补贴"]


async def test_an_unknown_question_is_said_honestly_and_recorded_for_staff(app, chat):
    me = chat()
    for _ in range(2):
        await me.say("明天会下雨吗")
        assert "答不上来" in me.text
        assert "办事指南" in me.buttons
    async with app.db.uow() as uow:
        recorded = await support.unanswered(uow)
    assert [(q.text, q.count) for q in recorded] == [("明天会下雨吗", 2)]


async def test_thanks_and_goodbye_get_a_kind_word_and_are_not_recorded_as_unanswered(app, chat):
    me = chat()
    for text in ("谢谢", "好的", "再见", "辛苦了"):
        await me.say(text)
        assert "不客气" in me.text and "答不上来" not in me.text
    await me.say("你是谁")
    assert "怎么用我" in me.text
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []


async def test_a_matter_for_another_office_says_where_to_go_instead_of_a_wrong_service(app, chat):
    me = chat()
    await me.say("身份证丢了怎么办")
    assert "派出所" in me.text and "不在社区办" in me.text
    assert "打印复印" not in me.text  # what 复印身份证 used to pull it to
    assert me.buttons == ["找工作人员", "返回主菜单"]
    await me.say("医保卡丢了怎么补")
    assert "12333" in me.text and "参保登记" not in me.text
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []  # answered: nothing for the knowledge-base staff


async def test_odd_input_gets_a_sensible_answer(chat):
    me = chat()
    for text in ("？？？", "👍👍", "hello there, what is this", "我想办居住证ok吗", "x" * 1999):
        await me.say(text)
        assert me.text and "出了点问题" not in me.text


async def test_what_it_costs_and_how_long_it_takes_is_answered_as_asked(chat):
    me = chat("cost")
    await me.say("办居住证要钱吗")
    assert me.text.startswith("【居住证申领】费用和办理时间") and "💰 费用：" in me.text and "⏱ 时限：" in me.text, me.text
    await me.say("居住证怎么办")
    for follow_up in ("要钱不", "多久能办好"):  # were three services to choose from: fee and time were no part
        await me.say(follow_up)
        assert me.text.startswith("【居住证申领】费用和办理时间"), me.text


async def test_asking_whether_staff_come_home_lists_the_matters_done_at_home(app, chat):
    me = chat("legs")
    # were 答不上来 and 高龄津贴 first (an example of the allowance mentions legs)
    for question in ("你们能到家里来办吗", "腿脚不好能不能上门办", "腿脚不好去不了，能上门吗"):
        await me.say(question)
        assert "可以预约工作人员上门办理" in me.text and "残疾人证办理" in me.buttons, me.text
    await me.press("guide:home:home:2")  # the last page of the 17
    assert "第 3/3 页" in me.text
    await me.say("残疾证可以上门办吗")  # naming the matter: that one's home visit is booked
    assert me.text.startswith("【残疾人证办理】可以预约工作人员上门办理") and "请问是哪种情况" in me.text, me.text
    async with app.db.uow() as uow:
        assert not await support.unanswered(uow)


async def test_a_question_in_english_gets_the_services_answer(app, chat):
    me = chat("expat")
    await me.say("How do I get a residence permit?")  # was: cannot answer, logged for the staff
    assert me.text.startswith("【居住证申领】"), me.text
    async with app.db.uow() as uow:
        assert not await support.unanswered(uow)


async def test_two_questions_said_in_one_breath_get_both_answers(app, chat):
    """Dictated by voice, with no punctuation: 低保 was lost and only 高龄津贴 answered."""
    me = chat("voice")
    await me.say("我想问下低保怎么申请还有高龄津贴怎么领")
    assert "【最低生活保障申请】" in me.text and "【高龄津贴申请】" in me.text, me.text
    assert me.buttons[:2] == ["最低生活保障申请", "高龄津贴申请"], me.buttons


async def test_another_offices_matter_or_the_centres_hours_beside_a_service_are_both_answered(app, chat):
    """身份证丢了怎么补 is the police station's: it was offered as 打印复印, and the 低保 answer lost."""
    me = chat("both")
    await me.say("身份证丢了怎么补？还有低保怎么办")
    assert "派出所" in me.text and "【最低生活保障申请】" in me.text, me.text
    assert "打印复印" not in me.text, me.text
    await me.say("你们几点上班？低保要带什么")
    assert "【最低生活保障申请】要带的材料" in me.text, me.text
    assert me.text.index("【文峰社区党群服务中心】") < me.text.index("【最低生活保障申请】"), me.text  # in the order asked
    assert "平时：周一" in me.text, me.text  # the centre's hours


async def test_two_questions_in_one_message_get_both_answers(app, chat):
    me = chat("two")
    await me.say("低保怎么办理。我想问一下高龄津贴。")  # was 高龄津贴 only: the 低保 question was lost
    assert "【最低生活保障申请】" in me.text and "【高龄津贴申请】" in me.text, me.text
    assert app.knowledge["minimum-living-allowance"].summary in me.text
    assert app.knowledge["elderly-allowance"].summary in me.text
    assert len(me.replies) == 1  # one reply: a typed number answers its buttons
    assert me.buttons == ["最低生活保障申请", "高龄津贴申请", "找工作人员", "返回主菜单"]
    await me.say("2")  # the second service's details
    assert me.text.startswith("【高龄津贴申请】") and "要带的材料" in me.buttons
    await me.say("居住证要带什么？还有老年证在哪办")  # each answered as asked: materials, and where
    assert "【居住证申领】要带的材料" in me.text and "本人居民身份证原件" in me.text, me.text
    assert "【老年人优待证办理】地点和时间" in me.text
    await me.say("在哪办")  # a follow-up after two answers: which of the two
    assert "哪一项的“地点和时间”" in me.text and me.buttons[:2] == ["居住证申领", "老年人优待证办理"], me.text
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []  # both were answered: nothing for the staff


async def test_two_services_named_before_one_question_are_both_answered_as_asked(chat):
    """低保和老年证要带什么材料 gave 低保's overview and only 老年证's materials."""
    me = chat("both_materials")
    await me.say("低保和老年证要带什么材料")
    assert "【最低生活保障申请】要带的材料" in me.text and "【老年人优待证办理】要带的材料" in me.text, me.text
    assert "户口簿" in me.text and "1寸免冠彩色照片" in me.text, me.text


async def test_of_two_questions_the_sure_one_is_answered_and_the_unsure_one_is_asked_about(app, chat):
    me = chat("unsure")
    await me.say("居住证要带什么？还有老年卡在哪办")  # 老年卡: the 老年证, or 老年助餐?
    first, second = me.replies
    assert first.text.startswith("【居住证申领】要带的材料") and "本人居民身份证原件" in first.text
    assert "您还问到“老年卡在哪办”" in second.text and "哪一项" in second.text, second.text
    offered = [b.label for b in second.flat_buttons]
    assert "老年人优待证办理" in offered and offered[-2:] == ["找工作人员", "返回主菜单"]
    await me.say(str(offered.index("老年人优待证办理") + 1))  # the number answers the question about 老年卡
    assert me.text.startswith("【老年人优待证办理】地点和时间"), me.text
    async with app.db.uow() as uow:
        assert [q.text for q in await support.unanswered(uow)] == ["老年卡在哪办"]  # only the unsure one


@pytest.mark.parametrize(
    ("message", "expected", "not_expected"),
    [
        ("我八十多了。能领什么补贴？", "【高龄津贴申请】", "【困难残疾人生活补贴"),  # one question in two sentences
        ("低保怎么办理", "【最低生活保障申请】", "【高龄津贴申请】"),  # one question: as before
        ("居住证要带啥，在哪办", "【居住证申领】", "【最低生活保障申请】"),  # two parts of one service
    ],
)
async def test_one_question_in_several_pieces_gets_one_answer(chat, message, expected, not_expected):
    me = chat()
    await me.say(message)
    assert len(me.replies) == 1 and expected in me.text and not_expected not in me.text, me.text
    assert "您还问到" not in me.text


async def test_a_complaint_in_two_sentences_is_not_split(chat):
    me = chat()
    await me.say("楼道灯坏了，好几天了")
    assert "您同意吗" in me.text and "【" not in me.text, me.text  # the complaint form begins, as for 楼道灯坏了


async def test_two_unsure_questions_beside_a_sure_one_are_quoted_and_offered_to_staff(app, chat, monkeypatch):
    """Rare enough that no natural message is kept for it here: the reading is made by hand."""
    from dataclasses import replace

    from knowledge.several import Asked

    understand = app.understander.understand
    sure, first, second = (understand(text) for text in ("低保怎么办", "老年卡在哪办", "补贴卡咋领"))
    assert first.decision == "choose"
    unsure = replace(first, confidence=0.7)
    message = "低保怎么办？老年卡在哪办？补贴卡咋领"
    made = replace(sure, parts=(Asked("低保怎么办", sure), Asked("老年卡在哪办", unsure), Asked("补贴卡咋领", replace(unsure, part=None))))
    monkeypatch.setattr(app.understander, "understand", lambda text: made if text == message else understand(text))
    me = chat()
    await me.say(message)
    answered, about_the_rest = me.replies
    assert answered.text.startswith("【最低生活保障申请】")
    assert "“老年卡在哪办”、“补贴卡咋领”" in about_the_rest.text and me.buttons == ["找工作人员", "返回主菜单"]
    async with app.db.uow() as uow:
        assert sorted(q.text for q in await support.unanswered(uow)) == ["老年卡在哪办", "补贴卡咋领"]


async def test_asking_to_book_one_service_and_about_another_answers_then_books(chat):
    me = chat("book-and-ask")
    await me.say("我想预约办居住证。低保要带啥")  # was: the booking only, 低保 lost
    answered, booking = me.replies
    assert answered.text.startswith("【最低生活保障申请】要带的材料") and not answered.buttons
    assert "【居住证申领】请选日期" in booking.text  # the booking's first question last: a number answers it
    await me.say("1")
    assert "的时段" in me.text, me.text  # the day was taken: the times of that day


async def test_whether_family_may_do_it_is_answered_from_the_services_own_guide(app, chat):
    me = chat("proxy")
    await me.say("老年证怎么办")
    await me.say("可以让我儿子代办吗")  # was 答不上来
    assert me.text.startswith("【老年人优待证办理】能不能代办") and "· 家属代办的，带代办人身份证" in me.text, me.text
    assert "找工作人员" in me.buttons, me.buttons
    await me.say("居住证怎么办")
    await me.say("家属能代办吗")  # was the answer about 退役军人优待证, whose examples speak of 烈士家属
    assert me.text.startswith("【居住证申领】能不能代办") and "· 未满16周岁的由监护人代办" in me.text, me.text
    await me.say("高龄津贴家属可以代办吗")  # named: was the overview, the question left unanswered
    assert me.text.startswith("【高龄津贴申请】能不能代办") and "· 也可由家属到服务台代办" in me.text, me.text
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []


async def test_where_the_guide_says_nothing_of_someone_else_doing_it_it_says_so_and_where_to_ask(app, chat):
    me = chat("proxy_unsaid")
    await me.say("医保怎么交")
    await me.say("可以让家属代办吗")
    service = app.knowledge["resident-medical-insurance"]
    assert "办事指南里没有写能不能由家属代办" in me.text and "·" not in me.text, me.text  # no rule made up
    assert service.where.window in me.text and "找工作人员" in me.buttons, me.text
