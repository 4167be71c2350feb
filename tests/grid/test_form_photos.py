"""Every photo a resident is told was received goes with the case; what is not a photo is said to be not one."""

from __future__ import annotations

import pytest

from bot.core.messages import Attachment, Inbound
from bot.models import Role
from tests.grid.util import all_cases, case_id, file_complaint, resident, up_to_the_photo
from tests.helpers import Chat, bind


async def send(chat: Chat, ref: str, kind: str = "photo") -> None:
    await chat.send(Inbound(channel=chat.channel, user_id=chat.user, attachment=Attachment(kind, ref, 1000)))  # type: ignore[arg-type]


async def seen_by(manager: Chat, number: int) -> list[str]:
    """The photos 看照片 shows the grid manager, by reference."""
    replies = await manager.press(f"case:photo:{number}")
    return [r.picture.ref for r in replies if r.picture]


async def test_three_photos_sent_at_once_under_the_similar_offer_all_go_with_the_case(app):
    """WeChat sends three picked photos as three messages: 照片收到了 was said for each, and one was filed."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await file_complaint(await resident(app, "li"))
    zhang = await resident(app, "zhang", name="张伟", phone="13700002222", building="北苑2号楼")
    await up_to_the_photo(zhang)
    await send(zhang, "p1")
    assert "不用重复提交" in zhang.text, zhang.text  # the similar case offered
    await send(zhang, "p2")
    assert "照片收到了（这是第 2 张）" in zhang.text, zhang.text
    await send(zhang, "p3")
    assert "照片收到了（这是第 3 张）" in zhang.text, zhang.text
    await zhang.press("cs:new")
    number = case_id(zhang.text)
    assert "您的诉求已提交" in zhang.text, zhang.text
    assert await seen_by(manager, number) == ["p1", "p2", "p3"]
    await zhang.press(f"cs:view:{number}")
    assert "附照片" in zhang.text, zhang.text  # the trail says the photos came with it


async def test_photos_sent_before_the_place_are_all_kept_and_the_tenth_is_refused_in_words(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:facilities")
    await send(li, "a0")
    assert "照片收到了" in li.text and "用文字说说" in li.text, li.text
    await li.say("路灯坏了好几天了")
    for n in range(1, 9):
        await send(li, f"a{n}")
        assert f"（这是第 {n + 1} 张）" in li.text and "问题在哪里" in li.text, li.text
    await send(li, "a9")
    assert "这张照片没有收下" in li.text and "最多附 9 张" in li.text, li.text
    await li.press("cs:where:home")
    assert "您的诉求已提交" in li.text and "有现场照片吗" not in li.text, li.text
    assert await seen_by(manager, case_id(li.text)) == [f"a{n}" for n in range(9)]


async def test_a_photo_sent_at_the_category_question_is_kept(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await send(li, "early")
    assert "照片收到了" in li.text and "哪一类问题" in li.text, li.text
    await li.press("cs:cat:facilities")
    await li.say("北苑1号楼的路灯坏了")  # the place said with it: filed, the photo came already
    assert "您的诉求已提交" in li.text, li.text
    [case] = await all_cases(app)
    assert case.photo_ref == "early"


@pytest.mark.parametrize(
    ("kind", "said"), [("video", "收到的是一段视频"), ("file", "收到的是一个文件"), ("voice", "收到您的语音了")]
)
async def test_what_is_not_a_photo_at_the_photo_question_is_said_and_a_photo_asked_for(app, kind, said):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await send(li, f"media-{kind}", kind)
    assert said in li.text and "请发一张现场照片" in li.text, li.text
    assert "跳过" in li.text and "跳过" in li.buttons, li.text
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text


async def test_on_wechat_a_voice_a_video_or_a_link_at_the_photo_question_is_named_and_never_the_description(sqlite_url, clock):
    from tests.channels.wechat_harness import wechat_bot
    from tests.peers import wechat_messages as wm

    openid = wm.make_openid("zhang")
    async with wechat_bot(sqlite_url, clock) as wx:
        await resident(wx.runtime.app, openid, channel="wechat", building="南苑2号楼")
        for text in ("反映问题", "3", "南苑垃圾站三天没清运了", "1"):  # 3: 环境卫生, 1: 在我家
            asked = (await wx.ask(wm.text(text, from_user=openid)))["Content"]
        assert "有现场照片吗" in asked, asked
        for sent, said in (
            (wm.voice(from_user=openid), "收到您的语音了"),
            (wm.video(from_user=openid), "收到的是一段视频"),
            (wm.link(from_user=openid), "收到的是一个链接"),
        ):
            answer = (await wx.ask(sent))["Content"]
            assert said in answer and "请发一张现场照片" in answer and "跳过" in answer, answer
        filed = (await wx.ask(wm.text("跳过", from_user=openid)))["Content"]
        assert "您的诉求已提交" in filed, filed
        [case] = await all_cases(wx.runtime.app)
        assert case.description == "南苑垃圾站三天没清运了"
