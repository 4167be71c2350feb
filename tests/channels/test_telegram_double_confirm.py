"""确认预约 tapped twice before the buttons went: one booking, one calendar file, a short second answer."""

from __future__ import annotations


from bot.models import Booking
from tests.booking.helpers import bookings
from tests.helpers import Chat
from tests.channels.test_telegram_presses import payloads, press, say
from tests.peers import telegram_updates as tu

RESIDENT = 7501


async def test_a_second_tap_on_confirm_books_nothing_and_sends_no_second_calendar_file(tg):
    await say(tg, RESIDENT, "低保要带什么材料")
    for data in ("book:minimum-living-allowance", "bk:mode:centre", "bk:day:20260303", "bk:slot:202603031030"):
        await press(tg, RESIDENT, data, 1)
    [confirm] = [data for data in payloads(tg.peer.message(RESIDENT, 1)) if data.startswith("bk:ok:")]
    # Both taps are on their way before the first answer takes the buttons off.
    first = tu.callback_update(tg.next_id(), RESIDENT, confirm, message_id=1)
    second = tu.callback_update(tg.next_id(), RESIDENT, confirm, message_id=1)
    for update in (first, second):
        response = await tg.client.post(
            "/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "webhook-secret_for-tests"}
        )
        assert response.status_code == 200
    await tg.settle()

    [made] = await bookings(tg.runtime.app)
    assert isinstance(made, Booking)
    assert len(tg.peer.calls_of("sendDocument")) == 1  # the calendar file once
    booked, again = tg.peer.texts(RESIDENT)[-2:]
    assert "预约成功" in booked and made.code in booked
    assert "已经约好了" in again and made.code in again
    assert "请带好" not in again  # short: what to bring was said a moment ago
    assert "请核对预约" in tg.peer.message(RESIDENT, 1)["text"]  # what was confirmed stays readable above
    assert len(tg.peer.calls_of("answerCallbackQuery")) == 6  # every tap's spinner stopped


async def test_a_second_confirmation_on_any_channel_comes_without_the_calendar_file(app):
    """The booking dialog's own answer, channel-neutral: WeChat's second 确认 is told it is booked, no file."""
    me = Chat(app, "wx-tap", channel="wechat")
    await me.press("book:residence-permit")
    await me.press("bk:mode:centre")
    await me.press("bk:day:20260303")
    await me.press("bk:slot:202603030900")
    [confirm] = [b.payload for r in me.replies for b in r.flat_buttons if b.payload.startswith("bk:ok:")]
    [booked] = await me.press(confirm)
    assert booked.document is not None
    [again] = await me.press(confirm)
    assert again.document is None and "已经约好了" in again.text
    assert len(await bookings(app)) == 1
