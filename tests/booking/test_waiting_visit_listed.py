"""A home visit waited for, not yet offered, under 我的预约: what it is, which half-day, that it waits, what comes next.

It showed as 排队等空位：高龄津贴申请 3月3日（周二） 09:00 (and joining
said 已为您排队：3月3日（周二） 09:00), read as an appointment at the
centre at nine, with nothing saying it was a half-day visit at home nor
that it was not booked yet.
"""

from __future__ import annotations

from bot.models.booking import BookingStatus
from tests.booking.helpers import bookings, press
from tests.booking.test_visit_for_family import _registered
from tests.booking.test_waitlisted_home_visit import _visit_on_tuesday_morning, half_day_taken


async def test_a_home_visit_waited_for_says_it_is_one_its_half_day_and_what_happens_next(app):
    await half_day_taken(app)
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    joined = daughter.text  # pressed on the full half-day: the line is joined at once, and says what for
    assert "您是第 1 位" in joined and "候补" in joined and "还没约上" in joined, joined
    assert "【高龄津贴申请】上门办理，3月3日（周二）上午（09:00-12:00，半天）" in joined, joined

    await daughter.say("我的预约")
    shown = daughter.text
    assert "候补" in shown, shown
    assert "【高龄津贴申请】上门办理" in shown, shown
    assert "3月3日（周二）上午（09:00-12:00，半天）" in shown, shown
    assert "还没约上" in shown, shown
    assert "有人取消时会先发消息通知您" in shown, shown
    assert "上门地址：文峰社区 北苑3号楼 2单元 301" in shown, shown
    assert daughter.buttons[0] == "不排了（3月3日上午上门）", daughter.buttons
    assert [b.status for b in await bookings(app)] == [BookingStatus.booked, BookingStatus.booked]  # nothing booked for her

    await press(daughter, "不排了")
    assert "已不再排队" in daughter.text and "候补" not in daughter.text, daughter.text
