"""Draining the outbox to a channel, within the platform's limits.

A drainer claims due rows (disjoint from other drainers), sends them
concurrently through the channel's sender while an overall and a per-chat
rate limiter hold it under the platform's limits, and records each outcome:
sent, retry later with back-off, unreachable, or failed for good.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import os
import socket
from collections import OrderedDict, deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from aiolimiter import AsyncLimiter

from bot.core.messages import Reply
from bot.db.uow import Database
from bot.models import OutboxMessage
from bot.services import outbox
from bot.services.background import keep_running

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sent:
    shortened: bool = False  # only part of it reached the person (a template message): shown whole when they write


@dataclass(frozen=True)
class Retry:
    after: timedelta | None  # None: use the drainer's back-off
    error: str
    # How many of the reply's parts the person now has, counting those of earlier attempts
    # (None: no news, the row keeps its count). The next attempt starts after them.
    parts_sent: int | None = None


@dataclass(frozen=True)
class Unreachable:
    reason: str


@dataclass(frozen=True)
class Failed:
    error: str


SendResult = Sent | Retry | Unreachable | Failed


class ClaimLost(Exception):
    """The row's lease ran out mid-send and another drainer took it: this one stops sending it."""


class Progress(Protocol):
    """Told, after each part of a reply in several but the last, how many parts the person has now."""

    async def __call__(self, parts_sent: int) -> None: ...


