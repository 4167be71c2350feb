"""Draining the outbox to a channel, within the platform's limits.

A drainer claims due rows (disjoint from other drainers), sends them
concurrently through the channel's sender while an overall and a per-chat
rate limiter hold it under the platform's limits, and records each outcome:
sent, retry later with back-off, unreachable, or failed for good.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from aiolimiter import AsyncLimiter

from bot.core.messages import Reply
from bot.db.uow import Database
from bot.models import OutboxMessage
from bot.services import outbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sent:
    pass


@dataclass(frozen=True)
class Retry:
    after: timedelta | None  # None: use the drainer's back-off
    error: str


@dataclass(frozen=True)
class Unreachable:
    reason: str


@dataclass(frozen=True)
class Failed:
    error: str


SendResult = Sent | Retry | Unreachable | Failed


class Sender(Protocol):
    """What a channel provides to deliver one outbox row."""

    async def send(self, address: str, reply: Reply, kind: str) -> SendResult: ...


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
        self._overall = AsyncLimiter(max(1.0, rate_per_second), 1)
        self._per_chat = _PerChat(chat_rate_per_second)
        self._in_flight = asyncio.Semaphore(concurrency)

    async def run_once(self) -> int:
        """Send one batch of due rows; returns how many were claimed."""
        async with self.db.uow() as uow:
            rows = await outbox.claim(uow, self.channel, self.worker, limit=self.batch_size)
        await asyncio.gather(*(self._deliver(row) for row in rows))
        return len(rows)

    async def run_forever(self, stop: asyncio.Event, idle_seconds: float = 1.0) -> None:
        while not stop.is_set():
            try:
                claimed = await self.run_once()
            except Exception:  # the database went away for a moment: try again shortly
                log.exception("draining the %s outbox failed", self.channel)
                claimed = 0
            if not claimed:
                try:
                    await asyncio.wait_for(stop.wait(), idle_seconds)
                except TimeoutError:
                    pass

    async def _deliver(self, row: OutboxMessage) -> None:
        async with self._in_flight:
            async with self._per_chat.get(row.address):
                async with self._overall:
                    try:
                        result = await self.sender.send(row.address, Reply.from_dict(row.payload), row.kind)
                    except Exception as exc:  # a sender bug must not lose the row
                        log.exception("sending outbox row %s failed unexpectedly", row.id)
                        result = Retry(None, f"{type(exc).__name__}: {exc}")
        await self.record(row, result)

    async def record(self, row: OutboxMessage, result: SendResult) -> None:
        row_id = row.id
        assert row_id is not None
        async with self.db.uow() as uow:
            match result:
                case Sent():
                    await outbox.mark_sent(uow, row_id, self.worker)
                case Retry(after=after, error=error):
                    await outbox.mark_retry(
                        uow,
                        row_id,
                        self.worker,
                        after=after or backoff(row.attempts),
                        error=error,
                        max_attempts=self.max_attempts,
                    )
                case Unreachable(reason=reason):
                    await outbox.mark_unreachable(uow, row_id, self.worker, reason=reason)
                case Failed(error=error):
                    await outbox.mark_failed(uow, row_id, self.worker, error=error)
