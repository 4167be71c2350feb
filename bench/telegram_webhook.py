"""Text questions through POST /telegram/webhook, end to end, beside a bare PTB echo bot.

Both servers run as their own process (uvicorn, one worker) against the same
local Bot API peer, which runs in this process and counts sendMessage calls.
The load comes from bench/http_load.py (pre-rendered requests on raw
keep-alive connections), light enough that the servers are what is measured.
Throughput: N updates from many residents posted with C in flight, timed
until the peer has received N answers. Latency: one update at a time, from
the POST until its answer reaches the peer (so it includes sendMessage).

    .venv/bin/python bench/telegram_webhook.py [--updates 3000] [--concurrency 32] [--probes 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import uvloop
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import http_load  # noqa: E402
from tests.asgi_server import free_port  # noqa: E402
from tests.peers import telegram_updates as tu  # noqa: E402
from tests.peers.telegram import TelegramPeer  # noqa: E402
from tests.peers.telegram_updates import DEFAULT_TOKEN  # noqa: E402

SECRET = "bench-secret"


def questions() -> list[str]:
    data = yaml.safe_load((ROOT / "tests/data/understand_labelled.yaml").read_text(encoding="utf-8"))
    return [q["q"] for q in data["questions"] if q["intent"] == "service"]


async def wait_for_answers(peer: TelegramPeer, target: int, timeout: float = 120) -> None:
    deadline = time.perf_counter() + timeout
    while peer.counts["sendMessage"] < target:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"only {peer.counts['sendMessage']} of {target} answers arrived")
        await asyncio.sleep(0.0005)


async def wait_up(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(400):
            try:
                await client.post(url, content=b"{}")
                return
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


async def measure(
    name: str, url: str, peer: TelegramPeer, args: argparse.Namespace, chat_base: int, pid: int
) -> dict[str, float]:
    texts = questions()
    target = urlsplit(url)
    host, port = target.hostname or "127.0.0.1", target.port or 80

    def rendered(update_id: int, chat_id: int, text: str) -> bytes:
        body = json.dumps(tu.text_update(update_id, chat_id, text)).encode()
        return http_load.render_post(host, port, target.path, {}, body, content_type="application/json",
                                     headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})

    # warm-up: imports, connection pools, the first database pages
    start_count = peer.counts["sendMessage"]
    warm = [rendered(chat_base + i, chat_base + i, texts[i % len(texts)]) for i in range(50)]
    await http_load.run(host, port, warm, 1, accepted)
    await wait_for_answers(peer, start_count + 50)

    start_count = peer.counts["sendMessage"]
    load = [rendered(chat_base + 1000 + i, chat_base + 100_000 + i, texts[i % len(texts)]) for i in range(args.updates)]
    began, cpu_before, client_before = time.perf_counter(), http_load.process_cpu_seconds(pid), time.process_time()
    await http_load.run(host, port, load, args.concurrency, accepted)
    await wait_for_answers(peer, start_count + args.updates)
    elapsed, cpu_after, client_after = time.perf_counter() - began, http_load.process_cpu_seconds(pid), time.process_time()

    latencies: list[float] = []
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for i in range(args.probes):
            answers = peer.counts["sendMessage"] + 1
            update = rendered(chat_base + 500_000 + i, chat_base + 600_000 + i, texts[i % len(texts)])
            sent = time.perf_counter()
            await http_load.exchange(reader, writer, update)
            await wait_for_answers(peer, answers)
            latencies.append(time.perf_counter() - sent)
    finally:
        writer.close()
    latencies.sort()
    result = {
        "rate": args.updates / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "cpu": (cpu_after - cpu_before) / args.updates * 1000 if cpu_before is not None and cpu_after is not None else 0.0,
        "client": (client_after - client_before) / args.updates * 1000,
    }
    print(f"{name:<28} {result['rate']:8.0f} updates/s   p50 {result['p50']:6.1f} ms   p99 {result['p99']:6.1f} ms"
          f"   server CPU {result['cpu']:.2f} ms/update   (load and Bot API peer {result['client']:.2f} ms/update)")
    return result


def accepted(body: bytes) -> bool:
    return True  # a 200 is all a webhook answers; the answer itself reaches the peer


def start(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--updates", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--probes", type=int, default=300)
    parser.add_argument(
        "--database-url",
        help="the bot's database (default: a fresh SQLite file); e.g. postgresql+asyncpg://postgres@127.0.0.1/bench",
    )
    args = parser.parse_args()

    print(f"database: {(args.database_url or 'SQLite (fresh file)').split('@')[-1]}")
    print(f"machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
          f"{args.updates} updates, {args.concurrency} in flight; latency over {args.probes} sequential updates")
    async with TelegramPeer(token=DEFAULT_TOKEN, quiet=True) as peer:
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
        base_env["PYTHONPATH"] = str(ROOT)
        with tempfile.TemporaryDirectory() as tmp:
            bot_port, echo_port = free_port(), free_port()
            bot_env = dict(
                base_env,
                RESIDENT_BOT_DATABASE_URL=args.database_url or f"sqlite+aiosqlite:///{tmp}/bench.db",
                RESIDENT_BOT_AUTO_MIGRATE="true",
                RESIDENT_BOT_TELEGRAM_TOKEN=DEFAULT_TOKEN,
                RESIDENT_BOT_TELEGRAM_WEBHOOK_SECRET=SECRET,
                RESIDENT_BOT_TELEGRAM_API_URL=peer.url,
                RESIDENT_BOT_LOG_LEVEL="WARNING",
                RESIDENT_BOT_FLOOD_LIMIT_PER_MINUTE="1000",
            )
            echo_env = dict(base_env, TOKEN=DEFAULT_TOKEN, API_URL=peer.url)
            bot = start([sys.executable, "-m", "bot.cli", "serve", "--port", str(bot_port)], bot_env, Path(tmp))
            echo = start(
                [sys.executable, "-m", "uvicorn", "bench.ptb_echo:app", "--port", str(echo_port), "--log-level", "warning"],
                echo_env,
                ROOT,
            )
            try:
                await wait_up(f"http://127.0.0.1:{bot_port}/healthz")
                await wait_up(f"http://127.0.0.1:{echo_port}/telegram/webhook")
                ours = await measure("resident-bot (full turn)", f"http://127.0.0.1:{bot_port}/telegram/webhook", peer,
                                     args, 10_000_000, bot.pid)
                bare = await measure("bare PTB echo bot", f"http://127.0.0.1:{echo_port}/telegram/webhook", peer,
                                     args, 20_000_000, echo.pid)
            finally:
                for process in (bot, echo):
                    process.terminate()
                    process.wait(30)
    print(f"ratio resident-bot / bare echo: throughput {ours['rate'] / bare['rate']:.2f}, "
          f"p50 latency {ours['p50'] / bare['p50']:.2f}"
          + (f", server CPU per update {ours['cpu'] / bare['cpu']:.2f}" if bare["cpu"] else ""))
    print(f"targets: >= 300 updates/s ({'met' if ours['rate'] >= 300 else 'NOT met'}), "
          f">= 0.5 x echo ({'met' if ours['rate'] >= 0.5 * bare['rate'] else 'NOT met'})")


if __name__ == "__main__":
    uvloop.run(main())