class Sender(Protocol):
    """What a channel provides to deliver one outbox row.

    A reply may go in parts (a long text's messages, then its photo or
    file). `parts_sent` of them were delivered by an earlier attempt and are
    skipped; a `Retry` says how many the person has now, so that a part that
    went before a later one failed is never sent again. A sender that takes
    `progress` calls it after each delivered part that is not the last, and
    the count is committed then: a drainer killed mid-send leaves at most
    the part in flight to be sent again. `progress` raises `ClaimLost` when
    the row is no longer this drainer's; the sender lets it through.
    """

    async def send(
        self, address: str, reply: Reply, kind: str, parts_sent: int = 0, progress: Progress | None = None
    ) -> SendResult: ...


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s … capped at 10 minutes."""
    return timedelta(seconds=min(600, 5 * 2 ** max(0, attempts - 1)))


class _PerChat:
    """One limiter per chat, keeping only the recently used ones."""

    def __init__(self, rate: float, keep: int = 10_000) -> None:
        self._rate = rate
        self._keep = keep
        self._limiters: OrderedDict[str, AsyncLimiter] = OrderedDict()

    def get(self, address: str) -> AsyncLimiter:
        limiter = self._limiters.pop(address, None) or AsyncLimiter(1, 1 / self._rate)
        self._limiters[address] = limiter
        if len(self._limiters) > self._keep:
            self._limiters.popitem(last=False)
        return limiter


class _Window:
    """At most `rate` sends start in any window of one second (how Telegram counts its ~30/s).

    A leaky bucket lets a burst of `rate` through on top of the steady rate,
    which a platform counting per second answers with 429; this never does.
    `margin` widens the window a little for the network's jitter.
    """

    def __init__(self, rate: float, margin: float = 0.02) -> None:
        if rate >= 1:
            self.limit, self.period = int(rate), 1.0 + margin
        else:
            self.limit, self.period = 1, (1.0 + margin) / rate
        self._starts: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> None:
        async with self._lock:
            loop = asyncio.get_running_loop()
            while len(self._starts) >= self.limit:
                wait = self._starts[0] + self.period - loop.time()
                if wait <= 0:
                    self._starts.popleft()
                else:
                    await asyncio.sleep(wait)
            self._starts.append(loop.time())

    async def __aexit__(self, *exc: object) -> None:
        return None


class Drainer:
    def __init__(
        self,
        db: Database,
        channel: str,
        sender: Sender,
        *,
        rate_per_second: float,
        chat_rate_per_second: float,
        batch_size: int = 100,
        max_attempts: int = 8,
        concurrency: int = 32,
        worker: str | None = None,
    ) -> None:
        self.db = db
        self.channel = channel
        self.sender = sender
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}:{channel}:{id(self):x}"
        self._overall = _Window(rate_per_second)
        self._per_chat = _PerChat(chat_rate_per_second)
        self._in_flight = asyncio.Semaphore(concurrency)
        self._sending: set[asyncio.Task[None]] = set()
        # A sender that never sends in parts (a test's, say) need not take `progress`.
        self._reports_parts = "progress" in inspect.signature(sender.send).parameters

    async def run_once(self) -> int:
        """Send one batch of due rows; returns how many were claimed."""
        async with self.db.uow() as uow:
            rows = await outbox.claim(uow, self.channel, self.worker, limit=self.batch_size)
        await asyncio.gather(*(self._deliver(row) for row in rows))
        return len(rows)

    async def run_forever(self, stop: asyncio.Event, idle_seconds: float = 1.0) -> None:
        await keep_running(self.run_once, stop, idle_seconds, f"draining the {self.channel} outbox")

    async def settle(self) -> None:
        """Wait for the sends already handed to the platform to be recorded (shutdown, tests)."""
        while self._sending:
            await asyncio.gather(*list(self._sending), return_exceptions=True)

    async def _deliver(self, row: OutboxMessage) -> None:
        async with self._in_flight:
            async with self._per_chat.get(row.address):
                async with self._overall:
                    # Once a send has started it runs to its record even if the drainer is
                    # stopped or cancelled meanwhile: a stop then neither loses a row nor
                    # sends one twice. Rows still waiting for the limiters stay claimed and
                    # are taken again when their lease runs out.
                    task = asyncio.ensure_future(self._send_and_record(row))
                    self._sending.add(task)
                    task.add_done_callback(self._sending.discard)
                    await asyncio.shield(task)

    async def _send_and_record(self, row: OutboxMessage) -> None:
        # Only a row some parts of which went carries the count: a sender that never sends in
        # parts (a test's, say) never reports one, and need not take it.
        resume: dict[str, object] = {"parts_sent": row.parts_sent} if row.parts_sent else {}
        if self._reports_parts:
            resume["progress"] = functools.partial(self._part_delivered, row)
        try:
            result = await self.sender.send(row.address, Reply.from_dict(row.payload), row.kind, **resume)
        except ClaimLost:
            log.warning("outbox row %s was taken by another drainer mid-send; left to it", row.id)
            return
        except Exception as exc:  # a sender bug must not lose the row
            log.exception("sending outbox row %s failed unexpectedly", row.id)
            result = Retry(None, f"{type(exc).__name__}: {exc}")
        await self.record(row, result)

    async def _part_delivered(self, row: OutboxMessage, parts_sent: int) -> None:
        """Commit how many parts of `row` the person has (a small commit, for pushes in several parts only)."""
        assert row.id is not None
        async with self.db.uow() as uow:
            if not await outbox.mark_progress(uow, row.id, self.worker, parts_sent=parts_sent):
                raise ClaimLost(str(row.id))

    async def record(self, row: OutboxMessage, result: SendResult) -> None:
        row_id = row.id
        assert row_id is not None
        async with self.db.uow() as uow:
            match result:
                case Sent(shortened=shortened):
                    await outbox.mark_sent(uow, row_id, self.worker, shortened=shortened)
                case Retry(after=after, error=error, parts_sent=parts_sent):
                    await outbox.mark_retry(
                        uow,
                        row_id,
                        self.worker,
                        after=after or backoff(row.attempts),
                        error=error,
                        max_attempts=self.max_attempts,
                        parts_sent=parts_sent,
                    )
                case Unreachable(reason=reason):
                    await outbox.mark_unreachable(uow, row_id, self.worker, reason=reason)
                case Failed(error=error):
                    await outbox.mark_failed(uow, row_id, self.worker, error=error)
