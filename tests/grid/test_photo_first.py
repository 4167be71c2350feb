"""A photo sent before the complaint is held for it; words that only say a photo was sent are never its description."""

from __future__ import annotations

from datetime import timedelta

from bot.core.messages import Attachment, Inbound
from bot.models import Role
from tests.channels.wechat_harness import wechat_bot
from tests.grid.util import all_cases, case_id, resident, up_to_the_photo
from tests.helpers import Chat, bind
from tests.peers import wechat_messages as wm

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 8


async def send_photo(chat: Chat, ref: str) -> None:
    await chat.send(Inbound(channel=chat.channel, user_id=chat.user, attachment=Attachment("photo", ref, 1000)))


async def test_a_photo_sent_on_wechat_before_the_complaint_goes_with_it(sqlite_url, clock):
    """楼下井盖坏了 after the photo: it was answered 没有需要图片的事项 and gone."""
    openid = wm.make_openid("zhang")
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        await resident(app, openid, channel="wechat", building="南苑2号楼")
        media_id = wx.peer.add_media(JPEG)
        held = (await wx.ask(wm.image(media_id=media_id, from_user=openid)))["Content"]
        assert "照片收到了" in held and "先帮您留着（30 分钟内有效）" in held and "是要反映问题吗" in held, held
        assert "没有需要图片" not in held, held

        said = (await wx.ask(wm.text("楼下井盖坏了", from_user=openid)))["Content"]
        assert "您刚才发的 1 张照片会和这条诉求一起提交" in said, said
        said = (await wx.ask(wm.text("刚才发了照片了", from_user=openid)))["Content"]
        assert "您发的照片收到了（共 1 张）" in said and "问题在哪里" in said, said
        filed = (await wx.ask(wm.text("1", from_user=openid)))["Content"]  # 1: 在我家
        assert "您的诉求已提交" in filed, filed
        [case] = await all_cases(app)
        assert (case.id, case.photo_ref, case.description) == (case_id(filed), media_id, "楼下井盖坏了")
        assert await wx.keep_photos() == 1  # kept by the bot as any case's photo


async def test_yes_to_the_held_photo_starts_the_complaint_and_an_old_one_is_not_guessed_in(app, clock):
    li = await resident(app, "li")
    await send_photo(li, "stray")
    clock.advance(timedelta(minutes=31))  # held for half an hour only
    await send_photo(li, "fresh")
    assert "共 1 张" in li.text, li.text
    await li.say("是的")
    assert "您刚才发的 1 张照片会和这条诉求一起提交" in li.text and "哪一类问题" in li.text, li.text
    await li.say("刚才发了照片了")
    assert "您发的照片收到了（共 1 张）" in li.text and "哪一类问题" in li.text, li.text
    await li.press("cs:cat:facilities")
    await li.say("楼道灯不亮")
    await li.press("cs:where:home")
    assert "您的诉求已提交" in li.text and "有现场照片吗" not in li.text, li.text
    [case] = await all_cases(app)
    assert (case.photo_ref, case.description) == ("fresh", "楼道灯不亮")

    await li.say("反映问题")  # taken once: the next complaint does not get it again
    assert "照片会和这条诉求一起提交" not in li.text, li.text


async def test_photo_sent_said_at_the_photo_question_is_not_the_description_neighbours_see(app):
    await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say("刚才发了照片了")  # none came: said so, the question stands
    assert "还没有收到您的照片" in li.text and "有现场照片吗" in li.text, li.text
    await li.say("照片发了")
    assert "还没有收到您的照片" in li.text, li.text
    await send_photo(li, "p1")
    assert "您的诉求已提交" in li.text, li.text
    [case] = await all_cases(app)
    assert case.description == "北苑1号楼门口总有车乱停，堵住了消防通道"

    zhang = await resident(app, "zhang", name="张伟", phone="13700002222", building="北苑2号楼")
    await up_to_the_photo(zhang, "北苑1号楼门口车乱停")
    await zhang.press("cs:skip")
    assert f"#{case.id} 北苑1号楼门口总有车乱停" in zhang.text and "照片" not in zhang.text.split("\n")[1], zhang.text


async def test_forget_lets_go_of_a_held_photo(app):
    from bot.services import people

    li = await resident(app, "li")
    await send_photo(li, "mine")
    async with app.db.uow() as uow:
        await people.forget(uow, await people.get_or_create(uow, "console", "li"))
        await uow.commit()
    await resident(app, "li")
    await li.say("反映问题")
    assert "哪一类问题" in li.text and "照片会和这条诉求一起提交" not in li.text, li.text
