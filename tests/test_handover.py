"""转人工: the question reaches the staff, their reply reaches the resident, nothing else leaks."""

from __future__ import annotations


from sqlmodel import select

from bot.models import Handover, HandoverMessage, Role
from tests.helpers import Chat, bind



async def test_a_question_goes_to_the_staff_and_the_reply_comes_back(any_app):
    staff = await bind(any_app, "staff-1", Role.staff)
    resident = Chat(any_app, "grandma")
    await resident.say("转人工")
    assert "请说说您的问题" in resident.text
    await resident.say("我家老伴卧床了，养老认证怎么弄")
    assert "已转给社区工作人员" in resident.text

    pushed = await staff.pushes()
    assert len(pushed) == 1 and "养老认证怎么弄" in pushed[0]
    await staff.say("待回复")
    assert "养老认证怎么弄" in staff.text
    await staff.press(f"hreply:{_id(pushed[0])}")
    assert "请输入给居民的回复" in staff.text
    await staff.say("可以预约上门认证，明天上午网格员去您家")
    assert "已把您的回复转告居民" in staff.text

    told = await resident.pushes()
    assert len(told) == 1 and "明天上午网格员去您家" in told[0]
    async with any_app.db.uow() as uow:
        lines = (await uow.session.exec(select(HandoverMessage).order_by(HandoverMessage.id))).all()
    assert [(line.from_staff, line.text) for line in lines] == [
        (False, "我家老伴卧床了，养老认证怎么弄"),
        (True, "可以预约上门认证，明天上午网格员去您家"),
    ]

    # The resident goes on in plain words, without pressing 继续问工作人员: it reaches the same staff.
    await resident.say("好的，那要不要提前准备什么东西呀")
    assert "已接着转给社区工作人员" in resident.text and "答不上来" not in resident.text
    [more] = await staff.pushes()
    assert f"#{_id(pushed[0])}" in more and "要不要提前准备什么东西" in more
    from bot.services import support

    async with any_app.db.uow() as uow:
        assert await support.unanswered(uow) == []


async def test_the_button_under_an_unsure_or_unknown_answer_carries_the_question(app):
    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "r1")
    await resident.say("老人有啥补贴")
    human = resident.buttons.index("找工作人员") + 1
    await resident.say(str(human))
    assert "已转给社区工作人员" in resident.text
    assert any("老人有啥补贴" in text for text in await staff.pushes())


async def test_a_resident_cannot_answer_a_handover_even_with_a_forged_button(app):
    await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "r1")
    await resident.say("转人工 帮我问问低保的事")
    intruder = Chat(app, "nosy")
    await intruder.press("hreply:1")
    assert "没有权限" in intruder.text
    await intruder.say("回复 1 你的低保没批")  # typed: 回复 is no command of theirs, nor a refusal
    assert "没有要选的编号" in intruder.text and "没有权限" not in intruder.text, intruder.text
    assert await resident.pushes() == []


async def test_with_no_staff_bound_the_question_is_kept_and_the_centre_phone_given(app):
    resident = Chat(app, "r1")
    await resident.say("转人工 几点下班")
    assert "已记下您的问题" in resident.text and "0374-5123456" in resident.text


async def test_complaints_now_enter_the_grid_workflow_instead_of_a_handover(app):
    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "r1")
    await resident.say("楼道的灯坏了好几天了没人修")
    assert "已转给社区工作人员" not in resident.text  # the case dialog starts (tests/grid/)
    assert await staff.pushes() == []


def _id(pushed: str) -> int:
    import re

    match = re.search(r"#(\d+)", pushed)
    assert match
    return int(match.group(1))


async def test_forged_record_ids_in_buttons_get_a_clear_answer_not_a_system_error(any_app):
    intruder = Chat(any_app, "forger")
    for payload in ("hreply:99999999999999999999", "hreply:²", "case:accept:99999999999", "wish:claim:１２"):
        await intruder.press(payload)
        assert intruder.text and "出了点问题" not in intruder.text, payload


