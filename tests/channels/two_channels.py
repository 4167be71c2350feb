"""One bot serving both platforms, each with its peer: for what crosses from one to the other."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from bot.clock import Clock
from bot.web import create_web_app
from tests.asgi_server import serving
from tests.channels.telegram_harness import SECRET as TELEGRAM_SECRET
from tests.channels.telegram_harness import Telegram
from tests.channels.wechat_harness import APPID, SECRET, WeChat, wechat_settings
from tests.conftest import make_settings
from tests.peers.telegram import TelegramPeer
from tests.peers.telegram_updates import DEFAULT_TOKEN
from tests.peers.wechat import WeChatPeer


@contextlib.asynccontextmanager
async def both_bots(database_url: str, clock: Clock) -> AsyncIterator[tuple[Telegram, WeChat]]:
    async with TelegramPeer(token=DEFAULT_TOKEN) as telegram_peer, WeChatPeer(appid=APPID, secret=SECRET) as wechat_peer:
        config = make_settings(
            database_url,
            telegram_token=DEFAULT_TOKEN,
            telegram_webhook_secret=TELEGRAM_SECRET,
            telegram_api_url=telegram_peer.url,
            **wechat_settings(wechat_peer),
        )
        web = create_web_app(config, clock=clock)
        async with serving(web) as base, httpx.AsyncClient(base_url=base, timeout=30) as client:
            runtime = web.state.runtime
            yield Telegram(telegram_peer, client, runtime), WeChat(wechat_peer, client, runtime)
