"""POST /telegram/webhook: check the secret, dispatch, answer 200 at once."""

from __future__ import annotations

import hmac
import json
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.channels.telegram.channel import NotAnUpdate, TelegramChannel
from bot.request_body import read_body

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024  # Telegram updates are a few KB; anything this big is not from Telegram
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def make_endpoint(channel: TelegramChannel, secret: str):  # noqa: ANN201 - a Starlette endpoint
    async def telegram_webhook(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
        body = await read_body(request, MAX_BODY)
        if body is None:
            return JSONResponse({"ok": False, "error": "body too large"}, status_code=413)
        try:
            update = channel.parse(json.loads(body))
        except ValueError as exc:  # not JSON (nor UTF-8), or NotAnUpdate
            log.warning("refused a telegram webhook body: %s", exc if isinstance(exc, NotAnUpdate) else type(exc).__name__)
            return JSONResponse({"ok": False, "error": "not a Telegram update"}, status_code=400)
        incoming = await channel.process(update)
        if incoming is not None:
            outcome = await channel.app.dispatcher.handle_message(incoming.inbound)
            await channel.answer_later(incoming, outcome)
        return JSONResponse({"ok": True})

    return telegram_webhook
