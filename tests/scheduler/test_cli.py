"""`resident-bot worker`, `partyday` and `announce` as an operator runs them."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_app
from bot.clock import SystemClock
from bot.core.messages import Reply
from bot.models import Role
from bot.services import notices
from tests.conftest import make_settings
from tests.peers.telegram import TelegramPeer
from tests.peers.telegram_updates import DEFAULT_TOKEN
from tests.scheduler.common import add_people
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[2]


def _next_party_day() -> str:
    now = datetime.now(UTC)
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return f"{year}-{month:02d}-10 09:00"


def test_partyday_set_show_and_a_worker_tick_from_the_command_line(tmp_path: Path):
    when = _next_party_day()
    code = run(["invite", "--role", "party_member"], tmp_path).stdout.splitlines()[0]
    run(["chat", "--user", "member"], tmp_path, stdin=f"绑定 {code}\n")

    missing = run(["partyday", "set", "--theme", "学习", "--time", "下周", "--place", "会议室"], tmp_path)
    assert missing.returncode != 0 and "请写明日期和时间" in missing.stderr

    result = run(
        ["partyday", "set", "--theme", "学习贯彻全会精神", "--time", when, "--place", "党群服务中心二楼"], tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "已保存" in result.stdout and "学习贯彻全会精神" in result.stdout

    shown = run(["partyday", "show", "--month", when[:7]], tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "党群服务中心二楼" in shown.stdout and "未回复" in shown.stdout and "控制台用户…mber\t未回复" in shown.stdout

    once = run(["worker", "--once"], tmp_path)
    assert once.returncode == 0, once.stderr
    assert "partyday\t" in once.stdout and "digest\t" in once.stdout

    preview = run(["announce", "周六大扫除", "--role", "party_member"], tmp_path)
    assert preview.returncode == 0, preview.stderr
    assert "共 1 人" in preview.stdout and "只是预览" in preview.stdout
    sent = run(["announce", "周六大扫除", "--role", "party_member", "--yes", "--urgent"], tmp_path)
    assert sent.returncode == 0 and "已排队发送给 1 人" in sent.stdout
    later = run(["chat", "--user", "member"], tmp_path, stdin="")
    assert "周六大扫除" in later.stdout
    report = run(["announce", "report"], tmp_path)
    assert "sent 1" in report.stdout

    empty = run(["announce", "通知", "--role", "volunteer", "--yes"], tmp_path)
    assert empty.returncode != 0 and "还没有能收到推送的人" in empty.stderr


async def test_the_worker_drains_the_outbox_to_telegram_and_stops_cleanly_on_sigterm(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    app = await build_app(make_settings(url, auto_migrate=True), clock=SystemClock())
    try:
        await add_people(app, 25, role=Role.party_member, start=50_000)
        async with app.db.uow() as uow:
            members = await notices.role_holders(uow, Role.party_member, community_id="wenfeng")
            await notices.enqueue(
                uow, kind="announcement", audience="test", text="x", people=members, urgent=True,
                reply_for=notices.per_language(lambda texts: Reply("社区通知")), community_id="wenfeng",
            )
    finally:
        await app.close()

    async with TelegramPeer(token=DEFAULT_TOKEN) as peer:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
        env.update(
            PYTHONPATH=str(ROOT),
            RESIDENT_BOT_DATABASE_URL=url,
            RESIDENT_BOT_TELEGRAM_TOKEN=DEFAULT_TOKEN,
            RESIDENT_BOT_TELEGRAM_API_URL=peer.url,
            RESIDENT_BOT_OUTBOX_IDLE_SECONDS="0.1",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "worker", env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        seen: list[bytes] = []
        try:
            async with asyncio.timeout(60):
                while len(peer.calls_of("sendMessage")) < 25:
                    await asyncio.sleep(0.05)
                while not any(b"this process runs the scheduler" in line for line in seen):
                    seen.append(await process.stderr.readline())  # the election may finish after delivery
        finally:
            process.send_signal(signal.SIGTERM)
            _, rest = await asyncio.wait_for(process.communicate(), 30)
        err = b"".join(seen) + rest
        assert process.returncode == 0, err.decode()
        assert DEFAULT_TOKEN not in err.decode()
        chats = sorted(call.params["chat_id"] for call in peer.calls_of("sendMessage"))
        assert chats == list(range(50_000, 50_025))
