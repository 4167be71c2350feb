"""The Official Account webhook as WeChat's servers use it: signatures, AES, retries, the 5-second rule."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.models import Person, Role
from bot.services import roles
from tests.channels.wechat_harness import AES_KEY, TOKEN, beside, wechat_bot
from tests.peers import wechat_messages as wm

OPENID = wm.make_openid("grandma")


@pytest.fixture
async def wx(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock) as harness:
        yield harness


async def test_url_verification_echoes_echostr(wx):
    params = wm.verify_params(TOKEN, "1234567890")
    response = await wx.client.get("/wechat", params=params)
    assert response.status_code == 200 and response.text == "1234567890"
    params["signature"] = "0" * 40
    assert (await wx.client.get("/wechat", params=params)).status_code == 403


@pytest.mark.parametrize("mode", ["safe", "compatible", "plain"])
async def test_a_question_gets_the_answer_as_a_passive_reply(wx, mode):
    reply = await wx.ask(wm.text("居住证怎么办", from_user=OPENID), mode=mode)
    assert reply["MsgType"] == "text" and reply["ToUserName"] == OPENID
    assert "【居住证申领】" in reply["Content"]
    assert "【1】要带的材料" in reply["Content"] and "请回复数字" in reply["Content"]
    assert reply["encrypted"] is (mode != "plain")


async def test_numbered_answers_follow_the_same_dialogs(wx):
    await wx.ask(wm.text("菜单", from_user=OPENID))
    reply = await wx.ask(wm.text("1", from_user=OPENID))
    assert "办事指南" in reply["Content"]


async def test_a_retried_message_is_handled_once_and_gets_the_same_answer(wx):
    xml = wm.text("转人工 我想问问高龄补贴", from_user=OPENID, msg_id=424242)
    first = await wx.ask(xml)
    again = await wx.ask(xml)
    assert first["Content"] == again["Content"]
    async with wx.runtime.app.db.uow() as uow:
        from bot.models import Handover

        handovers = (await uow.session.exec(select(Handover))).all()
    assert len(handovers) == 1


async def test_events_are_deduplicated_by_sender_and_create_time(wx):
    xml = wm.subscribe(from_user=OPENID, create_time=1_700_000_000)
    first = await wx.ask(xml)
    again = await wx.ask(xml)
    assert "小助手" in first["Content"] and first["Content"] == again["Content"]


async def test_two_menu_taps_in_the_same_second_are_two_events(wx):
    second = 1_700_000_100
    help_ = await wx.ask(wm.click("help", from_user=OPENID, create_time=second))
    me = await wx.ask(wm.click("me", from_user=OPENID, create_time=second))  # not a retry: another key
    assert "怎么用我" in help_["Content"] and "怎么用我" not in me["Content"] and "资料" in me["Content"]


@pytest.mark.parametrize("tamper", ["signature", "msg_signature"])
async def test_a_bad_signature_is_refused(wx, tamper):
    mode = "plain" if tamper == "signature" else "safe"
    response = await wx.post(wm.text("你好", from_user=OPENID), mode=mode, **{tamper: "f" * 40})
    assert response.status_code == 403


async def test_a_message_encrypted_for_another_appid_is_refused(wx):
    params, body = wm.signed_request(
        wm.text("你好", from_user=OPENID), token=TOKEN, mode="safe", aes_key=AES_KEY, appid="wx0000000000000000"
    )
    response = await wx.client.post("/wechat", params=params, content=body)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "xml", [wm.billion_laughs(), wm.external_entity(), wm.malformed("truncated"), wm.malformed("not_xml")]
)
async def test_malicious_or_malformed_xml_is_a_400(wx, xml):
    response = await wx.post(xml, mode="plain")
    assert response.status_code == 400
    assert "root:" not in response.text


async def test_an_empty_text_is_answered_and_a_location_that_is_no_number_is_a_400_not_a_crash(wx):
    """<Content/> raised TypeError (HTTP 500) and a Location_X of letters ValueError: WeChat shows 服务出现故障."""
    for content in ("", "   "):
        answered = await wx.ask(wm.text(content, from_user=OPENID))
        assert answered["Content"], content  # a polite answer, not a crash
    bad = wm.location(34.03, 113.85, from_user=OPENID).replace("<Location_X>34.03</Location_X>", "<Location_X>north</Location_X>")
    assert "north" in bad
    assert (await wx.post(bad)).status_code == 400
    assert "有什么可以帮您" in (await wx.ask(wm.text("你好", from_user=OPENID)))["Content"]


async def test_an_oversized_body_is_a_400(wx):
    response = await wx.post(wm.oversized(200_000), mode="plain")
    assert response.status_code == 400


async def test_an_endless_body_is_a_400_after_the_limit_not_read_whole(wx):
    from urllib.parse import urlencode

    from bot.channels.wechat.channel import MAX_BODY
    from tests.helpers import EndlessUpload

    params, _ = wm.signed_request(wm.text("你好", from_user=OPENID), token=TOKEN, mode="plain")
    upload = EndlessUpload("/wechat", query=urlencode(params))
    await wx.runtime.wechat(upload.scope, upload.receive, upload.send)  # the channel is /wechat's ASGI app
    assert upload.status == 400
    assert upload.chunks_read <= MAX_BODY // upload.CHUNK + 1  # it stopped reading at the limit
    assert "有什么可以帮您" in (await wx.ask(wm.text("你好", from_user=OPENID), mode="plain"))["Content"]


async def test_messages_and_events_reach_the_dialogs(wx):
    voice = await wx.ask(wm.voice(recognition="低保怎么申请", from_user=OPENID))
    assert "【最低生活保障申请】" in voice["Content"]
    located = await wx.ask(wm.location(34.03, 113.85, label="许昌市魏都区", from_user=OPENID))
    assert "收到了" in located["Content"]
    clicked = await wx.ask(wm.click("guide", from_user=OPENID))
    assert "办事指南" in clicked["Content"]
    unknown = await wx.ask(wm.unknown(from_user=OPENID))
    assert unknown["Content"]  # a polite answer, not silence
    view = await wx.post(wm.view("https://example.org", from_user=OPENID))
    assert view.text == "success"


async def test_a_shared_article_is_acknowledged_and_not_logged_as_a_question_the_bot_lacks(wx):
    from bot.services import support

    reply = await wx.ask(wm.link("震惊！这三种食物千万别一起吃", "转给家人", "https://mp.weixin.qq.com/s/q9x", from_user=OPENID))
    assert "收到您分享的链接" in reply["Content"] and "找工作人员" in reply["Content"]
    async with wx.runtime.app.db.uow() as uow:
        assert await support.unanswered(uow) == []
        [kept] = await support.unanswered(uow, links=True)  # kept for 转人工 to carry to the staff
    assert "https://mp.weixin.qq.com/s/q9x" in kept.text
    about_a_service = await wx.ask(wm.link("2026年高龄津贴新标准", "", "https://mp.weixin.qq.com/s/a1", from_user=OPENID))
    assert "【高龄津贴申请】" in about_a_service["Content"]  # an article about a service gets that service


async def test_scanning_a_binding_qr_code_binds_the_role(wx):
    async with wx.runtime.app.db.uow() as uow:
        code = (await roles.create_invite(uow, Role.volunteer, ttl=timedelta(hours=1))).code
    reply = await wx.ask(wm.scan(f"bind_{code}", from_user=OPENID))
    assert "绑定成功" in reply["Content"]


async def test_unsubscribing_marks_the_person_unreachable(wx):
    await wx.ask(wm.text("你好", from_user=OPENID))
    assert (await wx.post(wm.unsubscribe(from_user=OPENID))).text == "success"
    async with wx.runtime.app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == OPENID))).one()
    assert person.unreachable_at is not None


async def test_a_slow_answer_is_success_now_and_a_customer_service_message_later(sqlite_url, clock):
    async with wechat_bot(sqlite_url, clock, wechat_reply_seconds=0.05) as wx:
        dispatcher = wx.runtime.app.dispatcher
        original = dispatcher.handle_message

        async def slow(message, **options):  # noqa: ANN001, ANN003, ANN202
            await asyncio.sleep(0.3)
            return await original(message, **options)

        dispatcher.handle_message = slow  # the handler takes longer than the reply window
        xml = wm.text("低保怎么申请", from_user=OPENID, msg_id=777)
        response = await wx.post(xml)
        assert response.text == "success"
        retry = await wx.post(xml)  # WeChat retries while the first is still being handled
        assert retry.text == "success"
        await wx.settle()
        assert await wx.drain() == 1
        [sent] = wx.peer.custom_messages(OPENID)
        assert "【最低生活保障申请】" in sent["text"]["content"]


async def test_other_methods_than_get_and_post_are_refused(wx):
    response = await wx.client.put("/wechat", content=b"<xml/>")
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}


async def test_an_answer_over_the_byte_limit_goes_out_in_parts_with_nothing_lost(wx):
    from bot.core.messages import Reply

    lines = [f"第{number}条：社区食堂本周菜单与老年助餐补贴说明" for number in range(1, 121)]

    async def long_answer(ctx):  # noqa: ANN001, ANN202
        return Reply("\n".join(lines))

    wx.runtime.app.routes.commands["long"] = long_answer
    xml = wm.text("/long", from_user=OPENID, msg_id=4242)
    passive = (await wx.ask(xml))["Content"]
    assert (await wx.ask(xml))["Content"] == passive  # WeChat retries: the same first part, the rest not again
    await wx.settle()
    assert await wx.drain() >= 1
    rest = [m["text"]["content"] for m in wx.peer.custom_messages(OPENID)]
    parts = [passive, *rest]
    assert all(len(part.encode()) <= 2048 for part in parts)
    assert "\n".join(parts).split("\n") == lines  # every line once, in order


async def test_a_short_answer_is_one_passive_reply(wx):
    reply = await wx.ask(wm.text("低保怎么申请", from_user=OPENID))
    assert "【最低生活保障申请】" in reply["Content"]
    await wx.settle()
    assert await wx.drain() == 0


async def test_a_slow_answer_is_not_lost_when_the_request_dies_right_after_its_turn(sqlite_url, clock, caplog):
    async with wechat_bot(sqlite_url, clock, wechat_reply_seconds=0.05) as wx:
        dispatcher = wx.runtime.app.dispatcher
        original = dispatcher.handle_message

        async def slow_then_killed(message, **options):  # noqa: ANN001, ANN003, ANN202
            await asyncio.sleep(0.3)
            await original(message, **options)  # the turn is committed …
            raise RuntimeError("… and the process stops before the channel does anything more")

        dispatcher.handle_message = slow_then_killed
        response = await wx.post(wm.text("低保怎么申请", from_user=OPENID, msg_id=778))
        assert response.text == "success"
        await wx.settle()
        assert await wx.drain() == 1  # the answer went into the outbox with the turn itself
        [sent] = wx.peer.custom_messages(OPENID)
        assert "【最低生活保障申请】" in sent["text"]["content"]


async def test_a_slow_answer_late_in_the_evening_is_not_held_for_quiet_hours(sqlite_url, clock):
    from bot.core.messages import Reply

    clock.advance(timedelta(hours=13))  # 22:30 in the centre's time zone: quiet hours for notices
    async with wechat_bot(sqlite_url, clock, wechat_reply_seconds=0.05) as wx:

        async def thinking(ctx):  # noqa: ANN001, ANN202
            await asyncio.sleep(0.3)
            return Reply("这是您要的答复")

        wx.runtime.app.routes.commands["think"] = thinking
        assert (await wx.post(wm.text("/think", from_user=OPENID))).text == "success"
        await wx.settle()
        assert await wx.drain() == 1  # sent now: the resident is waiting for it
        assert [m["text"]["content"] for m in wx.peer.custom_messages(OPENID)] == ["这是您要的答复"]


async def test_a_retry_reaching_another_process_does_not_get_a_queued_answer_twice(sqlite_url, clock):
    """A slow answer goes out as a customer-service message; WeChat's retry may reach another serve process."""
    from bot.core.messages import Reply

    async with wechat_bot(sqlite_url, clock, wechat_reply_seconds=0.05) as wx:

        async def thinking(ctx):  # noqa: ANN001, ANN202
            await asyncio.sleep(0.3)
            return Reply("这是您要的答复")

        wx.runtime.app.routes.commands["think"] = thinking
        xml = wm.text("/think", from_user=OPENID, msg_id=99)
        assert (await wx.post(xml)).text == "success"
        await wx.settle()
        async with beside(wx, clock, wechat_reply_seconds=0.05) as other:  # it never saw this message go out late
            assert (await other.post(xml)).text == "success"  # was the stored answer, passively: a second copy
            await other.drain()
        await wx.drain()  # whichever process's drainer sends it, it goes once
        assert [m["text"]["content"] for m in wx.peer.custom_messages(OPENID)] == ["这是您要的答复"]


