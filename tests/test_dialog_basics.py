"""The conversation core as a resident meets it: greeting, menu, numbers, refusals."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import select

from bot.app import build_app
from bot.models import InboundMessage, Person
from tests.conftest import make_settings


async def test_greeting_shows_the_main_menu(chat):
    me = chat()
    await me.say("你好")
    assert "有什么可以帮您" in me.text
    assert "我的资料" in me.buttons and "使用帮助" in me.buttons


async def test_a_greeting_before_the_matter_does_not_swallow_it(app, chat):
    for number, (said, seen) in enumerate((
        ("您好，请问高龄津贴怎么领", "【高龄津贴申请】"),
        ("hello 居住证", "【居住证申领】"),
        ("你好俺想问问低保咋办", "【最低生活保障申请】"),  # voice input: no space after the greeting
        ("在吗 楼道灯坏了好几天了", "您同意吗"),  # a complaint: its form begins (consent first)
    )):
        me = chat(f"greets-{number}")  # each a first message from a new resident
        await me.say(said)
        assert seen in me.text and "有什么可以帮您" not in me.text, (said, me.text)
    await me.say("同意")
    await me.say("张大爷")
    await me.say("13700001111")
    assert "“公共设施”" in me.text  # the description is the matter, without the greeting
    other = chat("greets-only")
    for greeting in ("你好吗", "你好啊", "早上好呀", "hi there", "你好" * 600):  # nothing after the greeting but a particle
        await other.say(greeting)
        assert "有什么可以帮您" in other.text, (greeting, other.text)
    async with app.db.uow() as uow:
        from bot.services import support

        assert await support.unanswered(uow) == []


async def test_cancel_with_more_words_is_read_as_the_words(app, chat):
    from bot.models.booking import BookingStatus
    from tests.booking.helpers import book, bookings

    me = chat("cancels")
    code = await book(me)  # tomorrow, 3 March
    await me.say("取消 明天的预约")  # was 已退出, with the booking still standing
    assert "已退出" not in me.text and code in me.text, me.text
    await me.say("算了，不办了")  # still only leaving
    assert "已退出" in me.text
    for leaving in ("算了，算了", "取消，谢谢", "算了，太麻烦了", "退出，退出"):
        await me.say("反映问题")
        await me.press("cs:cat:noise")
        await me.say(leaving)  # was kept as the description
        assert "已退出" in me.text and "问题在哪里" not in me.text, (leaving, me.text)
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]


async def test_help_lists_the_commands(chat):
    me = chat()
    await me.say("帮助")
    for command in ("/menu", "/me", "/forget", "/bind", "/cancel"):
        assert command in me.text


async def test_a_number_answers_the_buttons_just_shown(chat):
    me = chat()
    await me.say("菜单")
    position = me.buttons.index("使用帮助") + 1
    await me.say(str(position))
    assert "怎么用我" in me.text
    await me.say("１")  # a full-width digit from a Chinese keyboard
    assert "请选择您要办的事" in me.text


async def test_a_choice_said_as_voice_input_writes_it_chooses(chat):
    me = chat("voice-choice")
    for said in ("选一", "一号", "我选第一个"):
        await me.say("居住证")
        await me.say(said)  # were 答不上来
        assert me.text.startswith("【居住证申领】要带的材料"), (said, me.text)
    await me.say("居住证")
    await me.say("30号")  # no such choice: a day, not choice 30
    assert "请回复 1 到" not in me.text


async def test_typing_a_choice_s_words_chooses_it(app, chat):
    """On WeChat choices are numbered lines; residents type what they read as often as the number."""
    me = chat("gui")
    await me.say("/me")
    await me.press("me:edit")
    assert me.buttons == ["同意", "不同意"]
    await me.say("同意")
    assert "怎么称呼您" in me.text
    await me.say("/cancel")
    await me.say("办事指南")
    await me.press("guide:kind:approval:0")
    assert "下一页 ➡" in me.buttons
    await me.say("下一页")  # the arrow need not be typed
    assert "第 2/" in me.text
    await me.say("上一页")
    assert "第 1/" in me.text


async def test_commands_written_in_traditional_characters_are_the_same_commands(chat):
    me = chat()
    for simplified, traditional in (("我的资料", "我的資料"), ("删除我的资料", "刪除我的資料"), ("我的诉求", "我的訴求")):
        expected = (await me.say(simplified))[0].text
        await me.say("/cancel")
        assert (await me.say(traditional))[0].text == expected, traditional
        await me.say("/cancel")


async def test_commands_said_with_an_for_i_are_the_same_commands(chat):
    me = chat()
    for mine, dialect in (("我的资料", "俺的资料"), ("我的诉求", "俺的诉求"), ("我的预约", "俺的预约")):
        expected = (await me.say(mine))[0].text
        assert "答不上来" not in expected, mine
        await me.say("/cancel")
        assert (await me.say(dialect))[0].text == expected, dialect
        await me.say("/cancel")


async def test_a_number_out_of_range_is_answered_with_the_choices_again(chat):
    me = chat()
    await me.say("菜单")
    shown = list(me.buttons)
    await me.say("99")
    assert f"请回复 1 到 {len(shown)} 之间的数字" in me.text
    assert me.buttons == shown
    await me.say(str(shown.index("使用帮助") + 1))  # the same choices are still in force
    assert "怎么用我" in me.text


async def test_empty_and_whitespace_messages_get_a_polite_answer(chat):
    me = chat()
    for text in ("", "   ", "\t\n"):
        await me.say(text)
        assert "没有收到文字内容" in me.text


async def test_an_oversize_message_is_refused_clearly(chat):
    me = chat()
    await me.say("低" * 10_000)
    assert "内容太长了" in me.text and "2000" in me.text


async def test_emoji_only_and_control_characters_never_break(chat):
    me = chat()
    await me.say("👍👍👍")
    assert me.text  # a polite answer, not an error
    assert "出了点问题" not in me.text
    await me.say("你\x00好\x1b")
    assert "有什么可以帮您" in me.text


async def test_an_unknown_command_points_to_help(chat):
    me = chat()
    await me.say("/frobnicate")
    assert "没有这个命令" in me.text


async def test_a_forged_or_stale_button_is_refused(chat):
    me = chat()
    await me.press("nonsense:42")
    assert "按钮已经失效" in me.text
    await me.press("pf:agree")  # a profile-dialog button while no dialog is open
    assert "按钮已经失效" in me.text


async def test_cancel_leaves_any_dialog(chat):
    me = chat()
    await me.say("/me")
    await me.press("me:edit")
    assert "您同意吗" in me.text
    await me.say("取消")
    assert "已退出" in me.text
    await me.say("王建国")  # no longer an answer to a dialog question
    assert "请发送您的手机号" not in me.text
    assert "还没完成" not in me.text  # 取消 said it already


async def test_a_half_filled_form_left_for_something_else_is_kept_for_later(chat):
    me = chat()
    await me.say("许个微心愿")
    await me.say("同意")
    await me.say("王建国")
    assert "手机号" in me.text
    await me.say("我的心愿")  # another feature, mid-form: answered, and what was typed is kept
    assert "“微心愿”已经为您保存" in me.text and "还没有许过微心愿" in me.text  # the form they began
    await me.say("居住证怎么办")  # no form open: no note
    assert "保存" not in me.text and "还没完成" not in me.text
    await me.say("继续")
    assert "手机号" in me.text  # the same question, the name already given
    await me.say("13812345678")
    assert "姓名" not in me.text and "手机号" not in me.text


async def test_asking_for_a_person_at_the_consent_question_reaches_a_person(chat):
    me = chat()
    await me.say("我要投訴")
    assert "您同意吗" in me.text
    await me.say("我想找工作人员")  # neither yes nor no: answered, not asked again
    assert "转给社区工作人员" in me.text
    await me.say("转人工")  # the same request again: nothing was under way, no note
    assert "转给社区工作人员" in me.text and "还没完成" not in me.text


async def test_a_restart_in_the_middle_of_a_dialog_continues_where_the_person_was(app, sqlite_url, clock):
    from tests.helpers import Chat

    first = Chat(app, "li")
    await first.say("/me")
    await first.press("me:edit")
    await first.press("pf:agree")
    await first.say("李秀兰")
    assert "手机号" in first.text
    await app.close()

    restarted = await build_app(make_settings(sqlite_url), clock=clock)
    try:
        again = Chat(restarted, "li")
        await again.say("13900001111")
        assert "楼栋" in again.text
    finally:
        await restarted.close()


async def test_an_expired_dialog_is_ended_with_a_notice(chat, clock):
    me = chat()
    await me.say("/me")
    await me.press("me:edit")
    clock.advance(timedelta(hours=2))
    await me.say("1")
    assert "时间太久" in me.text or "选项已过期" in me.text
    assert "请问怎么称呼您" not in me.text


async def test_a_flood_is_slowed_with_one_notice(app, chat):
    me = chat()
    limit = app.settings.flood_limit_per_minute
    for _ in range(limit):
        await me.say("你好")
        assert "有什么可以帮您" in me.text
    await me.say("你好")
    assert "发得太快" in me.text
    await me.say("你好")
    assert me.replies == []  # one notice per burst, not one per message
    other = chat("neighbour")
    await other.say("你好")
    assert "有什么可以帮您" in other.text  # others are not slowed


async def test_a_retried_message_is_handled_once(app, chat):
    me = chat()
    first = await me.say("菜单", message_id="m-1")
    again = await me.say("菜单", message_id="m-1")
    assert [r.text for r in again] == [r.text for r in first]
    async with app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == "resident"))).one()
        handled = (
            await uow.session.exec(
                select(func.count()).select_from(InboundMessage).where(InboundMessage.person_id == person.id)
            )
        ).one()
    assert handled == 1


async def test_answers_as_people_say_them_choose_and_a_form_put_aside_is_named_as_they_know_it(chat):
    me = chat()
    await me.say("楼道灯坏了")  # a complaint: first the consent for name and phone
    assert "您同意吗" in me.text
    await me.say("同意的")  # the choice's words with a particle
    assert "怎么称呼您" in me.text
    await me.say("/cancel")
    await me.say("楼道灯坏了")
    await me.say("第一个")  # the number said, not typed
    assert "怎么称呼您" in me.text
    await me.say("赵大爷")
    await me.say("我的资料")  # something else, mid-form: the complaint is kept, called what it is
    assert "“反映问题”已经为您保存" in me.text


async def test_a_plain_ok_said_as_old_people_say_it_is_an_ok(app, chat):
    """好, 好好好, 中中, 知道啦 were 答不上来 (logged as a gap); after 转人工 the 好 went to the staff as a question."""
    from bot.models import Role
    from bot.services import support
    from tests.helpers import bind

    staff = await bind(app, "staff-1", Role.staff)
    me = chat("grandma")
    await me.say("转人工 高龄补贴周六能办吗")
    await staff.pushes()
    for ok in ("好", "好好好", "好的好的", "中中", "知道啦", "嗯呐", "好滴谢谢"):
        await me.say(ok)
        assert "答不上来" not in me.text and "转给社区工作人员" not in me.text, (ok, me.text)
    assert await staff.pushes() == []  # nothing more for the staff to read
    async with app.db.uow() as uow:
        assert await support.unanswered(uow) == []


async def test_a_sticker_in_the_middle_of_a_form_says_the_step_is_waiting(chat):
    me = chat("sticker")
    await me.say("反映问题")
    await me.say("")  # a sticker: no words (WeChat's 【收到不支持的消息类型】 arrives so)
    assert "上一步还在等您回答" in me.text and me.buttons == ["同意", "不同意"], (me.text, me.buttons)


async def test_a_sticker_at_a_step_that_asks_for_words_does_not_say_to_reply_with_a_number(chat):
    """At 请问怎么称呼您 no numbers are shown: 或者回复编号 sent an elderly resident looking for one."""
    me = chat("sticker_words")
    await me.say("反映问题")
    await me.press("pf:agree")
    assert "怎么称呼您" in me.text and me.buttons == [], (me.text, me.buttons)
    await me.say("")
    assert "上一步还在等您回答" in me.text and "编号" not in me.text and "取消" in me.text, me.text


async def test_a_sticker_under_the_menu_says_no_step_waits_and_keeps_the_choices(chat):
    """No form was open: 上一步还在等您回答 spoke of a step that did not exist."""
    me = chat("sticker_menu")
    await me.say("你好")
    menu = me.buttons
    await me.say("")
    assert "没有收到文字内容" in me.text and "上一步" not in me.text, me.text
    assert me.buttons == menu


async def test_going_back_with_nothing_to_go_back_to_shows_the_menu(app, chat):
    """上一步 or 返回 away from any form was 答不上来, logged for staff as a question the knowledge base lacks."""
    from tests.helpers import unanswered

    me = chat("back")
    for said in ("上一步", "返回上一步", "回去吧"):
        await me.say(said)
        assert "回到主菜单" in me.text and "答不上来" not in me.text, (said, me.text)
        assert "我的资料" in me.buttons
    await me.say("返回上一步了吗？我刚才说的楼道灯修了没")  # a sentence: not going back
    assert "回到主菜单" not in me.text, me.text
    assert await unanswered(app) == []
