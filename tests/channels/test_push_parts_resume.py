"""A queued push sent in parts, a later part refused for now (a 5xx, WeChat busy): the retry sends only the rest.

The drainer used to send the whole row again, and the person read its first
parts twice. Each test sends the same push to a second person first, where
nothing fails, to know what it looks like whole.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from datetime import timedelta

import httpx

from bot.core.messages import Button, Picture, Reply, rows
from bot.models import OutboxStatus
from tests.channels.telegram_harness import telegram_bot
from tests.channels.test_telegram_reply_parts import fail_after_the_first
from tests.channels.wechat_harness import wechat_bot
from tests.helpers import outbox_row, push_to
from tests.peers import wechat_messages as wm

CHAT, WHOLE_CHAT = 8101, 8102
OPENID, WHOLE_OPENID = wm.make_openid("grid-manager"), wm.make_openid("whole")
CUSTOM_SEND = "/message/custom/send"
LONG = "\n".join(f"第{i}条：本周社区公告，请各位居民周知并转告家中老人。" for i in range(350))
DONE = rows(Button("知道了", "menu"))


# ------------------------------------------------------------------ Telegram


async def test_a_long_telegram_push_whose_second_part_got_a_502_sends_each_part_once(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        await push_to(app, "telegram", str(WHOLE_CHAT), Reply(LONG, DONE))
        await tg.drain()
        whole = tg.peer.texts(WHOLE_CHAT)
        assert len(whole) >= 3

        fail_after_the_first(tg, "sendMessage")
        row_id = await push_to(app, "telegram", str(CHAT), Reply(LONG, DONE))
        assert await tg.drain() == 1
        assert tg.peer.texts(CHAT) == whole[:1]
        row = await outbox_row(app, row_id)
        assert (row.status, row.parts_sent) == (OutboxStatus.pending, 1)

        clock.advance(timedelta(minutes=1))
        assert await tg.drain() == 1
        clock.advance(timedelta(minutes=10))
        assert await tg.drain() == 0  # nothing left
        assert tg.peer.texts(CHAT) == whole  # every part once, in order
        assert tg.peer.sent(CHAT)[-1].params.get("reply_markup") is not None  # the buttons under the last part
        assert (await outbox_row(app, row_id)).status == OutboxStatus.sent


async def test_a_telegram_push_whose_photo_failed_after_its_text_retries_only_the_photo(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        tg.peer.add_file("AgACAgIAAxkBAAIBphoto", b"\xff\xd8\xffphoto", mime_type="image/jpeg")
        picture = Picture(photo_id=None, channel="telegram", ref="AgACAgIAAxkBAAIBphoto", taken_at=clock.now())
        text = "【工单 #12】楼道堆物，居民拍了照片。" + "请尽快到现场处理。" * 150  # too long for a caption
        tg.peer.fail("sendPhoto", status=502, description="Bad Gateway")
        row_id = await push_to(app, "telegram", str(CHAT), Reply(text, picture=picture))
        await tg.drain()
        shown = tg.peer.texts(CHAT)
        assert len(shown) == 1 and "楼道堆物" in shown[0]
        assert (await outbox_row(app, row_id)).status == OutboxStatus.pending

        clock.advance(timedelta(minutes=1))
        assert await tg.drain() == 1
        assert tg.peer.texts(CHAT) == shown  # the text not again
        [refused, sent] = tg.peer.calls_of("sendPhoto")
        assert (refused.status, sent.status) == (502, 200)
        assert (await outbox_row(app, row_id)).status == OutboxStatus.sent


# ------------------------------------------------------------------ WeChat


class Proxy(httpx.AsyncBaseTransport):
    """Between the bot and WeChat: the `nth` customer-service send meets `refuse` (a 502, or WeChat busy)."""

    def __init__(self, peer, nth: int, refuse: str) -> None:  # noqa: ANN001 - the WeChat peer
        self.peer, self.nth, self.refuse = peer, nth, refuse
        self.inner = httpx.AsyncHTTPTransport()
        self.seen = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(CUSTOM_SEND):
            self.seen += 1
            if self.seen == self.nth:
                if self.refuse == "502":
                    return httpx.Response(502, text="<html>502 Bad Gateway</html>", request=request)
                self.peer.fail(CUSTOM_SEND, -1)  # the peer answers this very call {"errcode": -1}
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@contextlib.asynccontextmanager
async def through(wx, proxy: Proxy) -> AsyncIterator[None]:  # noqa: ANN001 - the harness
    """The WeChat drainer's API calls go through `proxy` inside the block; its own client is put back after."""
    api = next(d for d in wx.runtime.drainers if d.channel == "wechat").sender.api
    own = api.http
    api.http = httpx.AsyncClient(base_url=own.base_url, timeout=own.timeout, trust_env=False, transport=proxy)
    try:
        yield
    finally:
        await api.http.aclose()
        api.http = own


