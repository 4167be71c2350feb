"""A date typed under 我的预约 is not a press of 不排了: the place on the waiting list stays.

The leave button names the half-day waited for (不排了（3月3日上午上门）);
typing 3月3日 matched it as "words found in one choice only" and the
resident was told 好的，已不再排队.
"""

from __future__ import annotations

from sqlmodel import select

from bot.models.booking import BookingWait
from tests.booking.test_visit_for_family import _registered
from tests.booking.test_waitlisted_home_visit import _visit_on_tuesday_morning, half_day_taken


async def _waits(app) -> int:  # noqa: ANN001
    async with app.db.uow() as uow:
        return len((await uow.session.exec(select(BookingWait).where(BookingWait.status == "waiting"))).all())


async def test_the_day_waited_for_typed_under_my_bookings_keeps_the_place(app):
    await half_day_taken(app)
    daughter = await _registered(app, "daughter")
    await _visit_on_tuesday_morning(daughter, "帮我妈预约上门办高龄津贴 她住北苑3号楼2单元301")
    assert await _waits(app) == 1
    await daughter.say("我的预约")
    assert daughter.buttons[0] == "不排了（3月3日上午上门）", daughter.buttons
    await daughter.say("3月3日")
    assert "已不再排队" not in daughter.text, daughter.text
    assert await _waits(app) == 1
    await daughter.say("我的预约")
    await daughter.say("不排了")  # the button's own words still leave the line
    assert "已不再排队" in daughter.text, daughter.text
    assert await _waits(app) == 0
