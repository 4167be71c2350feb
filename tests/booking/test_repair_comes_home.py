"""便民维修 ⏎ 能上门吗: the repairer comes to the home anyway, asked for its own way, not the elderly visit's booking."""

from __future__ import annotations

from tests.booking.helpers import bookings, press
from tests.helpers import Chat


async def test_asking_a_repair_to_come_home_says_it_does_and_how(app):
    me = Chat(app, "leaky_tap")
    await me.say("便民维修")
    await me.say("能上门吗")  # was 请问是哪种情况？ 老年人 / 残疾人 / 其他
    assert "【便民维修】本来就是上门服务" in me.text, me.text
    assert "到5号窗口或打电话登记" in me.text and "可打电话到5号窗口预约上门" in me.text, me.text
    assert "可以预约工作人员上门办理" not in me.text and "老年人" not in me.buttons, (me.text, me.buttons)
    assert "便民维修：材料和地点" in me.buttons, me.buttons
    assert await bookings(app) == []


async def test_its_home_visit_button_says_the_same(app):
    me = Chat(app, "broken_lock")
    await me.press("book:repair")
    await press(me, "预约上门")
    assert "【便民维修】本来就是上门服务" in me.text and "老年人" not in me.buttons, (me.text, me.buttons)


async def test_an_allowance_still_books_the_visit_of_those_who_cannot_come(app):
    me = Chat(app, "allowance_home")
    await me.say("高龄津贴怎么申请")
    await me.say("能上门吗")
    assert "请问是哪种情况" in me.text and "老年人" in me.buttons, me.text
