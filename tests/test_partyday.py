"""主题党日 in chat: staff set it, members see it and answer, staff see who comes; on the console and Telegram."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import PartyDay, PartyDayReply, Role
from bot.services import partyday
from scheduler import jobs
from tests.channels.telegram_harness import telegram_bot
from tests.helpers import Chat, bind
from tests.peers import telegram_updates as tu
from tests.scheduler.common import local


async def _set_by_chat(
    staff: Chat, *, when: str = "4月10日 9:00", shown: str = "09:00", schedule: str = "4月8日（周三）09:00 向党员发预告"
) -> None:
    await staff.say("设置主题党日")
    assert "请发送本期的主题" in staff.text
    await staff.say("学习贯彻全会精神")
    assert "请发送时间" in staff.text
    await staff.say(when)
    assert "请发送地点" in staff.text, staff.text
    await staff.say("党群服务中心二楼会议室")
    assert "跳过" in staff.buttons
    await staff.say(str(staff.buttons.index("跳过") + 1))
    assert "请确认主题党日的安排" in staff.text and f"4月10日（周五）{shown}" in staff.text
    assert schedule in staff.text, staff.text
    await staff.say(str(staff.buttons.index("确认发布") + 1))
    assert "已保存4月的主题党日安排" in staff.text


async def _set_may_8th(staff: Chat, *, theme: str, choice: str, place: str) -> None:
    """With April's Party day set, a May 8th one typed in chat, `choice` the answer to 'postponed or new?'."""
    await staff.say("设置主题党日")
    await staff.say(theme)
    await staff.say("5月8日 9:00")
    await staff.say(str(staff.buttons.index(choice) + 1))
    await staff.say(place)
    await staff.press("pdset:skip")


async def test_staff_set_the_party_day_in_chat_and_a_theme_without_a_date_is_refused(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    await staff.say("设置主题党日")
    await staff.say("学习贯彻全会精神")
    await staff.say("学习全会精神")  # no date
    assert "请写明日期和时间" in staff.text
    await staff.say("4月10日")  # a date but no time
    assert "几点开始" in staff.text
    await staff.say("3月10日 9:00")  # three weeks ago: said so (it was set for next March, shown without the year)
    assert "这个时间已经过去了" in staff.text, staff.text
    await staff.say("4月10日 9:00")
    assert "请发送地点" in staff.text
    await staff.say("取消")
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(PartyDay))).all() == []

    await _set_by_chat(staff)
    async with app.db.uow() as uow:
        [saved] = (await uow.session.exec(select(PartyDay))).all()
    assert (saved.month, saved.theme, saved.place, saved.content) == ("2026-04", "学习贯彻全会精神", "党群服务中心二楼会议室", None)
    assert saved.starts_at == local(2026, 4, 10, 9, 0)


async def test_a_staff_command_from_someone_else_is_refused(app, clock):
    clock.set(local(2026, 4, 1, 10))
    member = await bind(app, "member", Role.party_member)
    for text in ("设置主题党日", "/partyday set"):
        await member.say(text)
        assert "没有权限" in member.text
    await member.press("pd:list")
    assert "没有权限" in member.text
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(PartyDay))).all() == []