async def test_a_profile_given_by_voice_is_taken_despite_the_recognisers_full_stops(wx):
    await wx.ask(wm.text("反映问题", from_user=OPENID))
    await wx.ask(wm.voice(recognition="同意。", from_user=OPENID))
    name = await wx.ask(wm.voice(recognition="张桂兰。", from_user=OPENID))  # WeChat ends every result with 。
    assert "手机号" in name["Content"]
    phone = await wx.ask(wm.voice(recognition="13912345678。", from_user=OPENID))
    assert "手机号好像不对" not in phone["Content"] and "哪一类问题" in phone["Content"]
    async with wx.runtime.app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == OPENID))).one()
    assert (person.name, person.phone) == ("张桂兰", "13912345678")


async def test_without_a_secret_a_slow_answer_reaches_the_resident_through_wechats_retry(sqlite_url, clock):
    # A subscription account without customer-service messages: the answer can only travel in a response.
    async with wechat_bot(sqlite_url, clock, wechat_secret=None, wechat_reply_seconds=0.05) as wx:
        dispatcher = wx.runtime.app.dispatcher
        original = dispatcher.handle_message

        async def slow(message, **options):  # noqa: ANN001, ANN003, ANN202
            await asyncio.sleep(0.3)
            return await original(message, **options)

        dispatcher.handle_message = slow
        xml = wm.text("低保怎么申请", from_user=OPENID, msg_id=778)
        assert (await wx.post(xml)).text == "success"  # the window closed first
        await wx.settle()
        dispatcher.handle_message = original
        retry = await wx.ask(xml)  # WeChat's retry, after the turn finished
        assert "【最低生活保障申请】" in retry["Content"]
        async with wx.runtime.app.db.uow() as uow:
            from bot.models import OutboxMessage

            assert (await uow.session.exec(select(OutboxMessage))).all() == []  # nothing left waiting for a sender


