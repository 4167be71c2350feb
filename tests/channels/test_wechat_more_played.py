"""WeChat residents played end to end: voice, menu taps mid-form, long answers, retries, the 48-hour window.

Each test is a moment a resident met on WeChat that read wrongly, was
lost or came twice before its fix, played through the signed (and
encrypted) webhook against the local WeChat API peer.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
from collections.abc import Iterator
from datetime import timedelta


import pytest
from sqlmodel import select

from bot.models import Person, Role

from tests.channels.wechat_harness import WeChat, wechat_bot
from tests.helpers import bind
from tests.peers import wechat_messages as wm

OPENID = wm.make_openid("resident-more-played")


@pytest.fixture
async def wx(sqlite_url, clock):  # noqa: ANN001, ANN201
    async with wechat_bot(sqlite_url, clock) as harness:
        yield harness


async def say(wx: WeChat, text: str) -> str:
    return (await wx.ask(wm.text(text, from_user=OPENID)))["Content"]


async def everything_read(wx: WeChat, passive: str) -> list[str]:
    """The passive answer, then the customer-service messages that followed it."""
    await wx.settle()
    await wx.drain()
    return [passive, *(m["text"]["content"] for m in wx.peer.custom_messages(OPENID) if m["msgtype"] == "text")]


async def test_a_phone_number_in_a_long_description_is_never_cut_between_two_messages(wx):
    """内容：…物业电话1381 | 2345678也打不通: the case's description, one long line, was cut where the bytes ran out."""
    said = "我家楼上每天晚上十一点以后还在装修电钻声音特别大老人孩子都睡不着觉物业电话13812345678也打不通" * 30
    for answer in ("反映问题", "1", "张桂兰", "13912345678", "2", said, "北苑3号楼", "跳过"):
        await say(wx, answer)
    await say(wx, "我的诉求")
    parts = await everything_read(wx, await say(wx, "1"))
    assert len(parts) >= 3 and all(len(part.encode()) <= 2048 for part in parts)
    assert sum(part.count("13812345678") for part in parts) == 30  # each number whole in one message
    assert said in "".join(parts)  # nothing lost, nothing twice


async def voice(wx: WeChat, heard: str) -> str:
    """A voice message as WeChat's speech recognition wrote it down."""
    return (await wx.ask(wm.voice(recognition=heard, from_user=OPENID)))["Content"]


async def test_a_form_answered_by_voice_with_fillers_goes_on_and_keeps_the_words_only(wx):
    """嗯，第一个吧。 at the consent question left the form half filled as a question the bot could not answer."""
    await voice(wx, "嗯，反映问题。")
    assert "怎么称呼您" in await voice(wx, "嗯，第一个吧。")
    assert "手机号" in await voice(wx, "呃我叫张桂兰。")
    assert "哪一类问题" in await voice(wx, "幺三九幺二三四五六七八。")
    asked = await voice(wx, "那个，第四个。")  # 公共设施
    assert "具体情况" in asked and "答不上来" not in asked
    async with wx.runtime.app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == OPENID))).one()
    assert (person.name, person.phone) == ("张桂兰", "13912345678")


async def test_an_emoji_of_the_wechat_panel_is_not_taken_for_the_place_of_a_complaint(wx):
    """[旺柴] (the panel's dog) at 问题在哪里？ was filed as the place: only [微笑]-like codes in a short table were read."""
    for answer in ("反映问题", "同意", "张桂兰", "13912345678", "楼道灯坏了"):
        asked = await say(wx, answer)
    assert "问题在哪里" in asked
    for emoji in ("[旺柴]", "[裂开]", "[666]"):
        again = await say(wx, emoji)
        assert "这一步还在等您回答" in again and "问题在哪里" in again, again
    filed = await say(wx, "北苑3号楼2单元")
    assert "第一网格" in filed


async def test_a_choice_said_with_words_before_its_number_is_that_choice(wx):
    """好的，第二个。 and 那就第一个吧。 said at numbered questions were read as questions, not as choices."""
    await voice(wx, "预约办高龄补贴。")  # 到中心办理 / 预约上门
    kind = await voice(wx, "好的，第二个。")
    assert "哪种情况" in kind and "【1】老年人" in kind, kind
    asked = await voice(wx, "那就第一个吧。")
    assert "同意吗" in asked, asked  # 老年人 chosen: their details are asked next
    assert "怎么称呼您" in await voice(wx, "我要第一个。")


@contextlib.contextmanager
def database_held(wx: WeChat) -> Iterator[None]:
    """Another process writing for a moment: the turn waits for the database past WeChat's reply window."""
    holder = sqlite3.connect(wx.runtime.app.settings.database_url.split(":///", 1)[1], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("COMMIT")
        holder.close()


async def slow_turn(wx: WeChat, text: str) -> list[str]:
    """A message whose turn outlasts the reply window, retried by WeChat meanwhile; what reached the resident."""
    xml = wm.text(text, from_user=OPENID)
    before = len(wx.peer.custom_messages(OPENID))
    with database_held(wx):
        first = asyncio.ensure_future(wx.post(xml))
        await asyncio.sleep(0.4)
        retry = asyncio.ensure_future(wx.post(xml))  # the same MsgId again
        await asyncio.sleep(0.1)
    assert [(await first).text, (await retry).text] == ["success", "success"]
    await wx.settle()
    await wx.drain()
    return [m["text"]["content"] for m in wx.peer.custom_messages(OPENID)[before:]]


async def test_the_choices_of_a_slow_answer_are_answered_as_its_own_not_as_a_push(sqlite_url, clock):
    """1 after a late answer's 【1】同意 asked 您发的“1”是：接着填“反映问题” / 回复刚收到的消息."""
    async with wechat_bot(sqlite_url, clock, wechat_reply_seconds=0.2) as wx:
        [asked] = await slow_turn(wx, "楼道灯坏了")  # once, though WeChat asked twice
        assert "您同意吗" in asked and "【1】同意" in asked
        name = await say(wx, "1")
        assert "怎么称呼您" in name and "刚才又收到一条新消息" not in name, name
        await say(wx, "张桂兰")
        [place] = await slow_turn(wx, "13912345678")
        assert "问题在哪里" in place
        filed = await say(wx, "北苑3号楼2单元")
        assert "第一网格" in filed and "刚才又收到一条新消息" not in filed, filed


async def test_a_staff_reply_cut_for_a_template_never_ends_in_half_a_phone_number(sqlite_url, clock):
    """The reply came 3 days later, outside the 48-hour window: its template ended 请打13812… and that was dialled."""
    async with wechat_bot(sqlite_url, clock, wechat_template_id="TPL-notice") as wx:
        staff = await bind(wx.runtime.app, "staff-template", Role.staff)
        await say(wx, "转人工")
        await say(wx, "我家老伴卧床了，养老认证怎么弄")
        [question] = await staff.pushes()
        clock.advance(timedelta(hours=72))
        wx.peer.outside_window(OPENID)
        number = re.search(r"#(\d+)", question).group(1)
        await staff.press(f"hreply:{number}")
        await staff.say("有事请打王主任手机13812345678" * 12)
        await wx.drain()
        [template] = wx.peer.template_messages(OPENID)
        shown = template["data"]["content"]["value"]
        assert shown.endswith("（给公众号发任意消息，查看全文和选项）") and "…" in shown
        assert set(re.findall(r"\d+", shown)) == {"13812345678"}, shown  # every number whole
        wx.peer.outside_window(OPENID, outside=False)
        whole = await say(wx, "好的")  # the promise of the template: the whole of it
        assert whole.count("13812345678") == 12
