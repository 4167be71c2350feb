"""`resident-bot serve`: the web server for webhooks, with the outbox drainers."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "serve",
        help="运行 Web 服务（Telegram / 微信 webhook、/healthz）和推送发送",
        description="Run the ASGI app (Starlette on uvicorn): POST /telegram/webhook, GET /healthz, "
        "and the outbox drainers of the configured channels.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    parser.add_argument(
        "--telegram-polling",
        action="store_true",
        help="fetch Telegram updates by long polling instead of a webhook (no public URL needed)",
    )
    parser.set_defaults(func=_serve)


KEEP_ALIVE_SECONDS = 75


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from bot import logs
    from bot.cli import CliError
    from bot.cli.common import settings_or_exit
    from bot.web import create_web_app

    settings = settings_or_exit()
    if args.telegram_polling and settings.telegram_token is None:
        raise CliError("--telegram-polling 需要设置 RESIDENT_BOT_TELEGRAM_TOKEN")
    secrets = tuple(
        s.get_secret_value() for s in (settings.telegram_token, settings.telegram_webhook_secret) if s is not None
    )
    logs.setup(settings.log_level, secrets)
    web = create_web_app(settings, telegram_polling=args.telegram_polling, freeze_heap=True)
    uvicorn.run(
        web,
        host=args.host,
        port=args.port,
        log_config=None,
        access_log=False,
        lifespan="on",
        # Longer than the idle timeout of the clients and proxies in front
        # (WeChat, Telegram, nginx's 60 s): the client closes an idle
        # connection first, so it never sends a request on one we are closing.
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
    return 0