async def test_without_a_secret_a_long_answer_says_it_was_cut_short(sqlite_url, clock):
    from bot.core.messages import Reply

    async with wechat_bot(sqlite_url, clock, wechat_secret=None) as wx:
        async def long_answer(ctx):  # noqa: ANN001, ANN202
            return Reply("\n".join(f"第{i}行：" + "很长的内容" * 20 for i in range(60)))

        wx.runtime.app.routes.commands["long"] = long_answer
        passive = (await wx.ask(wm.text("/long", from_user=OPENID)))["Content"]
        assert len(passive.encode()) <= 2048 and passive.startswith("第0行") and "内容太长，只能显示到这里" in passive


async def test_without_a_secret_one_long_paragraph_is_cut_at_a_pause_not_mid_word(sqlite_url, clock):
    """年龄越（内容太长…）: a paragraph cut at the byte limit ended mid-word."""
    from bot.core.messages import Reply

    sentence = "年满八十周岁的老人，可按月领取高龄津贴，年龄越大标准越高。"
    async with wechat_bot(sqlite_url, clock, wechat_secret=None) as wx:
        async def long_answer(ctx):  # noqa: ANN001, ANN202
            return Reply("【高龄津贴】\n" + sentence * 80)

        wx.runtime.app.routes.commands["long"] = long_answer
        passive = (await wx.ask(wm.text("/long", from_user=OPENID)))["Content"]
        shown = passive.split("\n（内容太长")[0]
        assert len(passive.encode()) <= 2048 and shown.endswith("。…"), shown[-30:]


