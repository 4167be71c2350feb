"""Staff asking a day's bookings in their own words get that day's list, not their own (none) or a new booking."""

from __future__ import annotations

from bot.models import Role
from tests.booking.helpers import book
from tests.helpers import Chat, bind


async def test_staff_asking_a_day_in_other_words_get_its_list(app):
    resident = Chat(app, "comes_tuesday")
    code = await book(resident)  # 3月3日（周二） 09:00
    staff = await bind(app, "desk", Role.staff)
    # each was 您现在没有预约 (the staff member's own bookings), or a new booking for that day (看看…)
    for said in ("明天预约的人多不多", "礼拜二都有谁约了", "查一下明天的预约", "周二约了几个人", "看看周二的预约", "帮我瞅瞅明天的预约"):
        await staff.say(said)
        assert "3月3日（周二）的预约（1 个）" in staff.text and code in staff.text, (said, staff.text)


async def test_a_resident_asking_so_gets_their_own_bookings_not_a_new_one(app):
    me = Chat(app, "looks_at_own")
    code = await book(me)
    for said in ("看看周二的预约", "周二约了几个人"):
        await me.say(said)
        assert "您的预约（1 个）" in me.text and code in me.text and "请选日期" not in me.text, (said, me.text)
