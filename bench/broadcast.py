"""A notice to many recipients through the outbox to a local Telegram Bot API peer.

1. Enqueue: the Party-day path (the members are looked up, one notice row
   and one outbox row per member in bulk) for N recipients; time and peak
   memory (tracemalloc, Python allocations during the enqueue).
2. Drain with the platform limit off: one drainer (rate limits lifted)
   sends all N rows to the peer; rows per second.
3. Drain with Telegram's limit on: the peer refuses more than 30 calls in
   any second (429 + retry_after, as Telegram does) and the drainer runs
   at RESIDENT_BOT_TELEGRAM_RATE_PER_SECOND=30; the achieved rate over M
   rows as a fraction of 30.

The peer runs in its own process (`python -m tests.peers.telegram --quiet`),
so it does not share the drainer's event loop.

Run: `.venv/bin/python bench/broadcast.py [--recipients 100000] [--limited 1800]
[--database-url URL]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import build_app  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.core.messages import Button, Reply, rows  # noqa: E402
from bot.models import Role  # noqa: E402
from bot.runtime import Runtime, add_telegram_sender  # noqa: E402
from bot.services import notices  # noqa: E402
from tests.asgi_server import free_port  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.peers.telegram_updates import DEFAULT_TOKEN  # noqa: E402
from tests.scheduler.common import add_people  # noqa: E402

TEXT = (
    "【主题党日通知】今天是主题党日，请准时参加。\n主题：学习贯彻党的二十届四中全会精神\n"
    "时间：4月10日（周五）09:00\n地点：文峰社区党群服务中心二楼会议室\n请点“报名参加”，或回复“报名”。"
)


def start_peer(rate_limit: int | None) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    args = [sys.executable, "-m", "tests.peers.telegram", "--port", str(port), "--token", DEFAULT_TOKEN, "--quiet"]
    if rate_limit:
        args += ["--rate-limit", str(rate_limit)]
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if "listening" not in line:
        raise RuntimeError(f"the peer did not start: {line!r}")
    return process, f"http://127.0.0.1:{port}"


async def peer_stats(url: str) -> dict:
    async with httpx.AsyncClient() as client:
        return (await client.get(f"{url}/_peer/stats")).json()


async def enqueue(app, count: int, *, traced: bool = False) -> tuple[int, float, float]:  # noqa: ANN001
    """Returns (notice id, seconds, peak MiB of Python allocations or 0).

    The traced run (tracemalloc slows allocation several times) is rolled
    back, so the time comes from an untraced run and memory from a traced one.
    """
    reply = Reply(TEXT, rows(Button("报名参加", "pd:join:1"), Button("请假", "pd:leave:1"), per_row=2))
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    async with app.db.uow() as uow:
        members = await notices.role_holders(uow, Role.party_member, community_id="wenfeng")
        notice = await notices.enqueue(
            uow, kind="partyday_notice", audience="role:party_member@wenfeng", text=TEXT, people=members,
            reply_for=lambda _: reply, community_id="wenfeng", urgent=True, commit=not traced,
        )
    elapsed = time.perf_counter() - started
    peak = 0.0
    if traced:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    assert notice is not None and notice.recipients == count, notice
    return notice.id, elapsed, peak  # type: ignore[return-value]


async def drain(app, peer_url: str, notice_id: int, total: int, **limits: float) -> tuple[float, dict]:  # noqa: ANN001
    """Drain until every row of the notice is settled; returns (seconds, report counts)."""
    app.settings.telegram_api_url = peer_url
    for key, value in limits.items():
        setattr(app.settings, key, value)
    runtime = Runtime(app)
    await add_telegram_sender(runtime)
    drainer = runtime.drainers[0]
    task = asyncio.create_task(drainer.run_forever(runtime.stop, idle_seconds=0.05))
    while True:
        await asyncio.sleep(0.5)
        async with app.db.uow() as uow:
            report = await notices.report(uow, notice_id)
        if report.pending == 0:
            break
    await runtime.stop_background()
    task.cancel()
    await runtime.close()
    from sqlalchemy import func
    from sqlmodel import select

    from bot.models import OutboxMessage

    async with app.db.uow() as uow:  # first to last delivery, as recorded
        first, last = (
            await uow.session.exec(
                select(func.min(OutboxMessage.sent_at), func.max(OutboxMessage.sent_at)).where(
                    OutboxMessage.notice_id == notice_id
                )
            )
        ).one()
    from bot.db.types import UTCDateTime

    first, last = (UTCDateTime().process_result_value(v, None) for v in (first, last))
    elapsed = (last - first).total_seconds() * report.sent / max(1, report.sent - 1)
    return elapsed, {"sent": report.sent, "failed": report.failed, "unreachable": report.unreachable}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--limited", type=int, default=1800, help="rows sent with the 30/s limit on (default: a minute's worth)")
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="broadcast-")
    url = args.database_url or f"sqlite+aiosqlite:///{folder}/bench.db"
    settings = make_settings(
        url, auto_migrate=True, outbox_batch_size=500, quiet_hours="off", telegram_token=DEFAULT_TOKEN, scheduler_enabled=False
    )
    app = await build_app(settings, clock=SystemClock())
    print(f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"database: {url.split('://')[0]}")
    try:
        await add_people(app, args.recipients, role=Role.party_member, start=10_000_000)
        _, _, peak = await enqueue(app, args.recipients, traced=True)
        notice_id, seconds, _ = await enqueue(app, args.recipients)
        print(f"enqueue {args.recipients:,} recipients: {seconds:.2f} s ({args.recipients / seconds:,.0f} rows/s), "
              f"peak Python memory {peak:.1f} MiB")

        peer, peer_url = start_peer(None)
        try:
            elapsed, counts = await drain(
                app, peer_url, notice_id, args.recipients, telegram_rate_per_second=1000, telegram_chat_rate_per_second=100
            )
            stats = await peer_stats(peer_url)
        finally:
            peer.terminate()
            peer.wait()
        print(f"drain, limit off: {counts['sent']:,} sent in {elapsed:.1f} s = {counts['sent'] / elapsed:,.0f} rows/s "
              f"(failed {counts['failed']}, unreachable {counts['unreachable']}, peer saw {stats['counts'].get('sendMessage', 0):,})")

        async with app.db.uow() as uow:  # a second notice to the first `limited` members
            members = (await notices.role_holders(uow, Role.party_member, community_id="wenfeng"))[: args.limited]
            limited = await notices.enqueue(
                uow, kind="announcement", audience="bench", text="x", people=members, urgent=True,
                reply_for=lambda _: Reply("社区通知：周六上午大扫除"), community_id="wenfeng",
            )
        peer, peer_url = start_peer(30)
        try:
            elapsed, counts = await drain(
                app, peer_url, limited.id, args.limited, telegram_rate_per_second=30, telegram_chat_rate_per_second=1
            )
            stats = await peer_stats(peer_url)
        finally:
            peer.terminate()
            peer.wait()
        rate = counts["sent"] / elapsed
        print(f"drain, 30/s limit on: {counts['sent']:,} sent in {elapsed:.1f} s = {rate:.2f} rows/s = "
              f"{rate / 30:.3f} of the limit (429s from the peer: {stats.get('rate_limit_hits', 0)})")
        print(f"peak RSS of the benchmark process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
        async with app.db.uow() as uow:
            left = await notices.report(uow, notice_id)
        assert left.pending == 0
    finally:
        await app.close()


if __name__ == "__main__":
    asyncio.run(main())