async def test_a_voice_message_without_recognised_text_is_asked_to_be_typed(wx):
    reply = await wx.ask(wm.voice(from_user=OPENID))  # the account has not enabled speech recognition
    assert "听不懂语音" in reply["Content"] and "图片" not in reply["Content"]


@pytest.mark.parametrize("sent", ["[强]", "/:strong", "/::)", "[抱拳][抱拳]"])
async def test_wechats_own_emoji_codes_are_read_as_the_emoji_they_show(wx, sent):
    reply = await wx.ask(wm.text(sent, from_user=OPENID))  # what the emoji panel sends
    assert "不客气" in reply["Content"]  # a thumbs-up after an answer is a thank-you
    assert "没有这个命令" not in reply["Content"] and "答不上来" not in reply["Content"]


async def test_wechat_text_asks_to_reply_not_to_tap(wx):
    answer = await wx.ask(wm.text("居住证怎么办", from_user=OPENID))
    assert "点下面的按钮" not in answer["Content"] and "回复下面的编号" in answer["Content"]
    await wx.ask(wm.text("我要预约", from_user=OPENID))
    await wx.ask(wm.text("1", from_user=OPENID))  # 居住证申领
    day = await wx.ask(wm.text("3月3日", from_user=OPENID))
    assert "【1】" in day["Content"]
    confirm = await wx.ask(wm.text("1", from_user=OPENID))
    assert "请回复“确认预约”" in confirm["Content"] and "点“确认预约”" not in confirm["Content"]


