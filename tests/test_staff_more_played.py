"""The centre's staff played further: where a question passed to the grid goes, who may do what, slips."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Case, Notice, Role
from tests.grid.util import resident as with_home
from tests.helpers import Chat, bind
from tests.scheduler.common import local
from tests.test_announce import _resident  # a resident with an address, as the announcement tests have one
from tests.test_staff_as_played import _asked, _choice, _id


async def test_a_question_passed_to_the_grid_goes_where_the_resident_said_the_problem_is(any_app):
    """文峰北苑3号楼门口的路灯坏了谁管, from a resident of 南苑: it went to 南苑's grid, or to nobody without a home."""
    app = any_app
    staff = await bind(app, "zhang", Role.staff)
    north = await bind(app, "north", Role.grid_manager, grid_id="wenfeng-01")
    south = await bind(app, "south", Role.grid_manager, grid_id="wenfeng-02")
    grandma = await with_home(app, "grandma", building="南苑3号楼")
    await grandma.say("转人工 文峰北苑3号楼门口的路灯坏了谁管")
    number = _id((await staff.pushes())[0])
    await staff.say("看通知")
    await staff.say(_choice(staff, "转给网格员"))
    assert "第一网格" in staff.text and "文峰北苑3号楼门口" in staff.text, staff.text
    await staff.say(_choice(staff, "确认转给网格员"))
    assert f"转人工 #{number} 已转成诉求" in staff.text and "请在“待办”里" not in staff.text, staff.text
    [task] = await north.pushes()
    assert "路灯坏了" in task, task
    assert await south.pushes() == []
    async with app.db.uow() as uow:
        [case] = (await uow.session.exec(select(Case))).all()
    assert case.grid_id == "wenfeng-01" and case.address == "文峰北苑3号楼门口", case

    # Someone with no address on file, naming the place: routed by it, not left for the staff to route.
    await _asked(app, "stranger", "锦华园小区门口的路灯杆歪了，很危险")
    number = _id((await staff.pushes())[-1])
    await staff.press(f"hgrid:{number}")
    assert "没有登记住址" not in staff.text and "第五网格" in staff.text, staff.text
    await staff.press(f"hgrid:{number}:go")
    assert "已转成诉求" in staff.text and "请在“待办”里" not in staff.text, staff.text


async def test_a_resident_asking_for_a_person_with_their_question_is_handed_over_with_it(app):
    """找个真人问问，我家老人的高龄补贴怎么还没发 got the allowance's leaflet, and its 找工作人员 asked to type it all again."""
    staff = await bind(app, "zhang", Role.staff)
    asked = {
        "grandpa": ("找个真人问问，我家老人的高龄补贴怎么还没发", "我家老人的高龄补贴怎么还没发"),
        "grandma": ("我要找工作人员问一下低保的事", "低保的事"),
        "auntie": ("俺想找個真人，老伴的醫保卡丟了咋補", "老伴的医保卡丢了咋补"),
        # 找个人问问 (no 真人, no 工作人员): a choice of 低收入家庭认定 / 课后托管 / 居住证 before
        "nainai": ("我要找个人问问，我家孙子上学的事", "我家孙子上学的事"),
    }
    for user, (said, question) in asked.items():
        resident = Chat(app, user)
        await resident.say(said)
        assert "已转给社区工作人员" in resident.text, (said, resident.text)
        [pushed] = await staff.pushes()
        assert pushed.endswith(f"问：{question}"), pushed
    # Asking for a person and nothing more: asked what the question is, as before.
    for n, said in enumerate(("我要找工作人员", "找个真人吧", "我想找个真人可以吗")):
        resident = Chat(app, f"uncle{n}")
        await resident.say(said)
        assert "请说说您的问题" in resident.text, (said, resident.text)
    assert await staff.pushes() == []


