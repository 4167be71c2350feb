"""到了 (arrived) is a mark for the booking's own day: tomorrow's list does not offer it, and the service refuses it."""

from __future__ import annotations

from datetime import timedelta

from bot.models import Role
from bot.models.booking import BookingStatus
from tests.booking.helpers import book, bookings, press
from tests.helpers import Chat, bind


async def test_tomorrows_list_offers_no_arrival_and_a_forged_press_is_refused(app, clock):
    resident = Chat(app, "comes_tomorrow")
    code = await book(resident)  # 3月3日（周二） 09:00; today is Monday 3月2日
    staff = await bind(app, "desk_tomorrow", Role.staff)
    await staff.say("预约名单 明天")
    assert "3月3日（周二）的预约（1 个）" in staff.text and code in staff.text, staff.text
    assert f"到了 {code}" not in staff.buttons and f"未到 {code}" not in staff.buttons, staff.buttons  # was 到了 offered
    assert f"取消 {code}" in staff.buttons, staff.buttons
    [made] = await bookings(app)
    await staff.press(f"bk:arr:{made.id}")  # the button of an old list, or forged
    assert f"预约 {code} 不是今天的" in staff.text, staff.text
    assert [item.status for item in await bookings(app)] == [BookingStatus.booked]
    clock.advance(timedelta(days=1))  # on the day itself, arrival is marked as before
    await staff.say("/today")
    await press(staff, f"到了 {code}")
    assert f"{code} 已到" in staff.text, staff.text
    assert [item.status for item in await bookings(app)] == [BookingStatus.arrived]
