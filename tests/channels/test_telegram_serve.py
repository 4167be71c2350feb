"""`resident-bot serve` and `resident-bot telegram …` as an operator runs them, against the peer."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from bot.web import create_web_app
from tests.asgi_server import free_port, serving
from tests.channels.telegram_harness import SECRET
from tests.conftest import make_settings
from tests.peers import telegram_updates as tu
from tests.helpers import run_cli
from tests.peers.telegram import TelegramPeer
from tests.peers.telegram_updates import DEFAULT_TOKEN

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, peer: TelegramPeer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
    env.update(
        PYTHONPATH=str(ROOT),
        RESIDENT_BOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        RESIDENT_BOT_TELEGRAM_TOKEN=DEFAULT_TOKEN,
        RESIDENT_BOT_TELEGRAM_WEBHOOK_SECRET=SECRET,
        RESIDENT_BOT_TELEGRAM_API_URL=peer.url,
    )
    return env


class Served:
    """A `resident-bot serve` process and a client for it; `log` is its stderr once it has stopped."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.log = ""

    async def post_update(self, update: dict) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        return (await self.client.post("/telegram/webhook", json=update, headers=headers)).status_code


STARTUP_SECONDS = 60


@asynccontextmanager
async def served(tmp_path: Path, peer: TelegramPeer, **env: str) -> AsyncIterator[Served]:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "serve", "--port", str(port),
        env={**_env(tmp_path, peer), **env}, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    server: Served | None = None
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            # A loaded machine (CI beside other work) can take well over ten seconds to import and start
            # the server: wait for it, and say so plainly if it never comes up, not with a later ConnectError.
            deadline = asyncio.get_running_loop().time() + STARTUP_SECONDS
            while True:
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.returncode is not None or asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(f"resident-bot serve did not come up within {STARTUP_SECONDS} s")
                await asyncio.sleep(0.05)
            server = Served(client)
            yield server
    finally:
        process.terminate()
        _, err = await asyncio.wait_for(process.communicate(), 30)
        if server is not None:
            server.log = err.decode()


async def test_serve_answers_a_webhook_update_by_calling_send_message(tmp_path: Path):
    async with TelegramPeer(token=DEFAULT_TOKEN) as peer:
        async with served(tmp_path, peer) as server:
            update = tu.text_update(501, 4242, "高龄津贴怎么申请")
            assert await server.post_update(update) == 200
            assert await server.post_update(update) == 200
            await until(lambda: bool(peer.texts(4242)))
        # served() has stopped the server, which sends what it still had to: a wrong second answer is in by now
        assert len(peer.texts(4242)) == 1
        assert "【高龄津贴申请】" in peer.texts(4242)[0]
    assert DEFAULT_TOKEN not in server.log  # the token never reaches the logs


async def test_set_webhook_registers_the_secret_and_publishes_both_command_menus(tmp_path: Path):
    async with TelegramPeer(token=DEFAULT_TOKEN) as peer:
        code, out, err = await run_cli(
            "telegram", "set-webhook", "https://bot.example.org/telegram/webhook", env=_env(tmp_path, peer), cwd=tmp_path
        )
        assert code == 0, err
        [call] = peer.calls_of("setWebhook")
        assert call.params["url"] == "https://bot.example.org/telegram/webhook"
        assert call.params["secret_token"] == SECRET
        assert call.params["allowed_updates"] == ["message", "edited_message", "callback_query", "my_chat_member"]
        zh = {c["command"]: c["description"] for c in peer.commands_for("")}
        en = {c["command"]: c["description"] for c in peer.commands_for("en")}
        assert zh["guide"] == "办事指南" and en["guide"] == "Service guide"
        assert set(zh) == set(en)

        code, out, err = await run_cli("telegram", "set-webhook", "http://insecure", env=_env(tmp_path, peer), cwd=tmp_path)
        assert code == 2 and "https" in err


@asynccontextmanager
async def polling_bot(sqlite_url: str, clock) -> AsyncIterator[TelegramPeer]:  # noqa: ANN001
    """The web app with `--telegram-polling`, fetching from a local Bot API peer."""
    async with TelegramPeer(token=DEFAULT_TOKEN) as peer:
        settings = make_settings(
            sqlite_url, telegram_token=DEFAULT_TOKEN, telegram_api_url=peer.url, outbox_idle_seconds=60
        )
        async with serving(create_web_app(settings, clock=clock, telegram_polling=True)):
            yield peer


