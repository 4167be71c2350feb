"""Booking at the centre through the real dispatcher (console): book, reschedule, cancel, and bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.models import Role
from bot.models.booking import BookingStatus
from bot.core.messages import Inbound
from tests.helpers import bind
from tests.booking.helpers import at_home_visit_days, book, bookings, payload, press, slots
from tests.helpers import Chat


async def test_saying_what_to_book_starts_the_booking_and_asking_after_it_lists_them(any_app):
    me = Chat(any_app, "zhou")
    await me.say("我要预约办居住证")  # the booking menu itself says one may say this
    assert "【居住证申领】请选日期" in me.text and "3月2日（周一） 余" in me.buttons[0]
    await me.say("取消居住证的预约")
    assert "没有预约" in me.text  # the bookings, not a new one nor the service's overview
    await me.say("我约的是几号")
    assert "没有预约" in me.text


async def test_the_day_list_counts_the_seats_taken_on_each_day(any_app):
    def left_on(chat: Chat, day: str) -> int:
        [label] = [b for b in chat.buttons if b.startswith(day)]
        return int(label.rsplit("余", 1)[1].rstrip("）)"))

    first, second = Chat(any_app, "first"), Chat(any_app, "second")
    await second.press("book:residence-permit")
    before = {day: left_on(second, day) for day in ("3月3日", "3月4日", "3月10日")}
    await book(first, day="3月4日")
    await book(first, day="3月10日", time="14:30")
    await second.press("book:residence-permit")
    after = {day: left_on(second, day) for day in before}
    assert after == {"3月3日": before["3月3日"], "3月4日": before["3月4日"] - 1, "3月10日": before["3月10日"] - 1}


async def test_a_resident_asks_books_reschedules_and_cancels(any_app):
    me = Chat(any_app, "wang")
    await me.say("居住证怎么办")
    assert "【居住证申领】" in me.text and "预约办理" in me.buttons
    await press(me, "预约办理")
    assert "请选日期" in me.text and "3月2日（周一） 余" in me.buttons[0]
    assert not any("3月8日" in label for label in me.buttons)  # Sunday
    await press(me, "3月3日")
    assert "3月3日（周二）的时段" in me.text and "09:00 余8" in me.buttons
    assert "18:00🌙 余2" in me.buttons and "错时延时" in me.text
    await press(me, "09:00")
    assert "请核对预约" in me.text and "3月3日（周二） 09:00-09:30" in me.text and "1号窗口" in me.text
    await press(me, "确认预约")
    reply = me.replies[0]
    assert "预约成功" in reply.text and "请带好以下材料：\n1. 本人居民身份证原件" in reply.text
    assert "一楼便民服务大厅 1号窗口" in reply.text and "3月3日 07:00 前" in reply.text
    assert reply.document is not None and reply.document.filename.endswith(".ics")
    ics = reply.document.data.decode()
    assert "DTSTART:20260303T010000Z" in ics and "DTEND:20260303T013000Z" in ics and "TRIGGER:-PT1H" in ics
    [made] = await bookings(any_app)
    assert made.code in reply.text and made.status == BookingStatus.booked
    assert all(ch not in made.code for ch in "01OI") and len(made.code) == 6

    await me.say("我的预约")
    assert made.code in me.text and "居住证申领" in me.text
    await press(me, f"改期 {made.code}")
    await press(me, "3月4日")
    await press(me, "14:30")
    assert f"把预约 {made.code} 改到" in me.text
    await press(me, "确认预约")
    assert "已改期" in me.text and made.code in me.text and "3月4日（周三） 14:30" in me.text
    [moved] = await bookings(any_app)
    assert moved.id == made.id and moved.code == made.code
    assert sorted((s.taken for s in await slots(any_app))) == [0, 1]  # the old seat was given back

    await me.say(f"取消预约 {made.code}")
    assert "确定取消预约" in me.text
    await press(me, "确定取消")
    assert f"已取消预约 {made.code}" in me.text
    [cancelled] = await bookings(any_app)
    assert cancelled.status == BookingStatus.cancelled
    assert [s.taken for s in await slots(any_app)] == [0, 0]
    await me.say("我的预约")
    assert "没有预约" in me.text


async def test_cancelling_is_answered_in_words_and_typed_cancel_really_cancels(app):
    me = Chat(app, "words_cancel")
    code = await book(me)
    await me.say(f"取消预约 {code}")
    await me.say("是的")  # a bare yes deletes nothing, and is not a question the bot cannot answer
    assert "要取消请回复“取消”" in me.text and "确定取消预约" in me.text and "答不上来" not in me.text
    await me.say("不取消")
    assert f"预约 {code} 保留着" in me.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]
    await me.say(f"取消预约 {code}")
    await me.say("取消")  # was read as leaving the question, and told 已取消 with the booking still standing
    assert f"已取消预约 {code}" in me.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.cancelled]
    other = await book(me, day="3月4日")
    await me.say(f"取消预约 {other}")
    await me.say("对，取消吧")
    assert f"已取消预约 {other}" in me.text


async def test_leaving_the_cancel_question_does_not_sound_like_a_cancelled_booking(app):
    me = Chat(app, "never_mind")
    code = await book(me)
    await me.say(f"取消预约 {code}")
    await me.say("算了")  # leaves the question: was told 好的，已取消 while the booking stood
    assert "已退出" in me.text and "已取消" not in me.text, me.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]


async def test_saying_one_cannot_come_or_wants_another_time_opens_ones_bookings(app):
    me = Chat(app, "plans")
    code = await book(me)
    # and as Henan residents say it: 明儿 for 明天, 算了…取消吧 around it (these were 答不上来)
    for said in ("我不去了", "明天去不了了", "俺明儿去不了了", "后儿个不去了"):
        await me.say(said)
        assert f"改期 {code}" in me.buttons, (said, me.text)
        await me.press("menu")  # the day of the booking named asks to cancel it: left unanswered, nothing done
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]
    # saying which: with one booking, that booking's question at once
    await me.say("算了不去了，取消吧")
    assert f"确定取消预约 {code}" in me.text, me.text
    await me.say("保留")
    await me.say("改个时间")
    assert f"给预约 {code} 换个时间" in me.text and "请选日期" in me.text, me.text


async def test_a_double_tap_on_confirm_gives_one_booking(app):
    me = Chat(app, "tap")
    await me.press("book:residence-permit")
    await press(me, "3月3日")
    await press(me, "09:00")
    confirm = payload(me, "确认预约")
    await me.press(confirm)
    first = me.text
    await me.press(confirm)
    assert "已经约好了" in me.text
    [made] = await bookings(app)
    assert made.code in first and made.code in me.text
    assert [s.taken for s in await slots(app)] == [1]


async def test_a_redelivered_confirmation_creates_no_second_booking(app):
    me = Chat(app, "retry")
    await me.press("book:residence-permit")
    await press(me, "3月3日")
    await press(me, "09:00")
    number = str(me.buttons.index("确认预约") + 1)
    first = await me.send(Inbound(channel="console", user_id="retry", text=number, message_id="wx-77"))
    again = await me.send(Inbound(channel="console", user_id="retry", text=number, message_id="wx-77"))
    assert first[0].text == again[0].text and "预约成功" in first[0].text
    assert len(await bookings(app)) == 1


async def test_dates_in_the_past_past_the_horizon_on_holidays_and_forged_slots_get_clear_answers(app, clock):
    me = Chat(app, "dates")
    await me.press("book:residence-permit")
    await me.say("3月1日")
    assert "已经过去了" in me.text
    await me.say("3月20日")
    assert "只能预约 14 天以内" in me.text
    await me.say("明天")
    assert "3月3日（周二）的时段" in me.text
    await me.say("周日")
    assert "不开放" in me.text
    await me.say("3月35日")
    assert "没看懂这个日期" in me.text
    await me.press("bk:slot:202603030905")
    assert "没有这个时段" in me.text
    await me.press("bk:slot:202603020900")  # already past at 09:30
    assert "已经过了" in me.text
    await me.press("bk:slot:202603021000")  # in 30 minutes: under the minimum notice
    assert "至少要提前 60 分钟" in me.text
    clock.set(clock.now() + timedelta(days=30))  # 2026-04-01
    await me.press("book:residence-permit")
    await me.say("4月4日")
    assert "清明节" in me.text and "不开放" in me.text
    assert await bookings(app) == []


async def test_a_slot_that_filled_meanwhile_offers_the_waiting_list_and_a_freed_seat_goes_to_the_first(app, clock):
    # health-check is at the health station: no windows in the plan, 2 seats a slot.
    people = [Chat(app, f"p{i}") for i in range(4)]
    for person in people:
        await person.press("book:health-check")
        await press(person, "到中心办理")
        await press(person, "3月3日")
        await press(person, "09:00")
    for person in people[:2]:
        await press(person, "确认预约")
        assert "预约成功" in person.text
    await press(people[2], "确认预约")
    assert "刚刚这个时段被约满了" in people[2].text
    await press(people[2], "排队等空位")
    assert "您是第 1 位" in people[2].text
    await press(people[3], "确认预约")
    await press(people[3], "排队等空位")
    assert "您是第 2 位" in people[3].text
    await people[3].press("book:health-check")
    await press(people[3], "到中心办理")
    await press(people[3], "3月3日")
    assert "09:00 满·排队" in people[3].buttons

    first_code = (await bookings(app))[0].code
    await people[0].say(f"取消预约 {first_code}")
    await press(people[0], "确定取消")
    [offer] = await people[2].pushes()
    assert "有空位了" in offer and "30 分钟" in offer
    assert await people[3].pushes() == []
    assert [s.taken for s in await slots(app)] == [2]  # the freed seat is held for the offer

    # The offer is not taken in time: it passes to the next in line.
    clock.advance(timedelta(minutes=31))
    from scheduler.jobs import run_tick

    assert await run_tick(app, "booking") == 1
    [offer] = await people[3].pushes()
    assert "有空位了" in offer
    await people[2].press("bk:take:1")
    assert "过了保留时间" in people[2].text
    await people[3].say("我的预约")  # the offer's push has scrolled away: the held seat is listed
    assert "为您保留的空位" in people[3].text and "我要这个时段" in people[3].buttons
    await people[3].say("我要")  # typed, the start of 我要这个时段
    assert "预约成功" in people[3].text
    await people[3].press("bk:take:2")
    assert "已经约好了" in people[3].text
    active = [b for b in await bookings(app) if b.status == BookingStatus.booked]
    assert len(active) == 2 and [s.taken for s in await slots(app)] == [2]


async def test_cancel_after_the_cut_off_and_someone_elses_code_are_refused(app, clock):
    me = Chat(app, "owner")
    code = await book(me, day="3月3日", time="09:00")
    other = Chat(app, "nosy")
    await other.say(f"取消预约 {code}")
    assert f"没有找到预约码 {code}" in other.text
    await other.press(f"bk:cxy:{code}")
    assert "没有找到预约码" in other.text
    await other.press(f"bk:mv:{code}")
    assert "没有找到预约码" in other.text
    clock.set(clock.now().replace(day=2, hour=23, minute=0))  # 3 March 07:00 in Xuchang: the cut-off
    await me.say(f"取消预约 {code}")
    assert "只能在 3月3日 07:00 以前改期或取消" in me.text
    await me.press(f"bk:cxy:{code}")
    assert "只能在" in me.text
    [kept] = await bookings(app)
    assert kept.status == BookingStatus.booked


async def test_a_resident_has_at_most_the_plans_open_bookings(app):
    me = Chat(app, "busy")
    for time in ("09:00", "09:30", "10:00"):
        await book(me, time=time)
    await me.press("book:residence-permit")  # said before any step, not after the last (the race: test_concurrency)
    assert "已经有 3 个未完成的预约" in me.text and "我的预约" in me.buttons
    assert not any("余" in label for label in me.buttons)
    assert len(await bookings(app)) == 3


async def test_saying_i_want_to_book_starts_booking_instead_of_a_handover(app):
    me = Chat(app, "intent")
    await me.say("我要预约")
    assert "想预约办哪件事" in me.text and "居住证申领" in me.buttons
    await me.say("菜单")
    assert "预约办理" in me.buttons


async def test_staff_see_today_mark_arrivals_and_cancel_with_a_reason(app, clock):
    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "visitor")
    code = await book(resident, day="3月2日", time="14:30")
    await resident.say("你好")
    await staff.say("/today")
    assert "3月2日（周一）的预约（1 个）" in staff.text and code in staff.text and "待到" in staff.text
    assert "值班：1号窗口（综合受理） 张敏" in staff.text
    await press(staff, f"未到 {code}")
    assert "还没到预约时间" in staff.text
    clock.advance(timedelta(hours=5))  # 14:30
    await staff.say("/today")
    await press(staff, f"到了 {code}")
    assert f"{code} 已到" in staff.text

    later = await book(resident, day="3月5日", time="10:00")
    await staff.say("预约名单 3月5日")
    assert later in staff.text
    await press(staff, f"取消 {later}")
    assert "请输入取消预约" in staff.text
    await staff.say("当天窗口系统升级，暂停办理")
    assert f"已取消预约 {later}" in staff.text
    [told] = await resident.pushes()
    assert later in told and "系统升级" in told
    nosy = Chat(app, "nosy")
    await nosy.say("/today")
    assert "没有权限" in nosy.text
    await nosy.press("bk:arr:1")
    assert "没有权限" in nosy.text


async def test_staff_mark_down_the_day_list_by_number_and_undo_a_slip(app, clock):
    staff = await bind(app, "staff-1", Role.staff)
    first, second = Chat(app, "first"), Chat(app, "second")
    early = await book(first, day="3月2日", time="14:30")
    late = await book(second, day="3月2日", time="15:00")
    clock.advance(timedelta(hours=6))  # 15:30, both have begun
    await staff.say("今日预约")
    assert staff.buttons[:6] == [f"到了 {early}", f"未到 {early}", f"取消 {early}", f"到了 {late}", f"未到 {late}", f"取消 {late}"]

    await staff.say("1")
    assert f"已记录：{early} 已到。" in staff.text and "3月2日（周一）的预约（2 个）" in staff.text
    # The list again, each booking's buttons where they were: 5 is still the second person's 未到.
    assert staff.buttons[:6] == [f"到了 {early}", f"未到 {early}", f"撤销 {early}", f"到了 {late}", f"未到 {late}", f"取消 {late}"]
    await staff.say("5")
    assert f"已记录：{late} 未到。" in staff.text and "过期" not in staff.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.arrived, BookingStatus.no_show]

    await staff.say("3")  # the first one had not come after all
    assert f"已撤销：{early} 改回待到。" in staff.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked, BookingStatus.no_show]
    assert staff.buttons[2] == f"取消 {early}"
    await staff.press(payload(staff, f"未到 {early}"))
    assert [b.status for b in await bookings(app)] == [BookingStatus.no_show, BookingStatus.no_show]

    # Someone else's forged undo changes nothing.
    nosy = Chat(app, "nosy")
    await nosy.press(f"bk:undo:{(await bookings(app))[0].id}")
    assert "没有权限" in nosy.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.no_show, BookingStatus.no_show]


async def test_a_garbled_or_stale_booking_button_is_refused_clearly_and_books_nothing(any_app):
    me = Chat(any_app, "garbled")
    for forged in ("bk:take:abc", "bk:arr:", "bk:hvp:1", "bk:slot:202603031000", "bk:nonsense", "bk:"):
        await me.press(forged)
        assert "已经失效" in me.text or "没有这个时段" in me.text, (forged, me.text)
    assert await bookings(any_app) == []


async def test_days_and_times_are_understood_as_people_type_and_say_them(any_app):
    me = Chat(any_app, "typed")  # the clock stands on Monday 2 March 2026
    await me.say("预约办居住证")
    await me.say("下周二")  # next week's Tuesday, not the one after
    assert "3月10日（周二）的时段" in me.text
    await me.say("九点半")  # voice input writes numbers in Chinese
    assert "请核对预约" in me.text and "3月10日（周二） 09:30-10:00" in me.text
    await me.say("这周四")
    assert "3月5日（周四）的时段" in me.text
    shown = me.buttons
    await me.say("周末吧")  # reads like a day, is not one: the same choices again
    assert "没看懂" in me.text and me.buttons == shown
    await me.say("2")  # …so their numbers still work
    assert "请核对预约" in me.text and f"3月5日（周四） {shown[1][:5]}" in me.text
    await me.say("确认")  # the start of 确认预约
    assert "预约成功" in me.text


async def test_a_day_and_time_said_in_one_sentence_go_straight_to_the_confirmation(any_app):
    me = Chat(any_app, "voice")  # Monday 2 March 2026
    await me.say("预约办居住证")
    await me.say("下礼拜三上午九点半")  # voice input: a day and a time together, numbers in Chinese
    assert "请核对预约" in me.text and "3月11日（周三） 09:30-10:00" in me.text
    await me.say("明天")
    assert "3月3日（周二）的时段" in me.text
    await me.say("就九点半吧")  # the time inside a sentence, on the day's list
    assert "请核对预约" in me.text and "3月3日（周二） 09:30-10:00" in me.text
    await me.say("/cancel")
    await me.say("明天下午两点半预约办居住证")
    assert "请核对预约" in me.text and "3月3日（周二） 14:30-15:00" in me.text


async def test_a_typed_time_the_day_has_no_slot_for_keeps_that_day(any_app):
    me = Chat(any_app, "lunch")  # Monday 2 March 2026
    await me.say("预约办居住证")
    await me.say("明天")
    await me.say("12点半")  # the lunch break
    assert "这天 12:30 没有可约的时段" in me.text and "3月3日（周二）的时段" in me.text
    assert "09:30 余8" in me.buttons
    await me.say("九点半")
    assert "请核对预约" in me.text and "3月3日（周二） 09:30-10:00" in me.text


async def test_a_day_of_the_month_or_a_dialect_day_is_a_day_not_a_choice_number(any_app):
    me = Chat(any_app, "dialect")  # Monday 2 March 2026; the list of days is longer than 5
    await me.say("预约办居住证")
    await me.say("5号")  # the 5th of March, not the fifth button
    assert "3月5日（周四）的时段" in me.text
    await me.say("明儿")  # Henan for 明天
    assert "3月3日（周二）的时段" in me.text
    await me.say("后儿个上午十点")
    assert "请核对预约" in me.text and "3月4日（周三） 10:00-10:30" in me.text
    await me.say("换个时间")
    await me.say("第2号")  # said as a choice, it still is one
    assert "请核对预约" in me.text


async def test_a_choice_is_made_by_the_words_that_tell_it_apart(any_app):
    me = Chat(any_app, "words")
    await me.say("预约办低保")
    assert me.buttons[:2] == ["到中心办理", "预约上门"]
    await me.say("到中心")
    assert "请选日期" in me.text
    await me.say("/cancel")
    await me.say("预约办低保")
    await me.say("上门")
    assert "哪种情况" in me.text


async def test_a_slot_booked_inside_the_cut_off_promises_no_change_deadline_in_the_past(any_app):
    me = Chat(any_app, "soon")  # Monday 09:30; changes close two hours before the start
    await book(me, day="3月2日", time="11:00")
    assert "不能再在线改期或取消" in me.text and "09:00 前" not in me.text
    await me.say("我的预约")
    assert not any(label.startswith(("改期", "取消")) for label in me.buttons)  # no buttons that only refuse
    later = await book(me, day="3月3日", time="09:00")
    assert "要改期或取消请在 3月3日 07:00 前" in me.text
    await me.say("我的预约")
    assert f"改期 {later}" in me.buttons



async def test_a_booking_request_that_names_a_day_opens_that_days_slots(any_app):
    me = Chat(any_app, "named")  # Monday 2 March 2026
    await me.say("下周二预约办居住证")
    assert "3月10日（周二）的时段" in me.text and "09:00 余8" in me.buttons
    await me.say("/cancel")
    await me.say("我想预约办居住证，3月1号")  # already past: the day list, saying why
    assert "请选日期" in me.text and "3月1日" not in "".join(me.buttons)


async def test_a_time_said_before_the_day_is_kept_for_the_day_chosen_next(any_app):
    me = Chat(any_app, "time_first")  # Monday 2 March 2026
    await me.say("预约办居住证")
    await me.say("九点半")  # on the list of days: was asked for the day, then asked the time again
    assert "好的，09:30。请先选哪一天" in me.text, me.text
    await me.say("明天")
    assert "请核对预约" in me.text and "3月3日（周二） 09:30-10:00" in me.text, me.text
    other = Chat(any_app, "time_first_button")
    await other.say("预约办居住证")
    await other.say("下午两点半")
    await other.press("bk:day:20260304")  # the day pressed rather than typed
    assert "请核对预约" in other.text and "3月4日（周三） 14:30" in other.text, other.text


async def test_a_part_of_the_day_said_with_the_day_shows_only_that_parts_times(any_app):
    me = Chat(any_app, "morning", "wechat")  # Monday 2 March 2026; Tuesday has evening hours
    await me.say("俺想预约明儿上午办居住证")
    assert "3月3日（周二）上午的时段" in me.text
    assert me.buttons[:7] == ["08:30 余8", "09:00 余8", "09:30 余8", "10:00 余8", "10:30 余8", "11:00 余8", "11:30 余8"]
    assert not any(label.startswith(("14:30", "18:00")) for label in me.buttons) and "看全天" in me.buttons
    await me.say("下午")  # the same day's afternoon, not "I cannot answer that"
    assert "3月3日（周二）下午的时段" in me.text and "14:30 余8" in me.buttons
    assert not any(label.startswith(("09:00", "17:30")) for label in me.buttons)
    await me.say("晚上")
    assert "17:30🌙 余2" in me.buttons and "14:30 余8" not in me.buttons
    await press(me, "看全天")
    assert "09:00 余8" in me.buttons and "18:00🌙 余2" in me.buttons
    await me.say("2")
    assert "请核对预约" in me.text and "3月3日（周二） 09:00-09:30" in me.text


async def test_a_part_of_the_day_said_alone_is_kept_for_the_day_and_one_without_times_says_so(any_app):
    me = Chat(any_app, "afternoon")  # Monday 2 March 2026
    await me.say("预约办居住证")
    await me.say("后晌")  # Henan for 下午, said on the list of days
    assert "好的，下午。请先选哪一天" in me.text
    await press(me, "3月4日")
    assert "3月4日（周三）下午的时段" in me.text and "14:30 余8" in me.buttons and "09:00 余8" not in me.buttons
    await me.say("下礼拜一晚上")  # Mondays have no evening hours: said, and the whole day shown
    assert "3月9日（周一）晚上没有可约的时段" in me.text and "09:00 余8" in me.buttons and "看全天" not in me.buttons


async def test_days_in_traditional_characters_are_days(any_app):
    me = Chat(any_app, "traditional")  # Monday 2 March 2026
    await me.say("預約辦居住證")
    await me.say("後天")
    assert "3月4日（周三）的时段" in me.text
    await me.say("下禮拜三上午九點半")
    assert "请核对预约" in me.text and "3月11日（周三） 09:30-10:00" in me.text


async def test_a_day_said_before_the_service_is_kept_while_the_service_is_chosen(any_app):
    me = Chat(any_app, "day_first", "wechat")  # Monday 2 March 2026
    await me.say("俺想预约明儿上午")  # which service is asked; the day is not asked again after it
    assert "想预约办哪件事" in me.text
    await me.say("1")
    assert "3月3日（周二）上午的时段" in me.text and "09:00 余8" in me.buttons and "14:30 余8" not in me.buttons
    other = Chat(any_app, "day_and_time_first", "wechat")
    await other.say("我要预约后天下午3点")
    await other.say("居住证")  # the service typed, not chosen by number
    assert "请核对预约" in other.text and "3月4日（周三） 15:00-15:30" in other.text
    third = Chat(any_app, "day_first_home", "wechat")
    await third.say("我要预约下礼拜一")
    await third.say("低保")
    await third.say("到中心")
    assert "3月9日（周一）的时段" in third.text
    fourth = Chat(any_app, "time_with_service")
    await fourth.say("预约办居住证，九点半的")
    assert "好的，09:30。请先选哪一天" in fourth.text


async def test_a_time_with_a_dot_under_a_days_times_is_a_time_not_a_date(any_app):
    me = Chat(any_app, "dotted")  # Monday 2 March 2026
    await me.say("预约办居住证")
    await me.say("明天")
    await me.say("9.30")  # half past nine, not the 30th of September (beyond the horizon)
    assert "请核对预约" in me.text and "3月3日（周二） 09:30-10:00" in me.text


async def test_a_quarter_of_an_hour_is_fifteen_minutes_and_offers_the_nearest_slots(any_app):
    me = Chat(any_app, "quarter")  # Monday 2 March 2026; slots are on the hour and half hour
    await me.say("预约办居住证")
    await me.say("明天")
    await me.say("两点一刻")  # was read as 14:01; then the whole day, leaving the resident to look for 14:30
    assert "这天没有 14:15 开始的时段，离它最近的是" in me.text, me.text
    assert [b for b in me.buttons if "余" in b] == ["14:30 余8"]  # the afternoon opens at 14:30
    assert "看全天" in me.buttons
    await me.say("九点过一刻")  # was read as 9:00 and confirmed at once
    assert "请核对预约" not in me.text and "这天没有 09:15 开始的时段" in me.text
    assert [b for b in me.buttons if "余" in b] == ["09:00 余8", "09:30 余8"], me.buttons
    await me.say("9:15")
    assert [b for b in me.buttons if "余" in b] == ["09:00 余8", "09:30 余8"], me.buttons
    await me.say("两点四十五")
    assert [b for b in me.buttons if "余" in b] == ["14:30 余8", "15:00 余8"], me.buttons
    await me.say("2")  # the nearest slots' own numbers
    assert "请核对预约" in me.text and "3月3日（周二） 15:00-15:30" in me.text, me.text


async def test_a_time_nothing_is_near_shows_the_whole_day(any_app):
    me = Chat(any_app, "early")  # Monday 2 March 2026; the centre opens at 08:30
    await me.say("预约办居住证")
    await me.say("明天早上七点半")  # 07:30, an hour before the first slot: no slot is near it
    assert "这天 07:30 没有可约的时段" in me.text and "08:30 余8" in me.buttons and "看全天" not in me.buttons
    await me.say("早上8点")  # half an hour before the first slot: that slot
    assert "这天没有 08:00 开始的时段" in me.text and [b for b in me.buttons if "余" in b] == ["08:30 余8"]


async def test_a_resident_who_found_another_time_leaves_the_waiting_list(app):
    # health-check: 2 seats a slot. The third waits, then books another time and stops waiting.
    people = [Chat(app, f"w{i}", "wechat") for i in range(3)]
    for person in people:
        await person.press("book:health-check")
        await person.say("到中心")
        await person.say("明天上午九点")
        await person.say("确认")
    await people[2].say("排队")
    assert "您是第 1 位" in people[2].text
    await people[2].say("我的预约")
    assert "排队等空位" in people[2].text and "不排了（3月3日 09:00）" in people[2].buttons
    await people[2].say("不排了")  # typed on WeChat: the words of the one choice that says it
    assert "已不再排队" in people[2].text and "您现在没有预约" in people[2].text
    first = (await bookings(app))[0].code
    await people[0].say(f"取消预约 {first}")
    await people[0].say("确定取消")
    assert await people[2].pushes() == []  # the seat is not held for someone who no longer waits
    assert [s.taken for s in await slots(app)] == [1]


async def test_a_waiting_seat_offered_when_one_has_booked_another_matter_at_that_time_is_refused(app):
    first, second, waiting = Chat(app, "first"), Chat(app, "second"), Chat(app, "waiting")
    for person in (first, second, waiting):  # health-check: 2 seats at 09:00
        await person.press("book:health-check")
        await press(person, "到中心办理")
        await press(person, "3月3日")
        await press(person, "09:00")
    for person in (first, second, waiting):
        await press(person, "确认预约")
    await press(waiting, "排队等空位")
    await book(waiting, day="3月3日", time="09:00")  # meanwhile: the residence permit at the same time
    code = [b for b in await bookings(app) if b.service_id == "health-check"][0].code
    await first.say(f"取消预约 {code}")
    await press(first, "确定取消")
    [offer] = await waiting.pushes()
    assert "有空位了" in offer
    await waiting.say("我的预约")
    await press(waiting, "我要这个时段")
    assert "这个时间已经约了别的事" in waiting.text, waiting.text
    mine = [b for b in await bookings(app) if b.service_id == "residence-permit"][0].person_id
    active = [b.service_id for b in await bookings(app) if b.status == BookingStatus.booked and b.person_id == mine]
    assert active == ["residence-permit"]  # not two bookings at 09:00


async def test_a_second_booking_at_the_same_time_offers_another_time_instead_of_a_dead_end(app):
    me = Chat(app, "busy")
    await book(me, day="3月3日", time="09:00")
    await me.press("book:health-check")
    await press(me, "到中心办理")
    await press(me, "3月3日")
    await press(me, "09:00")
    await press(me, "确认预约")
    assert "这个时间已经有一个预约了" in me.text and "换个时间" in me.buttons, (me.text, me.buttons)
    await press(me, "换个时间")
    await press(me, "10:00")
    await press(me, "确认预约")
    assert "预约成功" in me.text, me.text
    assert "已经为您保存" not in me.text


@pytest.mark.parametrize(
    ("asked", "answer"),
    [("要钱不", "【老年人优待证办理】费用和办理时间"), ("在哪儿啊", "【老年人优待证办理】地点和时间"), ("要带照片吗", "近期1寸免冠彩色照片")],
)
async def test_a_question_right_after_booking_is_about_the_booked_service(app, asked, answer):
    """要钱不 after 预约成功 was answered with three unrelated services: the success names its service's guide."""
    me = Chat(app, "after")
    await me.say("预约办老年证 下周一上午十点")
    await me.say("确认")
    assert "预约成功" in me.text and me.buttons == ["我的预约", "老年人优待证办理：材料和地点", "返回主菜单"], me.buttons
    assert payload(me, "材料和地点") == "svc:senior-card"
    await me.say(asked)
    assert answer in me.text, me.text


async def test_the_guide_typed_after_booking_is_the_guide_not_the_booked_service(app):
    me = Chat(app, "guide_after")
    await me.say("预约办老年证 下周一上午十点")
    await me.say("确认")
    await me.say("办事指南")  # opened the booked service's page while the button was called so
    assert "【老年人优待证办理】" not in me.text, me.text


@pytest.mark.parametrize(("said", "when"), [("上午", "09:00-12:00"), ("下午", "14:30-17:30")])
async def test_a_half_day_said_at_the_home_visit_times_is_chosen_and_a_yes_requests_it(app, said, when):
    """上午 showed a list of one; the 行 after it was taken for thanks and the visit parked as a draft."""
    resident = Chat(app, f"half_day_{when[:2]}")
    await at_home_visit_days(resident)
    await resident.say(said)
    assert "请核对预约" in resident.text and f"3月3日（周二） {when}" in resident.text, resident.text
    await resident.say("行")
    assert "上门预约已提交" in resident.text and "不客气" not in resident.text, resident.text
    [made] = await bookings(app)
    assert made.status == BookingStatus.booked and when.startswith(f"{made.starts_at.hour + 8:02d}")
