"""The centre's staff on their phone: answering 转人工, announcing, and the slips they make doing it."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.models import HandoverMessage, Notice, Role
from tests.helpers import Chat, bind, unanswered
from tests.test_announce import _resident  # a resident with an address, as the announcement tests have one
from tests.scheduler.common import local


def _id(pushed: str) -> int:
    match = re.search(r"#(\d+)", pushed)
    assert match, pushed
    return int(match.group(1))


def _choice(person: Chat, label: str) -> str:
    """The number to type for the choice whose label starts with `label`, as on WeChat."""
    return str(next(i for i, shown in enumerate(person.buttons, 1) if shown.startswith(label)))


async def _asked(app, resident: str, question: str) -> Chat:
    person = Chat(app, resident)
    await person.say(f"转人工 {question}")
    assert "已转给社区工作人员" in person.text, person.text
    return person


async def _staff_lines(app) -> list[str]:
    async with app.db.uow() as uow:
        lines = (await uow.session.exec(select(HandoverMessage).where(HandoverMessage.from_staff == True))).all()  # noqa: E712
    return [line.text for line in lines]


async def test_two_staff_answering_the_same_question_at_once_do_not_both_reach_the_resident_unasked(any_app):
    app = any_app
    """Both pressed 回复他 on the push; the second one's answer went too, and the resident got two, at odds."""
    zhang = await bind(app, "zhang", Role.staff)
    li = await bind(app, "li", Role.staff)
    grandma = await _asked(app, "grandma", "我腿脚不好，养老认证能上门吗")
    number = _id((await zhang.pushes())[0])
    await li.pushes()
    await zhang.press(f"hreply:{number}")
    await li.press(f"hreply:{number}")
    await zhang.say("可以的，明天上午网格员上门")
    assert "已把您的回复转告居民" in zhang.text
    await li.say("下午三点去您家")
    assert "另一位工作人员已经回复" in li.text and "明天上午网格员上门" in li.text, li.text
    assert "已把您的回复转告居民" not in li.text
    assert len(await grandma.pushes()) == 1
    await li.say(_choice(li, "不发了"))
    assert "没有发给居民" in li.text
    assert len(await grandma.pushes()) == 0 and await _staff_lines(app) == ["可以的，明天上午网格员上门"]

    # Sent on purpose, it goes: a second answer the staff member chose to add.
    await li.press(f"hreply:{number}")
    await zhang.say(f"回复 {number} 带上身份证")
    await li.say("网格员小王会先打电话")
    await li.say(_choice(li, "发给居民"))
    assert "已把您的回复转告居民" in li.text and "居民会收到两条回复" in li.text, li.text
    assert [told.split("：")[-1] for told in await grandma.pushes()] == ["带上身份证", "网格员小王会先打电话"]


async def test_an_answer_typed_under_the_push_without_回复_reaches_the_resident_once_confirmed(app):
    """带户口本身份证来三号窗口 under 【转人工 #2】 was answered as 打印复印; the resident never heard back."""
    staff = await bind(app, "zhang", Role.staff)
    resident = await _asked(app, "grandma", "低保怎么申请")
    [pushed] = await staff.pushes()
    await staff.say("收到")  # an OK to the push is no answer to the resident
    assert "给居民的回复吗" not in staff.text
    await staff.pushes()
    await staff.say("看通知")  # the push again, its 回复他 on screen
    await staff.say("带户口本身份证来三号窗口")
    assert "给居民的回复吗" in staff.text and "低保怎么申请" in staff.text, staff.text
    assert "打印复印" not in staff.text
    assert await resident.pushes() == []  # nothing goes before the staff member says so
    await staff.say(_choice(staff, "发给居民"))
    assert f"已把您的回复转告居民（#{_id(pushed)}）" in staff.text, staff.text
    [told] = await resident.pushes()
    assert told.endswith("：带户口本身份证来三号窗口"), told
    assert "带户口本身份证来三号窗口" not in await unanswered(app)

    await staff.press(f"hsend:{_id(pushed)}")  # the button pressed again later: nothing more
    assert "已经处理过了" in staff.text and await resident.pushes() == []
    nosy = Chat(app, "nosy")
    await nosy.press(f"hsend:{_id(pushed)}")
    assert await resident.pushes() == []


