"""我的预约 lists bookings without numbers of their own, and says the cut-off as how late a change may be.

Numbered 1. and 2. above the numbered choices (【1】改期 on WeChat, 1. in the
console), a resident replying 1 "for the first booking" moved it; and
"开始前 2 小时以内不能在这里改期或取消" under a booking days away read as
"this cannot be cancelled".
"""

from __future__ import annotations

from tests.booking.helpers import book
from tests.helpers import Chat


async def test_several_bookings_are_listed_with_bullets_and_the_cut_off_as_a_deadline(app):
    li = Chat(app, "li")
    first = await book(li, time="09:00")
    second = await book(li, service="senior-card", day="3月5日", time="10:00")
    await li.say("我的预约")
    lines = li.text.splitlines()
    assert f"· {first} 居住证申领" in li.text and f"· {second} 老年人优待证办理" in li.text, li.text
    assert not any(line.startswith(("1. ", "2. ")) for line in lines), li.text
    assert "改期、取消最晚在开始前 2 小时" in li.text and "不能在这里改期或取消" not in li.text, li.text
    assert li.buttons[:2] == [f"改期 {first}", f"取消 {first}"], li.buttons
