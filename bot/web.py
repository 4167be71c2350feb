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
from dataclasses import dataclass, field

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.app import App, build_app
from bot.clock import Clock
from bot.config import Settings
from bot.services.delivery import Drainer

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """What the running server holds, reachable from request handlers and tests."""

    app: App
    telegram: object | None = None  # TelegramChannel, when a token is configured
    drainers: list[Drainer] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)


def create_web_app(settings: Settings, *, clock: Clock | None = None, telegram_polling: bool = False) -> Starlette:
    runtime_box: dict[str, Runtime] = {}

    @contextlib.asynccontextmanager
    async def lifespan(web: Starlette) -> AsyncIterator[None]:
        app = await build_app(settings, clock=clock)
        runtime = Runtime(app)
        runtime_box["runtime"] = web.state.runtime = runtime
        try:
            if settings.telegram_token is not None:
                await _start_telegram(runtime, web, settings, telegram_polling)
            for drainer in runtime.drainers:
                runtime.tasks.append(asyncio.create_task(drainer.run_forever(runtime.stop, settings.outbox_idle_seconds)))
            yield
        finally:
            runtime.stop.set()
            if runtime.telegram is not None:
                await runtime.telegram.drain_pending()  # type: ignore[attr-defined]
            for task in runtime.tasks:
                task.cancel()
            await asyncio.gather(*runtime.tasks, return_exceptions=True)
            if runtime.telegram is not None:
                await runtime.telegram.bot.shutdown()  # type: ignore[attr-defined]
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
        ],
        lifespan=lifespan,
    )
    return web


def _channels(runtime: Runtime) -> list[str]:
    return ["telegram"] if runtime.telegram is not None else []


async def _start_telegram(runtime: Runtime, web: Starlette, settings: Settings, polling: bool) -> None:
    from bot.channels.telegram import polling as telegram_polling
    from bot.channels.telegram.channel import TelegramChannel
    from bot.channels.telegram.transport import TelegramSender, make_bot
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
    runtime.drainers.append(
        Drainer(
            runtime.app.db,
            "telegram",
            TelegramSender(bot),
            rate_per_second=settings.telegram_rate_per_second,
            chat_rate_per_second=settings.telegram_chat_rate_per_second,
            batch_size=settings.outbox_batch_size,
            max_attempts=settings.outbox_max_attempts,
        )
    )
    if polling:
        runtime.tasks.append(asyncio.create_task(telegram_polling.poll(channel, runtime.stop)))


def _replace_route(web: Starlette, path: str, endpoint) -> None:  # noqa: ANN001
    web.router.routes = [
        Route(path, endpoint, methods=["POST"]) if getattr(route, "path", None) == path else route
        for route in web.router.routes
    ]
