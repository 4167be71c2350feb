"""The loops through the channel test peers: Telegram buttons and WeChat numbered answers, pushes by the senders."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Case, Role
from tests.channels.telegram_harness import telegram_bot
from tests.channels.wechat_harness import wechat_bot
from tests.helpers import bind
from tests.grid.util import case_id, resident
from tests.peers import telegram_updates as tu
from tests.peers import wechat_messages as wm

ALICE = 7101
WANG = 7102


def buttons(call) -> list[tuple[str, str]]:  # noqa: ANN001
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


async def test_a_complaint_with_location_and_photo_through_telegram(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        await resident(app, str(ALICE), channel="telegram")
        async with app.db.uow() as uow:
            from datetime import timedelta

            from bot.services import roles

            code = (await roles.create_invite(uow, Role.grid_manager, grid_id="wenfeng-04", ttl=timedelta(hours=1))).code
        await tg.post(tu.text_update(1, WANG, f"绑定 {code}"))

        await tg.post(tu.text_update(2, ALICE, "/report"))
        assert ("停车", "cs:cat:parking") in buttons(tg.peer.sent(ALICE)[-1])
        await tg.post(tu.callback_update(3, ALICE, "cs:cat:parking", message_id=1))
        await tg.post(tu.text_update(4, ALICE, "建设路沿街商铺门口车辆乱停"))
        await tg.post(tu.location_update(5, ALICE))  # the peer's default point is in the fourth grid
        assert "第四网格" in tg.peer.texts(ALICE)[-1]
        await tg.post(tu.photo_update(6, ALICE))
        filed = tg.peer.texts(ALICE)[-1]
        assert "您的诉求已提交" in filed
        number = case_id(filed)

        assert await tg.drain() >= 1
        task = tg.peer.sent(WANG)[-1]
        assert f"新诉求 #{number}" in task.params["text"]
        assert ("受理", f"case:accept:{number}") in buttons(task)
        assert all(len(data.encode()) <= 64 for _label, data in buttons(task))
        await tg.post(tu.callback_update(7, WANG, f"case:accept:{number}", message_id=2))
        assert "已受理诉求" in tg.peer.texts(WANG)[-1]
        await tg.drain()
        assert "已受理" in tg.peer.texts(ALICE)[-1]
        async with app.db.uow() as uow:
            case = (await uow.session.exec(select(Case))).one()
        assert case.grid_id == "wenfeng-04" and case.photo_ref and case.photo_ref.endswith("_3")


async def test_a_complaint_through_wechat_numbered_answers(sqlite_url, clock):
    openid = wm.make_openid("li")
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-02")
        await resident(app, openid, channel="wechat", building="南苑2号楼")
        reply = await wx.ask(wm.text("反映问题", from_user=openid))
        assert "【1】停车" in reply["Content"]
        reply = await wx.ask(wm.text("3", from_user=openid))  # 环境卫生
        assert "具体情况" in reply["Content"]
        await wx.ask(wm.text("南苑垃圾站三天没清运了", from_user=openid))
        reply = await wx.ask(wm.text("1", from_user=openid))  # 在我家
        assert "第二网格" in reply["Content"]
        reply = await wx.ask(wm.image(from_user=openid))
        assert "您的诉求已提交" in reply["Content"]
        number = case_id(reply["Content"])
        [task] = await manager.pushes()
        assert f"新诉求 #{number}" in task and "环境卫生" in task
        await manager.press(f"case:accept:{number}")
        await wx.drain()
        assert any("已受理" in m["text"]["content"] for m in wx.peer.custom_messages(openid))