async def test_members_sign_up_or_ask_leave_and_staff_see_the_list(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang, li, zhao = [await bind(app, name, Role.party_member) for name in ("wang", "li", "zhao")]
    resident = Chat(app, "neighbour")

    await wang.say("这个月主题党日")
    assert "4月10日是本月主题党日" in wang.text and "还没有发布" in wang.text
    await wang.say("报名")
    assert "还没有发布" in wang.text

    await _set_by_chat(staff)
    await wang.say("这个月主题党日是什么")
    assert "【本期主题党日】" in wang.text and "学习贯彻全会精神" in wang.text
    await wang.say(str(wang.buttons.index("报名参加") + 1))
    assert "已为您报名 4月的主题党日" in wang.text
    await li.say("请假")
    assert "请说一下请假的原因" in li.text
    for no_reason in ("好的", "谢谢"):  # were stored as the reason the Party organisation reads
        await li.say(no_reason)
        assert "还没有请假" in li.text and "已为您请假" not in li.text, (no_reason, li.text)
    await li.say("明天几点开门")  # another matter: answered, and no leave taken with it
    assert "已为您请假" not in li.text and "开放" in li.text, li.text
    await li.say("请假")
    await li.say("返回")
    assert "没有请假" in li.text, li.text
    await li.say("请假")
    await li.say("出差在郑州")
    assert "已为您请假（原因：出差在郑州）" in li.text
    await resident.say("报名")
    assert "只对本社区的党员开放" in resident.text

    await staff.say("/partyday")
    assert "4月主题党日“学习贯彻全会精神”报名情况（党员 3 人）" in staff.text
    assert "报名参加（1）：" in staff.text and "请假（1）" in staff.text and "出差在郑州" in staff.text
    assert "未回复（1）" in staff.text
    assert "控制台用户…wang" in staff.text and "console:" not in staff.text  # no name given: a short handle, not the raw id
    await wang.say("/partyday")  # not staff: the notice, not the list
    assert "【本期主题党日】" in wang.text and "您已报名参加" in wang.text

    # An answer can be changed until the day; the last one counts. Written without a space, as people do.
    await wang.say("请假临时要值班")
    assert "已为您请假（原因：临时要值班）" in wang.text, wang.text
    async with app.db.uow() as uow:
        answers = {(a.person_id, a.status, a.reason) for a in (await uow.session.exec(select(PartyDayReply))).all()}
    assert len(answers) == 2 and {status for _, status, _ in answers} == {"leave"}
    assert zhao.user == "zhao"


async def test_a_sign_up_after_the_event_gets_a_clear_answer_and_changes_nothing(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    member = await bind(app, "member", Role.party_member)
    await _set_by_chat(staff)
    async with app.db.uow() as uow:
        [party] = (await uow.session.exec(select(PartyDay))).all()
    clock.set(local(2026, 4, 10, 9, 30))
    await member.press(f"pd:join:{party.id}")
    assert "已经开始或结束了" in member.text
    await member.say("请假 生病")  # without the button, it is about the next one, not set yet
    assert "5月的主题党日安排还没有发布" in member.text
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(PartyDayReply))).all() == []
    clock.set(local(2026, 4, 11, 10))
    await member.say("这个月主题党日")  # this month's is over: next month's is shown
    assert "5月10日是本月主题党日" in member.text


