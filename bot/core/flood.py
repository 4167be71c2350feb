"""Flood control: one person sending too fast is slowed, not served at others' expense.

Counted in memory per process (a sliding minute per person): cheap on
every message, and with several processes behind a load balancer a person
gets at most that many times the limit, which still stops a runaway client.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=1)


class FloodGate:
    def __init__(self, limit_per_minute: int, keep: int = 50_000) -> None:
        self.limit = limit_per_minute
        self.keep = keep
        self._seen: OrderedDict[tuple[str, str], deque[datetime]] = OrderedDict()

    def check(self, key: tuple[str, str], now: datetime) -> str:
        """"ok", "first" (the message that crosses the limit: say so once) or "over" (stay quiet)."""
        times = self._seen.pop(key, None) or deque()
        self._seen[key] = times
        while times and now - times[0] >= WINDOW:
            times.popleft()
        times.append(now)
        if len(self._seen) > self.keep:
            self._seen.popitem(last=False)
        if len(times) <= self.limit:
            return "ok"
        return "first" if len(times) == self.limit + 1 else "over"
