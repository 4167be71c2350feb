"""A resident who unfollowed the Official Account (or blocked the Telegram bot) and came back is told what did not reach them.

Before, a complaint resolved while they were away was marked unreachable and
never mentioned again: following again showed the welcome, and 看通知 said
最近没有发给您的通知, so the case waited for a rating that could not come.
"""

from __future__ import annotations

import time

from sqlmodel import select

from bot.models import Case, OutboxMessage, OutboxStatus, Role
from bot.services import notices
from tests.channels.wechat_harness import wechat_bot
from tests.grid.util import file_complaint, resident
from tests.helpers import bind
from tests.peers import wechat_messages as wm

OPENID = wm.make_openid("li-xiuying")


async def _statuses(app) -> list[str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        rows = (await uow.session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    return [row.status for row in rows if row.address == OPENID]


async def test_a_case_resolved_while_unfollowed_is_told_on_following_again_and_can_be_rated(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
        li = await resident(app, OPENID, channel="wechat")
        number = await file_complaint(li)
        await manager.pushes()
        await manager.press(f"case:accept:{number}")
        await li.pushes()  # 已受理 reached her

        now = int(time.time())
        assert (await wx.post(wm.unsubscribe(from_user=OPENID, create_time=now))).text == "success"
        await manager.press(f"case:resolve:{number}")
        await manager.say("已联系车主挪车，并在消防通道加装了禁停桩")
        await manager.press("cs:skip")
        assert await li.pushes() == []  # she is away: nothing goes out
        assert (await _statuses(app))[-1] == OutboxStatus.unreachable

        welcome = (await wx.ask(wm.subscribe(from_user=OPENID, create_time=now + 60)))["Content"]
        assert "欢迎回来" in welcome and "有 1 条消息没能送到" in welcome, welcome
        assert f"#{number}" in welcome and "看通知" in welcome, welcome
        assert "小助手" in welcome and "【1】办事指南" in welcome  # the welcome and its menu follow

        shown = (await wx.ask(wm.text("看通知", from_user=OPENID)))["Content"]
        assert "禁停桩" in shown and "已办结待评价" in shown, shown
        await li.press(f"cs:rate:{number}:5")
        assert "已关闭" in li.text, li.text
        async with app.db.uow() as uow:
            assert (await uow.session.get(Case, number)).rating == 5

        # Told once: following again later lists nothing more.
        await wx.post(wm.unsubscribe(from_user=OPENID, create_time=now + 120))
        again = (await wx.ask(wm.subscribe(from_user=OPENID, create_time=now + 180)))["Content"]
        assert "没能送到" not in again and "小助手" in again, again


async def test_a_notice_missed_while_away_still_counts_as_unreachable_in_its_report(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        await resident(app, OPENID, channel="wechat")
        staff = await bind(app, "zhou", Role.staff, community_id="wenfeng")
        now = int(time.time())
        await wx.post(wm.unsubscribe(from_user=OPENID, create_time=now))
        await staff.say("发通知")
        await staff.say(str(staff.buttons.index("全社区") + 1))
        await staff.say("明天上午9点到12点北苑小区停水，请提前储水。")
        await staff.say(str(staff.buttons.index("确认发送") + 1))
        assert "已排队发送给 2 人" in staff.text, staff.text  # she and the staff member, both in 文峰
        welcome = (await wx.ask(wm.subscribe(from_user=OPENID, create_time=now + 60)))["Content"]
        assert "没能送到" in welcome and "停水" in welcome, welcome
        async with app.db.uow() as uow:
            [report] = await notices.recent(uow, None)
        assert report.unreachable == 1 and report.total == 2, report


async def test_a_telegram_user_who_unblocks_the_bot_is_sent_what_they_missed(tg):
    from bot.core.messages import Reply
    from tests.helpers import push_to
    from tests.peers import telegram_updates as tu

    alice = 7101
    await tg.post(tu.text_update(1, alice, "你好"))
    await tg.drain()
    await tg.post(tu.my_chat_member_update(2, alice, new_status="kicked"))
    await push_to(tg.runtime.app, "telegram", str(alice), Reply("【预约变更】您11月30日上午的居住证办理改到12月1日上午9:30"))
    await tg.drain()
    before = len(tg.peer.texts(alice))
    await tg.post(tu.my_chat_member_update(3, alice, old_status="kicked", new_status="member"))
    await tg.drain()
    [told] = tg.peer.texts(alice)[before:]
    assert "没能送到" in told and "【预约变更】" in told and "看通知" in told, told
    await tg.post(tu.text_update(4, alice, "看通知"))
    assert "12月1日上午9:30" in tg.peer.texts(alice)[-1]
