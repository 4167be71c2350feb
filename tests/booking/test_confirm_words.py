"""What residents type at the booking's steps instead of pressing: yes, not yet, no, and questions about the service.

Each was answered as thanks (不客气), 答不上来 or another service's guide,
and the booking parked as a draft while the resident thought it was made.
"""

from __future__ import annotations

import pytest

from bot.models.booking import BookingStatus
from tests.booking.helpers import bookings, press
from tests.helpers import Chat

ASKED = "预约办老年证 下周一上午十点"  # the confirmation of 老年人优待证办理, 3月9日 10:00


async def _at_confirmation(chat: Chat) -> None:
    await chat.say(ASKED)
    assert "请核对预约" in chat.text and "3月9日（周一） 10:00" in chat.text, chat.text


@pytest.mark.parametrize(
    "said", ["好的谢谢", "好 谢谢你", "确认预约 谢谢", "确认预约", "就这个吧", "就这个", "就这样吧", "那就约吧", "约吧"]
)
async def test_a_polite_or_spoken_yes_at_the_confirmation_books(app, said):
    me = Chat(app, "yes")
    await _at_confirmation(me)
    await me.say(said)
    assert "预约成功" in me.text and "不客气" not in me.text and "已经为您保存" not in me.text, me.text
    [made] = await bookings(app)
    assert made.status == BookingStatus.booked and made.code in me.text


@pytest.mark.parametrize("said", ["不好", "不行", "好的但是换个时间", "约吗", "中不中"])
async def test_a_no_or_a_question_at_the_confirmation_books_nothing(app, said):
    me = Chat(app, "no")
    await _at_confirmation(me)
    await me.say(said)
    assert "预约成功" not in me.text, me.text
    assert await bookings(app) == []


@pytest.mark.parametrize("said", ["谢谢", "不行", "不对"])
async def test_thanks_or_a_bare_no_at_the_confirmation_says_nothing_is_booked_yet(app, said):
    me = Chat(app, "not_yet")
    await _at_confirmation(me)
    await me.say(said)  # was 不客气 or 答不上来, with the booking parked as a draft
    assert "预约还没有成功" in me.text and "换个时间" in me.text and "不客气" not in me.text, me.text
    assert "已经为您保存" not in me.text and me.buttons == ["确认预约", "换个时间", "不约了"]
    assert await bookings(app) == []


async def test_asking_whether_it_is_all_right_is_asked_again_saying_nothing_is_booked(app):
    me = Chat(app, "henan")
    await _at_confirmation(me)
    await me.say("中不中")  # Henan for "OK?": a question, not a yes
    assert "预约还没有成功" in me.text and "请核对预约" in me.text and "不客气" not in me.text, me.text
    assert "已经为您保存" not in me.text and me.buttons == ["确认预约", "换个时间", "不约了"]
    await me.say("中")
    assert "预约成功" in me.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]


@pytest.mark.parametrize("said", ["我再想想", "我考虑一下", "等等"])
async def test_thinking_it_over_books_nothing_says_so_and_one_still_confirms_later(app, said):
    me = Chat(app, "thinking")
    await _at_confirmation(me)
    await me.say(said)
    assert "还没有预约" in me.text and "回复“确认”" in me.text, me.text
    assert "不客气" not in me.text and "已经为您保存" not in me.text and "答不上来" not in me.text, me.text
    assert await bookings(app) == []
    await me.say("1")  # the confirmation's buttons are still the numbered ones
    assert "预约成功" in me.text, me.text
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked]


async def test_thinking_it_over_then_typing_confirm_books(app):
    me = Chat(app, "later")
    await _at_confirmation(me)
    await me.say("我再想想")
    await me.say("确认")
    assert "预约成功" in me.text, me.text


@pytest.mark.parametrize("said", ["不办了", "算了吧", "算了不约了", "不去了", "不约了", "不用了"])
@pytest.mark.parametrize("step", ["day", "slot", "confirm"])
async def test_dropping_the_booking_in_words_ends_it_as_the_button_does(app, said, step):
    me = Chat(app, "dropping")
    await me.press("book:senior-card")
    if step != "day":
        await press(me, "3月9日")
    if step == "confirm":
        await press(me, "10:00")
        assert "请核对预约" in me.text
    await me.say(said)
    assert "好的，没有预约" in me.text, me.text
    assert "已经为您保存" not in me.text and "答不上来" not in me.text, me.text
    await me.say("继续")  # nothing was put aside to go on with
    assert "请核对预约" not in me.text and "请选日期" not in me.text, me.text
    assert await bookings(app) == []