async def test_a_change_after_the_notice_reaches_the_members_at_once(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    member = await bind(app, "member", Role.party_member)
    await _set_by_chat(staff)
    clock.set(local(2026, 4, 8, 9, 0))
    assert await jobs.run_tick(app, "partyday") == 1
    assert len(await member.pushes()) == 1
    # the pre-notice's time is gone: not promised again, the members are told at once
    await _set_by_chat(staff, when="4月10日下午2点半", shown="14:30", schedule="预告的时间已过：保存后马上通知党员")
    assert "已经通知过党员" in staff.text
    [change] = await member.pushes()
    assert change.startswith("【主题党日安排有变】") and "14:30" in change
    # what changed is said, not left to the member's memory of the first notice; the place did not change
    assert "时间由 4月10日（周五）09:00 改为 4月10日（周五）14:30" in change, change
    assert "地点由" not in change, change


async def test_party_members_on_the_console_and_telegram_get_each_notice_once_and_answer(db_url, clock):
    clock.set(local(2026, 4, 1, 10))
    async with telegram_bot(db_url, clock) as tg:
        app = tg.runtime.app
        staff = await bind(app, "secretary", Role.staff)
        console_member = await bind(app, "console-member", Role.party_member)
        async with app.db.uow() as uow:
            from bot.services import roles
            from datetime import timedelta

            code = (await roles.create_invite(uow, Role.party_member, ttl=timedelta(days=30))).code
        chat_id = 7001
        await tg.post(tu.text_update(tg.next_id(), chat_id, f"绑定 {code}"))
        assert "绑定成功" in tg.peer.texts(chat_id)[-1]
        await _set_by_chat(staff)

        async def tick_and_drain(*when: int) -> None:
            clock.set(local(*when))
            await jobs.run_tick(app, "partyday")
            await jobs.run_tick(app, "partyday")  # a second wake (another timer, a restart) changes nothing
            while await tg.drain():
                pass

        sent_before = len(tg.peer.texts(chat_id))
        await tick_and_drain(2026, 4, 8, 9, 0)
        await tick_and_drain(2026, 4, 8, 12, 0)
        pushed = tg.peer.texts(chat_id)[sent_before:]
        assert len(pushed) == 1 and "主题党日预告" in pushed[0] and "学习贯彻全会精神" in pushed[0]
        [console_pre] = await console_member.pushes()
        assert "【主题党日预告】" in console_pre

        # The member presses 报名参加 under the pushed pre-notice.
        call = tg.peer.sent(chat_id)[-1]
        keyboard = call.params["reply_markup"]["inline_keyboard"]
        join = next(b["callback_data"] for row in keyboard for b in row if b["text"] == "报名参加")
        await tg.post(tu.callback_update(tg.next_id(), chat_id, join, message_id=1))
        assert "已为您报名" in tg.peer.texts(chat_id)[-1]
        await console_member.say("请假 去医院复查")
        assert "已为您请假" in console_member.text

        sent_before = len(tg.peer.texts(chat_id))
        await tick_and_drain(2026, 4, 10, 8, 0)
        await tick_and_drain(2026, 4, 10, 8, 30)
        pushed = tg.peer.texts(chat_id)[sent_before:]
        assert len(pushed) == 1 and "主题党日通知" in pushed[0]
        assert len(await console_member.pushes()) == 1

        await staff.say("/partyday")
        assert "报名参加（1）" in staff.text and "去医院复查" in staff.text
        async with app.db.uow() as uow:
            sheet = await partyday.attendance(uow, None, partyday.Rules(), "wenfeng", "2026-04")
        assert sorted(a.status for a in sheet.attendees) == ["join", "leave"]


async def test_a_party_member_on_wechat_gets_each_notice_once_and_signs_up(sqlite_url, clock):
    from datetime import timedelta

    from bot.services import roles
    from tests.channels.wechat_harness import wechat_bot
    from tests.peers import wechat_messages as wm

    clock.set(local(2026, 4, 1, 10))
    openid = wm.make_openid("party-member")
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        staff = await bind(app, "secretary", Role.staff)
        async with app.db.uow() as uow:
            code = (await roles.create_invite(uow, Role.party_member, ttl=timedelta(days=30))).code
        assert "绑定成功" in (await wx.ask(wm.text(f"绑定 {code}", from_user=openid)))["Content"]
        await _set_by_chat(staff)

        for when in ((2026, 4, 8, 9, 0), (2026, 4, 8, 9, 30), (2026, 4, 10, 8, 0), (2026, 4, 10, 8, 30)):
            clock.set(local(*when))
            await jobs.run_tick(app, "partyday")
            while await wx.drain():
                pass
            if when[2:4] == (8, 9) and when[4] == 0:
                reply = await wx.ask(wm.text("报名", from_user=openid))
                assert "已为您报名" in reply["Content"]
        texts = [m["text"]["content"] for m in wx.peer.custom_messages(openid)]
        assert [t.split("】")[0] + "】" for t in texts] == ["【主题党日预告】", "【主题党日通知】"]
        assert "【1】报名参加" in texts[0]
        await staff.say("/partyday")
        assert "报名参加（1）" in staff.text


async def test_a_change_before_any_notice_reaches_the_members_who_answered(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang, li, zhao = [await bind(app, name, Role.party_member) for name in ("wang", "li", "zhao")]
    await _set_by_chat(staff)
    await wang.say("报名")
    await li.say("请假 出差在郑州")
    assert [await m.pushes() for m in (wang, li, zhao)] == [[], [], []]  # the pre-notice is not due until 4月8日

    await _set_by_chat(staff, when="4月10日下午2点半", shown="14:30")
    assert "已报名或请假的 2 位党员" in staff.text
    for member in (wang, li):
        [change] = await member.pushes()
        assert change.startswith("【主题党日安排有变】") and "14:30" in change and "报名参加" not in change.split("\n")[0]
    assert await zhao.pushes() == []  # nothing to change for him: the pre-notice brings it

    await _set_by_chat(staff, when="4月10日下午2点半", shown="14:30")  # saved again, unchanged
    assert "已保存4月的主题党日安排" in staff.text and "推送" not in staff.text
    assert [await m.pushes() for m in (wang, li, zhao)] == [[], [], []]

    clock.set(local(2026, 4, 8, 9, 0))
    assert await jobs.run_tick(app, "partyday") == 1
    for member in (wang, li, zhao):
        [notice] = await member.pushes()
        assert notice.startswith("【主题党日预告】") and "14:30" in notice


async def test_members_answer_in_their_own_few_words(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang, li, zhao = [await bind(app, name, Role.party_member) for name in ("wang", "li", "zhao")]
    await _set_by_chat(staff)
    await wang.say("我要报名")
    assert "已为您报名 4月的主题党日" in wang.text
    await li.say("参加")
    assert "已为您报名 4月的主题党日" in li.text
    await zhao.say("我请假 孙子发烧要照顾")
    assert "已为您请假（原因：孙子发烧要照顾）" in zhao.text
    await staff.say("/partyday")
    assert "报名参加（2）" in staff.text and "请假（1）" in staff.text and "孙子发烧要照顾" in staff.text
    assert "未回复（0）" in staff.text


async def _preview_when(staff: Chat, said: str) -> str:
    """The Party day's preview after `said` is typed for its time (the arrangement then cancelled)."""
    await staff.say("设置主题党日")
    await staff.say("学习贯彻全会精神")
    await staff.say(said)
    assert "请发送地点" in staff.text, (said, staff.text)
    await staff.say("党群服务中心二楼会议室")
    await staff.say("跳过")
    preview = staff.text
    await staff.say("取消")
    return preview


async def test_the_time_said_in_words_is_understood(app, clock):
    """四月十号上午九点半 was 请写上几点开始 (it was written), 下周三下午两点半 was 请写明日期."""
    clock.set(local(2026, 4, 1, 10))  # a Wednesday
    staff = await bind(app, "secretary", Role.staff, channel="wechat")
    for said, shown in (
        ("4月10日上午九点半", "4月10日（周五）09:30"),
        ("四月十号下午两点半", "4月10日（周五）14:30"),
        ("十号上午九点", "4月10日（周五）09:00"),
        ("下周三下午两点半", "4月8日（周三）14:30"),
        ("这周五晚上七点", "4月3日（周五）19:00"),
        ("4月10日两点", "4月10日（周五）14:00"),  # a meeting at two, not at two in the night
        ("4月10日 8:30", "4月10日（周五）08:30"),
        ("4月10日 05:30", "4月10日（周五）05:30"),  # written as a clock: as written
        ("十号下午两点一刻", "4月10日（周五）14:15"),  # not 14:01
        ("十号九点过十分", "4月10日（周五）09:10"),
        ("明儿下午两点", "4月2日（周四）14:00"),  # was 请写明日期
    ):
        assert shown in await _preview_when(staff, said), said
        clock.advance(timedelta(minutes=1))
    await staff.say("设置主题党日")
    await staff.say("学习贯彻全会精神")
    await staff.say("下周三")  # a day without a time
    assert "几点开始" in staff.text


async def test_a_bare_hour_is_read_as_for_a_booking_seven_in_the_evening(app, clock):
    """7点 was 07:00 here and 19:00 for a booking; 2:30 was 02:30. One reader now, one rule (bot/core/when.py)."""
    clock.set(local(2026, 4, 1, 10))  # a Wednesday
    staff = await bind(app, "secretary", Role.staff, channel="wechat")
    for said, shown in (
        ("4月10日7点", "4月10日（周五）19:00"),  # a meeting after work, as 7点 is for a booking
        ("十号七点半", "4月10日（周五）19:30"),
        ("4月10日 7:30", "4月10日（周五）19:30"),
        ("4月10日 2:30", "4月10日（周五）14:30"),  # was 02:30, in the night
        ("4月10日早上7点", "4月10日（周五）07:00"),  # the morning, when it is said
        ("4月10日 07:30", "4月10日（周五）07:30"),  # the 24-hour clock, written with its zero
        ("4月10日8点", "4月10日（周五）08:00"),  # a morning meeting
        ("下周三九点一刻", "4月8日（周三）09:15"),  # 周三's 三 is not a digit of the hour
        ("2026-04-10 19:00", "4月10日（周五）19:00"),
    ):
        assert shown in await _preview_when(staff, said), said
        clock.advance(timedelta(minutes=1))  # the same words again within seconds are taken for a repeat
    await staff.say("设置主题党日")
    await staff.say("学习贯彻全会精神")
    await staff.say("4月31日7点")  # no such day
    assert "这个日期不存在" in staff.text, staff.text
    await staff.say("4.30")  # a day or a time, not both: the 30th of April, at what time?
    assert "几点开始" in staff.text, staff.text


async def test_a_day_of_next_month_and_a_month_dot_day_with_a_time_are_read(app, clock):
    """下个月10号早上八点半 and 12.10 9:00 were 请写明日期和时间 though both give the day and the time."""
    clock.set(local(2026, 4, 1, 10))  # a Wednesday
    staff = await bind(app, "secretary", Role.staff, channel="wechat")
    for said, shown in (
        ("下个月10号早上八点半", "5月10日（周日）08:30"),  # the day after 月 was dropped
        ("12.10 9:00", "12月10日（周四）09:00"),  # 12.10 with a time after it was no day
        ("4.10 下午两点半", "4月10日（周五）14:30"),
        ("下下周三上午九点", "4月15日（周三）09:00"),  # the week after next, said as such
    ):
        assert shown in await _preview_when(staff, said), said
        clock.advance(timedelta(minutes=1))
    await staff.say("设置主题党日")
    await staff.say("学习贯彻全会精神")
    await staff.say("本月31号上午九点")  # April has no 31st: said so, not 请写明日期
    assert "这个日期不存在" in staff.text, staff.text


async def test_a_member_answers_in_their_own_words(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    li = await bind(app, "li", Role.party_member)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)
    await li.say("我能参加")  # was 答不上来
    assert "已为您报名 4月的主题党日" in li.text, li.text
    async with app.db.uow() as uow:
        [answer] = (await uow.session.exec(select(PartyDayReply))).all()
    assert answer.status == "join"
    await wang.say("我参加不了，要去医院复查")
    assert "已为您请假（原因：要去医院复查）" in wang.text, wang.text


async def test_a_party_day_postponed_on_its_morning_gets_its_notice_again_on_the_new_morning(app, clock):
    """The day's notice went once a month: postponed a week after it, the new morning had no reminder."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    member = await bind(app, "member", Role.party_member)
    await _set_by_chat(staff, when="4月10日晚上7点", shown="19:00")
    clock.set(local(2026, 4, 10, 8, 30))
    assert await jobs.run_tick(app, "partyday") == 1  # the day's notice
    await member.pushes()
    clock.set(local(2026, 4, 10, 10, 0))
    await staff.say("设置主题党日")
    await staff.say("学习贯彻全会精神")
    await staff.say("4月17日晚上7点")
    await staff.say("党群服务中心二楼会议室")
    await staff.say("跳过")
    await staff.say(str(staff.buttons.index("确认发布") + 1))
    [change] = await member.pushes()
    assert "改为 4月17日（周五）19:00" in change, change
    clock.set(local(2026, 4, 17, 8, 30))
    assert await jobs.run_tick(app, "partyday") == 1
    [notice] = await member.pushes()
    assert "4月17日（周五）19:00" in notice and "安排有变" not in notice, notice
    assert await jobs.run_tick(app, "partyday") == 0  # once


async def test_a_party_day_postponed_into_next_month_moves_with_its_answers(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    li = await bind(app, "li", Role.party_member)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)  # April 10th, pre-notice on the 8th
    await li.say("报名")
    await staff.say("设置主题党日")
    await staff.say("学习贯彻全会精神")
    await staff.say("5月8日 9:00")  # postponed: is it April's, moved, or a new one for May?
    assert "4月的主题党日“学习贯彻全会精神”（4月10日（周五）09:00）还没开" in staff.text, staff.text
    await staff.say(str(staff.buttons.index("把它改到5月8日") + 1))
    await staff.say("党群服务中心二楼会议室")
    await staff.press("pdset:skip")
    assert "由4月改期" in staff.text and "5月8日（周五）09:00" in staff.text, staff.text
    await staff.press("pdset:ok")
    assert "已保存5月的主题党日安排" in staff.text and "1 位党员" in staff.text, staff.text
    [change] = await li.pushes()  # she had signed up for April 10th: she is told
    assert change.startswith("【主题党日安排有变】") and "5月8日" in change
    assert await wang.pushes() == []  # not told anything yet: the pre-notice will come for May 8th
    async with app.db.uow() as uow:
        days = (await uow.session.exec(select(PartyDay))).all()
        assert [(d.month, d.theme) for d in days] == [("2026-05", "学习贯彻全会精神")]
        [kept] = (await uow.session.exec(select(PartyDayReply))).all()
        assert kept.party_day_id == days[0].id and kept.status == "join"
    await wang.say("主题党日")  # April shows no unset Party day: it moved
    assert "5月8日（周五）09:00" in wang.text and "还没有发布" not in wang.text, wang.text
    clock.set(local(2026, 4, 8, 9, 0))  # April's pre-notice time: nothing for April, no reminder to set it
    assert await jobs.run_tick(app, "partyday") == 0
    assert await staff.pushes() == [] and await wang.pushes() == []
    clock.set(local(2026, 5, 6, 9, 0))
    assert await jobs.run_tick(app, "partyday") == 1
    [pre] = await wang.pushes()
    assert pre.startswith("【主题党日预告】") and "5月8日" in pre


async def test_a_new_party_day_for_next_month_leaves_this_months_as_it_is(app, clock):
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    await _set_by_chat(staff)
    await _set_may_8th(staff, theme="五月主题", choice="另设5月的（4月的照旧）", place="党群服务中心")
    assert "改期" not in staff.text
    await staff.press("pdset:ok")
    async with app.db.uow() as uow:
        days = sorted((d.month, d.theme) for d in (await uow.session.exec(select(PartyDay))).all())
    assert days == [("2026-04", "学习贯彻全会精神"), ("2026-05", "五月主题")]


async def test_a_party_day_set_after_the_staff_reminder_and_then_postponed_is_shown_in_its_new_month(app, clock):
    clock.set(local(2026, 4, 8, 9, 0))  # nothing set yet: the staff are reminded
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    assert await jobs.run_tick(app, "partyday") == 1
    await staff.pushes()
    await _set_by_chat(staff, when="4月10日 9:00", schedule="预告的时间已过：保存后马上通知党员")  # set at 09:00 on the 8th
    await _set_may_8th(staff, theme="学习贯彻全会精神", choice="把它改到5月8日", place="党群服务中心二楼会议室")
    await staff.press("pdset:ok")
    await wang.say("主题党日")
    assert "5月8日（周五）09:00" in wang.text and "还没有发布" not in wang.text, wang.text


async def test_under_the_notice_the_reason_may_come_first_and_a_change_of_mind_is_said(app, clock):
    """我那天要去医院复查 请个假 was a service question, 算了我还是去吧 and 报名了吗 答不上来."""
    clock.set(local(2026, 4, 1, 10))
    staff = await bind(app, "secretary", Role.staff)
    wang = await bind(app, "wang", Role.party_member)
    await _set_by_chat(staff)
    await wang.say("这个月主题党日")
    assert "报名参加" in wang.buttons
    await wang.say("我那天要去医院复查 请个假")
    assert "已为您请假（原因：我那天要去医院复查）" in wang.text, wang.text
    await wang.say("报名了吗")
    assert "您已请假（原因：我那天要去医院复查）" in wang.text, wang.text
    await wang.say("算了我还是去吧")
    assert "已为您报名 4月的主题党日" in wang.text, wang.text
    await staff.say("/partyday")
    assert "报名参加（1）" in staff.text and "请假（0）" in staff.text, staff.text

    await wang.say("这个月主题党日")
    await wang.say("我那天去不了")  # no reason in it: asked, as for 请假
    assert "请说一下请假的原因" in wang.text, wang.text
    await wang.say("孙子发烧要带他看病")
    assert "已为您请假（原因：孙子发烧要带他看病）" in wang.text, wang.text

    await wang.say("这个月主题党日")
    await wang.say("怎么请假")  # a question is no leave
    async with app.db.uow() as uow:
        [answer] = (await uow.session.exec(select(PartyDayReply))).all()
    assert (answer.status, answer.reason) == ("leave", "孙子发烧要带他看病")
