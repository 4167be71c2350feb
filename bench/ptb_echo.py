"""The baseline of bench/telegram_webhook.py: a bare python-telegram-bot echo bot behind a webhook.

The same web stack as the bot (Starlette on uvicorn) feeding updates to a
PTB Application whose one handler echoes the text with sendMessage: what
any PTB bot pays per update, with no database and no understanding.

    TOKEN=… API_URL=http://127.0.0.1:PORT uvicorn bench.ptb_echo:app --port 8090
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(update.message.text or "")


def build() -> Application:
    api = os.environ["API_URL"].rstrip("/")
    application = (
        Application.builder()
        .token(os.environ["TOKEN"])
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .request(HTTPXRequest(connection_pool_size=16))  # as the bot (bot/channels/telegram/transport.py)
        .updater(None)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


application = build()


async def webhook(request: Request) -> Response:
    await application.process_update(Update.de_json(await request.json(), application.bot))
    return Response()


@contextlib.asynccontextmanager
async def lifespan(_: Starlette) -> AsyncIterator[None]:
    async with application:
        yield


app = Starlette(routes=[Route("/telegram/webhook", webhook, methods=["POST"])], lifespan=lifespan)
