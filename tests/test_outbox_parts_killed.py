"""A worker killed mid-send of a push in parts: the restart sends only what had not gone.

The count of parts delivered (`outbox.parts_sent`) used to be saved only
when a later part failed. A `resident-bot worker` killed (SIGKILL, an
out-of-memory kill, a power cut) after the first of three parts had reached
the person left the count at 0, and the next drainer sent all three again.
Now each part but the last is counted as it goes, in a commit of its own,
so a restart repeats at most the part that was in flight.

The worker here is a real process sending to the local Bot API peer; the
peer holds its second part of the push (in flight, never answered) while
the process is killed. A new drainer, once the dead one's lease ran out,
sends the rest. The per-part commit also tells a drainer whose lease ran
out mid-push that another took the row: it stops instead of sending the
rest alongside it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build_app
from bot.channels.telegram.transport import TelegramSender, make_bot
from bot.clock import FrozenClock, SystemClock
from bot.core.messages import Button, Reply, rows
from bot.models import OutboxStatus
from bot.services import outbox
from bot.services.delivery import Drainer
from tests.conftest import make_settings
from tests.helpers import outbox_row, push_to
from tests.peers.telegram import ApiError, TelegramPeer
from tests.peers.telegram_updates import DEFAULT_TOKEN

ROOT = Path(__file__).resolve().parents[1]
CHAT, WHOLE_CHAT = 8301, 8302
LONG = "\n".join(f"第{i}条：本周社区公告，请各位居民周知并转告家中老人。" for i in range(350))  # three parts or more
DONE = rows(Button("知道了", "menu"))


class Held:
    """The second sendMessage to `chat_id` stays in flight until `release`, then is refused: it never arrives."""

    def __init__(self, peer: TelegramPeer, chat_id: int) -> None:
        self.arrived, self.refused = asyncio.Event(), asyncio.Event()
        self._go = asyncio.Event()
        self._chat, self._seen = str(chat_id), 0
        canonical, self._original = peer._methods["sendmessage"]
        peer._methods["sendmessage"] = (canonical, self._send)

    async def _send(self, params: dict) -> object:
        if str(params.get("chat_id")) == self._chat:
            self._seen += 1
            if self._seen == 2:
                self.arrived.set()
                try:
                    await self._go.wait()
                    raise ApiError(502, "Bad Gateway")
                finally:
                    self.refused.set()
        return self._original(params)

    async def release(self) -> None:
        """Refuse the held call (its sender is gone) and wait until the peer has answered it."""
        self._go.set()
        if self.arrived.is_set():
            await self.refused.wait()


async def test_a_worker_killed_after_the_first_part_of_a_push_leaves_only_the_rest_to_send(db_url: str, tmp_path: Path):
    settings = make_settings(db_url, quiet_hours="off", auto_migrate=db_url.startswith("sqlite"))
    app = await build_app(settings, clock=SystemClock())
    try:
        row_id = await push_to(app, "telegram", str(CHAT), Reply(LONG, DONE))
    finally:
        await app.close()

    async with TelegramPeer(token=DEFAULT_TOKEN) as peer:
        held = Held(peer, CHAT)
        env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
        env.update(
            PYTHONPATH=str(ROOT),
            RESIDENT_BOT_DATABASE_URL=db_url,
            RESIDENT_BOT_TELEGRAM_TOKEN=DEFAULT_TOKEN,
            RESIDENT_BOT_TELEGRAM_API_URL=peer.url,
            RESIDENT_BOT_OUTBOX_IDLE_SECONDS="0.1",
            RESIDENT_BOT_QUIET_HOURS="off",
        )
        worker = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "worker", "--no-scheduler", env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            async with asyncio.timeout(60):
                await held.arrived.wait()  # the first part was delivered; the second is on its way
            worker.send_signal(signal.SIGKILL)
            await worker.wait()
        finally:
            if worker.returncode is None:
                worker.kill()
                await worker.wait()
            await held.release()
        first = peer.texts(CHAT)
        assert len(first) == 1

        # A new drainer, once the killed one's claim ran out.
        later = FrozenClock(datetime.now(UTC) + outbox.LEASE + timedelta(minutes=1))
        app = await build_app(make_settings(db_url, quiet_hours="off"), clock=later)
        try:
            row = await outbox_row(app, row_id)
            assert (row.status, row.parts_sent) == (OutboxStatus.sending, 1)  # left claimed by the dead worker
            await push_to(app, "telegram", str(WHOLE_CHAT), Reply(LONG, DONE))  # what the push looks like whole
            bot = make_bot(make_settings(db_url, telegram_token=DEFAULT_TOKEN, telegram_api_url=peer.url))
            async with bot:
                drainer = Drainer(app.db, "telegram", TelegramSender(bot, app.db), rate_per_second=30, chat_rate_per_second=1)
                assert await drainer.run_once() == 2
            row = await outbox_row(app, row_id)
        finally:
            await app.close()
        whole = peer.texts(WHOLE_CHAT)
        assert len(whole) >= 3 and first == whole[:1]
        assert row.status == OutboxStatus.sent
        assert peer.texts(CHAT) == whole  # every part once, in order: the first not again
        assert peer.sent(CHAT)[-1].params.get("reply_markup") is not None  # the buttons under the last part


async def test_a_drainer_whose_claim_ran_out_mid_push_stops_before_its_next_part(sqlite_url: str, clock: FrozenClock):
    """Its lease ran out while the first part was on its way and another drainer took the row: that one sends it.

    The first used to go on with every part while the second sent them too.
    """
    from tests.channels.telegram_harness import telegram_bot

    async with telegram_bot(sqlite_url, clock) as tg:
        app = tg.runtime.app
        canonical, original = tg.peer._methods["sendmessage"]
        taken: list[int] = []

        async def slow_first(params: dict) -> object:
            if not taken:  # the first part is slow to answer: the lease runs out, another drainer claims the row
                clock.advance(outbox.LEASE + timedelta(seconds=1))
                async with app.db.uow() as uow:
                    taken.extend(row.id for row in await outbox.claim(uow, "telegram", "other-drainer"))
            return original(params)

        tg.peer._methods["sendmessage"] = (canonical, slow_first)
        row_id = await push_to(app, "telegram", str(CHAT), Reply(LONG, DONE))
        assert await tg.drain() == 1
        assert taken == [row_id]
        assert len(tg.peer.texts(CHAT)) == 1  # the first part, and nothing more from the drainer that lost it
        row = await outbox_row(app, row_id)
        assert (row.status, row.claimed_by) == (OutboxStatus.sending, "other-drainer")
