"""The same booking dialog through the Telegram and WeChat test peers."""

from __future__ import annotations

import re

import pytest

from bot.models.booking import BookingStatus
from tests.booking.helpers import bookings
from tests.channels.telegram_harness import telegram_bot
from tests.channels.wechat_harness import wechat_bot
from tests.peers import telegram_updates as tu
from tests.peers import wechat_messages as wm

CHAT = 7301


def _buttons(call) -> list[tuple[str, str]]:  # noqa: ANN001
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


@pytest.fixture
async def tg(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as harness:
        yield harness


async def test_booking_rescheduling_and_cancelling_on_telegram(tg):
    async def press(label: str) -> None:
        last = next(c for c in reversed(tg.peer.sent(CHAT)) if _buttons(c))
        data = next(d for text, d in _buttons(last) if label in text)
        await tg.post(tu.callback_update(tg.next_id(), CHAT, data, message_id=1))

    await tg.post(tu.text_update(tg.next_id(), CHAT, "居住证怎么办"))
    await press("预约办理")
    await press("3月3日")
    await press("09:00")
    assert "请核对预约" in tg.peer.texts(CHAT)[-1]
    await press("确认预约")
    sent = tg.peer.sent(CHAT)
    assert sent[-2].method == "sendMessage" and "预约成功" in sent[-2].params["text"]
    assert sent[-1].method == "sendDocument"
    upload = sent[-1].params["document"]
    assert upload.filename.endswith(".ics") and b"BEGIN:VCALENDAR" in upload.data and b"DTSTART:20260303T010000Z" in upload.data
    [made] = await bookings(tg.runtime.app)

    await tg.post(tu.text_update(tg.next_id(), CHAT, "/mybookings"))
    assert made.code in tg.peer.texts(CHAT)[-1]
    await press(f"改期 {made.code}")
    await press("3月5日")
    await press("10:00")
    await press("确认预约")
    assert any("已改期" in t for t in tg.peer.texts(CHAT)[-2:])
    await tg.post(tu.text_update(tg.next_id(), CHAT, "/mybookings"))
    await press(f"取消 {made.code}")
    await press("确定取消")
    assert f"已取消预约 {made.code}" in tg.peer.texts(CHAT)[-1]
    [cancelled] = await bookings(tg.runtime.app)
    assert cancelled.status == BookingStatus.cancelled


async def test_booking_rescheduling_and_cancelling_on_wechat(sqlite_url, clock):
    openid = wm.make_openid("booker")
    async with wechat_bot(sqlite_url, clock) as wx:
        content = ""

        async def say(text: str) -> str:
            nonlocal content
            reply = await wx.ask(wm.text(text, from_user=openid))
            content = reply["Content"]
            return content

        async def choose(label: str) -> str:
            number = next(m.group(1) for m in re.finditer(r"^\s*【(\d+)】(.*)$", content, re.M) if label in m.group(2))
            return await say(number)

        await say("我要预约")
        await choose("居住证申领")
        assert "请选日期" in content
        await say("3月3日")  # typed instead of chosen
        await choose("09:00")
        assert "请核对预约" in content
        await choose("确认预约")
        assert "预约成功" in content
        [made] = await bookings(wx.runtime.app)
        assert made.code in content
        await say("我的预约")
        await choose(f"改期 {made.code}")
        await choose("3月4日")
        await choose("14:30")
        await choose("确认预约")
        assert "已改期" in content and "3月4日（周三） 14:30" in content
        await say(f"取消预约 {made.code}")
        await choose("确定取消")
        assert f"已取消预约 {made.code}" in content
        [cancelled] = await bookings(wx.runtime.app)
        assert cancelled.status == BookingStatus.cancelled
