"""A case's photo reaches those who handle it: kept by the bot, shown across platforms and after WeChat forgets it."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import OutboxMessage, Photo, Role
from bot.services import people
from tests.channels.telegram_harness import telegram_bot
from tests.channels.two_channels import both_bots
from tests.channels.wechat_harness import wechat_bot
from tests.grid.util import case_id, report_on_wechat, resident
from tests.helpers import bind
from tests.peers import telegram_updates as tu
from tests.peers import wechat_messages as wm

ALICE, WANG, ZHAO = 7201, 7202, 7203
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 40  # what a phone sends, more or less


def buttons(call) -> list[tuple[str, str]]:  # noqa: ANN001
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


async def kept(app) -> list[Photo]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return list((await uow.session.exec(select(Photo).order_by(Photo.id))).all())


async def bind_on_telegram(tg, chat_id: int, update_id: int, **scope: str) -> None:  # noqa: ANN001
    from bot.services import roles

    async with tg.runtime.app.db.uow() as uow:
        code = (await roles.create_invite(uow, Role.grid_manager, ttl=timedelta(hours=1), **scope)).code
    await tg.post(tu.text_update(update_id, chat_id, f"绑定 {code}"))
    assert "绑定成功" in tg.peer.texts(chat_id)[-1]


async def report_on_telegram(tg, file_id: str) -> int:  # noqa: ANN001
    await tg.post(tu.text_update(2, ALICE, "/report"))
    await tg.post(tu.callback_update(3, ALICE, "cs:cat:facilities", message_id=1))
    await tg.post(tu.text_update(4, ALICE, "北苑1号楼门口的路灯坏了，晚上很黑"))
    await tg.post(tu.callback_update(5, ALICE, "cs:where:home", message_id=2))
    await tg.post(tu.photo_update(6, ALICE, file_id=file_id))
    filed = tg.peer.texts(ALICE)[-1]
    assert "您的诉求已提交" in filed, filed
    return case_id(filed)


async def test_the_grid_manager_sees_the_residents_photo_and_only_those_allowed_do(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        await resident(app, str(ALICE), channel="telegram")
        await bind_on_telegram(tg, WANG, 1, grid_id="wenfeng-01")
        tg.peer.add_file("AgACphotoAlice", JPEG, file_path="photos/file_1.jpg", mime_type="image/jpeg")
        number = await report_on_telegram(tg, "AgACphotoAlice")

        assert await tg.keep_photos() == 1  # fetched in the background: getFile, then the file itself
        [photo] = await kept(app)
        assert (photo.state, photo.data, photo.mime_type, photo.channel) == ("kept", JPEG, "image/jpeg", "telegram")

        await tg.drain()
        task = tg.peer.sent(WANG)[-1]
        assert "📷 附有照片" in task.params["text"]
        assert ("📷 看照片", f"case:photo:{number}") in buttons(task)
        await tg.post(tu.callback_update(7, WANG, f"case:photo:{number}", message_id=3))
        shown = [c for c in tg.peer.sent(WANG) if c.method == "sendPhoto"]
        assert len(shown) == 1 and shown[0].params["photo"] == "AgACphotoAlice"  # Telegram's own file: by its id
        assert "第 1 张，居民发于" in shown[0].params["caption"]
        assert tg.peer.texts(WANG)[-1].startswith(f"诉求 #{number} 的照片（1 张）")

        # The resident sees their own photo under their case; a neighbour who forges the button does not.
        await tg.post(tu.callback_update(8, ALICE, f"cs:view:{number}", message_id=4))
        assert ("📷 看照片", f"cs:photo:{number}") in buttons(tg.peer.sent(ALICE)[-1])
        await tg.post(tu.callback_update(9, ALICE, f"cs:photo:{number}", message_id=5))
        assert [c.params["photo"] for c in tg.peer.sent(ALICE) if c.method == "sendPhoto"] == ["AgACphotoAlice"]
        await resident(app, str(ZHAO), channel="telegram", name="赵六", phone="13900000000")
        for number_update, payload in ((10, f"cs:photo:{number}"), (11, f"case:photo:{number}")):
            await tg.post(tu.callback_update(number_update, ZHAO, payload, message_id=6))
            assert "没有权限" in tg.peer.texts(ZHAO)[-1]
        assert not [c for c in tg.peer.sent(ZHAO) if c.method == "sendPhoto"]

        async with app.db.uow() as uow:  # /forget on the same platform: not sent by its file_id either
            await people.forget(uow, await people.get_or_create(uow, "telegram", str(ALICE)))
        await tg.post(tu.callback_update(12, WANG, f"case:photo:{number}", message_id=7))
        assert "第 1 张照片已无法查看" in tg.peer.texts(WANG)[-1]
        assert len([c for c in tg.peer.sent(WANG) if c.method == "sendPhoto"]) == 1


async def test_a_wechat_photo_is_shown_on_telegram_and_forgotten_with_its_sender(sqlite_url, clock):
    openid = wm.make_openid("li")
    async with both_bots(sqlite_url, clock) as (tg, wx):
        app = tg.runtime.app
        await resident(app, openid, channel="wechat", building="南苑2号楼")
        await bind_on_telegram(tg, WANG, 1, grid_id="wenfeng-02")
        media_id = wx.peer.add_media(JPEG)
        number = await report_on_wechat(wx, openid, wm.image(media_id=media_id, from_user=openid))

        assert await wx.keep_photos() == 1  # media/get, within WeChat's three days
        [photo] = await kept(app)
        assert (photo.state, photo.data, photo.channel, photo.ref) == ("kept", JPEG, "wechat", media_id)

        await tg.drain()
        await tg.post(tu.callback_update(2, WANG, f"case:photo:{number}", message_id=1))
        [shown] = [c for c in tg.peer.sent(WANG) if c.method == "sendPhoto"]
        assert shown.params["photo"].data == JPEG  # a MediaId means nothing to Telegram: the kept bytes are uploaded

        async with app.db.uow() as uow:  # /forget: the bytes of what they sent go
            await people.forget(uow, await people.get_or_create(uow, "wechat", openid))
        [photo] = await kept(app)
        assert (photo.state, photo.data, photo.person_id) == ("forgotten", None, None)
        await tg.post(tu.callback_update(3, WANG, f"case:photo:{number}", message_id=2))
        assert "第 1 张照片已无法查看" in tg.peer.texts(WANG)[-1]
        assert len([c for c in tg.peer.sent(WANG) if c.method == "sendPhoto"]) == 1


async def test_after_three_days_wechat_gets_the_kept_photo_uploaded_again(sqlite_url, clock):
    resident_id, manager_id = wm.make_openid("li"), wm.make_openid("wang")
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        await resident(app, resident_id, channel="wechat", building="南苑2号楼")
        from bot.services import roles

        async with app.db.uow() as uow:
            code = (await roles.create_invite(uow, Role.grid_manager, ttl=timedelta(days=30), grid_id="wenfeng-02")).code
        assert "绑定成功" in (await wx.ask(wm.text(f"绑定 {code}", from_user=manager_id)))["Content"]
        media_id = wx.peer.add_media(JPEG)
        number = await report_on_wechat(wx, resident_id, wm.image(media_id=media_id, from_user=resident_id))
        assert await wx.keep_photos() == 1
        await wx.drain()
        [task] = [m["text"]["content"] for m in wx.peer.custom_messages(manager_id) if m["msgtype"] == "text"]
        assert "📷 看照片" in task
        choice = _choice(task, "看照片")

        # Within three days: the photo goes by its own MediaId, after the passive text.
        reply = await wx.ask(wm.text(choice, from_user=manager_id))
        assert f"诉求 #{number} 的照片（1 张）" in reply["Content"] and "第 1 张，居民发于" in reply["Content"]
        await wx.settle()
        await wx.drain()
        images = [m["image"]["media_id"] for m in wx.peer.custom_messages(manager_id) if m["msgtype"] == "image"]
        assert images == [media_id] and wx.peer.uploads() == []

        # Four days later WeChat has forgotten the MediaId; the bot kept the bytes and uploads them.
        clock.advance(timedelta(days=4))
        wx.peer.advance(4 * 24 * 3600)
        reply = await wx.ask(wm.text("待办", from_user=manager_id))
        reply = await wx.ask(wm.text(_choice(reply["Content"], f"#{number}"), from_user=manager_id))
        choice = _choice(reply["Content"], "看照片")
        reply = await wx.ask(wm.text(choice, from_user=manager_id))
        assert "第 1 张，居民发于" in reply["Content"], reply["Content"]
        await wx.settle()
        await wx.drain()
        images = [m["image"]["media_id"] for m in wx.peer.custom_messages(manager_id) if m["msgtype"] == "image"]
        assert wx.peer.uploads() == [JPEG] and len(images) == 2 and images[1] != media_id


async def test_a_photo_the_platform_no_longer_has_is_marked_lost_and_said_so(sqlite_url, clock):
    openid = wm.make_openid("li")
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-02")
        await resident(app, openid, channel="wechat", building="南苑2号楼")
        number = await report_on_wechat(wx, openid, wm.image(media_id="MEDIA_never_known", from_user=openid))

        await manager.press(f"case:photo:{number}")  # not fetched yet: said so, nothing broken
        assert "正在取回" in manager.text, manager.text
        clock.advance(timedelta(hours=2))  # still not fetched: no longer promised as coming
        await manager.press(f"case:photo:{number}")
        assert "暂时取不回来" in manager.text, manager.text
        assert await wx.keep_photos() == 1  # WeChat answers 40007: it will never have it
        [photo] = await kept(app)
        assert photo.state == "lost" and "40007" in (photo.error or "")
        await manager.press(f"case:photo:{number}")
        assert "已无法查看" in manager.text, manager.text


def _choice(content: str, label: str) -> str:
    """The number WeChat shows before a choice (【3】📷 看照片 → 3)."""
    line = next(line for line in content.splitlines() if label in line and line.startswith("【"))
    return line.split("】")[0].lstrip("【")


async def test_a_wishs_photo_is_seen_by_its_reviewers_and_the_volunteer_who_took_it(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        await resident(app, str(ALICE), channel="telegram")
        staff = await bind(app, "shequ", Role.staff)
        volunteer = await bind(app, "v1", Role.volunteer)
        tg.peer.add_file("AgACchair", JPEG, file_path="photos/file_2.jpg", mime_type="image/jpeg")
        await tg.post(tu.text_update(2, ALICE, "微心愿"))
        await tg.post(tu.text_update(3, ALICE, "想请人帮忙修一下家里的椅子"))
        await tg.post(tu.text_update(4, ALICE, "椅子腿松了，坐着晃，怕摔"))
        await tg.post(tu.callback_update(5, ALICE, "wi:by:14", message_id=1))
        await tg.post(tu.photo_update(6, ALICE, file_id="AgACchair"))
        number = case_id(tg.peer.texts(ALICE)[-1])
        assert await tg.keep_photos() == 1

        async with app.db.uow() as uow:
            [review] = (await uow.session.exec(select(OutboxMessage).where(OutboxMessage.address == "shequ"))).all()
        assert ["📷 看照片", f"wish:photo:{number}"] in review.payload["buttons"][-1], review.payload
        replies = await staff.press(f"wish:photo:{number}")
        assert [r.picture.data for r in replies if r.picture] == [JPEG]  # the console has no file_id: the kept bytes
        assert "居民发于" in replies[-1].text

        await volunteer.press(f"wish:photo:{number}")  # browsing volunteers do not see a home's photo
        assert "没有权限" in volunteer.text
        await staff.press(f"wish:ok:{number}")
        await volunteer.press(f"wish:claim:{number}")
        assert "📷 看照片" in volunteer.buttons, volunteer.text
        replies = await volunteer.press(f"wish:photo:{number}")
        assert [r.picture.data for r in replies if r.picture] == [JPEG]


async def test_the_rest_of_an_album_joins_the_case_just_filed(sqlite_url, clock):
    """Telegram sends an album as one message per photo: the first answers the form, the rest must not be lost."""
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        await resident(app, str(ALICE), channel="telegram")
        manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
        for n in range(3):
            tg.peer.add_file(f"AgACalbum{n}", JPEG + bytes([n]), file_path=f"photos/album_{n}.jpg", mime_type="image/jpeg")
        number = await report_on_telegram(tg, "AgACalbum0")
        for n in (1, 2):
            await tg.post(tu.photo_update(20 + n, ALICE, file_id=f"AgACalbum{n}"))
            assert f"照片已补充到诉求 #{number}" in tg.peer.texts(ALICE)[-1]
        assert await tg.keep_photos() == 3
        replies = await manager.press(f"case:photo:{number}")
        assert [r.picture.data for r in replies if r.picture] == [JPEG + bytes([n]) for n in range(3)]

        clock.advance(timedelta(hours=1))  # long after filing a stray photo is not guessed into a case
        await tg.post(tu.photo_update(30, ALICE, file_id="AgACalbum2"))
        held = tg.peer.texts(ALICE)[-1]
        assert "先帮您留着" in held and "是要反映问题吗" in held, held  # nor dropped: held for a complaint begun next
        assert f"#{number}" not in held, held


async def test_no_photo_said_in_words_skips_the_photo_not_asks_it_again(app, clock):
    """没有, 没有照片, 俺不会发 under 有…照片吗 were answered with the same question, over and over."""
    from bot.models import Case, Wish

    grandma = await resident(app, "grandma")
    for said in ("没有照片", "没有", "俺不会发照片"):
        clock.advance(timedelta(minutes=2))  # not a flood
        await grandma.say("反映问题")
        await grandma.press("cs:cat:facilities")
        await grandma.say(f"北苑1号楼楼道灯坏了（{said}）")
        await grandma.press("cs:where:home")
        assert "有现场照片吗" in grandma.text, grandma.text
        await grandma.say(said)
        if "不用重复提交" in grandma.text:
            await grandma.press("cs:new")
        assert "您的诉求已提交" in grandma.text, (said, grandma.text)

        await grandma.say("微心愿")
        await grandma.say("想要一台收音机听戏")
        await grandma.say("一个人在家闷得慌")
        await grandma.press("wi:by:14")
        await grandma.say(said)
        assert "微心愿已提交" in grandma.text, (said, grandma.text)
    async with app.db.uow() as uow:
        assert len((await uow.session.exec(select(Case))).all()) == 3
        assert len((await uow.session.exec(select(Wish))).all()) == 3
