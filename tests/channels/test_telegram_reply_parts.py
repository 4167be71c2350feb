"""A direct reply sent in parts, a later part refused (not flood control): no part the person has comes twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.channels.telegram import render
from tests.channels.telegram_harness import telegram_bot
from tests.channels.test_telegram_presses import payloads, press, say

RESIDENT = 7601


@pytest.fixture
async def tg(sqlite_url, clock, monkeypatch):
    monkeypatch.setattr(render, "CHUNK", 120)  # an ordinary answer goes in several parts
    async with telegram_bot(sqlite_url, clock) as harness:
        yield harness


def fail_after_the_first(tg, method: str) -> None:  # noqa: ANN001 - the harness
    """The first `method` goes through; the next one is refused with a 502, as a proxy in the way may."""
    canonical, original = tg.peer._methods[method.lower()]

    def first_then_fail(params):  # noqa: ANN001, ANN202
        tg.peer._methods[method.lower()] = (canonical, original)
        tg.peer.fail(method, status=502, description="Bad Gateway")
        return original(params)

    tg.peer._methods[method.lower()] = (canonical, first_then_fail)


async def test_the_rest_of_a_long_answer_goes_later_without_its_first_part_again(tg, clock):
    await say(tg, RESIDENT, "低保要带什么材料")  # once whole, to know what it looks like in parts
    whole = tg.peer.texts(RESIDENT)
    assert len(whole) >= 2
    tg.peer.reset()

    fail_after_the_first(tg, "sendMessage")
    await say(tg, RESIDENT, "低保要带什么材料")
    assert tg.peer.texts(RESIDENT) == whole[:1]  # the first part shown, the second refused
    clock.advance(timedelta(minutes=1))
    assert await tg.drain() == 1
    clock.advance(timedelta(minutes=10))
    await tg.drain()  # nothing left to send again
    assert tg.peer.texts(RESIDENT) == whole  # every part, each once, in order
    assert tg.peer.sent(RESIDENT)[-1].params.get("reply_markup") is not None  # the buttons under the last part


async def test_a_calendar_file_refused_after_its_text_goes_later_alone(tg, clock):
    """✅ 预约成功 shown, its .ics refused for now: the drainer sends the file, not the booking's text again."""
    await say(tg, RESIDENT, "低保要带什么材料")
    for data in ("book:minimum-living-allowance", "bk:mode:centre", "bk:day:20260303", "bk:slot:202603031030"):
        await press(tg, RESIDENT, data, 1)
    [confirm] = [data for data in payloads(tg.peer.message(RESIDENT, 1)) if data.startswith("bk:ok:")]
    tg.peer.fail("sendDocument", status=502, description="Bad Gateway")
    await press(tg, RESIDENT, confirm, 1)
    booked = [text for text in tg.peer.texts(RESIDENT) if "预约成功" in text]
    assert booked
    clock.advance(timedelta(minutes=1))
    assert await tg.drain() == 1
    assert [text for text in tg.peer.texts(RESIDENT) if "预约成功" in text] == booked  # not again
    [refused, sent] = tg.peer.calls_of("sendDocument")
    assert (refused.status, sent.status) == (502, 200)
    assert sent.params["document"].filename.endswith(".ics")
