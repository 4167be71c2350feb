"""The cost of one conversation turn, in process, by the kind of answer it gives.

    .venv/bin/python bench/turn.py [--turns 400] [--rounds 3]

Each turn is a first message from a new resident through the dispatcher
(person created, message recorded, understood, answered, dialog stored,
committed) on a SQLite file, without HTTP or a channel. Three kinds:

- answer: a question the bot answers outright (低保怎么办);
- choose: one it is unsure of, offering three services and 找工作人员
  (the unanswered-question log, a waiting case or handover looked up);
- book:   one naming a service to book (the two weeks' day list).

The baseline, measured in the same rounds, is the understanding of the
same question alone (Understander.understand): the part of a turn no
bookkeeping can remove. The cache of recent readings is off for both, so
every turn understands its question afresh. The figures are medians of
each kind's turns; the ratio is the turn over its question's understanding.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import uvloop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = {"answer": "低保怎么办", "choose": "老人有啥补贴", "book": "我想预约办居住证"}
# What each kind's answer shows, checked on every turn: if the knowledge base came to answer the unsure
# question outright, say, the "choose" figures would quietly measure an answer.
SHOWS = {"answer": "【最低生活保障申请】", "choose": "您问的是下面哪一项", "book": "请选日期"}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=400, help="turns of each kind per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from bot.app import build_app
    from bot.config import Settings
    from bot.core.messages import Inbound
    from bot.db import migrate
    from knowledge.understanding import Understander

    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/turns.db"
        await asyncio.to_thread(migrate.upgrade, url)
        app = await build_app(Settings(database_url=url, _env_file=None))  # type: ignore[call-arg]
        # Every turn understands its question afresh, as the baseline does: with the
        # cache of recent readings on, the turns would measure only the bookkeeping.
        app.understander = fresh = Understander(app.knowledge, cache_size=0)
        sender = 0
        turns: dict[str, list[float]] = {kind: [] for kind in KINDS}
        understood: dict[str, list[float]] = {kind: [] for kind in KINDS}
        try:
            for _ in range(args.rounds):
                for kind, text in KINDS.items():
                    for _ in range(args.turns):
                        sender += 1
                        message = Inbound(channel="wechat", user_id=f"u{sender}", text=text, message_id=f"m{sender}")
                        began = time.perf_counter()
                        replies = await app.dispatcher.handle(message)
                        turns[kind].append(time.perf_counter() - began)
                        assert replies and SHOWS[kind] in replies[0].text, f"{text} was not answered as {kind}: {replies}"
                        began = time.perf_counter()
                        fresh.understand(text)
                        understood[kind].append(time.perf_counter() - began)
        finally:
            await app.close()
    for kind, text in KINDS.items():
        turn, alone = statistics.median(turns[kind]) * 1000, statistics.median(understood[kind]) * 1000
        print(f"{kind:<7} {text:<14} turn {turn:6.3f} ms   understanding alone {alone:6.3f} ms   ratio {turn / alone:5.1f}")


if __name__ == "__main__":
    uvloop.run(main())