async def test_what_a_resident_adds_while_waiting_for_a_reply_reaches_the_staff(app):
    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "grandma")
    await resident.say("转人工 我家的暖气不热，找谁？")
    [asked] = await staff.pushes()
    # Before anyone answered, she adds where she lives: not a question for the knowledge base.
    await resident.say("我住北苑2号楼")
    assert "已接着转给社区工作人员" in resident.text and "答不上来" not in resident.text
    [more] = await staff.pushes()
    assert f"#{_id(asked)}" in more and "我住北苑2号楼" in more
    await staff.say("待回复")  # the list shows what she added last, beside her question
    assert "我家的暖气不热" in staff.text and "最新：我住北苑2号楼" in staff.text, staff.text
    from bot.services import support

    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []


async def test_other_communities_waiting_questions_do_not_hide_a_staff_members_own(app):
    from bot.models import Community, Handover
    from bot.services import people

    async with app.db.uow() as uow:
        uow.session.add(Community(id="chunhua", name="春华社区", street_id="xidajie"))
        await uow.session.flush()
        for n in range(25):
            other = await people.get_or_create(uow, "console", f"other-{n}")
            uow.session.add(Handover(person_id=other.id, community_id="chunhua", question=f"春华的问题{n}", created_at=uow.clock.now(), updated_at=uow.clock.now()))
        await uow.commit()
    staff = await bind(app, "staff-1", Role.staff, community_id="wenfeng")
    resident = Chat(app, "grandma")
    async with app.db.uow() as uow:
        await people.save_profile(uow, await people.get_or_create(uow, "console", "grandma"), people.ProfileUpdate(community_id="wenfeng"))
    await resident.say("转人工 几点下班")
    await staff.say("待回复")
    assert "几点下班" in staff.text and "春华的问题" not in staff.text


async def test_an_emoji_alone_is_not_filed_as_a_question_for_the_staff(app, chat):
    me = chat("smiley")
    await me.say("找工作人员")
    await me.say("🙂")  # WeChat's [微笑] arrives as this
    async with app.db.uow() as uow:
        assert not (await uow.session.exec(select(Handover))).all()
    assert "请说说您的问题" in me.text, me.text
    await me.say("暖气不热找谁")
    async with app.db.uow() as uow:
        [handover] = (await uow.session.exec(select(Handover))).all()
    assert handover.question == "暖气不热找谁"


async def test_a_shared_link_goes_to_the_staff_with_one_press(app, chat):
    staff = await bind(app, "staff-1", Role.staff)
    me = chat("forwarder")
    await me.say("这个是真的吗 https://mp.weixin.qq.com/s/Abc123")
    assert "收到您分享的链接" in me.text and "答不上来" not in me.text
    [press] = [b.payload for r in me.replies for b in r.flat_buttons if b.payload.startswith("human:")]
    await me.press(press)
    [pushed] = await staff.pushes()
    assert "https://mp.weixin.qq.com/s/Abc123" in pushed


async def test_a_typed_reply_is_relayed_however_the_staff_put_number_and_words(app):
    """回复#12 as the push reads 【转人工 #12】, a colon or comma after the number: relayed, not taken for a question."""
    from bot.services import support

    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "grandma")
    await resident.say("转人工 高龄补贴周六能办吗")
    [asked] = await staff.pushes()
    number = _id(asked)
    for typed, answer in (
        (f"回复#{number} 周六上午可以", "周六上午可以"),
        (f"回复 {number}：带身份证，户口本", "带身份证，户口本"),
        (f"回复{number}，一楼1号窗口", "一楼1号窗口"),
    ):
        await staff.say(typed)
        assert f"已把您的回复转告居民（#{number}）" in staff.text, (typed, staff.text)
        [told] = await resident.pushes()
        assert told.endswith(f"：{answer}"), told  # the staff's words as written, without the number
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []


async def test_a_second_staff_member_sees_the_first_ones_answer_before_answering_again(app):
    first = await bind(app, "staff-1", Role.staff)
    second = await bind(app, "staff-2", Role.staff)
    resident = Chat(app, "r6")
    await resident.say("转人工 社区能开居住证明吗")
    number = _id((await first.pushes())[0])
    await second.pushes()
    await first.say(f"回复【{number}】可以，带身份证来")  # the way WeChat shows numbers
    assert "已把您的回复转告居民" in first.text
    await second.press(f"hreply:{number}")  # from the push read earlier
    assert "已有工作人员回复过：“可以，带身份证来”" in second.text and "请输入给居民的回复" in second.text
    await second.say("/cancel")
    await second.say("回复 12月3日上午带身份证来")  # a date, not question #12: the usage, nothing relayed
    assert "用法：回复 编号 内容" in second.text, second.text
    await second.say(f"回复#{number}")  # the number alone: the words are asked for, as 回复他 does
    assert "请输入给居民的回复" in second.text
    await second.say("周一到周五都可以来")
    assert "已把您的回复转告居民" in second.text
    assert len(await resident.pushes()) == 2


