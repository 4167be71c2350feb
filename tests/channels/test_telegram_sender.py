"""Pushes from the outbox to Telegram: limits, retries, blocked people, each row once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from bot.core.messages import Button, Reply, rows
from bot.models import OutboxStatus, Person
from bot.services.delivery import Drainer
from bot.channels.telegram.transport import TelegramSender
from tests.channels.telegram_harness import telegram_bot
from tests.helpers import outbox_row, push_to

CHAT = 8001


async def push(app, chat_id: int, text: str, buttons=()) -> int:  # noqa: ANN001
    return await push_to(app, "telegram", str(chat_id), Reply(text, buttons))


async def test_a_long_push_is_split_under_telegrams_limit_with_buttons_at_the_end(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        text = "\n".join(f"第{i}条：社区公告内容，请各位居民周知。" * 4 for i in range(120))
        await push(tg.runtime.app, CHAT, text, rows(Button("知道了", "menu")))
        assert await tg.drain() == 1
        calls = tg.peer.sent(CHAT)
        assert len(calls) >= 2
        assert all(len(call.params["text"]) <= 4096 for call in calls)
        assert "reply_markup" not in calls[0].params and calls[-1].params["reply_markup"]
        assert "".join(call.params["text"] for call in calls).count("第119条") == 4


async def test_flood_control_is_honoured_and_the_row_sent_once_later(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        tg.peer.fail("sendMessage", status=429, retry_after=7)
        row_id = await push(app, CHAT, "党日通知")
        await tg.drain()
        row = await outbox_row(app, row_id)
        assert row.status == OutboxStatus.pending and row.not_before == clock.now() + timedelta(seconds=7)
        assert await tg.drain() == 0  # not before the time Telegram asked for
        clock.advance(timedelta(seconds=8))
        assert await tg.drain() == 1
        assert tg.peer.texts(CHAT) == ["党日通知"]
        assert (await outbox_row(app, row_id)).status == OutboxStatus.sent


async def test_a_person_who_blocked_the_bot_is_marked_unreachable_and_not_retried(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        tg.peer.block(CHAT)
        first = await push(app, CHAT, "one")
        await tg.drain()
        assert (await outbox_row(app, first)).status == OutboxStatus.unreachable
        async with app.db.uow() as uow:
            person = (await uow.session.exec(select(Person).where(Person.channel_user_id == str(CHAT)))).one()
        assert person.unreachable_at is not None
        later = await push(app, CHAT, "two")
        assert (await outbox_row(app, later)).status == OutboxStatus.unreachable  # not even tried
        clock.advance(timedelta(hours=1))
        assert await tg.drain() == 0
        assert len(tg.peer.calls_of("sendMessage")) == 1


async def test_network_errors_are_retried_with_back_off(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        tg.peer.drop_connection("sendMessage", times=2)
        row_id = await push(app, CHAT, "提醒")
        await tg.drain()
        first_wait = (await outbox_row(app, row_id)).not_before - clock.now()
        clock.advance(first_wait)
        await tg.drain()
        second_wait = (await outbox_row(app, row_id)).not_before - clock.now()
        assert second_wait > first_wait > timedelta(0)
        clock.advance(second_wait)
        await tg.drain()
        assert (await outbox_row(app, row_id)).status == OutboxStatus.sent
        assert tg.peer.texts(CHAT) == ["提醒"]


async def test_two_drainers_deliver_every_row_exactly_once(db_url, clock):
    async with telegram_bot(db_url, clock) as tg:
        app = tg.runtime.app
        for i in range(40):
            await push(app, 9000 + i % 20, f"msg {i}")
        bot = tg.runtime.telegram.bot

        def drainer(name: str) -> Drainer:
            return Drainer(
                app.db, "telegram", TelegramSender(bot), rate_per_second=1000, chat_rate_per_second=1000,
                batch_size=7, worker=name,
            )

        async def drain_all(d: Drainer) -> None:
            while await d.run_once():
                pass

        await asyncio.gather(drain_all(drainer("a")), drain_all(drainer("b")))
        texts = [call.params["text"] for call in tg.peer.calls_of("sendMessage")]
        assert sorted(texts) == sorted(f"msg {i}" for i in range(40))


async def test_one_chat_is_sent_at_most_its_rate(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock, telegram_chat_rate_per_second=5) as tg:
        for i in range(3):
            await push(tg.runtime.app, CHAT, f"n{i}")
        await tg.drain()
        times = [call.at for call in tg.peer.calls_of("sendMessage")]
        assert len(times) == 3
        assert all(later - earlier >= 0.18 for earlier, later in zip(times, times[1:]))
