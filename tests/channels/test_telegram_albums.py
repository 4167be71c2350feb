"""An album (photos picked together, one update each) answered once, none of its photos lost, at the Bot API peer."""

from __future__ import annotations

from typing import Any

import pytest

from bot.services.cases.info_pushes import WINDOW
from tests.channels.telegram_harness import SECRET, Telegram, telegram_bot
from tests.channels.test_telegram_presses import MANAGER, RESIDENT, last_message_id, payloads, press, say, up_to_the_photo
from tests.peers import telegram_updates as tu

ALBUM = "13572468135724681"


@pytest.fixture
async def tg(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as harness:
        harness.runtime.telegram.albums.quiet = 0.3  # type: ignore[union-attr]
        yield harness


def album_part(update_id: int, file_id: str) -> dict[str, Any]:
    update = tu.photo_update(update_id, RESIDENT, file_id=file_id)
    update["message"]["media_group_id"] = ALBUM
    return update


async def deliver(tg: Telegram, update: dict[str, Any]) -> None:
    """As Telegram posts an album: each part as soon as the webhook answered the one before."""
    response = await tg.client.post("/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert response.status_code == 200


async def test_an_album_at_the_photo_question_gets_one_answer_and_every_photo_reaches_the_task(tg, clock):
    for file_id in ("ALBUM_A", "ALBUM_B", "ALBUM_C"):
        tg.peer.add_file(file_id, b"\xff\xd8\xff" + file_id.encode() * 500, file_path=f"photos/{file_id}.jpg")
    await up_to_the_photo(tg)
    asked = len(tg.peer.texts(RESIDENT))
    parts = [album_part(tg.next_id(), file_id) for file_id in ("ALBUM_A", "ALBUM_B", "ALBUM_C")]
    for part in parts:
        await deliver(tg, part)
    await deliver(tg, parts[1])  # Telegram's retry of a part, before the album was answered
    await tg.settle()
    await deliver(tg, parts[2])  # and one after
    await tg.settle()

    [answer] = tg.peer.texts(RESIDENT)[asked:]
    assert "诉求已提交，编号 #1" in answer
    assert "现有 3 张照片" in answer
    assert {"cs:list", "cs:view:1"} <= set(payloads(tg.peer.sent(RESIDENT)[-1].params))

    told_before = len(tg.peer.texts(MANAGER))
    clock.advance(WINDOW)  # the new case's push waited a few seconds for the rest of the album
    await tg.drain()
    [told] = tg.peer.texts(MANAGER)[told_before:]  # one push for the album, not one per photo
    assert "【新诉求 #1】" in told and "居民随后补充：📷 2 张照片" in told, told
    task = next(mid for mid in sorted(mid for chat, mid in tg.peer._messages if chat == MANAGER)
                if "case:photo:1" in payloads(tg.peer.message(MANAGER, mid)))
    shown_before = len(tg.peer.calls_of("sendPhoto"))
    await tg.post(tu.callback_update(tg.next_id(), MANAGER, "case:photo:1", message_id=task))
    shown = [call.params["photo"] for call in tg.peer.calls_of("sendPhoto")[shown_before:] if call.status == 200]
    assert shown == ["ALBUM_A", "ALBUM_B", "ALBUM_C"]  # each once: the retries added none


async def test_an_album_sent_before_the_problem_is_described_is_answered_once_with_its_count(tg):
    """Photos first, words after: one 照片收到了（这是第 3 张）, the question asked once, all three filed."""
    await say(tg, RESIDENT, "反映问题")
    await press(tg, RESIDENT, "pf:agree", last_message_id(tg, RESIDENT))
    for text in ("王建国", "13812345678"):
        await say(tg, RESIDENT, text)
    await press(tg, RESIDENT, "cs:cat:facilities", last_message_id(tg, RESIDENT))
    asked = len(tg.peer.texts(RESIDENT))
    for file_id in ("EARLY_A", "EARLY_B", "EARLY_C"):
        await deliver(tg, album_part(tg.next_id(), file_id))
    await tg.settle()
    [answer] = tg.peer.texts(RESIDENT)[asked:]
    assert "第 3 张" in answer and answer.count("请再用文字说说") == 1, answer
