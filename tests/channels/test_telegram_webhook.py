"""Whole conversations through POST /telegram/webhook, checked at the Bot API peer."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.models import Person, Role
from bot.services import roles
from bot.channels.telegram.transport import POOL_SIZE
from tests.channels.telegram_harness import SECRET
from tests.peers import telegram_updates as tu

ALICE = 7001


def buttons(call) -> list[tuple[str, str]]:  # noqa: ANN001
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


async def test_a_question_is_answered_with_send_message_to_the_right_chat(tg):
    response = await tg.post(tu.text_update(1, ALICE, "居住证怎么办"))
    assert response.status_code == 200
    [call] = tg.peer.sent(ALICE)
    assert call.method == "sendMessage" and call.params["chat_id"] == ALICE
    assert call.params["parse_mode"] == "HTML"
    assert call.params["text"].startswith("<b>【居住证申领】</b>")
    assert ("要带的材料", "svc:residence-permit:materials") in buttons(call)


async def test_when_telegram_is_slow_the_webhook_holds_back_and_no_answer_is_lost(tg):
    """At most POOL_SIZE answers wait on Telegram; further updates wait in their webhook call.

    Telegram then slows its deliveries instead of the bot piling up sends.
    """
    tg.peer.delay("sendMessage", 0.5)
    residents = range(9000, 9000 + POOL_SIZE + 8)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    async def deliver(chat: int) -> tuple[int, float]:
        began = asyncio.get_running_loop().time()
        response = await tg.client.post("/telegram/webhook", json=tu.text_update(chat, chat, "居住证怎么办"), headers=headers)
        return response.status_code, asyncio.get_running_loop().time() - began

    results = await asyncio.gather(*(deliver(chat) for chat in residents))
    await tg.settle()
    assert [status for status, _ in results] == [200] * len(residents)
    held_back = [took for _, took in results if took >= 0.4]
    assert len(held_back) >= len(residents) - POOL_SIZE
    assert tg.peer.most_delayed_at_once <= POOL_SIZE
    for chat in residents:
        [call] = tg.peer.sent(chat)
        assert "居住证" in call.params["text"]


async def test_an_answer_waiting_for_a_place_is_still_sent_if_its_webhook_call_is_dropped(tg):
    channel = tg.runtime.telegram
    tg.peer.delay("sendMessage", 0.5)
    busy = [tu.text_update(9100 + i, 9100 + i, "居住证怎么办") for i in range(POOL_SIZE)]
    for update in busy:  # every place taken by an answer on its way
        incoming = await channel.process(channel.parse(update))
        await channel.answer_later(incoming, await tg.runtime.app.dispatcher.handle_message(incoming.inbound))
    incoming = await channel.process(channel.parse(tu.text_update(9200, 9200, "低保怎么申请")))
    outcome = await tg.runtime.app.dispatcher.handle_message(incoming.inbound)  # the turn is committed
    waiting = asyncio.create_task(channel.answer_later(incoming, outcome))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    waiting.cancel()  # e.g. the server shutting down the request
    await asyncio.gather(waiting, return_exceptions=True)
    await tg.settle()
    [call] = tg.peer.sent(9200)
    assert "低保" in call.params["text"]


async def test_a_redelivered_update_is_acknowledged_and_handled_once(tg):
    update = tu.text_update(2, ALICE, "低保怎么申请")
    first = await tg.post(update)
    again = await tg.post(update)
    assert first.status_code == again.status_code == 200
    assert len(tg.peer.sent(ALICE)) == 1


@pytest.mark.parametrize("secret", [None, "wrong-secret", ""])
async def test_a_wrong_or_missing_secret_is_refused(tg, secret):
    response = await tg.post(tu.text_update(3, ALICE, "你好"), secret=secret)
    assert response.status_code == 403
    assert tg.peer.sent() == []


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"message": {}}', b'{"update_id": "x"}', b'{"update_id": 5, "message": "text"}'])
async def test_a_body_that_is_not_an_update_is_refused_without_a_traceback(tg, body):
    response = await tg.client.post(
        "/telegram/webhook", content=body, headers={"X-Telegram-Bot-Api-Secret-Token": "webhook-secret_for-tests"}
    )
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error": "not a Telegram update"}


async def test_an_endless_body_is_refused_after_the_limit_not_read_whole(tg):
    from starlette.requests import Request

    from bot.channels.telegram.webhook import MAX_BODY, make_endpoint
    from tests.channels.telegram_harness import SECRET
    from tests.helpers import EndlessUpload

    upload = EndlessUpload("/telegram/webhook", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    response = await make_endpoint(tg.runtime.telegram, SECRET)(Request(upload.scope, upload.receive))
    assert response.status_code == 413
    assert upload.chunks_read <= MAX_BODY // upload.CHUNK + 1  # it stopped reading at the limit
    assert (await tg.post(tu.text_update(6, ALICE, "你好"))).status_code == 200  # and the bot carries on


async def test_a_button_press_is_answered_and_edits_the_pressed_message(tg):
    await tg.post(tu.text_update(4, ALICE, "菜单"))
    message_id = 1  # the bot's first message in this chat
    assert "请选择您要办的事" in tg.peer.message(ALICE, message_id)["text"]
    await tg.post(tu.callback_update(5, ALICE, "guide", message_id=message_id))
    assert len(tg.peer.calls_of("answerCallbackQuery")) == 1
    edit = tg.peer.sent(ALICE)[-1]
    assert edit.method == "editMessageText" and edit.params["message_id"] == message_id
    assert "办事指南" in tg.peer.message(ALICE, message_id)["text"]
    assert len(tg.peer.calls_of("sendMessage")) == 1  # edited in place, no new message


async def test_numbered_answers_work_on_telegram_too(tg):
    await tg.post(tu.text_update(6, ALICE, "菜单"))
    labels = [label for label, _ in buttons(tg.peer.sent(ALICE)[-1])]
    await tg.post(tu.text_update(7, ALICE, str(labels.index("使用帮助") + 1)))
    assert "怎么用我" in tg.peer.texts(ALICE)[-1]


async def test_a_forged_callback_is_refused_by_the_service(tg):
    await tg.post(tu.text_update(80, 7009, "转人工 我家的低保批了没有"))  # someone else's question, #1
    await tg.post(tu.callback_update(8, ALICE, "hreply:1", message_id=1))
    assert "没有权限" in tg.peer.texts(ALICE)[-1]
    await tg.post(tu.callback_update(9, ALICE, "svc:../../etc", message_id=1))
    assert "按钮已经失效" in tg.peer.texts(ALICE)[-1]


async def test_location_and_photo_reach_the_handlers(tg):
    await tg.post(tu.location_update(10, ALICE, 34.03, 113.85))
    await tg.post(tu.photo_update(11, ALICE))
    texts = tg.peer.texts(ALICE)
    assert len(texts) == 2 and all("收到了" in text for text in texts)


async def test_unknown_update_kinds_are_acknowledged_quietly(tg):
    assert (await tg.post(tu.unknown_update(13))).status_code == 200
    assert tg.peer.sent() == []


async def test_a_deep_link_binds_a_role(tg):
    async with tg.runtime.app.db.uow() as uow:
        code = (await roles.create_invite(uow, Role.grid_manager, grid_id="wenfeng-05", ttl=timedelta(hours=1))).code
    await tg.post(tu.text_update(14, ALICE, f"/start bind_{code}"))
    assert "绑定成功" in tg.peer.texts(ALICE)[-1]


async def test_html_in_what_people_type_is_escaped(tg):
    async with tg.runtime.app.db.uow() as uow:
        code = (await roles.create_invite(uow, Role.staff, ttl=timedelta(hours=1))).code
    staff = 7002
    await tg.post(tu.text_update(15, staff, f"绑定 {code}"))
    await tg.post(tu.text_update(16, ALICE, "转人工 <b>急</b> 3 > 2 & 1"))
    assert await tg.drain() == 1
    pushed = tg.peer.texts(staff)[-1]
    assert "&lt;b&gt;急&lt;/b&gt; 3 &gt; 2 &amp; 1" in pushed


async def test_blocking_the_bot_marks_the_person_unreachable(tg):
    await tg.post(tu.text_update(17, ALICE, "你好"))
    await tg.post(tu.my_chat_member_update(18, ALICE, new_status="kicked"))
    async with tg.runtime.app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == str(ALICE)))).one()
    assert person.unreachable_at is not None


async def test_healthz(tg):
    response = await tg.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "channels": ["telegram"]}


async def test_the_profile_dialog_works_through_buttons_and_text(tg):
    await tg.post(tu.text_update(30, ALICE, "/me"))
    await tg.post(tu.callback_update(31, ALICE, "me:edit", message_id=1))
    await tg.post(tu.callback_update(32, ALICE, "pf:agree", message_id=1))
    for update_id, text in enumerate(["王建国", "13812345678", "锦华园B座", "1单元", "1102"], start=33):
        await tg.post(tu.text_update(update_id, ALICE, text))
    assert "锦华园B座 1单元 1102" in tg.peer.texts(ALICE)[-1]
    async with tg.runtime.app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == str(ALICE)))).one()
    assert (person.name, person.phone, person.room) == ("王建国", "13812345678", "1102")


GROUP = {"id": -1001234567890, "title": "北苑业主群", "type": "supergroup"}


async def test_removing_the_bot_from_a_group_does_not_mark_the_remover_unreachable(tg):
    await tg.post(tu.text_update(19, ALICE, "你好"))
    removed = tu.my_chat_member_update(20, ALICE, old_status="member", new_status="left")
    removed["my_chat_member"]["chat"] = GROUP  # ALICE, a group admin, removed the bot from the group
    assert (await tg.post(removed)).status_code == 200
    async with tg.runtime.app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == str(ALICE)))).one()
    assert person.unreachable_at is None  # her private chat with the bot is untouched


async def test_a_button_pressed_outside_a_private_chat_is_answered_and_otherwise_ignored(tg):
    pressed = tu.callback_update(21, ALICE, "guide", message_id=5)
    pressed["callback_query"]["message"]["chat"] = GROUP
    assert (await tg.post(pressed)).status_code == 200
    [answer] = tg.peer.calls_of("answerCallbackQuery")  # the client's spinner stops
    assert answer.params["callback_query_id"] == pressed["callback_query"]["id"]
    assert tg.peer.sent() == []


async def test_a_double_tap_on_a_final_button_keeps_the_answer_of_the_first_tap(tg):
    """The second tap of 跳过 finds the complaint filed: its "button expired" comes below, the case number stays."""
    steps = [
        ("text", "反映问题"), ("press", "pf:agree"), ("text", "王建国"), ("text", "13812345678"),
        ("press", "cs:cat:facilities"), ("text", "楼道灯坏了三天了"), ("text", "北苑1号楼"),
    ]
    for update_id, (kind, value) in enumerate(steps, start=40):
        if kind == "text":
            await tg.post(tu.text_update(update_id, ALICE, value))
        else:
            await tg.post(tu.callback_update(update_id, ALICE, value, message_id=len(tg.peer.calls_of("sendMessage"))))
    asked = len(tg.peer.calls_of("sendMessage"))  # 有现场照片吗？ with its 跳过
    assert ("跳过", "cs:skip") in buttons(tg.peer.sent(ALICE)[-1])
    await tg.post(tu.callback_update(60, ALICE, "cs:skip", message_id=asked))
    await tg.post(tu.callback_update(61, ALICE, "cs:skip", message_id=asked))  # the same button, tapped again
    assert len(tg.peer.calls_of("answerCallbackQuery")) == 4  # every tap answered
    assert "您的诉求已提交，编号 #1" in tg.peer.message(ALICE, asked)["text"]
    assert "按钮已经失效" in tg.peer.texts(ALICE)[-1]


async def test_sharing_ones_own_contact_card_at_the_phone_question_gives_the_number(tg):
    await tg.post(tu.text_update(30, ALICE, "改一下电话"))
    await tg.post(tu.text_update(31, ALICE, "同意"))  # consent to keeping the details first
    assert "手机号" in tg.peer.texts(ALICE)[-1], tg.peer.texts(ALICE)
    await tg.post(tu.contact_update(32, ALICE, "13900000000", contact_user_id=9999, contact_name="李"))  # not hers
    await tg.post(tu.contact_update(33, ALICE, "+86 138 1234 5678", contact_user_id=ALICE))  # 📎 → 联系人 → 我
    async with tg.runtime.app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == str(ALICE)))).one()
    assert person.phone == "13812345678", tg.peer.texts(ALICE)
