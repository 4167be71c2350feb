"""A service of a centre without windows in the plan is booked in that centre's regular hours only."""

from __future__ import annotations

from sqlmodel import select

from bot.models import BookingWait
from tests.helpers import unanswered


async def waiting(app) -> list[BookingWait]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return list((await uow.session.exec(select(BookingWait))).all())


async def test_a_health_station_service_offers_no_evening_and_no_saturday(chat):
    """生育登记 was booked for 19:30 on a Tuesday, and 老年证 on a Saturday: nobody of theirs is there then."""
    me = chat()
    await me.say("预约生育登记 3月3日")  # a Tuesday: open until 20:00 at the hall
    times = [label[:5] for label in me.buttons if ":" in label]
    assert times and times[-1] == "17:00", me.buttons
    assert not any(t >= "17:30" for t in times), times
    await me.say("返回")
    assert not any("3月7日" in label for label in me.buttons), me.buttons  # Saturday: not offered at all
    await me.say("3月3日 19:30")  # typed: the day's own times, not a confirmation of a time nobody is there
    assert "这天 19:30 没有可约的时段" in me.text and "确认预约" not in me.buttons, me.text
    await me.press("bk:wait:202603031930")  # a forged press: no waiting for a seat that never opens
    assert "没有这个时段" in me.text, me.text
    assert await waiting(me.app) == []
    assert await unanswered(me.app) == []


async def test_a_hall_service_still_offers_the_evening(chat):
    me = chat()
    await me.say("预约办居住证 3月3日")
    times = [label[:5] for label in me.buttons if ":" in label]
    assert "19:30" in times, me.buttons
