"""A time typed for a slot already full: said so at once, with the line to wait in, not confirmed and then refused."""

from __future__ import annotations

from tests.booking.helpers import bookings, press
from tests.helpers import Chat


async def _fill_tuesday_nine(app) -> None:  # noqa: ANN001
    """The health station's two seats at 3月3日 09:00 taken by two neighbours."""
    for name in ("neighbour_a", "neighbour_b"):
        neighbour = Chat(app, name)
        await neighbour.press("book:health-check")
        await press(neighbour, "到中心办理")
        await press(neighbour, "3月3日")
        await press(neighbour, "09:00")
        await press(neighbour, "确认预约")
        assert "预约成功" in neighbour.text, neighbour.text


async def test_a_full_time_typed_is_said_full_with_its_line_and_the_days_other_times(app):
    await _fill_tuesday_nine(app)
    me = Chat(app, "full_typed")
    await me.press("book:health-check")
    await press(me, "到中心办理")
    await me.say("明天上午九点")  # was 请核对预约 for 09:00, then 确认 said 刚刚这个时段被约满了
    assert "请核对预约" not in me.text and "09:00 这个时段已经约满了" in me.text, me.text
    assert "09:00 满·排队" in me.buttons and "09:30 余2" in me.buttons, me.buttons
    await press(me, "09:00 满·排队")
    assert "排队" in me.text and "预约成功" not in me.text, me.text
    assert len(await bookings(app)) == 2  # the neighbours' only: nothing booked over the capacity


async def test_a_full_time_typed_at_the_days_times_is_said_full_too(app):
    await _fill_tuesday_nine(app)
    me = Chat(app, "full_typed_slot")
    await me.press("book:health-check")
    await press(me, "到中心办理")
    await press(me, "3月3日")
    await me.say("九点")
    assert "请核对预约" not in me.text and "09:00 这个时段已经约满了" in me.text, me.text
    await me.say("确认")  # out of habit, with no time chosen: was 答不上来, the list gone
    assert "还没有约上" in me.text and "09:30 余2" in me.buttons, me.text
    await me.say("九点半")
    assert "请核对预约" in me.text and "3月3日（周二） 09:30-10:00" in me.text, me.text
    await me.say("嗯")
    assert "预约成功" in me.text, me.text