async def test_staff_saying_who_and_what_in_one_message_get_the_preview_of_that_notice(app, clock):
    """通知全体居民明天停水 was filed as a complaint about the water (asking the secretary's phone), 给党员发个通知
    was 答不上来, and 群发 明天停水 asked 发给谁 and then for the text again."""
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(app, "zhang", Role.staff)
    member = await bind(app, "member", Role.party_member)
    north = await _resident(app, "north", "北苑1号楼")
    south = await _resident(app, "south", "南苑3号楼")

    await staff.say("发通知给第一网格：明天上午9点到12点停水")
    assert "第一网格（文峰北苑）全体" in staff.text and "共 1 人" in staff.text, staff.text
    assert "明天上午9点到12点停水" in staff.text and "姓名、电话" not in staff.text, staff.text
    await staff.say(_choice(staff, "确认发送"))
    assert "已排队发送给 1 人" in staff.text, staff.text
    assert [p.split("\n")[-1] for p in await north.pushes()] == ["明天上午9点到12点停水"]
    assert await south.pushes() == []

    await staff.say("通知全体居民明天停水")
    assert "文峰社区全体" in staff.text and "明天停水" in staff.text and "反映" not in staff.text, staff.text
    await staff.say(_choice(staff, "取消"))

    await staff.say("给党员发个通知")
    assert "文峰社区的党员" in staff.text and "请发送要发给" in staff.text, staff.text
    await staff.say("周五下午三点党员大会")
    await staff.say(_choice(staff, "确认发送"))
    [told] = await member.pushes()
    assert told.endswith("周五下午三点党员大会"), told

    await staff.say("群发 明天停水")  # the text kept while who gets it is chosen
    assert "通知内容已记下" in staff.text, staff.text
    await staff.say(_choice(staff, "按网格"))
    await staff.say(_choice(staff, "第二网格"))
    assert "预览" in staff.text and "明天停水" in staff.text and "第二网格" in staff.text, staff.text
    await staff.say(_choice(staff, "取消"))

    # Words about announcing that are no announcement, and a resident's words: read as before.
    await staff.say("给居民发通知的时候要注意什么")
    assert "预览" not in staff.text and "发给谁" not in staff.text, staff.text
    await north.say("通知全体居民明天停水")
    assert "预览" not in north.text and "没有权限" not in north.text, north.text
    async with app.db.uow() as uow:
        assert len((await uow.session.exec(select(Notice))).all()) == 2


async def test_words_typed_under_the_staff_answer_go_on_to_the_staff_who_answered(app):
    """好的，那供暖公司在哪 under the staff's answer was answered by the bot as the fee-paying window; staff never saw it."""
    staff = await bind(app, "zhang", Role.staff)
    grandma = await _asked(app, "grandma", "我家暖气不热找谁")
    number = _id((await staff.pushes())[0])
    await staff.say(f"回复 {number} 这个找供暖公司，电话 12345")
    await grandma.pushes()  # the answer arrives: its choices are in force
    await grandma.say("好的，那供暖公司在哪")
    assert f"已接着转给社区工作人员（编号 #{number}）" in grandma.text, grandma.text
    [pushed] = await staff.pushes()
    assert f"#{number}" in pushed and "接着问：好的，那供暖公司在哪" in pushed, pushed

    await staff.say(f"回复 {number} 在建设路18号")
    await grandma.pushes()
    await grandma.say("好的谢谢")  # thanks are no question for the staff
    assert "已接着转给" not in grandma.text, grandma.text
    assert await staff.pushes() == []

    # 继续问工作人员 pressed: the words asked next go on in the same conversation, not a new one.
    await grandma.press(f"hmore:{number}")
    assert "请说说" in grandma.text, grandma.text
    await grandma.say("周末他们上班吗")
    assert f"编号 #{number}" in grandma.text, grandma.text
    [pushed] = await staff.pushes()
    assert f"【转人工 #{number}】" in pushed and "周末他们上班吗" in pushed, pushed
    # Someone else's button: their question is not theirs to add to.
    nosy = Chat(app, "nosy")
    await nosy.press(f"hmore:{number}")
    await nosy.say("我也想问问")
    assert f"#{number}" not in nosy.text, nosy.text
    assert all(f"#{number}" not in p for p in await staff.pushes())


async def test_a_staff_member_asking_for_a_person_is_not_sent_their_own_question_to_answer(app):
    """An admin's 转人工 was pushed to the admin: their next words were taken for a reply to themselves."""
    admin = await bind(app, "admin", Role.admin)
    await admin.say("转人工 新来的网格员怎么绑定")
    assert "已记下您的问题" in admin.text, admin.text  # no colleague on the bot to tell: said so
    assert await admin.pushes() == []
    await admin.say("撤销小王的网格员身份")
    assert "给居民的回复吗" not in admin.text, admin.text

    colleague = await bind(app, "li", Role.staff)
    await admin.pushes()  # told of the binding
    await admin.say("转人工 新来的网格员怎么绑定")
    assert "已转给社区工作人员" in admin.text, admin.text
    assert await admin.pushes() == [] and len(await colleague.pushes()) == 1