def texts_to(wx, openid: str) -> list[str]:  # noqa: ANN001
    return [m["text"]["content"] for m in wx.peer.custom_messages(openid) if m["msgtype"] == "text"]


async def _long_wechat_push_resumes(wx, clock, refuse: str) -> None:  # noqa: ANN001
    app = wx.runtime.app
    await push_to(app, "wechat", WHOLE_OPENID, Reply(LONG, DONE))
    await wx.drain()
    whole = texts_to(wx, WHOLE_OPENID)
    assert len(whole) >= 3 and "【1】知道了" in whole[-1]

    async with through(wx, Proxy(wx.peer, 2, refuse)):
        row_id = await push_to(app, "wechat", OPENID, Reply(LONG, DONE))
        assert await wx.drain() == 1
        assert texts_to(wx, OPENID) == whole[:1]
        row = await outbox_row(app, row_id)
        assert (row.status, row.parts_sent) == (OutboxStatus.pending, 1), row.last_error

        clock.advance(timedelta(minutes=1))
        assert await wx.drain() == 1
        clock.advance(timedelta(minutes=10))
        assert await wx.drain() == 0
    assert texts_to(wx, OPENID) == whole  # every part once, in order, the choices in the last
    assert (await outbox_row(app, row_id)).status == OutboxStatus.sent


async def test_a_long_wechat_push_whose_second_part_met_a_502_sends_each_part_once(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        await _long_wechat_push_resumes(wx, clock, "502")


async def test_a_long_wechat_push_whose_second_part_found_wechat_busy_sends_each_part_once(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        await _long_wechat_push_resumes(wx, clock, "busy")


async def test_a_wechat_push_whose_photo_failed_after_its_text_retries_only_the_photo(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        media_id = wx.peer.add_media(b"\xff\xd8\xffphoto")
        picture = Picture(photo_id=None, channel="wechat", ref=media_id, taken_at=clock.now())
        async with through(wx, Proxy(wx.peer, 2, "busy")):  # the text is the first send, the photo the second
            row_id = await push_to(app, "wechat", OPENID, Reply("【工单 #12】楼道堆物，居民拍了照片。", picture=picture))
            await wx.drain()
            assert texts_to(wx, OPENID) == ["【工单 #12】楼道堆物，居民拍了照片。"]
            clock.advance(timedelta(minutes=1))
            assert await wx.drain() == 1
        sent = wx.peer.custom_messages(OPENID)
        assert [m["msgtype"] for m in sent] == ["text", "image"]  # the text once, then the photo
        assert sent[1]["image"]["media_id"] == media_id
        assert (await outbox_row(app, row_id)).status == OutboxStatus.sent


async def test_a_photo_left_over_after_the_window_closed_is_not_sent_as_its_text_again(sqlite_url, clock):
    """Its text was read; outside the 48 hours only a template goes, and it would repeat the text: recorded as failed."""
    async with wechat_bot(sqlite_url, clock, wechat_template_id="TPL-notice") as wx:
        app = wx.runtime.app
        media_id = wx.peer.add_media(b"\xff\xd8\xffphoto")
        picture = Picture(photo_id=None, channel="wechat", ref=media_id, taken_at=clock.now())
        async with through(wx, Proxy(wx.peer, 2, "busy")):
            row_id = await push_to(app, "wechat", OPENID, Reply("【工单 #12】楼道堆物，居民拍了照片。", picture=picture))
            await wx.drain()
            wx.peer.outside_window(OPENID)
            clock.advance(timedelta(minutes=1))
            assert await wx.drain() == 1
        assert texts_to(wx, OPENID) == ["【工单 #12】楼道堆物，居民拍了照片。"]
        assert wx.peer.template_messages(OPENID) == []
        row = await outbox_row(app, row_id)
        assert row.status == OutboxStatus.failed and "45015" in row.last_error