@pytest.mark.parametrize("short", [False, True])
async def test_a_video_is_acknowledged_as_received_not_taken_for_an_empty_message(wx, short):
    reply = await wx.ask(wm.video(short=short, from_user=OPENID))  # from the album, or filmed in the chat
    assert "收到了" in reply["Content"] and "【1】办事指南" in reply["Content"]  # as on Telegram, with the menu
    assert "没有收到文字内容" not in reply["Content"]


async def test_a_sticker_is_neither_an_unanswered_question_nor_a_message_for_staff(wx):
    after_answer = await wx.ask(wm.sticker(from_user=OPENID))  # WeChat's placeholder text, not the sticker
    assert "答不上来" not in after_answer["Content"] and "不支持的消息类型" not in after_answer["Content"]
    assert "直接打字" in after_answer["Content"]
    await wx.ask(wm.click("human", from_user=OPENID))
    waiting = await wx.ask(wm.sticker(from_user=OPENID))
    assert "已记下您的问题" not in waiting["Content"]
    async with wx.runtime.app.db.uow() as uow:
        from bot.models import Handover

        assert (await uow.session.exec(select(Handover))).all() == []


@pytest.mark.parametrize("heard", ["。", " 。 "])
async def test_a_voice_message_recognised_as_nothing_is_asked_to_be_typed(wx, heard):
    reply = await wx.ask(wm.voice(recognition=heard, from_user=OPENID))  # the recogniser made out no words
    assert "听不懂语音" in reply["Content"] and "没有收到文字内容" not in reply["Content"]


