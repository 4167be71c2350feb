"""The bot's web app and a Bot API peer, talking real HTTP to each other."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from itertools import count
from typing import Any

import httpx

from bot.clock import Clock
from bot.web import Runtime, create_web_app
from tests.asgi_server import serving
from tests.conftest import make_settings
from tests.peers.telegram import TelegramPeer
from tests.peers.telegram_updates import DEFAULT_TOKEN

SECRET = "webhook-secret_for-tests"


@dataclass
class Telegram:
    peer: TelegramPeer
    client: httpx.AsyncClient
    runtime: Runtime
    _ids = count(1000)

    async def post(self, update: dict[str, Any], *, secret: str | None = SECRET) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        response = await self.client.post("/telegram/webhook", json=update, headers=headers)
        await self.settle()
        return response

    async def settle(self) -> None:
        """Wait until the replies of posted updates have reached the peer."""
        await self.runtime.telegram.drain_pending()  # type: ignore[union-attr]

    async def drain(self) -> int:
        """Run the Telegram outbox drainer once, as the background loop would."""
        return await next(d for d in self.runtime.drainers if d.channel == "telegram").run_once()

    async def keep_photos(self) -> int:
        """Run the Telegram photo keeper once, as the background loop would."""
        return await next(k for k in self.runtime.keepers if k.channel == "telegram").run_once()

    def next_id(self) -> int:
        return next(self._ids)


@contextlib.asynccontextmanager
async def telegram_bot(database_url: str, clock: Clock, **settings: Any) -> AsyncIterator[Telegram]:
    async with TelegramPeer(token=DEFAULT_TOKEN) as peer:
        config = make_settings(
            database_url,
            telegram_token=DEFAULT_TOKEN,
            telegram_webhook_secret=SECRET,
            telegram_api_url=peer.url,
            outbox_idle_seconds=60,  # the background drainer sleeps; tests drain explicitly
            **settings,
        )
        web = create_web_app(config, clock=clock)
        async with serving(web) as base, httpx.AsyncClient(base_url=base, timeout=30) as client:
            yield Telegram(peer, client, web.state.runtime)
        await asyncio.sleep(0)
