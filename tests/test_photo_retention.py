"""Photos residents sent are kept while their matter is open and for the retention period, then erased."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import Photo, Role
from scheduler.jobs import run_tick
from tests.channels.wechat_harness import wechat_bot
from tests.grid.util import accept_and_resolve, report_on_wechat, resident
from tests.helpers import Chat, bind
from tests.peers import wechat_messages as wm

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 20


async def _photo(app) -> Photo:  # noqa: ANN001
    async with app.db.uow() as uow:
        [photo] = (await uow.session.exec(select(Photo))).all()
        return photo


async def test_a_closed_cases_photo_is_erased_after_the_retention_period_and_an_open_ones_is_kept(db_url, clock):
    openid = wm.make_openid("li")
    async with wechat_bot(db_url, clock) as wx:
        app = wx.runtime.app
        assert app.settings.photo_retention_days == 365
        manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-02")
        await resident(app, openid, channel="wechat", building="南苑2号楼")
        number = await report_on_wechat(wx, openid, wm.image(media_id=wx.peer.add_media(JPEG), from_user=openid))
        assert await wx.keep_photos() == 1

        clock.advance(timedelta(days=400))  # a case left open for more than a year still needs its photo
        assert await run_tick(app, "photos") == 0
        assert (await _photo(app)).data == JPEG

        await accept_and_resolve(manager, number, "垃圾已清运，垃圾站已消毒")
        assert "已办结" in manager.text, manager.text
        assert await run_tick(app, "photos") == 0  # resolved, not rated: a 没解决 would reopen it
        reply = await wx.ask(wm.text("5星", from_user=openid))
        assert f"诉求 #{number} 已关闭" in reply["Content"], reply["Content"]

        assert await run_tick(app, "photos") == 1
        photo = await _photo(app)
        assert (photo.state, photo.data) == ("expired", None)
        assert await run_tick(app, "photos") == 0  # once
        await manager.press(f"case:photo:{number}")
        assert "已超过保存期限" in manager.text, manager.text


async def _closed_case_with_photo(wx) -> tuple[Chat, int]:  # noqa: ANN001 - tests.channels.wechat_harness.WeChat
    """A WeChat resident's complaint with a kept photo, resolved by the grid manager and rated 5 stars."""
    openid = wm.make_openid("li")
    manager = await bind(wx.runtime.app, "wang", Role.grid_manager, grid_id="wenfeng-02")
    await resident(wx.runtime.app, openid, channel="wechat", building="南苑2号楼")
    number = await report_on_wechat(wx, openid, wm.image(media_id=wx.peer.add_media(JPEG), from_user=openid))
    assert await wx.keep_photos() == 1
    await accept_and_resolve(manager, number, "已清运")
    assert f"诉求 #{number} 已关闭" in (await wx.ask(wm.text("5星", from_user=openid)))["Content"]
    return manager, number


async def test_zero_days_keeps_every_photo(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock, photo_retention_days=0) as wx:
        await _closed_case_with_photo(wx)
        clock.advance(timedelta(days=4000))
        assert await run_tick(wx.runtime.app, "photos") == 0
        assert (await _photo(wx.runtime.app)).data == JPEG


async def test_a_closed_cases_photo_younger_than_the_period_stays(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as wx:
        manager, number = await _closed_case_with_photo(wx)
        clock.advance(timedelta(days=300))
        assert await run_tick(wx.runtime.app, "photos") == 0
        await manager.press(f"case:photo:{number}")
        assert "的照片（1 张）" in manager.text, manager.text


async def _wish_with_photo(tg, user: int) -> int:  # noqa: ANN001 - tests.channels.telegram_harness.Telegram
    """`user` makes a wish on Telegram with a photo, which is kept; returns the wish's number."""
    from tests.grid.util import case_id
    from tests.peers import telegram_updates as tu

    await resident(tg.runtime.app, str(user), channel="telegram")
    file_id = f"AgACchair{user}"
    tg.peer.add_file(file_id, JPEG, file_path=f"photos/{user}.jpg", mime_type="image/jpeg")
    for update_id, text in enumerate(("微心愿", "想请人帮忙修一下家里的椅子", "椅子腿松了，坐着晃，怕摔"), start=2):
        await tg.post(tu.text_update(update_id, user, text))
    await tg.post(tu.callback_update(5, user, "wi:by:14", message_id=1))
    await tg.post(tu.photo_update(6, user, file_id=file_id))
    assert await tg.keep_photos() == 1
    return case_id(tg.peer.texts(user)[-1])


async def test_a_wishs_photo_is_kept_while_it_waits_and_erased_once_it_is_declined(sqlite_url, clock):
    from tests.channels.telegram_harness import telegram_bot

    alice = 7301
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        staff = await bind(app, "shequ", Role.staff)
        number = await _wish_with_photo(tg, alice)

        clock.advance(timedelta(days=400))  # still waiting for review: its photo is needed
        assert await run_tick(app, "photos") == 0
        await staff.press(f"wish:no:{number}")
        await staff.say("超出微心愿的范围，已转物业维修")
        assert await run_tick(app, "photos") == 1
        assert (await _photo(app)).state == "expired"


async def test_a_withdrawn_wishs_photo_is_erased_too(sqlite_url, clock):
    """A wish its maker took back kept its photo until /forget: nothing needs it any more."""
    from tests.channels.telegram_harness import telegram_bot
    from tests.peers import telegram_updates as tu

    alice = 7302
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        number = await _wish_with_photo(tg, alice)
        clock.advance(timedelta(days=400))
        await tg.post(tu.callback_update(7, alice, f"wish:wd:{number}", message_id=2))
        assert "撤回" in tg.peer.texts(alice)[-1], tg.peer.texts(alice)[-1]
        assert await run_tick(app, "photos") == 1
        assert (await _photo(app)).state == "expired"
