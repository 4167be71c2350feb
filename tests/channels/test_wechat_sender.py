"""Pushes to WeChat: customer-service messages, templates outside the window, shared tokens."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.app import build_app
from bot.channels.wechat.api import WeChatApi
from bot.channels.wechat.sender import WeChatSender
from bot.core.messages import Button, Reply, rows
from bot.models import OutboxStatus
from bot.texts import Texts
from tests.channels.wechat_harness import wechat_bot
from tests.conftest import make_settings
from tests.helpers import outbox_row, push_to
from tests.peers import wechat_messages as wm

OPENID = wm.make_openid("volunteer")
HELP_START = "怎么用我："


async def push(app, openid: str, reply: Reply) -> int:  # noqa: ANN001
    return await push_to(app, "wechat", openid, reply)


async def test_a_push_is_a_customer_service_message_with_numbered_choices(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        await push(wx.runtime.app, OPENID, Reply("【转人工 #3】有居民问低保", rows(Button("回复他", "hreply:3"))))
        assert await wx.drain() == 1
        [sent] = wx.peer.custom_messages(OPENID)
        assert sent["msgtype"] == "text"
        assert "有居民问低保" in sent["text"]["content"] and "【1】回复他" in sent["text"]["content"]


async def test_outside_the_48_hour_window_a_template_message_is_sent(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock, wechat_template_id="TPL-notice") as wx:
        wx.peer.outside_window(OPENID)
        row_id = await push(wx.runtime.app, OPENID, Reply("本月主题党日 3 月 10 日上午 9 点"))
        await wx.drain()
        assert wx.peer.custom_messages(OPENID) == []
        [template] = wx.peer.template_messages(OPENID)
        assert template["template_id"] == "TPL-notice"
        assert "主题党日" in template["data"]["content"]["value"]
        assert (await outbox_row(wx.runtime.app, row_id)).status == OutboxStatus.sent


async def test_a_long_push_with_choices_outside_the_window_says_where_the_rest_is(sqlite_url, clock):
    from bot.core.messages import Button, rows

    async with wechat_bot(sqlite_url, clock, wechat_template_id="TPL-notice") as wx:
        wx.peer.outside_window(OPENID)
        offer = Reply("有空位了：3月4日 09:30 居住证申领。" + "请在今天 18:00 前确认。" * 30, rows(Button("我要这个时段", "bk:take:1")))
        await push(wx.runtime.app, OPENID, offer)
        await wx.drain()
        [template] = wx.peer.template_messages(OPENID)
        value = template["data"]["content"]["value"]
        assert len(value) <= 200 and value.startswith("有空位了") and "…" in value, value  # was cut mid-word, unmarked
        assert value.endswith("（给公众号发任意消息，查看全文和选项）")


async def test_outside_the_window_without_a_template_the_failure_is_recorded(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        wx.peer.outside_window(OPENID)
        row_id = await push(wx.runtime.app, OPENID, Reply("通知"))
        await wx.drain()
        row = await outbox_row(wx.runtime.app, row_id)
        assert row.status == OutboxStatus.failed and "45015" in row.last_error


async def test_an_unsubscribed_person_is_marked_unreachable(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        wx.peer.unsubscribe(OPENID)
        row_id = await push(wx.runtime.app, OPENID, Reply("通知"))
        await wx.drain()
        assert (await outbox_row(wx.runtime.app, row_id)).status == OutboxStatus.unreachable


async def test_a_refused_token_is_refreshed_once_and_the_call_retried(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        await push(wx.runtime.app, OPENID, Reply("第一条"))
        await wx.drain()
        fetches = wx.peer.token_fetches
        wx.peer.expire_tokens()
        await push(wx.runtime.app, OPENID, Reply("第二条"))
        await wx.drain()
        assert wx.peer.token_fetches == fetches + 1
        assert [m["text"]["content"] for m in wx.peer.custom_messages(OPENID)] == ["第一条", "第二条"]


async def test_two_processes_sharing_one_database_fetch_the_token_once(db_url, clock):
    async with wechat_bot(db_url, clock) as wx:
        settings = wx.runtime.app.settings
        other = await build_app(make_settings(db_url, **{
            k: getattr(settings, k) for k in ("wechat_token", "wechat_appid", "wechat_secret", "wechat_aes_key", "wechat_api_url")
        }), clock=clock)
        try:
            senders = [
                WeChatSender(WeChatApi.create(app.settings, app.db), Texts("zh")) for app in (wx.runtime.app, other)
            ]
            results = await asyncio.gather(
                *(sender.send(f"{OPENID}-{i}", Reply(f"n{i}"), "notice") for i, sender in enumerate(senders * 5))
            )
            assert all(type(result).__name__ == "Sent" for result in results)
            assert wx.peer.token_fetches == 1
            for sender in senders:
                await sender.api.close()
        finally:
            await other.close()


async def _templated(wx, openid: str) -> None:  # noqa: ANN001
    """A long push with choices, sent outside the window: the template shows its start and promises the rest."""
    notice = Reply("【通知】本周六上午社区组织义诊，地点在党群服务中心一楼。" + "请带好医保卡和既往病历。" * 20,
                   rows(Button("使用帮助", "help"), Button("返回主菜单", "menu")))
    wx.peer.outside_window(openid)
    await push(wx.runtime.app, openid, notice)
    await wx.drain()
    [template] = wx.peer.template_messages(openid)
    assert template["data"]["content"]["value"].endswith("（给公众号发任意消息，查看全文和选项）")


async def test_the_next_message_after_a_cut_template_gets_the_whole_push_and_its_choices(sqlite_url, clock):
    """The template promised 给公众号发任意消息，查看全文和选项; 你好 got the greeting menu, and a 2 then chose from that."""
    async with wechat_bot(sqlite_url, clock, wechat_template_id="TPL-notice") as wx:
        await wx.ask(wm.text("你好", from_user=OPENID))  # the person exists
        await _templated(wx, OPENID)
        clock.advance(timedelta(hours=5))  # read later in the day: the choices still stand
        whole = (await wx.ask(wm.text("你好", from_user=OPENID)))["Content"]
        assert "请带好医保卡和既往病历。" * 20 in whole and "【1】使用帮助" in whole, whole
        helped = (await wx.ask(wm.text("1", from_user=OPENID)))["Content"]
        assert HELP_START in helped and "之前的选项已过期" not in helped, helped


async def test_a_matter_typed_after_a_cut_template_is_answered_and_the_push_is_one_word_away(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock, wechat_template_id="TPL-notice") as wx:
        await wx.ask(wm.text("你好", from_user=OPENID))
        await _templated(wx, OPENID)
        answered = (await wx.ask(wm.text("低保怎么申请", from_user=OPENID)))["Content"]
        assert "【最低生活保障申请】" in answered and "发送“看通知”查看全文和选项" in answered, answered
        again = (await wx.ask(wm.text("你好", from_user=OPENID)))["Content"]
        assert "义诊" not in again, again  # promised once
        whole = (await wx.ask(wm.text("看通知", from_user=OPENID)))["Content"]
        assert "请带好医保卡和既往病历。" * 20 in whole and "【2】返回主菜单" in whole, whole
