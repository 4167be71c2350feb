"""A day's bookings asked in words: staff see that day's list, a resident their own bookings.

今天有几个预约 was answered with the 快递代收代寄 guide, and 明天的预约
started a new booking: staff had to know /today and /bookings 3月3日.
"""

from __future__ import annotations

import pytest

from bot.models import Role
from tests.booking.helpers import book
from tests.helpers import Chat, bind


@pytest.mark.parametrize(
    ("asked", "title", "which"),
    [
        ("今天有几个预约", "3月2日（周一）的预约（1 个）", "today"),
        ("今天的预约", "3月2日（周一）的预约（1 个）", "today"),
        ("今天谁来办事", "3月2日（周一）的预约（1 个）", "today"),
        ("明天的预约", "3月3日（周二）的预约（1 个）", "tomorrow"),
        ("明天预约名单", "3月3日（周二）的预约（1 个）", "tomorrow"),
        ("下周一的预约有哪些", "3月9日（周一）的预约（0 个）", None),
    ],
)
async def test_staff_asking_in_words_see_that_days_list(app, asked, title, which):
    staff = await bind(app, "staff-1", Role.staff)
    resident = Chat(app, "visitor")
    codes = {"today": await book(resident, day="3月2日", time="14:30"), "tomorrow": await book(resident, day="3月3日", time="09:00")}
    await staff.say(asked)
    assert staff.text.startswith(title), staff.text
    for day, code in codes.items():
        assert (code in staff.text) is (day == which), (code, staff.text)
    if which == "today":
        assert f"到了 {codes[which]}" in staff.buttons, staff.buttons
    if which == "tomorrow":  # nobody arrives before the day: 取消 only
        assert staff.buttons == [f"取消 {codes[which]}"], staff.buttons


@pytest.mark.parametrize("asked", ["今天有几个预约", "我明天有预约吗", "明天的预约"])
async def test_a_resident_asking_about_a_days_bookings_sees_their_own(app, asked):
    resident = Chat(app, "visitor")
    code = await book(resident, day="3月3日", time="09:00")
    await resident.say(asked)
    assert resident.text.startswith("您的预约（1 个）") and code in resident.text, resident.text
    assert "快递" not in resident.text and "想预约办哪件事" not in resident.text, resident.text


async def test_staff_asking_of_their_own_bookings_see_their_own(app):
    staff = await bind(app, "staff-1", Role.staff)
    await book(Chat(app, "visitor"), day="3月3日", time="09:00")
    await staff.say("我明天有预约吗")
    assert "您现在没有预约" in staff.text and "的预约（" not in staff.text, staff.text
