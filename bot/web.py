"""The ASGI application of `resident-bot serve`: webhooks, health, and the background workers.

One process serves every configured channel. Its lifespan builds the App,
starts the outbox drainer of each channel with a sender (and Telegram
polling when asked), and stops them cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.app import build_app
from bot.clock import Clock
from bot.config import Settings
from bot import open311
from bot.runtime import Runtime, add_telegram_sender, add_wechat_sender, freeze_startup_heap

log = logging.getLogger(__name__)


__all__ = ["Runtime", "create_web_app"]  # Runtime lives in bot.runtime, shared with `resident-bot worker`


def create_web_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    telegram_polling: bool = False,
    freeze_heap: bool = False,
) -> Starlette:
    """The ASGI app; `freeze_heap` is for a server process (see bot.runtime.freeze_startup_heap)."""
    runtime_box: dict[str, Runtime] = {}

    @contextlib.asynccontextmanager
    async def lifespan(web: Starlette) -> AsyncIterator[None]:
        app = await build_app(settings, clock=clock)
        runtime = Runtime(app)
        runtime_box["runtime"] = web.state.runtime = runtime
        try:
            if settings.telegram_token is not None:
                await _start_telegram(runtime, web, settings, telegram_polling)
            if settings.wechat_token is not None:
                _start_wechat(runtime, web, settings)
            runtime.start_background()  # the outbox drainers, and the scheduler when elected
            if freeze_heap:
                freeze_startup_heap()
            yield
        finally:
            runtime.stop.set()
            for channel in (runtime.telegram, runtime.wechat):
                if channel is not None:
                    await channel.drain_pending()  # type: ignore[attr-defined]
            await runtime.stop_background()
            if runtime.telegram is not None:
                await runtime.telegram.bot.shutdown()  # type: ignore[attr-defined]
            for client in runtime.closers:
                await client()
            await app.close()

    async def healthz(request: Request) -> Response:
        runtime = runtime_box.get("runtime")
        if runtime is None:
            return JSONResponse({"status": "starting"}, status_code=503)
        try:
            async with runtime.app.db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any database failure makes the process unhealthy
            return JSONResponse({"status": "database unavailable"}, status_code=503)
        return JSONResponse({"status": "ok", "channels": _channels(runtime)})

    async def not_configured(request: Request) -> Response:
        return JSONResponse({"ok": False, "error": "channel not configured"}, status_code=404)

    web = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/telegram/webhook", not_configured, methods=["POST"]),
            Route("/wechat", not_configured, methods=["GET", "POST"]),
            *open311.routes(),  # GeoReport v2 for the street's and district's platforms
        ],
        lifespan=lifespan,
    )
    return web


def _channels(runtime: Runtime) -> list[str]:
    return [name for name in ("telegram", "wechat") if getattr(runtime, name) is not None]


def _start_wechat(runtime: Runtime, web: Starlette, settings: Settings) -> None:
    from bot.channels.wechat.channel import WeChatChannel

    channel = WeChatChannel(runtime.app)
    runtime.wechat = channel

    _replace_route(web, "/wechat", channel, methods=["GET", "POST"])  # an ASGI app: see its module
    channel.can_push = add_wechat_sender(runtime)
    if not channel.can_push:
        log.warning("RESIDENT_BOT_WECHAT_APPID/_SECRET not set: WeChat replies are passive only, no pushes")


async def _start_telegram(runtime: Runtime, web: Starlette, settings: Settings, polling: bool) -> None:
    from bot.channels.telegram import polling as telegram_polling
    from bot.channels.telegram.channel import TelegramChannel
    from bot.channels.telegram.transport import make_bot
    from bot.channels.telegram.webhook import make_endpoint

    bot = make_bot(settings)
    await bot.initialize()  # getMe: fails fast on a wrong token
    channel = TelegramChannel(runtime.app, bot)
    runtime.telegram = channel
    if settings.telegram_webhook_secret is not None:
        endpoint = make_endpoint(channel, settings.telegram_webhook_secret.get_secret_value())
        _replace_route(web, "/telegram/webhook", endpoint)
    elif not polling:
        log.warning("RESIDENT_BOT_TELEGRAM_WEBHOOK_SECRET is not set: the webhook is refused; use --telegram-polling")
    await add_telegram_sender(runtime, bot)
    if polling:
        runtime.tasks.append(asyncio.create_task(telegram_polling.poll(channel, runtime.stop)))


def _replace_route(web: Starlette, path: str, endpoint, methods: list[str] | None = None) -> None:  # noqa: ANN001
    web.router.routes = [
        Route(path, endpoint, methods=methods or ["POST"]) if getattr(route, "path", None) == path else route
        for route in web.router.routes
    ]
