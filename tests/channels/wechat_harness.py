"""The bot's web app and a WeChat API peer; messages signed (and encrypted) as WeChat sends them."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx

from bot.clock import Clock
from bot.web import Runtime, create_web_app
from tests.asgi_server import serving
from tests.conftest import make_settings
from tests.peers import wechat_messages as wm
from tests.peers.wechat import WeChatPeer
from tests.peers.wechat_crypto import random_aes_key

TOKEN = "wechat-token-for-tests"
APPID = "wx7a1b2c3d4e5f6a7b"
SECRET = "0123456789abcdef0123456789abcdef"
AES_KEY = random_aes_key()


@dataclass
class WeChat:
    peer: WeChatPeer
    client: httpx.AsyncClient
    runtime: Runtime

    async def post(self, xml: str, *, mode: str = "safe", **overrides: Any) -> httpx.Response:
        params, body = wm.signed_request(xml, token=TOKEN, mode=mode, aes_key=AES_KEY, appid=APPID)  # type: ignore[arg-type]
        params.update(overrides)
        return await self.client.post("/wechat", params=params, content=body, headers=wm.WEBHOOK_HEADERS)

    async def ask(self, xml: str, *, mode: str = "safe") -> dict[str, Any]:
        """POST a message and read the passive reply as WeChat would."""
        response = await self.post(xml, mode=mode)
        assert response.status_code == 200, response.text
        return wm.read_reply(response.content, token=TOKEN, mode=mode, aes_key=AES_KEY, appid=APPID)  # type: ignore[arg-type]

    async def settle(self) -> None:
        await self.runtime.wechat.drain_pending()  # type: ignore[union-attr]

    async def drain(self) -> int:
        drainer = next(d for d in self.runtime.drainers if d.channel == "wechat")
        return await drainer.run_once()

    async def keep_photos(self) -> int:
        """Run the WeChat photo keeper once, as the background loop would."""
        return await next(k for k in self.runtime.keepers if k.channel == "wechat").run_once()


def wechat_settings(peer: WeChatPeer) -> dict[str, Any]:
    return dict(
        wechat_token=TOKEN,
        wechat_appid=APPID,
        wechat_secret=SECRET,  # wechat_secret=None: an account that can only reply passively
        wechat_aes_key=AES_KEY,
        wechat_api_url=peer.url,
        outbox_idle_seconds=60,  # the background drainer sleeps; tests drain explicitly
    )


@contextlib.asynccontextmanager
async def wechat_bot(database_url: str, clock: Clock, **settings: Any) -> AsyncIterator[WeChat]:
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        config = make_settings(database_url, **{**wechat_settings(peer), **settings})
        web = create_web_app(config, clock=clock)
        async with serving(web) as base, httpx.AsyncClient(base_url=base, timeout=30) as client:
            yield WeChat(peer, client, web.state.runtime)


@contextlib.asynccontextmanager
async def beside(wx: WeChat, clock: Clock, **settings: Any) -> AsyncIterator[WeChat]:
    """A second serve process on the same database and WeChat peer, as two workers behind one URL."""
    config = make_settings(wx.runtime.app.settings.database_url, **{**wechat_settings(wx.peer), **settings})
    web = create_web_app(config, clock=clock)
    async with serving(web) as base, httpx.AsyncClient(base_url=base, timeout=30) as client:
        yield WeChat(wx.peer, client, web.state.runtime)