async def test_words_under_the_list_of_waiting_questions_ask_which_resident_they_answer(app):
    staff = await bind(app, "zhang", Role.staff)
    first = await _asked(app, "grandma", "高龄补贴怎么领")
    second = await _asked(app, "grandpa", "居住证明怎么开")
    await staff.say("待回复")
    await staff.say("带身份证和户口本来一楼")
    assert "回复哪位居民" in staff.text, staff.text
    await staff.say(_choice(staff, "回复 #2"))
    assert "已把您的回复转告居民（#2）" in staff.text, staff.text
    assert await first.pushes() == [] and len(await second.pushes()) == 1


async def test_a_wrong_question_number_shows_the_ones_waiting(app):
    staff = await bind(app, "zhang", Role.staff)
    resident = await _asked(app, "grandma", "低保怎么申请")
    number = _id((await staff.pushes())[0])
    await staff.say("回复 9 带户口本来")
    assert "没有编号为 9 的问题" in staff.text and f"#{number} 低保怎么申请" in staff.text, staff.text
    await staff.say(_choice(staff, f"回复 #{number}"))
    await staff.say("带户口本来三号窗口")
    assert len(await resident.pushes()) == 1


async def test_a_number_typed_straight_before_the_words_is_the_question_answered(app):
    """回复2带户口本, as typed on a phone, was answered with the usage; 回复2号窗口 stays no number."""
    staff = await bind(app, "zhang", Role.staff)
    resident = await _asked(app, "grandma", "低保怎么申请")
    number = _id((await staff.pushes())[0])
    await staff.say(f"回复{number}带户口本")
    assert f"已把您的回复转告居民（#{number}）" in staff.text, staff.text
    [told] = await resident.pushes()
    assert told.endswith("：带户口本"), told
    await staff.say(f"回复{number}号窗口办理")
    assert "用法：回复 编号 内容" in staff.text and await resident.pushes() == []


async def _draft(staff: Chat, text: str) -> None:
    await staff.say("群发通知")
    await staff.say(_choice(staff, "全社区"))
    await staff.say(text)
    assert "预览" in staff.text and text in staff.text, staff.text


async def test_an_announcement_with_a_typo_is_corrected_before_it_goes(app, clock):
    """The corrected text typed at the preview was ignored, and 确认发送 sent the typo."""
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(app, "zhang", Role.staff)
    north = await _resident(app, "north", "北苑1号楼")
    await _draft(staff, "明天上午停水，请大家提前储水")
    await staff.say("明天下午停水，请大家提前储水")
    assert "明天下午停水" in staff.text and "明天上午停水" not in staff.text, staff.text
    await staff.say("改一下")
    assert "改好的通知全文" in staff.text, staff.text
    await staff.say("明天下午两点到五点停水，请大家提前储水")
    assert "两点到五点" in staff.text
    for said in ("发吧", "这个可以了，发出去吧"):  # words about the preview, not a new text for it
        await staff.say(said)
        assert "还没有发送" in staff.text and "两点到五点" in staff.text, (said, staff.text)
    await staff.say(_choice(staff, "确认发送"))
    assert "已排队发送" in staff.text
    assert await north.pushes() == ["【社区通知】\n明天下午两点到五点停水，请大家提前储水"]


async def test_a_preview_says_quiet_hours_hold_it_and_yesterdays_confirmation_asks_again(app, clock):
    clock.set(local(2026, 3, 2, 22, 0))
    staff = await bind(app, "zhang", Role.staff)
    north = await _resident(app, "north", "北苑1号楼")
    await _draft(staff, "明天上午九点北苑停水")
    assert "免打扰时段" in staff.text and "08:00" in staff.text, staff.text
    clock.set(local(2026, 3, 3, 10, 0))  # the 确认发送 of last night, pressed the next morning
    await staff.press("an:send")
    assert "之前的预览" in staff.text and "已排队发送" not in staff.text, staff.text
    assert await north.pushes() == []
    await staff.press("an:send")
    assert "已排队发送" in staff.text
    assert len(await north.pushes()) == 1

    await staff.press("an:send")  # the old button once more: nothing more, and no new announcement begun
    assert "已经发送或取消" in staff.text and "发给谁" not in staff.text, staff.text
    nosy = Chat(app, "nosy")
    await nosy.press("an:send")
    assert "没有权限" in nosy.text
    async with app.db.uow() as uow:
        assert len((await uow.session.exec(select(Notice))).all()) == 1


