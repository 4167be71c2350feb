"""Words typed under the list of services to book (预约办理 → 想预约办哪件事？).

Residents name a service as they call it (老年证: no button says it), say
the day first (明天上午), or ask for what the centre does not book (理发).
老年证 opened the guide instead of the booking, and 明天 or 理发 got
答不上来 with the main menu: the list was gone and nothing was kept.
"""

from __future__ import annotations

import pytest

from tests.booking.helpers import bookings, press
from tests.helpers import Chat, unanswered


async def _at_the_list(chat: Chat, asked: str = "预约办理") -> None:
    await chat.say(asked)
    assert "想预约办哪件事" in chat.text, chat.text


@pytest.mark.parametrize("said", ["老年证", "老年证的", "那个老人的证", "我要办老年证"])
async def test_a_service_named_as_residents_call_it_books_it(app, said):
    me = Chat(app, "named")
    await _at_the_list(me)
    await me.say(said)
    assert "【老年人优待证办理】请选日期" in me.text and "材料" not in me.text, me.text


async def test_a_day_said_first_is_kept_for_the_service_chosen_next(app):
    me = Chat(app, "day_first")
    await _at_the_list(me)
    await me.say("明天上午")  # 3月3日, a Tuesday
    assert "好的，3月3日（周二）上午" in me.text and "想预约办哪件事" in me.text, me.text
    assert "答不上来" not in me.text
    await me.say("居住证")
    assert "3月3日（周二）上午的时段" in me.text, me.text
    times = " ".join(me.buttons)
    assert "09:00" in times and "14:30" not in times, me.buttons
    await press(me, next(label for label in me.buttons if label.startswith("09:00")))
    await press(me, "确认预约")
    [made] = await bookings(app)
    assert made.service_id == "residence-permit" and "3月3日" in me.text


async def test_what_the_centre_does_not_book_is_said_under_the_list_and_logged(app):
    me = Chat(app, "barber")
    await _at_the_list(me)
    await me.say("理发")
    assert "可预约的事项里没有“理发”" in me.text and "想预约办哪件事" in me.text, me.text
    assert "答不上来" not in me.text
    assert "理发" in await unanswered(app)  # the staff see what residents ask to book
    await me.say("老年证")  # the list still answers
    assert "【老年人优待证办理】请选日期" in me.text, me.text


async def test_a_question_about_a_service_under_the_list_is_answered_not_booked(app):
    me = Chat(app, "asks")
    await _at_the_list(me)
    await me.say("低保要带啥")
    assert "【最低生活保障申请】要带的材料" in me.text and "您选哪种" not in me.text, me.text
    assert await bookings(app) == []


async def test_another_matter_under_the_list_leaves_it_without_a_draft(app):
    me = Chat(app, "other")
    await _at_the_list(me, "我想预约")
    await me.say("楼道灯坏了")
    assert "已经为您保存" not in me.text, me.text  # a list holds nothing of theirs to keep


async def test_a_word_several_bookable_services_share_asks_which_to_book(app):
    me = Chat(app, "which")
    await _at_the_list(me)
    await me.say("补贴")
    assert "您想预约的是哪一项" in me.text and "高龄津贴申请" in me.buttons, me.text
    await press(me, "高龄津贴申请")
    assert "【高龄津贴申请】" in me.text and ("请选日期" in me.text or "您选哪种" in me.text), me.text


async def test_dropping_it_under_the_list_ends_it(app):
    me = Chat(app, "drop")
    await _at_the_list(me)
    await me.say("不约了")
    assert "没有预约" in me.text, me.text


@pytest.mark.parametrize("said", ["楼上那家是不是换人住了", "我家楼上天天半夜装修吵得睡不着觉"])
async def test_a_sentence_of_its_own_under_the_list_is_answered_as_anywhere(app, said):
    me = Chat(app, "sentence")
    await _at_the_list(me)
    await me.say(said)
    assert "可预约的事项里没有" not in me.text and "想预约办哪件事" not in me.text, me.text
