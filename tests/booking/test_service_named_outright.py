"""Words typed under the list of services to book: a service's own name books it; a matter done elsewhere says where."""

from __future__ import annotations

from tests.booking.helpers import bookings
from tests.helpers import Chat


async def test_she_bao_ka_is_not_booked_here_and_it_says_where(app):
    me = Chat(app, "card_lost")
    await me.say("我想预约")
    await me.say("社保卡")  # was 您想预约的是哪一项？ with 灵活就业人员社会保险补贴申请 among the three
    assert "“社保卡”不在社区预约办理" in me.text and "社保卡服务网点" in me.text, me.text
    assert "灵活就业人员社会保险补贴申请" not in me.text and "请选日期" not in me.text, me.text
    assert "居住证申领" in me.buttons, me.buttons  # the list of services stays, to book one of them
    await me.say("居住证")
    assert "【居住证申领】请选日期" in me.text, me.text
    assert await bookings(app) == []


async def test_a_services_own_short_name_books_it(app):
    me = Chat(app, "senior_card")
    await me.say("我想预约")
    await me.say("老年证")
    assert "【老年人优待证办理】请选日期" in me.text, me.text
