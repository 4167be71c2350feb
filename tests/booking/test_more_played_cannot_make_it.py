"""Not making it, said the northern way (明儿个去不成了, 我明儿去不了啦): about the booking, not the service guide."""

from __future__ import annotations

from bot.models.booking import BookingStatus
from tests.booking.helpers import book, bookings
from tests.helpers import Chat


async def test_qu_bu_cheng_le_asks_about_the_booking(app):
    me = Chat(app, "bu_cheng")
    code = await book(me)  # 3月3日, tomorrow
    await me.say("明儿个去不成了")  # was 您问的是下面哪一项: 养老保险资格认证, 高龄津贴, 志愿者注册
    assert code in me.text and "养老保险" not in me.text, me.text
    assert f"改期 {code}" in me.buttons, me.buttons


async def test_qu_bu_liao_la_asks_and_qu_bu_cheng_le_at_the_question_cancels(app):
    me = Chat(app, "bu_liao_la")
    code = await book(me)
    await me.say("我明儿去不了啦")  # was 答不上来
    assert f"确定取消预约 {code}" in me.text and f"改期 {code}" in me.buttons, me.text
    await me.say("明天的约去不成了")  # at 确定取消…吗: was 好的，预约 … 保留着 (its 不 read as "do not")
    assert f"已取消预约 {code}" in me.text, me.text
    [cancelled] = await bookings(app)
    assert cancelled.status == BookingStatus.cancelled