async def test_dropping_a_move_in_words_keeps_the_booking_as_it_was(app):
    me = Chat(app, "moving")
    await _at_confirmation(me)
    await me.say("确认")
    [made] = await bookings(app)
    await me.say("我的预约")
    await press(me, f"改期 {made.code}")
    await press(me, "3月10日")
    await me.say("算了不约了")
    assert f"没有改期。预约 {made.code}" in me.text and "3月9日（周一） 10:00" in me.text, me.text
    [kept] = await bookings(app)
    assert kept.status == BookingStatus.booked and kept.starts_at == made.starts_at


@pytest.mark.parametrize(
    ("asked", "answer"),
    [
        ("要带什么材料", "【老年人优待证办理】要带的材料"),
        ("要带户口本吗", "【老年人优待证办理】要带的材料"),  # was 打印复印's materials
        ("要带照片吗", "近期1寸免冠彩色照片"),
        ("在哪办", "【老年人优待证办理】地点和时间"),
        ("要钱不", "【老年人优待证办理】费用和办理时间"),  # was 健康自测
        ("几天能办好", "一般10个工作日内可领证"),
    ],
)
async def test_a_question_about_the_service_at_the_confirmation_is_answered_and_the_booking_kept(app, asked, answer):
    me = Chat(app, "asking")
    await _at_confirmation(me)
    await me.say(asked)
    assert answer in me.text and "请核对预约" in me.text, me.text
    assert "已经为您保存" not in me.text and "答不上来" not in me.text, me.text
    assert me.buttons == ["确认预约", "换个时间", "不约了"]
    await me.say("1")  # still the confirmation's 确认预约, not the guide's first entry
    assert "预约成功" in me.text, me.text


async def test_a_question_about_the_service_at_the_days_and_times_shows_them_again(app):
    me = Chat(app, "asking_days")
    await me.press("book:senior-card")
    days = me.buttons
    await me.say("要带啥材料")
    assert "【老年人优待证办理】要带的材料" in me.text and "请选日期" in me.text and me.buttons == days, me.text
    await press(me, "3月9日")
    times = me.buttons
    await me.say("要钱不")
    assert "费用和办理时间" in me.text and "3月9日（周一）的时段" in me.text and me.buttons == times, me.text
    await me.say("1")
    assert "请核对预约" in me.text and "3月9日（周一） 08:" in me.text, me.text


async def test_a_question_naming_another_service_is_answered_about_that_one(app):
    me = Chat(app, "other_service")
    await _at_confirmation(me)
    await me.say("低保怎么办")
    assert "【最低生活保障申请】" in me.text and "请核对预约" not in me.text, me.text
    assert await bookings(app) == []


@pytest.mark.parametrize("said", ["这个时间不行", "时间不合适", "这个点不行", "其他时间", "太早了", "能晚一点吗", "我想换个时间"])
async def test_another_time_asked_in_words_at_the_confirmation_shows_the_days_times(app, said):
    me = Chat(app, "other_time")
    await _at_confirmation(me)
    await me.say(said)  # was 答不上来, the booking parked as a draft
    assert "3月9日（周一）的时段" in me.text and "10:30 余2" in me.buttons and "换一天" in me.buttons, me.text
    assert "答不上来" not in me.text and "已经为您保存" not in me.text, me.text
    await press(me, "10:30")
    assert "请核对预约" in me.text and "3月9日（周一） 10:30" in me.text, me.text
    assert await bookings(app) == []


async def test_another_time_asked_in_words_while_moving_keeps_the_booking_until_a_new_one_is_confirmed(app):
    me = Chat(app, "other_time_move")
    await _at_confirmation(me)
    await me.say("确认")
    [made] = await bookings(app)
    await me.say("改到下周二上午十点")
    assert f"把预约 {made.code} 改到" in me.text, me.text
    await me.say("这个时间不行")
    assert "3月10日（周二）的时段" in me.text and "已经为您保存" not in me.text, me.text
    [kept] = await bookings(app)
    assert kept.status == BookingStatus.booked and kept.starts_at == made.starts_at


async def test_asking_whether_family_may_do_it_at_the_confirmation_is_answered_and_the_booking_kept(app):
    me = Chat(app, "family")
    await _at_confirmation(me)
    await me.say("可以让我儿子代办吗")  # was 答不上来, the booking parked as a draft
    assert "【老年人优待证办理】能不能代办" in me.text and "家属代办的，带代办人身份证" in me.text, me.text
    assert "请核对预约" in me.text and "3月9日（周一） 10:00" in me.text and "已经为您保存" not in me.text, me.text
    assert me.buttons == ["确认预约", "换个时间", "不约了"]
    await me.say("1")
    assert "预约成功" in me.text, me.text
