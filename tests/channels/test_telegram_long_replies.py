"""A reply in several parts meets Telegram's flood control: each part arrives once, checked at the Bot API peer."""

from __future__ import annotations

from datetime import timedelta

from bot.core.messages import Button, Reply, rows
from bot.models import OutboxStatus
from tests.channels.telegram_harness import telegram_bot
from tests.helpers import outbox_row, push_to

CHAT = 7701


async def test_a_long_push_whose_second_part_meets_flood_control_is_sent_whole_and_once(sqlite_url, clock):
    async with telegram_bot(sqlite_url, clock) as tg:
        tg.peer.rate_limit_per_second = 1  # as Telegram in one chat: a second message within the second is refused
        text = "\n".join(f"第{i}条：社区公告内容，请各位居民周知。" * 4 for i in range(60))
        row_id = await push_to(tg.runtime.app, "telegram", str(CHAT), Reply(text, rows(Button("知道了", "menu"))))
        await tg.drain()
        clock.advance(timedelta(minutes=5))
        await tg.drain()  # a retry, had the row been left pending
        assert (await outbox_row(tg.runtime.app, row_id)).status == OutboxStatus.sent
        parts = tg.peer.texts(CHAT)
        assert len(parts) == 2
        assert "".join(parts).count("第0条") == 4
        assert "".join(parts).count("第59条") == 4
        assert tg.peer.rate_limit_hits == 1
