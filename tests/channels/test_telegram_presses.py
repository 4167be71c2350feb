"""Button presses played as the people who press them, checked at the Bot API peer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.models import Role
from bot.services import roles
from tests.channels.telegram_harness import Telegram, telegram_bot
from tests.peers import telegram_updates as tu

RESIDENT = 7401
MANAGER = 7402


@pytest.fixture
async def tg(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as harness:
        yield harness


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


async def task_pushed_to_the_manager(tg: Telegram) -> int:
    """A resident files a complaint in 锦华园; returns the id of the task message the manager got."""
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