async def until(condition: Callable[[], bool], *, seconds: float = 15.0) -> None:
    """Wait until `condition` holds (or the time is up: the assertions after it then say what is missing)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)


async def answered(peer: TelegramPeer, chat_id: int, count: int, *, seconds: float = 15.0) -> list[str]:
    """The texts sent to `chat_id`, once there are `count` of them (or the time is up)."""
    await until(lambda: len(peer.texts(chat_id)) >= count, seconds=seconds)
    return peer.texts(chat_id)


async def test_polling_answers_updates_without_a_webhook(sqlite_url, clock):
    async with polling_bot(sqlite_url, clock) as peer:
        peer.queue_update(tu.text_update(601, 5151, "你好"))
        peer.queue_update(tu.text_update(602, 5151, "帮助"))
        texts = await answered(peer, 5151, 2)
    assert "有什么可以帮您" in texts[0] and "怎么用我" in texts[1]
    assert peer.calls_of("deleteWebhook")


async def test_polling_carries_on_past_an_update_it_cannot_read(sqlite_url, clock):
    """One update the library cannot parse must not take the batch, or the polling, down with it."""
    async with polling_bot(sqlite_url, clock) as peer:
        peer.queue_update(tu.text_update(701, 5252, "你好"))
        peer.queue_update({"update_id": 702, "message": {"message_id": 9, "date": 1, "chat": {"type": "private"}}})
        peer.queue_update({"update_id": 703, "message": "not a message"})
        peer.queue_update(tu.text_update(704, 5252, "帮助"))
        await answered(peer, 5252, 2)
        peer.queue_update(tu.text_update(705, 5252, "菜单"))  # and it is still polling
        texts = await answered(peer, 5252, 3)
        await until(lambda: any(int(c.params.get("offset", 0)) > 705 for c in peer.calls_of("getUpdates")))
    assert "有什么可以帮您" in texts[0] and "怎么用我" in texts[1] and "请选择" in texts[2]
    assert peer.updates == []  # every update confirmed, the unreadable ones too


async def test_at_debug_level_the_log_shows_no_message_a_resident_exchanged(tmp_path: Path):
    """RESIDENT_BOT_LOG_LEVEL=DEBUG is for the bot's own workings; the Bot API library would log every text."""
    async with TelegramPeer(token=DEFAULT_TOKEN) as peer:
        async with served(tmp_path, peer, RESIDENT_BOT_LOG_LEVEL="DEBUG") as server:
            updates = [
                tu.text_update(801, 4343, "/me"),
                tu.callback_update(802, 4343, "me:edit", message_id=1),
                tu.callback_update(803, 4343, "pf:agree", message_id=1),
                *(tu.text_update(804 + i, 4343, text) for i, text in enumerate(["王建国", "13812345678", "锦华园B座", "1单元", "1102"])),
            ]
            for update in updates:
                assert await server.post_update(update) == 200
                turns = update["update_id"] - 800
                await until(lambda: len(peer.sent(4343)) >= turns, seconds=5)  # one turn after the other, as a person types
        assert "锦华园B座 1单元 1102" in peer.texts(4343)[-1]
    assert "DEBUG" in server.log  # the level took effect
    assert "王建国" not in server.log and "锦华园" not in server.log and "1102" not in server.log
    assert DEFAULT_TOKEN not in server.log


async def test_polling_survives_a_failing_database_and_handles_the_update_once_it_is_back(sqlite_url, clock, caplog):
    """An error outside a turn (the database away while a block is recorded) must not end the polling."""
    import sqlite3

    from bot.config import sqlite_path

    path = sqlite_path(sqlite_url)
    async with polling_bot(sqlite_url, clock) as peer:
        peer.queue_update(tu.text_update(801, 6262, "你好"))
        await answered(peer, 6262, 1)
        with sqlite3.connect(path) as broken:
            broken.execute("ALTER TABLE outbox RENAME TO outbox_away")
        peer.queue_update(tu.my_chat_member_update(802, 6262, new_status="kicked"))  # she blocks the bot
        await until(lambda: "telegram update 802 failed" in caplog.text)
        assert "telegram update 802 failed" in caplog.text  # the failure happened, and polling goes on
        with sqlite3.connect(path) as mended:
            mended.execute("ALTER TABLE outbox_away RENAME TO outbox")
        peer.queue_update(tu.text_update(803, 7373, "你好"))  # and polling goes on
        assert await answered(peer, 7373, 1), "polling stopped"
    with sqlite3.connect(path) as check:
        [(unreachable_at,)] = check.execute("SELECT unreachable_at FROM persons WHERE channel_user_id = '6262'").fetchall()
    assert unreachable_at is not None  # the block was fetched again and recorded


async def test_polling_gives_up_an_update_that_always_fails_and_serves_the_ones_after_it(sqlite_url, clock, caplog, monkeypatch):
    import sqlite3

    from bot.channels.telegram import polling
    from bot.config import sqlite_path

    monkeypatch.setattr(polling, "GIVE_UP_AFTER", 2)  # one retry after 2 s instead of three minutes of them
    path = sqlite_path(sqlite_url)
    async with polling_bot(sqlite_url, clock) as peer:
        peer.queue_update(tu.text_update(901, 6464, "你好"))
        await answered(peer, 6464, 1)
        with sqlite3.connect(path) as broken:
            broken.execute("ALTER TABLE outbox RENAME TO outbox_away")  # and it never comes back
        peer.queue_update(tu.my_chat_member_update(902, 6464, new_status="kicked"))
        peer.queue_update(tu.text_update(903, 7575, "你好"))  # waited behind 902 for ever
        assert await answered(peer, 7575, 1), "polling stuck on the failing update"
        assert "telegram update 902 failed 2 times" in caplog.text

