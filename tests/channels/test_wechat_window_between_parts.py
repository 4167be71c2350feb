"""WeChat's 48-hour window closing between the parts of a push: the template says what had not arrived.

A long push goes as several customer-service messages. When WeChat refused a
later one with 45015 (the person's last message is now more than 48 hours
old), the fallback template message carried the push's beginning, which the
person had just read, and never the rest. It now carries the rest, under
（接上条）, and the usual line saying the whole push and its choices come on
their next message.

Also here: each part but the last is counted (`outbox.parts_sent`) as it
goes, so a drainer killed between parts resumes after them
(tests/test_outbox_parts_killed.py kills one on Telegram).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx

from bot.channels.wechat.render import TEXT_LIMIT_BYTES
from bot.core.messages import Button, Reply, rows
from bot.models import OutboxStatus
from tests.channels.test_push_parts_resume import through
from tests.channels.wechat_harness import wechat_bot
from tests.helpers import outbox_row, push_to
from tests.peers import wechat_messages as wm

OPENID, WHOLE_OPENID = wm.make_openid("grid-manager"), wm.make_openid("whole")
CUSTOM_SEND = "/message/custom/send"
MORE = "（给公众号发任意消息，查看全文和选项）"
NOTICE = "\n".join(f"第{i}条：本周六上午在文峰社区广场义诊，请带好医保卡。" for i in range(32))  # two parts
CHOICES = rows(Button("报名", "menu"), Button("不去了", "menu"))


class BeforeNth(httpx.AsyncBaseTransport):
    """Between the bot and WeChat: `before()` runs as the `nth` customer-service send leaves (None: each)."""

    def __init__(self, nth: int | None, before: Callable[[], Awaitable[None]]) -> None:
        self.nth, self.before = nth, before
        self.inner = httpx.AsyncHTTPTransport()
        self.seen = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(CUSTOM_SEND):
            self.seen += 1
            if self.nth in (None, self.seen):
                await self.before()
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def texts_to(wx, openid: str) -> list[str]:  # noqa: ANN001
    return [m["text"]["content"] for m in wx.peer.custom_messages(openid) if m["msgtype"] == "text"]


async def test_the_window_closing_after_the_first_part_sends_the_rest_as_the_template(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock, wechat_template_id="TPL-notice") as wx:
        app = wx.runtime.app
        await push_to(app, "wechat", WHOLE_OPENID, Reply(NOTICE, CHOICES))
        await wx.drain()
        whole = texts_to(wx, WHOLE_OPENID)
        assert len(whole) == 2 and "【1】报名" in whole[-1]

        async def window_closes() -> None:
            wx.peer.outside_window(OPENID)

        async with through(wx, BeforeNth(2, window_closes)):
            row_id = await push_to(app, "wechat", OPENID, Reply(NOTICE, CHOICES))
            assert await wx.drain() == 1
        assert texts_to(wx, OPENID) == whole[:1]
        [template] = wx.peer.template_messages(OPENID)
        value = template["data"]["content"]["value"]
        rest = whole[1].split("\n")[0]  # the first line the person has not read
        assert value.startswith(f"（接上条）\n{rest}"), value
        assert "第0条" not in value  # not the beginning again
        assert len(value) <= 200 and value.endswith(MORE)
        assert "【1】" not in value  # choices cannot be answered from a template
        assert (await outbox_row(app, row_id)).status == OutboxStatus.sent


async def test_a_short_rest_goes_whole_in_the_template(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock, wechat_template_id="TPL-notice") as wx:
        app = wx.runtime.app
        lines = NOTICE.split("\n")
        while len("\n".join(lines).encode()) > TEXT_LIMIT_BYTES:  # the first part as full as it goes
            lines.pop()
        text = "\n".join([*lines, "报名截止到周五下午五点，名额有限，请尽早回复报名，不要错过。"])  # goes second

        async def window_closes() -> None:
            wx.peer.outside_window(OPENID)

        async with through(wx, BeforeNth(2, window_closes)):
            await push_to(app, "wechat", OPENID, Reply(text))
            await wx.drain()
        [first] = texts_to(wx, OPENID)
        [template] = wx.peer.template_messages(OPENID)
        value = template["data"]["content"]["value"]
        assert first + "\n" + value.removeprefix("（接上条）\n") == text  # the person has all of it, once
        assert not value.endswith(MORE)  # nothing left to ask for


async def test_each_part_but_the_last_is_counted_before_the_next_goes(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        counted: list[int] = []
        row_id = 0

        async def count() -> None:
            if row_id:
                counted.append((await outbox_row(app, row_id)).parts_sent)

        async with through(wx, BeforeNth(None, count)):
            row_id = await push_to(app, "wechat", OPENID, Reply("\n".join([NOTICE] * 3), CHOICES))
            assert await wx.drain() == 1
        parts = texts_to(wx, OPENID)
        assert len(parts) >= 4
        assert counted == list(range(len(parts)))  # as each part leaves, the ones before it are on record
        row = await outbox_row(app, row_id)
        assert (row.status, row.parts_sent) == (OutboxStatus.sent, len(parts) - 1)  # the last needs no count