async def test_two_different_messages_without_msgid_in_one_second_are_both_answered(wx):
    second = 1_700_000_200
    hello = wm.message("text", [("Content", "你好")], from_user=OPENID, create_time=second, with_msg_id=False)
    question = wm.message("text", [("Content", "低保怎么申请")], from_user=OPENID, create_time=second, with_msg_id=False)
    first = await wx.ask(hello)
    assert "【最低生活保障申请】" in (await wx.ask(question))["Content"]  # not taken for a retry of 你好
    handled = await _inbound_count(wx)
    assert (await wx.ask(hello))["Content"] == first["Content"]  # a real retry still gets the same answer …
    assert await _inbound_count(wx) == handled  # … without being handled again


async def _inbound_count(wx) -> int:  # noqa: ANN001
    from bot.models import InboundMessage

    async with wx.runtime.app.db.uow() as uow:
        return len((await uow.session.exec(select(InboundMessage))).all())


async def test_choices_at_the_byte_limit_stay_together_with_their_hint(wx):
    from bot.core.messages import Button, Reply, rows

    lines = [f"第{number}条：社区食堂本周菜单" for number in range(1, 54)]  # the choices straddle 2,000 bytes

    async def long_answer(ctx):  # noqa: ANN001, ANN202
        return Reply("\n".join(lines), rows(*[Button(f"选项{n}", f"menu:{n}") for n in range(1, 8)]))

    wx.runtime.app.routes.commands["long"] = long_answer
    passive = (await wx.ask(wm.text("/long", from_user=OPENID)))["Content"]
    await wx.settle()
    await wx.drain()
    parts = [passive, *(m["text"]["content"] for m in wx.peer.custom_messages(OPENID))]
    assert len(parts) == 2 and all(len(part.encode()) <= 2048 for part in parts)
    assert "【" not in parts[0]  # the first message holds only the answer's text …
    assert parts[1].endswith("【6】选项6\n【7】选项7\n（请回复数字选择）") and "【1】选项1" in parts[1]  # … the choices follow whole
    assert [line for line in "\n".join(parts).split("\n") if line.startswith("第")] == lines


async def test_without_a_secret_a_long_answer_cut_short_keeps_its_choices(sqlite_url, clock):
    from bot.core.messages import Button, Reply, rows

    async with wechat_bot(sqlite_url, clock, wechat_secret=None) as wx:
        async def long_answer(ctx):  # noqa: ANN001, ANN202
            body = "\n".join(f"第{i}行：" + "很长的内容" * 20 for i in range(60))
            return Reply(body, rows(Button("要带的材料", "menu:1"), Button("返回主菜单", "menu")))

        wx.runtime.app.routes.commands["long"] = long_answer
        passive = (await wx.ask(wm.text("/long", from_user=OPENID)))["Content"]
        assert len(passive.encode()) <= 2048 and passive.startswith("第0行") and "内容太长，只能显示到这里" in passive
        assert passive.endswith("【1】要带的材料\n【2】返回主菜单\n（请回复数字选择）")  # what to answer next is still shown

        async def one_long_line(ctx):  # noqa: ANN001, ANN202 - a case whose description is one long line
            return Reply("诉求 #1 · 环境卫生\n" + "楼道里堆满了杂物" * 200 + "\n地点：北苑", rows(Button("返回主菜单", "menu")))

        wx.runtime.app.routes.commands["line"] = one_long_line
        passive = (await wx.ask(wm.text("/line", from_user=OPENID)))["Content"]
        assert len(passive.encode()) > 1800 and "楼道里堆满了杂物楼道里" in passive, passive  # was the header alone
        assert len(passive.encode()) <= 2048 and passive.endswith("【1】返回主菜单\n（请回复数字选择）")