async def test_words_held_while_a_new_question_arrived_are_not_sent_to_a_resident_unasked(app):
    """After 回复 1, a new 转人工 arrived; the words were asked about, 待回复 typed instead, and they went to #1 unasked."""
    staff = await bind(app, "zhang", Role.staff)
    first = await _asked(app, "grandpa", "老年卡在哪办")
    await staff.pushes()
    await staff.say("回复 1")
    second = await _asked(app, "grandma", "低保怎么申请")
    await staff.pushes()  # the new question arrives while the reply to #1 is being typed
    await staff.say("带身份证到一楼2号窗口")
    assert "刚才又收到一条新消息" in staff.text, staff.text
    await staff.say("待回复")  # neither choice: the words must not go to #1 on their own
    assert "已把您的回复转告居民" not in staff.text, staff.text
    assert await first.pushes() == [] and await second.pushes() == []
    await staff.say("继续")  # the held words come back, to be sent only on purpose
    assert "带身份证到一楼2号窗口" in staff.text and "发给居民 #1" in staff.buttons, (staff.text, staff.buttons)
    await staff.say(_choice(staff, "发给居民"))
    assert "已把您的回复转告居民（#1）" in staff.text, staff.text
    assert len(await first.pushes()) == 1 and await second.pushes() == []


async def test_staff_typing_转给网格员_and_a_number_pass_that_question_on(app):
    """转给网格员 2, typed after reading 【转人工 #2】 or 待回复, was read as a case transfer: 没有可以“转其他网格”的诉求."""
    staff = await bind(app, "zhang", Role.staff)
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await _asked(app, "grandpa", "老年卡在哪办")
    grandma = await with_home(app, "grandma", building="北苑1号楼")
    await grandma.say("转人工 我家门口下水道堵了")
    number = _id((await staff.pushes())[-1])
    await staff.say("待回复")
    await staff.say(f"转给网格员 #{number}")
    assert "转成诉求" in staff.text and "下水道堵了" in staff.text and "第一网格" in staff.text, staff.text
    await staff.say(_choice(staff, "确认转给网格员"))
    assert f"转人工 #{number} 已转成诉求" in staff.text, staff.text
    assert len(await manager.pushes()) == 1
    await staff.say("转给网格员 9")
    assert "没有编号为 9 的问题" in staff.text and "#1 老年卡在哪办" in staff.text, staff.text
    await manager.say(f"转给网格员 {number}")  # a grid manager's words: no such command of theirs
    assert "转成诉求" not in manager.text and "没有权限" not in manager.text, manager.text


async def test_a_resident_asking_again_before_any_answer_stays_one_question_for_the_staff(app):
    """转人工 低保怎么申请 sent twice, then 怎么没人回: three questions waited in 待回复, two of them never answered."""
    staff = await bind(app, "zhang", Role.staff)
    grandma = await _asked(app, "grandma", "低保怎么申请")
    number = _id((await staff.pushes())[0])
    await grandma.say("转人工 低保怎么申请")
    assert f"编号 #{number}" in grandma.text, grandma.text
    await grandma.say("转人工")
    await grandma.say("低保怎么申请啊，怎么没人回")
    assert f"编号 #{number}" in grandma.text, grandma.text
    pushed = await staff.pushes()
    assert len(pushed) == 2 and all(f"#{number}" in p and "接着问" in p for p in pushed), pushed
    await staff.say("待回复")
    assert "（1 条）" in staff.text and "怎么没人回" in staff.text, staff.text
    await staff.say(f"回复 {number} 带户口本身份证来三号窗口")
    await staff.say("待回复")
    assert "现在没有等待回复的居民问题" in staff.text, staff.text
    # Answered, a new 转人工 is a new question.
    await grandma.say("转人工 高龄补贴怎么领")
    assert f"编号 #{number + 1}" in grandma.text, grandma.text


async def test_an_admin_asking_how_to_invite_is_told_how_codes_are_made(app):
    """邀请网格员 from an admin was read as 转人工: 请说说您的问题, and the next words went to the staff as a question."""
    admin = await bind(app, "admin", Role.admin)
    await admin.say("邀请网格员")
    assert "resident-bot invite --role grid_manager" in admin.text and "请说说您的问题" not in admin.text, admin.text
    resident = Chat(app, "grandma")
    await resident.say("邀请网格员")  # a resident's words: as before, not the staff's how-to
    assert "resident-bot" not in resident.text, resident.text


async def test_asking_for_someone_to_do_an_errand_is_not_a_question_for_the_staff(app):
    await bind(app, "zhang", Role.staff)
    resident = Chat(app, "grandpa")
    await resident.say("我想找个人帮我搬东西")
    assert "已转给社区工作人员" not in resident.text, resident.text