async def test_someone_who_is_not_staff_cannot_tell_which_question_numbers_exist(app):
    await bind(app, "staff-1", Role.staff)
    await Chat(app, "r1").say("转人工 帮我问问低保的事")
    volunteer = await bind(app, "vol", Role.volunteer)
    await volunteer.say("回复 1 你好")
    existing = volunteer.text
    await volunteer.say("回复 999 你好")
    assert volunteer.text == existing and "没有要选的编号" in existing, existing  # 回复 is no command of theirs


async def test_a_typed_reply_number_under_a_list_of_tasks_is_the_question_not_a_line(app):
    """回复2 under 待办 pressed its second button (a wish's 不通过), and the reply declined the wish."""
    from tests.grid.test_wishes import make_wish
    from tests.grid.util import resident as with_profile

    staff = await bind(app, "staff-1", Role.staff)
    resident = await with_profile(app, "grandma")
    await make_wish(resident)  # a wish waiting for review: 待办 shows 通过 / 不通过 for it
    await resident.say("转人工 高龄补贴周六能办吗")
    number = _id((await staff.pushes())[-1])
    await staff.say("待办")
    assert len(staff.buttons) >= number, staff.buttons
    await staff.say(f"回复{number}")
    assert "请输入给居民的回复" in staff.text and "不通过的原因" not in staff.text, staff.text
    await staff.say("周六上午可以")
    assert f"已把您的回复转告居民（#{number}）" in staff.text, staff.text


async def test_a_command_typed_after_a_push_is_not_told_an_operation_was_left(app):
    """A push's choices on screen are no operation of the reader's: 待回复 answers, with no 已退出 note."""
    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "grandma")
    await resident.say("转人工")
    await resident.say("我家暖气不热 找谁")
    [pushed] = await staff.pushes()
    assert "暖气不热" in pushed
    await staff.say("待回复")
    assert "暖气不热" in staff.text
    assert "已退出" not in staff.text


async def test_the_button_under_another_offices_answer_carries_the_question_but_logs_no_gap(app):
    """After 社区能开证明吗 (answered as another office's matter) 找工作人员 asked the resident to type it again."""
    from bot.services import support

    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "r1")
    await resident.say("社区能开证明吗")
    assert "开证明" in resident.text, resident.text
    await resident.say(str(resident.buttons.index("找工作人员") + 1))
    assert "已转给社区工作人员" in resident.text, resident.text
    assert any("社区能开证明吗" in text for text in await staff.pushes())
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []  # answered: no gap in the knowledge base


async def test_staff_to_do_list_holds_the_questions_waiting_for_their_reply(app):
    """待办 listed cases and wishes only: a resident's 转人工 waited unseen by staff who checked their to-do."""
    staff = await bind(app, "staff-1", Role.staff)
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await staff.say("待办")
    assert "现在没有待办" in staff.text, staff.text
    resident = Chat(app, "grandma")
    await resident.say("转人工")
    await resident.say("我家老人能不能住进日间照料中心")
    [pushed] = await staff.pushes()
    await staff.say("待办")
    assert "等待回复的居民问题（1 条）" in staff.text and "能不能住进日间照料中心" in staff.text, staff.text
    await staff.press(f"hreply:{_id(pushed)}")  # the list's 回复 #N, as the push's button
    await staff.say("可以，带上身份证来一楼服务台登记")
    assert any("带上身份证" in told for told in await resident.pushes())
    await staff.say("待办")
    assert "等待回复" not in staff.text and "现在没有待办" in staff.text, staff.text
    await resident.say("转人工")
    await resident.say("那周末开门吗")
    await manager.say("待办")  # a grid manager answers no 转人工: not shown them
    assert "等待回复" not in manager.text and "周末开门" not in manager.text, manager.text