async def test_without_a_secret_the_last_reply_is_kept_whole_and_the_answers_before_it_cut(sqlite_url, clock):
    """A complaint said with four questions: the form's question was cut, leaving 【1】跳过 with nothing to skip."""
    from tests.grid.util import resident

    async with wechat_bot(sqlite_url, clock, wechat_secret=None) as wx:
        await resident(wx.runtime.app, OPENID, channel="wechat", building="北苑1号楼")
        said = "北苑1号楼楼道灯坏了。另外问一下低保怎么办？高龄津贴怎么领？居住证怎么办？残疾证怎么办理？"
        passive = (await wx.ask(wm.text(said, from_user=OPENID)))["Content"]
        assert len(passive.encode()) <= 2048 and "内容太长，只能显示到这里" in passive, passive
        assert "收到，我帮您登记成诉求" in passive and "有现场照片吗" in passive, passive
        assert passive.startswith("【") and passive.endswith("（请回复数字选择）"), passive


@pytest.mark.parametrize("sent", ["/::)低保怎么申请", "/:strong低保怎么申请", "/:@>低保怎么申请"])
async def test_words_typed_right_after_a_wechat_emoji_code_are_read(wx, sent):
    reply = await wx.ask(wm.text(sent, from_user=OPENID))  # the panel's code, then the question, no space
    assert "【最低生活保障申请】" in reply["Content"]


async def test_a_very_long_line_is_cut_between_emoji_not_inside_one(wx):
    from bot.core.messages import Reply

    line = "家" + "👍🏻" * 300  # one line over the limit: a thumbs-up with its skin tone is one emoji

    async def long_line(ctx):  # noqa: ANN001, ANN202
        return Reply(line)

    wx.runtime.app.routes.commands["long"] = long_line
    passive = (await wx.ask(wm.text("/long", from_user=OPENID)))["Content"]
    await wx.settle()
    await wx.drain()
    parts = [passive, *(m["text"]["content"] for m in wx.peer.custom_messages(OPENID))]
    assert len(parts) == 2 and all(len(part.encode()) <= 2048 for part in parts)
    assert parts[1].startswith("👍🏻") and "".join(parts) == line  # no stray skin-tone swatch starts a message


async def test_wechat_text_never_asks_to_tap_what_cannot_be_tapped(wx):
    unsure = await wx.ask(wm.text("补贴", from_user=OPENID))  # 您问的是下面哪一项？
    assert "点一下" not in unsure["Content"] and "回复编号看详情" in unsure["Content"]
    help_ = await wx.ask(wm.click("help", from_user=OPENID))
    assert "点按钮" not in help_["Content"] and "有选项时，回复前面的数字" in help_["Content"]


def test_no_text_of_the_catalogue_asks_a_wechat_user_to_tap():
    """请点下面确认, 请点一下：, 请在下面点选, 请点下面的楼栋 reached WeChat users, who have nothing to tap."""
    from pathlib import Path

    import yaml

    import bot
    from bot.channels.wechat.render import _as_replied

    def texts(node):  # noqa: ANN001, ANN202
        if isinstance(node, dict):
            for value in node.values():
                yield from texts(value)
        elif isinstance(node, list):
            for value in node:
                yield from texts(value)
        elif isinstance(node, str):
            yield node

    tap = re.compile(r"(?<!几)点(?:下面|一下|选|按钮|开|它|“|击)|请点|在下面点")
    files = sorted((Path(bot.__file__).parent / "locales" / "zh").glob("*.yaml"))
    assert len(files) > 10
    taps = [shown for name in files for text in texts(yaml.safe_load(open(name, encoding="utf-8"))) if tap.search(shown := _as_replied(text))]
    assert taps == []


async def test_following_through_a_spent_binding_code_still_welcomes(wx):
    """A QR code already used (or expired) must not leave a new follower with only an error."""
    reply = await wx.ask(wm.subscribe("bind_ZZZZZZ", from_user=OPENID))
    assert "绑定码" in reply["Content"] and "【1】" in reply["Content"], reply["Content"]
    assert "社区党群服务中心的小助手" in reply["Content"], reply["Content"]


def test_a_limit_smaller_than_one_character_still_ends():
    """A character wider than the room left (a note and choices kept whole leave little) is never an endless loop."""
    from bot.channels.wechat.render import split_bytes

    assert split_bytes("好好好", limit=2) == ["好", "好", "好"]
