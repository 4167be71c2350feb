"""Forms keep what a resident wrote: through a long pause, past the form timeout, and when the text is too long."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import DialogState, Role
from tests.grid.util import all_cases, case_id, resident, up_to_the_photo
from tests.helpers import Chat, bind, unanswered


async def test_a_complaint_left_to_take_a_photo_for_hours_is_filed_when_the_resident_comes_back(app, clock):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    clock.advance(timedelta(hours=3))  # far past the 30 minutes a bare choice lasts
    await li.say("跳过")
    assert "您的诉求已提交" in li.text and "时间太久" not in li.text, li.text
    [case] = await all_cases(app)
    assert (case.category, case.description, case.address) == ("parking", "北苑1号楼门口总有车乱停，堵住了消防通道", "北苑1号楼门口")
    assert await unanswered(app) == []


async def test_a_bare_choice_still_lapses_after_the_dialog_timeout(app, clock):
    me = Chat(app, "zhou")
    await me.say("菜单")
    clock.advance(timedelta(minutes=31))
    await me.say("3")
    assert "之前的选项已过期" in me.text


async def test_a_form_left_past_the_form_timeout_is_kept_and_taken_up_again_with_its_question(any_app, clock):
    app = any_app
    li = await resident(app, "li")
    await up_to_the_photo(li)
    clock.advance(timedelta(hours=25))
    await li.say("低保要带什么材料")  # a new question a day later: answered, not taken as the photo
    assert "3月2日 09:30 填到一半的“反映问题”已经为您保存" in li.text, li.text
    assert "最低生活保障" in li.text and li.buttons[-2:] == ["继续填写", "不要了"]
    assert await all_cases(app) == []

    await li.say("继续")
    assert "接着填写“反映问题”" in li.text and "有现场照片吗" in li.text and li.buttons == ["跳过"]
    await li.say("1")
    assert "您的诉求已提交" in li.text
    [case] = await all_cases(app)
    assert case.id == case_id(li.text) and case.description == "北苑1号楼门口总有车乱停，堵住了消防通道"
    assert case.address == "北苑1号楼门口"
    await li.say("继续")  # taken up and filed: nothing is left over
    assert "没有没填完的内容" in li.text


async def test_continue_straight_after_a_long_pause_takes_the_form_up_without_a_note(app, clock):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    clock.advance(timedelta(hours=30))
    await li.say("继续")
    assert li.text.startswith("好的，接着填写“反映问题”") and "已经为您保存" not in li.text and li.buttons == ["跳过"]


async def test_continue_inside_an_open_form_stays_in_it_and_is_not_its_answer(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:other")
    await li.say("继续")  # nothing is put aside, and 继续 is not what happened (a case 跳过，继续 was filed)
    assert li.text == "这一步还在等您回答。\n请用文字说说具体情况（什么问题、多久了）：", li.text
    await li.say("楼下的井盖松了，一踩就响")
    assert "问题在哪里" in li.text, li.text
    await li.say("北苑1号楼门口")
    await li.say("继续")  # the photo question's 跳过, in words
    [case] = await all_cases(app)
    assert (case.description, case.address) == ("楼下的井盖松了，一踩就响", "北苑1号楼门口")


async def test_the_forms_own_button_still_answers_it_however_late(app, clock):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    clock.advance(timedelta(days=3))
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text and "已经为您保存" not in li.text
    assert len(await all_cases(app)) == 1


async def test_a_kept_form_can_be_discarded_and_forget_erases_it(app, clock):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    clock.advance(timedelta(hours=25))
    await li.say("你好")
    assert "已经为您保存" in li.text
    await li.press("draft:drop")
    assert "没填完的“反映问题”已删除" in li.text
    await li.say("继续")
    assert "没有没填完的内容" in li.text

    await up_to_the_photo(li, "楼下电动车乱停")
    clock.advance(timedelta(hours=25))
    await li.say("你好")
    await li.say("删除我的资料")
    await li.press("forget:yes")
    async with app.db.uow() as uow:
        [state] = (await uow.session.exec(select(DialogState))).all()
    assert state.draft is None and state.dialog is None
    await li.say("继续")
    assert "没有没填完的内容" in li.text
    assert await all_cases(app) == []


async def test_an_overlong_description_keeps_the_step_and_asks_for_the_whole_text_shorter(app, clock):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:noise")
    await li.say("楼上装修噪音" * 400)  # 2,400 characters
    assert "内容太长了（最多 2000 字）" in li.text and "这一步还在等您回答" in li.text and "分几次" not in li.text
    shorter = "楼上装修噪音，每天早上七点就开始" * 50  # 800 characters: the text sent again, shortened
    await li.say(shorter)
    assert "问题在哪里" in li.text
    await li.say("北苑1号楼3单元")
    await li.press("cs:skip")
    [case] = await all_cases(app)
    assert case.description == shorter and case.address == "北苑1号楼3单元"


async def test_an_overlong_question_outside_a_form_is_not_told_to_send_it_in_parts(app):
    me = Chat(app, "zhou")
    await me.say("请问" * 1500)
    assert "内容太长了（最多 2000 字）" in me.text and "分几次" not in me.text and "删减" in me.text


async def test_a_form_field_over_its_own_limit_is_asked_again_never_cut(sqlite_url, clock):
    from bot.app import build_app
    from tests.conftest import make_settings

    app = await build_app(make_settings(sqlite_url, max_text_length=5000), clock=clock)  # messages may be longer
    try:
        li = await resident(app, "li")
        await li.say("反映问题")
        await li.press("cs:cat:noise")
        await li.say("楼上装修噪音" * 500)  # 3,000 characters: a message, but over a case's 2,000
        assert "描述太长了（最多 2000 字）" in li.text and "问题在哪里" not in li.text
        await li.say("楼上装修噪音，每天早上七点就开始")
        assert "问题在哪里" in li.text
        await li.say("取消")

        await li.say("许个微心愿")
        await li.say("想要一台旧电脑给孩子上网课")
        await li.say("家里困难" * 200)  # 800 characters of reasons
        assert "说明太长了（最多 500 字）" in li.text
        await li.say("孩子读初二，家里没有电脑")
        assert "希望什么时候前实现" in li.text, li.text
    finally:
        await app.close()


async def test_a_form_whose_step_failed_waits_as_a_draft_and_does_not_take_the_next_words(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:parking")
    await li.say("北苑1号楼门口总有车乱停，堵住了消防通道")
    working = app.routes.dialogs["case"]
    failures = 0

    async def fails_once(ctx):  # noqa: ANN001, ANN202 - the form's step breaks once, then works again
        nonlocal failures
        if failures == 0:
            failures += 1
            raise RuntimeError("a bug in the complaint form")
        return await working(ctx)

    app.routes.dialogs["case"] = fails_once
    await li.say("北苑1号楼门口")
    assert "原话已记下" in li.text and li.buttons[-2:] == ["继续填写", "不要了"], (li.text, li.buttons)

    await li.say("好的谢谢")  # not the place of the complaint
    assert "有现场照片吗" not in li.text
    await li.say("继续")
    assert "接着填写“反映问题”" in li.text
    await li.say("北苑1号楼门口")
    await li.say("跳过")
    assert "您的诉求已提交" in li.text
    [case] = await all_cases(app)
    assert (case.description, case.address) == ("北苑1号楼门口总有车乱停，堵住了消防通道", "北苑1号楼门口")


async def test_filler_and_go_back_words_in_a_complaint_are_never_kept_as_its_answers(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    for filler in ("好的", "谢谢"):  # at the categories: the form was put aside with 不客气
        await li.say(filler)
        assert "这一步还在等您回答" in li.text and "哪一类问题" in li.text and "不客气" not in li.text, (filler, li.text)
    await li.press("cs:cat:noise")
    for filler in ("嗯", "好的", "？？？"):
        await li.say(filler)
        assert "这一步还在等您回答" in li.text and "具体情况" in li.text, (filler, li.text)
    await li.say("返回")
    assert "哪一类问题" in li.text
    await li.press("cs:cat:noise")
    await li.say("楼上天天半夜跺脚吵得睡不着")
    await li.say("？？？")
    assert "这一步还在等您回答" in li.text and "问题在哪里" in li.text
    await li.say("返回")  # was filed as the place: 地点：返回
    assert "具体情况" in li.text
    await li.say("楼上天天半夜跺脚吵得睡不着")
    await li.say("北苑1号楼")
    await li.say("等一下我去拍")  # the photo is coming: nothing to add to the description
    assert "拍好了直接发过来" in li.text and li.buttons == ["跳过"]
    await li.say("楼上302也不开门")  # words at the photo step: part of the problem, not dropped
    assert "已补充到诉求说明里" in li.text and "有现场照片吗" in li.text
    await li.say("跳过")
    [case] = await all_cases(app)
    assert (case.description, case.address) == ("楼上天天半夜跺脚吵得睡不着，楼上302也不开门", "北苑1号楼")


async def test_leaving_a_complaint_says_it_was_not_filed(app):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say("算了")
    assert "“反映问题”没有提交" in li.text
    await li.say("反映问题")
    await li.press("cs:cat:noise")
    await li.say("不办了")  # was kept as the description
    assert "这条诉求没有提交" in li.text
    assert await all_cases(app) == []


async def test_a_description_that_begins_with_the_building_is_not_asked_where_again(app):
    li = await resident(app, "li")
    await li.say("北苑二号楼3单元楼道灯坏了好几天了")  # as people say it: the place first, no 在
    assert "地点就按您说的“北苑2号楼3单元楼道”" in li.text and "问题在哪里" not in li.text, li.text
    assert "已确定由第一网格" in li.text
    await li.say("跳过")
    [case] = await all_cases(app)
    assert (case.address, case.grid_id) == ("北苑2号楼3单元楼道", "wenfeng-01")


async def test_a_leak_from_upstairs_is_a_complaint_and_asking_after_a_report_is_not_a_new_one(app):
    li = await resident(app, "li")
    await li.say("楼上漏水把俺家天花板都泡了")  # was 便民维修, a paid repair of one's own home
    assert "我帮您登记成诉求" in li.text and "便民维修" not in li.text, li.text
    await li.say("/cancel")
    await li.say("上回说的灯修了没")  # was 答不上来
    assert "没有查到您提交过的诉求" in li.text, li.text


async def test_a_choice_typed_into_a_failing_step_is_not_passed_to_staff_as_words(app):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    working = app.routes.dialogs["case"]

    async def broken(ctx):  # noqa: ANN001, ANN202
        raise RuntimeError("a bug at submitting")

    app.routes.dialogs["case"] = broken
    await li.say("跳过")  # the button's word: staff could do nothing with 跳过
    assert "请稍后再发一次" in li.text and "转给社区工作人员" not in li.text
    app.routes.dialogs["case"] = working
    await li.say("跳过")  # nothing was recorded: the form is where it was
    assert "您的诉求已提交" in li.text
    async with app.db.uow() as uow:
        from bot.models import Handover

        assert (await uow.session.exec(select(Handover))).all() == []


async def test_an_account_that_cannot_push_promises_no_progress_messages(app):
    await bind(app, "staff-1", Role.staff)
    console = await resident(app, "li")
    await up_to_the_photo(console)
    await console.say("跳过")
    assert "每一步进展我都会告诉您" in console.text
    wechat = await resident(app, "wx-li", channel="wechat")  # no AppID and secret set: replies only
    await up_to_the_photo(wechat)
    await wechat.say("跳过")
    assert "附近已经有类似的诉求" in wechat.text and "在“我的诉求”里查看进展" in wechat.text  # no push to promise
    await wechat.press("cs:new")
    assert "您的诉求已提交" in wechat.text and "每一步进展我都会告诉您" not in wechat.text, wechat.text
    await wechat.say("转人工 低保的事想问问")
    assert "不能主动给您发消息" in wechat.text and "我会马上转告您" not in wechat.text, wechat.text


async def test_with_no_staff_bound_an_account_that_cannot_push_promises_no_answer(app):
    """工作人员上班后会回复您, said on a replies-only WeChat account: the answer could never reach them."""
    wechat = await resident(app, "wx-li", channel="wechat")  # no AppID and secret set: replies only; no staff bound
    await wechat.say("转人工 低保的事想问问")
    assert "已记下您的问题" in wechat.text and "不能主动给您发消息" in wechat.text, wechat.text
    assert "上班后会回复您" not in wechat.text, wechat.text


async def test_a_place_at_the_where_question_that_names_a_service_too_is_the_place(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:facilities")
    await li.say("小区里的健身器材坏了一个，有点危险")
    await li.say("健身器材那")  # reads as a service, but asks nothing: it is where
    assert "有现场照片吗" in li.text, li.text
    await li.say("跳过")
    [case] = await all_cases(app)
    assert case.address == "健身器材那"
