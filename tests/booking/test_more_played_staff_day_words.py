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


async def test_staff_typing_a_day_lists_cancel_code_are_asked_the_reason_and_the_resident_told(app):
    resident = Chat(app, "cancelled_by_desk")
    code = await book(resident)
    staff = await bind(app, "desk_cancel", Role.staff)
    await staff.say(f"取消 {code}")  # the day list's button typed: was 没有找到预约码 (only one's own)
    assert f"取消预约 {code} 的原因" in staff.text, staff.text
    await staff.say("窗口临时停电")
    assert f"已取消预约 {code}" in staff.text, staff.text
    [told] = await resident.pushes()
    assert code in told and "窗口临时停电" in told
    stranger = Chat(app, "not_staff")
    await stranger.say(f"取消 {code}")
    assert "没有找到预约码" in stranger.text, stranger.text