async def test_a_question_for_the_grid_manager_is_passed_on_as_the_residents_case(any_app):
    app = any_app
    """下水道堵了 asked via 转人工: staff had no way to hand it to the grid manager but to retype it."""
    from bot.models import Case
    from tests.grid.util import resident as with_home

    staff = await bind(app, "zhang", Role.staff)
    colleague = await bind(app, "li", Role.staff)
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    grandma = await with_home(app, "grandma", building="北苑1号楼")
    await grandma.say("转人工 我家门口下水道堵了好几天了，味道很大")
    [pushed] = await staff.pushes()
    await colleague.pushes()
    number = _id(pushed)
    await staff.say("看通知")
    await staff.say(_choice(staff, "转给网格员"))
    assert "第一网格" in staff.text and "下水道堵了" in staff.text, staff.text
    assert await manager.pushes() == []  # asked first: nothing filed yet
    await staff.say(_choice(staff, "确认转给网格员"))
    assert f"转人工 #{number} 已转成诉求" in staff.text, staff.text
    [task] = await manager.pushes()
    assert "下水道堵了好几天" in task, task
    [told] = await grandma.pushes()
    assert "已转给网格员办理" in told and "我的诉求" in told, told
    await grandma.say("我的诉求")
    assert "下水道" in grandma.text, grandma.text

    await colleague.press(f"hgrid:{number}:go")  # the same push's button, pressed by a colleague a moment later
    assert "已经转给网格员办理了" in colleague.text, colleague.text
    await staff.say("待回复")
    assert "下水道" not in staff.text, staff.text
    await colleague.press(f"hreply:{number}")  # 回复他 on the old push: it says where the question went
    assert "已转给网格员" in colleague.text and "请输入给居民的回复" in colleague.text, colleague.text
    await colleague.say("/cancel")
    nosy = Chat(app, "nosy")
    await nosy.press(f"hgrid:{number}:go")
    assert "没有权限" in nosy.text
    async with app.db.uow() as uow:
        assert len((await uow.session.exec(select(Case))).all()) == 1


async def test_a_question_passed_on_for_a_resident_with_no_address_waits_for_staff_to_route_it(app):
    staff = await bind(app, "zhang", Role.staff)
    await _asked(app, "stranger", "路口的红绿灯坏了")
    number = _id((await staff.pushes())[0])
    await staff.press(f"hgrid:{number}")
    assert "没有登记住址" in staff.text, staff.text
    await staff.press(f"hgrid:{number}:go")
    assert "请在“待办”里把它分派" in staff.text, staff.text
    await staff.say("待办")
    assert "红绿灯坏了" in staff.text and "等待回复" not in staff.text, staff.text  # a case to route, no more a question


async def test_staff_asking_after_their_notice_in_words_get_the_delivery_report(app, clock):
    """通知发出去了吗 and 谁没收到 were 答不上来, or a leaflet on 低保; 发送情况 was the only way."""
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(app, "zhang", Role.staff)
    await _resident(app, "north", "北苑1号楼")
    await _draft(staff, "周六上午义诊")
    await staff.say(_choice(staff, "确认发送"))
    for asked in ("通知发出去了吗", "大家收到通知了没？", "谁没收到"):
        await staff.say(asked)
        assert "最近的通知和送达情况" in staff.text and "文峰社区全体" in staff.text, (asked, staff.text)
    resident = Chat(app, "north")
    await resident.say("谁没收到")  # a resident's words about something else: no report of the staff's
    assert "送达情况" not in resident.text


async def test_figures_of_a_month_typed_with_a_dash_are_titled_as_the_month(app, clock):
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(app, "zhang", Role.staff)
    await staff.say("统计 2026-3")
    assert "2026-03 工作统计" in staff.text, staff.text


async def test_passing_on_a_question_a_colleague_already_answered_shows_the_answer_first(app):
    """The push's 转给网格员, pressed by a second staff member, filed a case for a question answered already."""
    zhang = await bind(app, "zhang", Role.staff)
    li = await bind(app, "li", Role.staff)
    await _asked(app, "grandma", "老年卡在哪办")
    number = _id((await zhang.pushes())[0])
    await li.pushes()
    await zhang.say(f"回复 {number} 带身份证去二号窗口办")
    await li.press(f"hgrid:{number}")
    assert "已有工作人员回复过：“带身份证去二号窗口办”" in li.text and "确认转给网格员" in li.buttons, li.text
    await li.say(_choice(li, "不转了"))
    assert "没有转" in li.text


async def test_a_reply_says_which_question_it_went_to(app):
    """回复 1 typed for 诉求 #1 went to 转人工 #1's resident, and nothing showed whose question that was."""
    staff = await bind(app, "zhang", Role.staff)
    await _asked(app, "grandma", "老年卡在哪办")
    number = _id((await staff.pushes())[0])
    await staff.say(f"回复 {number} 已经派人去修了")
    assert "已把您的回复转告居民" in staff.text and "居民问的是：老年卡在哪办" in staff.text, staff.text


