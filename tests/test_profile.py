"""The profile: consent first, stored only when given, shown by /me, erased by /forget."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import Person


async def _person(app, user: str) -> Person:
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one()


async def begin_profile(me, *answers: str) -> None:
    """Open the form, consent, and give the first answers (name, phone …)."""
    await me.say("/me")
    await me.press("me:edit")
    await me.press("pf:agree")
    for answer in answers:
        await me.say(answer)


async def give_address(me, room: str) -> None:  # noqa: ANN001
    """At the building question: 北苑2号楼, 1单元, then `room`."""
    for answer in ("北苑2号楼", "1单元", room):
        await me.say(answer)


async def fill_profile(me) -> None:
    await begin_profile(me, "王建国", "+86 138-1234-5678", "烟厂家属院3号楼", "2单元", "301")


async def test_the_profile_is_stored_after_consent(app, chat):
    me = chat("wang")
    await fill_profile(me)
    assert "已保存" in me.text
    assert "烟厂家属院3号楼 2单元 301" in me.text
    person = await _person(app, "wang")
    assert (person.name, person.phone, person.building, person.unit, person.room) == (
        "王建国",
        "13812345678",
        "烟厂家属院3号楼",
        "2单元",
        "301",
    )
    assert person.consent_at is not None and person.community_id == "wenfeng"


async def test_a_profile_said_aloud_to_voice_input_is_understood(app, chat):
    me = chat("voice")
    await me.say("/me")
    await me.press("me:edit")
    await me.say("好的")
    await me.say("李秀英")
    await me.say("幺三九一二三四五六七八")  # a number read out, as speech recognition writes it
    assert "楼" in me.text  # on to the building, the number taken
    await me.say("锦华园b座")  # lower case, for 锦华园B座
    await me.say("三单元")
    await me.say("二零一")
    person = await _person(app, "voice")
    assert (person.phone, person.building) == ("13912345678", "锦华园B座")
    me2 = chat("voice2")
    await begin_profile(me2, "王建国", "13812345678")
    await me2.say("北苑二号楼")  # Chinese numerals, for 北苑2号楼
    assert "没找到" not in me2.text
    await me2.say("1单元")
    await me2.say("101")
    assert (await _person(app, "voice2")).building == "北苑2号楼"


async def test_declining_consent_stores_nothing(app, chat):
    me = chat("zhao")
    await me.say("/me")
    await me.press("me:edit")
    await me.press("pf:decline")
    assert "没有保存" in me.text
    person = await _person(app, "zhao")
    assert person.consent_at is None and person.name is None


async def test_consent_said_in_a_sentence_is_consent_and_a_spoken_no_is_no(app, chat):
    for user, said in (("c1", "我同意。"), ("c2", "嗯，同意吧。"), ("c3", "同意，同意。"), ("c4", "行行行")):  # voice input
        me = chat(user)
        await me.say("反映问题")
        await me.say(said)  # 我同意 left the form and was logged as a question nobody could answer
        assert "怎么称呼您" in me.text, (said, me.text)
    no = chat("c5")
    await no.say("反映问题")
    await no.say("我不同意")
    assert "没有保存" in no.text
    async with app.db.uow() as uow:
        from bot.services import support

        assert await support.unanswered(uow) == []


async def test_declining_consent_for_a_complaint_still_offers_a_person_and_the_phone(app, chat):
    me = chat("declines-report")
    await me.say("楼道灯坏了")
    await me.say("不同意")  # was a dead end: 需要时可以再找我
    assert "没有保存" in me.text and "0374-5123456" in me.text and "找工作人员" in me.buttons
    await me.say("找工作人员")
    assert "请说说您的问题" in me.text


async def test_a_plain_yes_to_the_consent_question_is_consent(app, chat):
    me = chat("sun")
    await me.say("/me")
    await me.press("me:edit")
    await me.say("好的")  # what people answer to 同意吗？; it used to leave the form as a thank-you
    assert "不客气" not in me.text and "姓名" in me.text
    await me.say("/cancel")
    await me.press("me:edit")
    await me.say("不同意")
    assert "没有保存" in me.text


async def test_a_sentence_typed_for_the_name_is_not_taken_as_the_name(app, chat):
    me = chat("qian")
    await begin_profile(me)
    await me.say("小区门口的井盖丢了，很危险")  # the problem, typed before its time
    assert "这好像不是姓名" in me.text and "取消" in me.text
    await me.say("王阿姨")
    assert "手机号" in me.text
    await me.say("不想填")
    assert "手机号好像不对" in me.text and "取消" in me.text  # the way out is named
    await me.say("取消")
    assert (await _person(app, "qian")).name is None  # nothing half-filled was kept


async def test_words_that_are_plainly_not_a_name_are_refused_and_the_name_asked_again(app, chat):
    me = chat("zhao")
    await begin_profile(me)
    for said in ("门口老有车乱停", "我家水管坏了", "怎么还要名字啊", "北苑小区三号楼二单元的张大爷"):
        await me.say(said)  # 门口老有车乱停 was saved: /me showed 姓名：门口老有车乱停
        assert "这好像不是姓名" in me.text and "手机号" not in me.text, (said, me.text)
    await me.say("叫俺王大娘就行")  # how people answer it still works
    assert "手机号" in me.text, me.text
    await me.say("13812345679")
    await give_address(me, "105")
    assert "姓名：王大娘\n" in me.text, me.text


async def test_the_problem_typed_at_the_name_question_of_a_complaint_is_kept_for_it_not_as_the_name(app, chat):
    from tests.grid.util import all_cases

    me = chat("liu")
    await me.say("反映问题")
    await me.say("同意")
    assert "怎么称呼您" in me.text, me.text
    await me.say("门口老有车乱停")
    assert "“门口老有车乱停”是要反映的问题吧？我先记下了" in me.text and "怎么称呼您" in me.text, me.text
    await me.say("我姓刘")
    await me.say("13812345677")  # saved, and back to the complaint with the problem already told
    assert "问题类别是“停车”" in me.text and "问题在哪里" in me.text, me.text
    await me.say("北苑1号楼门口")
    await me.say("跳过")
    assert "您的诉求已提交" in me.text, me.text
    [case] = await all_cases(app)
    assert (case.category, case.description) == ("parking", "门口老有车乱停")
    await me.say("/me")
    assert "姓名：刘\n" in me.text and "门口老有车乱停" not in me.text, me.text


async def test_a_wrong_phone_number_is_asked_again(chat):
    me = chat("sun")
    await begin_profile(me, "孙", "12345")
    assert "手机号好像不对" in me.text
    await me.say("13700001234")
    assert "楼栋" in me.text


async def test_a_phone_number_said_in_a_sentence_is_the_number(app, chat):
    """没有手机 用我儿子的138… was refused as no phone number, again and again."""
    said_as = (
        ("m1", "我的手机13837456789"), ("m2", "俺手机号是１３８ ３７４５ ６７８９"), ("m3", "电话：13837456789"),
        ("m4", "没有手机 用我儿子的13837456789"), ("m5", "13837456789（我儿子）"),
    )
    for user, said in said_as:
        me = chat(user)
        await begin_profile(me, "王秀兰", said)
        assert "楼栋" in me.text and "手机号好像不对" not in me.text, (said, me.text)
        await give_address(me, "101")
        assert (await _person(app, user)).phone == "13837456789"


async def test_a_building_not_in_the_list_has_a_way_to_staff_and_the_form_is_kept(app, chat):
    """新华小区5号楼 (not in the community's list) was offered buildings again and again, with no way out."""
    me = chat("xinhua")
    await begin_profile(me, "王秀兰", "13700001236", "新华小区5号楼")
    assert "没找到“新华小区5号楼”" in me.text and "都不是，就点“找工作人员”" in me.text, me.text
    assert me.buttons[-1] == "找工作人员", me.buttons
    await me.say(str(len(me.buttons)))
    assert "请说说您的问题" in me.text and "“个人资料”已经为您保存" in me.text, me.text
    await me.say("我住新华小区5号楼，列表里没有")
    assert "已记下您的问题" in me.text, me.text
    await me.say("继续")  # what was given is kept: the form goes on at the building
    assert "楼栋" in me.text and "怎么称呼" not in me.text, me.text


async def test_an_ambiguous_building_offers_the_candidates(chat):
    me = chat("zhou")
    await begin_profile(me)
    await me.say("周")
    await me.say("13700001235")
    await me.say("3号楼")
    assert {"北苑3号楼", "南苑3号楼", "烟厂家属院3号楼"} <= set(me.buttons)
    await me.say(str(me.buttons.index("南苑3号楼") + 1))
    assert "单元" in me.text


async def test_forget_erases_the_profile_and_replies_that_quote_it(app, chat):
    me = chat("wang")
    await fill_profile(me)
    await me.say("/me", message_id="me-1")
    assert "13812345678" in me.text
    await me.say("/forget")
    assert "确定删除" in me.text
    await me.press("forget:yes")
    assert "已删除" in me.text
    person = await _person(app, "wang")
    assert (person.name, person.phone, person.building, person.room, person.consent_at) == (None,) * 5
    again = await me.say("/me", message_id="me-1")  # a platform retry of the old message
    assert all("13812345678" not in reply.text for reply in again)


def test_staff_see_a_surname_and_stars_never_the_whole_name():
    """One rule for every place staff see a resident (bookings, cases, handovers)."""
    from bot.services import people

    assert people.mask_name("李秀英") == "李**"
    assert people.resident_label(Person(id=7, channel="wechat", channel_user_id="o1", name="王五")) == "王*"
    assert people.resident_label(Person(id=7, channel="wechat", channel_user_id="o1")) == "居民7"


async def test_forget_takes_the_name_phone_and_door_out_of_what_outlives_the_profile(app, chat):
    from bot.models import Case, Role, UnansweredQuestion
    from tests.grid.util import file_complaint
    from tests.helpers import bind

    staff = await bind(app, "staff", Role.staff)
    me = chat("zhao")
    await begin_profile(me, "赵六", "13600003333", "锦华园A座", "2单元", "1502")
    await file_complaint(me, category="sanitation", text="我是1502的赵六，电话13600003333，楼下垃圾站很臭")
    await me.say("赵六想问明天会下雨吗")  # logged for the knowledge-base staff
    await me.say("转人工 我是赵六，电话13600003333，请回个电话")  # pushed to the staff, not yet delivered
    await me.say("/forget")
    await me.press("forget:yes")

    async with app.db.uow() as uow:
        [case] = (await uow.session.exec(select(Case))).all()
        logged = [q.text for q in (await uow.session.exec(select(UnansweredQuestion))).all()]
    told = "\n".join(await staff.pushes())
    for held in (case.description, told, *logged):
        assert "赵六" not in held and "13600003333" not in held and "1502" not in held, held
    assert "垃圾站很臭" in case.description and "明天会下雨吗" in "".join(logged)  # the matter itself stays


async def test_a_name_given_in_a_sentence_is_stored_as_the_name(app, chat):
    me = chat("sentence")
    await begin_profile(me, "我叫王秀英", "13812345670")
    assert "楼栋" in me.text
    me2 = chat("aunt")
    await begin_profile(me2, "叫我王阿姨就行", "13812345671")
    assert (await _person(app, "sentence")).name is None  # stored only once the form is done
    await give_address(me, "101")
    assert "姓名：王秀英" in me.text and "我叫" not in me.text
    await give_address(me2, "102")
    assert "姓名：王阿姨" in me2.text
    me3 = chat("surname")
    await begin_profile(me3, "免贵姓王", "13812345672")  # the surname is what they gave: kept, not the sentence
    await give_address(me3, "103")
    assert "姓名：王\n" in me3.text and "姓王" not in me3.text, me3.text
    me4 = chat("called")
    await begin_profile(me4, "俺姓王 叫俺王大娘就行", "13812345673")  # how she wants to be called
    await give_address(me4, "104")
    assert "姓名：王大娘\n" in me4.text, me4.text


async def test_a_whole_address_said_at_once_is_taken_at_once(app, chat):
    me = chat("whole")
    await begin_profile(me, "李桂兰", "13812345672", "北苑三号楼二单元501")  # voice input, in one breath
    assert "已保存" in me.text and "北苑3号楼 2单元 501" in me.text
    person = await _person(app, "whole")
    assert (person.building, person.unit, person.room) == ("北苑3号楼", "2单元", "501")
    me2 = chat("sentence_address")
    await begin_profile(me2, "赵", "13812345673", "我住北苑小区3栋")
    assert "单元" in me2.text and "没找到" not in me2.text  # the building taken, the unit asked


async def test_deleting_ones_details_is_answered_in_words(app, chat):
    me = chat("typed_forget")
    await fill_profile(me)
    await me.say("删除我的资料")
    await me.say("确定")  # a bare yes deletes nothing, and is not a question the bot cannot answer
    assert "要删除请回复“删除”" in me.text and "答不上来" not in me.text
    assert (await _person(app, "typed_forget")).phone == "13812345678"
    await me.say("不删了")
    assert "没有删除" in me.text
    await me.say("删除我的资料")
    await me.say("删了以后还能预约吗")  # a question that mentions 删 erases nothing
    assert (await _person(app, "typed_forget")).phone == "13812345678" and "已删除" not in me.text, me.text
    await me.say("删除我的资料")
    await me.say("确定删除")  # was 答不上来: the button says 确认删除
    assert "已删除" in me.text
    assert (await _person(app, "typed_forget")).phone is None


async def test_the_unit_is_read_as_people_type_it(app, chat):
    """A bare 1 at 单元号 is unit 1 (not a numbered choice); a door typed there is kept and the unit asked again."""

    async def stored(user: str) -> tuple[str | None, str | None]:
        person = await _person(app, user)
        return person.unit, person.room

    one = chat("unit-one")
    await begin_profile(one, "王建国", "13812345678", "北苑2号楼", "1", "301")
    assert await stored("unit-one") == ("1单元", "301")

    door_first = chat("door-first")
    await begin_profile(door_first, "李秀英", "13812345679", "北苑2号楼", "301")
    assert "单元号" in door_first.text and "请回复 1 到" not in door_first.text, door_first.text
    await door_first.say("没有")
    assert "资料已保存" in door_first.text, door_first.text
    assert await stored("door-first") == (None, "301")

    spoken = chat("spoken")  # voice input writes the door in words
    await begin_profile(spoken, "孙丽", "13812345671", "北苑2号楼", "三单元", "三零一")
    assert await stored("spoken") == ("3单元", "301")

    dashed = chat("dashed")  # 2-301: the unit and the door as people write them (refused as no unit for a while)
    await begin_profile(dashed, "周八", "13812345673", "北苑2号楼", "2-301")
    assert "资料已保存" in dashed.text, dashed.text
    assert await stored("dashed") == ("2单元", "301")

    dated = chat("dated")  # 12月1日 at 单元号 reached the grid manager as 北苑2号楼 12月1日 502
    await begin_profile(dated, "钱七", "13812345672", "北苑2号楼", "12月1日")
    assert "这好像不是单元号" in dated.text, dated.text
    await dated.say("东单元")
    await dated.say("502")
    assert await stored("dated") == ("东单元", "502")

    skipper = chat("skipper")
    await begin_profile(skipper, "赵六", "13812345670", "北苑2号楼", "二单元", "跳过")
    assert "几楼、哪一户" in skipper.text  # 跳过 is not a door number
    await skipper.say("502")
    assert await stored("skipper") == ("2单元", "502")


async def test_a_name_or_phone_typed_at_the_consent_question_is_kept_for_after_it(app, chat):
    """Asked 您同意吗, people answer the next question at once; it is noted only once they agree."""
    me = chat("eager")
    await me.say("/me")
    await me.press("me:edit")
    await me.say("王秀英")  # was: 已退出, then 答不上来
    assert "您一同意我就记下“王秀英”" in me.text and "您同意吗" in me.text, me.text
    person = await _person(app, "eager")
    assert person.name is None and person.consent_at is None  # nothing noted before the consent
    await me.say("同意")
    assert "手机号" in me.text and "称呼" not in me.text, me.text  # the name is not asked again
    for answer in ("13812345678", "北苑2号楼", "1", "301"):
        await me.say(answer)
    assert "资料已保存" in me.text, me.text
    person = await _person(app, "eager")
    assert (person.name, person.phone) == ("王秀英", "13812345678")

    other = chat("declines")
    await other.say("/me")
    await other.press("me:edit")
    await other.say("13900001111")
    await other.say("不同意")
    assert (await _person(app, "declines")).phone is None


async def test_asking_in_ones_own_words_to_erase_or_change_ones_details(app, chat, clock):
    """把俺的信息都删了吧 was answered with 志愿者注册 (信息), 改一下电话 with 答不上来, 改电话号码 with the centre's phone."""
    me = chat("own_words")
    await fill_profile(me)
    await me.say("把俺的信息都删了吧")
    assert "确定删除您的姓名、电话" in me.text and "志愿" not in me.text, me.text
    await me.say("确定删除")
    assert (await _person(app, "own_words")).phone is None

    clock.advance(timedelta(minutes=2))  # not a flood
    await fill_profile(me)
    await me.say("俺电话换了，新号是139 8765 4321")  # the number said with it is not asked for again
    assert "已保存" in me.text and "13987654321" in me.text, me.text
    await me.say("改一下地址")
    assert "楼栋" in me.text, me.text  # only the address is asked for
    await me.say("北苑2号楼3单元402")
    person = await _person(app, "own_words")
    assert (person.name, person.phone, person.building, person.room) == ("王建国", "13987654321", "北苑2号楼", "402")
    await me.say("改电话号码")
    assert "手机号" in me.text and "0374" not in me.text, me.text
    for words in ("电话改一下", "手机号变了"):  # the detail first: 答不上来 before
        await me.say("取消")
        await me.say(words)
        assert "请发送您的手机号" in me.text, (words, me.text)


async def test_asking_for_ones_details_again_shows_them_and_asks_nothing_about_deleting(chat):
    """我的资料 typed under 我的资料's own buttons was taken for the button 删除我的资料 and asked 确定删除…吗."""
    me = chat("twice")
    await fill_profile(me)
    for _ in range(2):
        await me.say("我的资料")
        assert "王建国" in me.text and "确定删除" not in me.text, me.text


async def test_navigation_words_at_the_name_question_are_never_the_name(app, chat):
    """继续 was saved as the name: 我的资料 showed 姓名：继续, and the grid manager saw 居民：继**."""
    me = chat("moves-on")
    await begin_profile(me)
    for said in ("继续", "跳过", "下一步", "好的", "嗯", "嗯嗯", "好吧。"):
        await me.say(said)
        assert "怎么称呼您" in me.text and "不能跳过" in me.text and "手机号" not in me.text, (said, me.text)
    assert (await _person(app, "moves-on")).name is None
    await me.say("王桂兰")
    assert "手机号" in me.text, me.text
    for answer in ("13900001111", "北苑2号楼", "1", "301"):
        await me.say(answer)
    assert "姓名：王桂兰\n" in me.text, me.text


async def test_the_name_and_the_phone_said_together_are_both_taken(app, chat):
    """我叫王桂兰 电话13900001111 and 王桂兰 13900001111 were refused: 这好像不是姓名."""
    me = chat("both")
    await begin_profile(me, "我叫王桂兰 电话13900001111")
    assert "楼栋" in me.text and "手机号" not in me.text and "不是姓名" not in me.text, me.text  # the phone is not asked
    for answer in ("北苑2号楼", "1", "301"):
        await me.say(answer)
    assert (await _person(app, "both")).name == "王桂兰" and (await _person(app, "both")).phone == "13900001111"

    report = chat("both-report")
    await report.say("反映问题")
    await report.say("同意")
    await report.say("王桂兰 13900001111")
    assert "您要反映哪一类问题" in report.text and "不是姓名" not in report.text, report.text
    person = await _person(app, "both-report")
    assert (person.name, person.phone) == ("王桂兰", "13900001111")


async def test_another_matter_typed_at_the_name_question_is_answered_not_refused_as_a_name(app, chat):
    """我想约明天上午办居住证 at 怎么称呼您 was only told 这好像不是姓名."""
    me = chat("books")
    await me.say("楼道灯坏了")
    await me.say("同意")
    await me.say("我想约明天上午办居住证")
    assert "不是姓名" not in me.text and "3月3日（周二）上午的时段" in me.text, me.text
    assert "“反映问题”已经为您保存" in me.text, me.text  # the problem told is kept as a draft
    assert (await _person(app, "books")).name is None

    edit = chat("books-edit")
    await begin_profile(edit, "我要预约办居住证")
    assert "不是姓名" not in edit.text and "【居住证申领】请选日期" in edit.text, edit.text


async def test_the_door_is_a_door_and_a_wish_typed_for_it_is_kept_as_the_wish(app, chat):
    """想要一台收音机 at 门牌号 was stored as the door (住址 北苑2号楼 3单元 想要1台收音机) and the wish lost."""
    from bot.models import Wish

    me = chat("radio")
    await me.say("微心愿")
    await me.say("同意")
    for answer in ("王桂兰", "13900001111", "北苑2号楼", "3单元"):
        await me.say(answer)
    assert "门牌号" in me.text, me.text
    await me.say("想要一台收音机")
    assert "“想要一台收音机”是您的心愿吧？我先记下了" in me.text and "门牌号" in me.text, me.text
    assert (await _person(app, "radio")).room is None
    await me.say("随便写")  # not a door either: asked again
    assert "这好像不是门牌号" in me.text, me.text
    await me.say("三零一")
    assert "您的心愿是：“想要一台收音机”" in me.text and "为什么需要它" in me.text, me.text
    person = await _person(app, "radio")
    assert (person.building, person.unit, person.room) == ("北苑2号楼", "3单元", "301")
    await me.say("一个人在家闷得慌")
    await me.press("wi:by:14")
    await me.press("wi:skip")
    async with app.db.uow() as uow:
        [wish] = (await uow.session.exec(select(Wish))).all()
    assert wish.what == "想要一台收音机", wish.what

    early = chat("radio-early")  # at the name question too: the wish, not the name
    await early.say("微心愿")
    await early.say("同意")
    await early.say("想要一台收音机")
    assert "“想要一台收音机”是您的心愿吧？我先记下了" in early.text and "怎么称呼您" in early.text, early.text

    door = chat("doors")  # what doors look like still passes
    await begin_profile(door, "李秀英", "13812345679", "北苑2号楼", "2单元", "5楼东户")
    assert "资料已保存" in door.text and (await _person(app, "doors")).room == "5楼东户", door.text


async def test_the_consent_question_is_passed_by_no_word_and_declined_in_peoples_words(app, chat):
    """跳过, 不太想给 or 3 at 您同意吗 gave 已退出 and then 答不上来, and were logged as unanswered questions."""
    from tests.helpers import unanswered

    for user, said, asked in (("s1", "跳过", "您同意吗"), ("s2", "下一步", "您同意吗"), ("s3", "3", "1 到 2")):
        me = chat(user)
        await me.say("反映问题")
        await me.say(said)
        assert asked in me.text, (said, me.text)
        assert me.buttons == ["同意", "不同意"], (said, me.buttons)
        assert "已退出" not in me.text and "答不上来" not in me.text, (said, me.text)
        await me.say("同意")
        assert "怎么称呼您" in me.text, (said, me.text)
    for user, said in (("n1", "不太想给"), ("n2", "不想给"), ("n3", "不给")):
        me = chat(user)
        await me.say("反映问题")
        await me.say(said)
        assert "没有保存" in me.text and "0374-5123456" in me.text and "找工作人员" in me.buttons, (said, me.text)
        assert (await _person(app, user)).consent_at is None
    assert await unanswered(app) == []


async def test_the_problem_typed_at_the_consent_question_is_said_to_be_kept_and_is_kept(app, chat):
    """楼道灯坏了 at 您同意吗 was answered 已退出, then the consent again, and in fact kept."""
    from tests.grid.util import all_cases

    me = chat("says-first")
    await me.say("反映问题")
    await me.say("楼道灯坏了")
    assert "已退出" not in me.text and "“楼道灯坏了”是要反映的问题吧？我先记下了" in me.text, me.text
    assert "您同意吗" in me.text and me.buttons == ["同意", "不同意"], me.text
    await me.say("同意")
    await me.say("王桂兰 13900001111")
    assert "问题在哪里" in me.text, me.text  # told once: not asked again
    await me.say("北苑1号楼2单元楼道")
    await me.say("跳过")
    assert "您的诉求已提交" in me.text, me.text
    [case] = await all_cases(app)
    assert case.description == "楼道灯坏了", case.description


async def test_a_new_phone_said_as_changed_to_is_saved_at_once(app, chat):
    """我的电话改成139… was answered 答不上来: only 电话换了 and 改一下电话 were read as changing it."""
    me = chat("changes_to")
    await fill_profile(me)
    await me.say("我的电话改成13900006666")
    assert "已保存" in me.text and "13900006666" in me.text, me.text
    assert (await _person(app, "changes_to")).phone == "13900006666"
    await me.say("手机号换成 139 0000 7777")
    assert (await _person(app, "changes_to")).phone == "13900007777"


async def test_a_new_phone_given_as_new_is_saved_at_once(app, chat):
    """我的新号码是139…, 新手机号139… were answered 答不上来 and logged as questions, the number with them."""
    me = chat("new_number")
    await fill_profile(me)
    await me.say("我的新号码是13900006666")
    assert "已保存" in me.text and "13900006666" in me.text, me.text
    await me.say("新手机号：139 0000 7777")
    assert (await _person(app, "new_number")).phone == "13900007777"
    await me.say("新号码是多少")  # a question, not a number given: not read as a change
    assert (await _person(app, "new_number")).phone == "13900007777"


async def test_a_unit_and_door_typed_with_a_building_of_several_estates_are_kept_when_the_building_is_chosen(app, chat):
    """3号楼2单元301 at the building question: after choosing 南苑3号楼, 2单元 and 301 were asked for again."""
    me = chat("pf")
    await begin_profile(me, "王秀英", "13912345678", "3号楼2单元301")
    assert {"北苑3号楼", "南苑3号楼", "烟厂家属院3号楼"} <= set(me.buttons), me.buttons
    [payload] = [b.payload for reply in me.replies for b in reply.flat_buttons if b.label == "南苑3号楼"]
    await me.press(payload)
    assert "您的资料已保存" in me.text and "单元" not in me.text.split("保存")[0], me.text
    person = await _person(app, "pf")
    assert (person.building, person.unit, person.room) == ("南苑3号楼", "2单元", "301")


async def test_consent_typed_again_at_the_name_question_is_not_the_name(app, chat):
    """同意 typed at 怎么称呼您 (the consent given a turn before) was kept as the name: 居民：同*."""
    me = chat("twice")
    await me.say("/me")
    await me.press("me:edit")
    await me.say("同意")
    assert "怎么称呼您" in me.text, me.text
    await me.say("同意")
    assert "这一步不能跳过" in me.text and "手机号" not in me.text, me.text
    await me.say("赵桂芝")
    assert "手机号" in me.text, me.text
    assert (await _person(app, "twice")).name is None  # nothing saved before the form's end
