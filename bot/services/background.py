"""The loop every background worker runs: a step, a pause when it found nothing, until told to stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def keep_running(step: Callable[[], Awaitable[int]], stop: asyncio.Event, idle_seconds: float, what: str) -> None:
    """Run `step` (which returns how much it did) until `stop`; sleep `idle_seconds` after a step that did nothing.

    A failing step (the database away for a moment) is logged and tried
    again after the pause: a worker that died would leave its work undone.
    """
    while not stop.is_set():
        try:
            done = await step()
        except Exception:
            log.exception("%s failed", what)
            done = 0
        if not done:
            try:
                await asyncio.wait_for(stop.wait(), idle_seconds)
            except TimeoutError:
                pass