async def test_a_notice_sent_with_a_mistake_is_corrected_to_the_same_people(app, clock):
    """通知写错了 after 确认发送 was 答不上来: staff had to choose the grid again and write the correction bare."""
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(app, "zhang", Role.staff)
    north = await _resident(app, "north", "北苑1号楼")  # 第一网格
    south = await _resident(app, "south", "南苑3号楼")  # another grid
    await staff.say("群发通知")
    await staff.say(_choice(staff, "按网格"))
    await staff.say(_choice(staff, "第一网格"))
    await staff.say("本周六上午北苑停水")
    await staff.say(_choice(staff, "确认发送"))
    assert len(await north.pushes()) == 1
    await staff.say("刚才的通知写错了")
    assert "没法从居民手机上撤回" in staff.text and "第一网格" in staff.text, staff.text
    await staff.say("停水改到本周日上午，周六正常供水")
    assert "【更正】停水改到本周日上午" in staff.text and "共 1 人" in staff.text, staff.text
    await staff.say(_choice(staff, "确认发送"))
    assert "已排队发送给 1 人" in staff.text, staff.text
    assert await north.pushes() == ["【社区通知】\n【更正】停水改到本周日上午，周六正常供水"]
    assert await south.pushes() == []
    await north.say("通知写错了")  # a resident's words: no staff dialog for them
    assert "撤回" not in north.text


async def test_a_binding_code_pasted_alone_or_named_binds(app):
    """The code pasted from the group chat alone was 没看懂; 我的绑定码是… went to the unanswered log."""
    from datetime import timedelta

    from bot.services import roles

    async def code() -> str:
        async with app.db.uow() as uow:
            return (await roles.create_invite(uow, Role.staff, ttl=timedelta(days=3))).code

    zhang = Chat(app, "zhang")
    await zhang.say((await code()).lower())
    assert "绑定成功" in zhang.text and "社区工作人员" in zhang.text, zhang.text
    li = Chat(app, "li")
    await li.say(f"我的绑定码是{await code()}")
    assert "绑定成功" in li.text, li.text
    wang = Chat(app, "wang")
    await wang.say("邀请码：ABCD2345")  # said as a code, but none such: told so
    assert "绑定码不对" in wang.text, wang.text
    await wang.say("ABCD2345")  # eight letters alone that no code is: read as anything else, never 绑定码不对
    assert "绑定" not in wang.text, wang.text
    await wang.say("/me")
    assert "身份：居民" in wang.text


async def test_the_delivery_report_says_which_notice_and_why_none_arrived_at_night(app, clock):
    """发送情况 at night showed 已送达 0 with no word of quiet hours, and notices only by number and time."""
    clock.set(local(2026, 3, 2, 22, 0))
    staff = await bind(app, "zhang", Role.staff)
    await _resident(app, "north", "北苑1号楼")
    await _draft(staff, "明天上午九点北苑停水，请提前储水")
    await staff.say(_choice(staff, "确认发送"))
    await staff.say("发送情况")
    assert "“明天上午九点北苑停水，请提前储水”" in staff.text, staff.text
    assert "免打扰时段" in staff.text and "08:00" in staff.text, staff.text


async def test_staff_help_names_passing_to_the_grid_and_correcting_a_notice(app):
    staff = await bind(app, "zhang", Role.staff)
    await staff.say("帮助")
    assert "转给网格员" in staff.text and "通知写错了" in staff.text, staff.text


async def test_a_case_action_typed_under_the_to_do_list_is_not_taken_for_a_residents_answer(app):
    """待办 lists cases and 转人工 together: #1 处理好了 typed under it acts on the case, as before."""
    from tests.grid.util import file_complaint, resident as with_home

    staff = await bind(app, "zhang", Role.staff)
    grandma = await with_home(app, "grandma")
    number = await file_complaint(grandma)
    await _asked(app, "grandpa", "老年卡在哪办")
    await staff.say("待办")
    assert "回复 #" in " ".join(staff.buttons), staff.buttons
    await staff.say(f"#{number} 转给三网格")
    assert "给居民的回复" not in staff.text and "回复哪位居民" not in staff.text, staff.text
    assert "第三网格" in staff.text, staff.text  # the case's grids, or the case moved: the case's answer
