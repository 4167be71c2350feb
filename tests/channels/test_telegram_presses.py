"""Button presses played as the people who press them, checked at the Bot API peer."""

from __future__ import annotations

from datetime import timedelta


from bot.models import Role
from bot.services import roles
from tests.channels.telegram_harness import Telegram
from tests.peers import telegram_updates as tu

RESIDENT = 7401
MANAGER = 7402


def payloads(message: dict | None) -> list[str]:
    markup = (message or {}).get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


async def say(tg: Telegram, chat: int, text: str) -> None:
    await tg.post(tu.text_update(tg.next_id(), chat, text))


async def press(tg: Telegram, chat: int, data: str, message_id: int) -> None:
    await tg.post(tu.callback_update(tg.next_id(), chat, data, message_id=message_id))


def last_message_id(tg: Telegram, chat: int) -> int:
    """The id the peer gave the bot's latest new message in `chat`."""
    return max(mid for (chat_id, mid) in tg.peer._messages if chat_id == chat)


async def up_to_the_photo(tg: Telegram) -> None:
    """The grid manager of 锦华园 bound; a resident's complaint there, up to the photo question."""
    async with tg.runtime.app.db.uow() as uow:
        code = (await roles.create_invite(uow, Role.grid_manager, grid_id="wenfeng-05", ttl=timedelta(hours=1))).code
    await say(tg, MANAGER, f"/start bind_{code}")
    await say(tg, RESIDENT, "反映问题")
    await press(tg, RESIDENT, "pf:agree", last_message_id(tg, RESIDENT))
    for text in ("王建国", "13812345678"):
        await say(tg, RESIDENT, text)
    await press(tg, RESIDENT, "cs:cat:facilities", last_message_id(tg, RESIDENT))
    for text in ("锦华园3号楼楼道灯坏了三天了", "锦华园3号楼"):
        await say(tg, RESIDENT, text)


async def task_pushed_to_the_manager(tg: Telegram) -> int:
    """A resident files a complaint in 锦华园; returns the id of the task message the manager got."""
    await up_to_the_photo(tg)
    await press(tg, RESIDENT, "cs:skip", last_message_id(tg, RESIDENT))
    assert await tg.drain() == 1
    task = last_message_id(tg, MANAGER)
    assert "case:accept:1" in payloads(tg.peer.message(MANAGER, task))
    return task


async def test_a_double_tap_on_accept_keeps_the_buttons_the_first_tap_gave(tg):
    """The second 受理 is refused ('已受理'); the refusal comes below, 开始办理/已解决 stay on the task."""
    task = await task_pushed_to_the_manager(tg)
    await press(tg, MANAGER, "case:accept:1", task)
    await press(tg, MANAGER, "case:accept:1", task)  # the same button, tapped again before the edit showed
    assert len(tg.peer.calls_of("answerCallbackQuery")) == 5  # every tap answered (3 by the resident)
    shown = tg.peer.message(MANAGER, task)
    assert "已受理诉求 #1" in shown["text"]
    assert "case:resolve:1" in payloads(shown)
    refusal = tg.peer.sent(MANAGER)[-1]
    assert refusal.method == "sendMessage"
    assert "不能做这个操作" in refusal.params["text"]


async def test_a_press_answered_below_with_a_file_takes_the_buttons_off_the_pressed_message(tg):
    """确认预约 is answered with ✅ 预约成功 and a calendar file below: the 确认预约 above goes, not pressed again."""
    await say(tg, RESIDENT, "低保要带什么材料")
    for data in ("book:minimum-living-allowance", "bk:mode:centre", "bk:day:20260303", "bk:slot:202603031030"):
        await press(tg, RESIDENT, data, 1)
    [confirm] = [data for data in payloads(tg.peer.message(RESIDENT, 1)) if data.startswith("bk:ok:")]
    await press(tg, RESIDENT, confirm, 1)
    assert [call.method for call in tg.peer.sent(RESIDENT)[-2:]] == ["sendMessage", "sendDocument"]
    assert "预约成功" in tg.peer.texts(RESIDENT)[-1]
    assert payloads(tg.peer.message(RESIDENT, 1)) == []
    assert "请核对预约" in tg.peer.message(RESIDENT, 1)["text"]  # what was confirmed stays readable


async def test_a_photo_whose_file_id_telegram_refuses_is_uploaded_from_the_kept_bytes(tg):
    """After the bot's token is replaced, old file_ids are refused: 看照片 still shows the photo, at once."""
    jpeg = b"\xff\xd8\xff" + b"a" * 5000
    tg.peer.add_file("PHOTO_A", jpeg, file_path="photos/a.jpg")
    await up_to_the_photo(tg)
    await tg.post(tu.photo_update(tg.next_id(), RESIDENT, file_id="PHOTO_A"))
    assert await tg.keep_photos() == 1
    assert await tg.drain() == 1
    task = last_message_id(tg, MANAGER)
    tg.peer.fail("sendPhoto", status=400, description="Bad Request: wrong file identifier/HTTP URL specified")
    await press(tg, MANAGER, "case:photo:1", task)
    [refused, shown] = tg.peer.calls_of("sendPhoto")
    assert (refused.status, refused.params["photo"]) == (400, "PHOTO_A")
    assert shown.status == 200
    assert shown.params["photo"].data == jpeg
