"""GET/POST /wechat: verify, decrypt, dispatch within the 5-second rule, reply (encrypted when asked).

WeChat waits five seconds for a passive reply and otherwise retries the same
message up to three times. A message is handled once: a retry is recognised
by the dispatcher (MsgId, or sender + CreateTime for events) and gets the
same answer. When handling takes longer than RESIDENT_BOT_WECHAT_REPLY_SECONDS
the request is answered `success` and the reply follows as a
customer-service message through the outbox.

The channel is the ASGI app of /wechat, not a request/response endpoint,
because of that rule: the turn runs in the request's own task (a turn on
SQLite mostly finishes without ever waiting, and its answer leaves at
once), and when the window closes first, a timer answers `success` while
the turn goes on.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import time
from typing import Any
from xml.parsers.expat import ExpatError

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply

from bot.app import App
from bot.channels.wechat import inbound
from bot.channels.wechat.render import cut_keeping_last, cut_short, join, split_bytes
from bot.core.dispatcher import Outcome
from bot.core.messages import Reply
from bot.request_body import read_body
from bot.services import platform_events
from bot.texts import Texts

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024  # WeChat's messages are a few KB
SUCCESS = PlainTextResponse("success")
RETRY_WINDOW_SECONDS = 120


class BadRequest(Exception):
    pass


def signature(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


class WeChatChannel:
    def __init__(self, app: App) -> None:
        settings = app.settings
        assert settings.wechat_token is not None
        self.app = app
        self.token = settings.wechat_token.get_secret_value()
        self.crypto = (
            WeChatCrypto(self.token, settings.wechat_aes_key.get_secret_value(), settings.wechat_appid)
            if settings.wechat_aes_key is not None and settings.wechat_appid
            else None
        )
        self.reply_seconds = settings.wechat_reply_seconds
        self.texts = Texts(settings.language)
        self._deferred: set[str] = set()  # keys answered `success`, their reply sent through the outbox
        # Whether customer-service messages can be sent (AppID and secret set). Without them an
        # answer can only travel in a response: a late one waits for WeChat's retry to fetch it.
        self.can_push = False
        self._tasks: set[asyncio.Task[Any]] = set()

    def _signed(self, request: Request) -> bool:
        params = request.query_params
        expected = signature(self.token, params.get("timestamp", ""), params.get("nonce", ""))
        return hmac.compare_digest(expected, params.get("signature", ""))

    async def verify(self, request: Request) -> Response:
        """URL verification when the server address is saved in the WeChat admin console."""
        if not self._signed(request):
            return PlainTextResponse("forbidden", status_code=403)
        return PlainTextResponse(request.query_params.get("echostr", ""))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        exchange = _Exchange(scope, receive, send)
        if request.method in ("GET", "HEAD"):
            response: Response | None = await self.verify(request)
        elif request.method == "POST":
            response = await self.receive(request, exchange)
        else:
            response = PlainTextResponse("method not allowed", status_code=405, headers={"Allow": "GET, POST, HEAD"})
        if response is not None:
            await exchange.answer(response)
        await exchange.sent()

    async def receive(self, request: Request, exchange: _Exchange) -> Response | None:
        """The response to WeChat's POST, or None when `exchange` already answered it."""
        body = await read_body(request, MAX_BODY)
        if body is None:
            return PlainTextResponse("body too large", status_code=400)
        params = request.query_params
        encrypted = params.get("encrypt_type", "raw") == "aes"
        try:
            xml = self._open(body, params) if encrypted else self._plain(body, request)
            message = parse_message(xml)
            event = inbound.read(message) if message is not None else None
        except (InvalidSignatureException, InvalidAppIdException, PermissionError):
            return PlainTextResponse("forbidden", status_code=403)
        except (BadRequest, ValueError, ExpatError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            # malformed XML, entities (refused by the parser), a missing field, a field that is not
            # what its kind says (a Location_X that is no number)
            return PlainTextResponse("bad request", status_code=400)
        if message is None or event is None:
            return PlainTextResponse("bad request", status_code=400)
        if isinstance(event, inbound.Ignored):
            return SUCCESS
        if isinstance(event, inbound.Unsubscribed):
            await self._unsubscribed(event.openid)
            return SUCCESS
        outcome = await self._dispatch(event, exchange)
        if exchange.answered:
            return None
        if outcome is None or not outcome.replies:
            return SUCCESS
        return self._passive(message, event, outcome, encrypted)

    def _plain(self, body: bytes, request: Request) -> bytes:
        if not self._signed(request):
            raise PermissionError("bad signature")
        return body

    def _open(self, body: bytes, params) -> str:  # noqa: ANN001
        if self.crypto is None:
            raise BadRequest("encrypted message but no RESIDENT_BOT_WECHAT_AES_KEY")
        return self.crypto.decrypt_message(
            body, params.get("msg_signature", ""), params.get("timestamp", ""), params.get("nonce", "")
        )

    async def _dispatch(self, event: inbound.Incoming, exchange: _Exchange) -> Outcome | None:
        """Handle within the reply window; past it, answer later through the outbox."""
        turn = asyncio.current_task()
        assert turn is not None
        deadline = asyncio.get_running_loop().call_later(self.reply_seconds, self._too_slow, event.key, exchange, turn)
        try:
            outcome = await self.app.dispatcher.handle_message(
                event.inbound, too_late=lambda: exchange.answered and self.can_push
            )
        finally:
            deadline.cancel()
        if exchange.answered:  # WeChat was told `success`: the answer follows as a customer-service message
            if self.can_push and not outcome.duplicate and not outcome.queued:  # the window closed during the commit
                await self._to_outbox(event.inbound.user_id, outcome.replies)
            return None  # (passive-only: it is stored with the turn, and WeChat's retry fetches it)
        if outcome.duplicate and (event.key in self._deferred or outcome.queued) and self.can_push:
            return None  # its answer is on its way as a customer-service message (queued here, or by another process)
        return outcome

    def _too_slow(self, key: str, exchange: _Exchange, turn: asyncio.Task[None]) -> None:
        self._deferred.add(key)
        # WeChat's retries of one message come within about 15 s; forget it after that.
        asyncio.get_running_loop().call_later(RETRY_WINDOW_SECONDS, self._deferred.discard, key)
        exchange.answer_soon(SUCCESS)
        self._tasks.add(turn)  # its answer is still to be put in the outbox: shutdown waits for it
        turn.add_done_callback(self._tasks.discard)

    async def _to_outbox(self, openid: str, replies: list[Reply]) -> None:
        async with self.app.db.uow() as uow:
            await platform_events.defer_replies(uow, inbound.CHANNEL, openid, replies)

    def _passive(self, message, event: inbound.Incoming, outcome: Outcome, encrypted: bool) -> Response:  # noqa: ANN001
        text = join(outcome.replies, self.texts.get("wechat.choose_hint"))
        # A photo is an image message of its own: it follows the text as a customer-service message.
        pictures = [Reply("", picture=reply.picture) for reply in outcome.replies if reply.picture is not None]
        if pictures and not self.can_push:
            text, pictures = text + "\n" + self.texts.get("photos.no_push"), []
        parts = split_bytes(text)
        # One passive message per request: the rest follows as customer-service
        # messages, queued once (a retry's answer repeats only the first part).
        if len(parts) > 1 and not self.can_push:  # one response is all a passive-only account has
            note = self.texts.get("wechat.cut_short")
            several = len(outcome.replies) > 1 and not any(reply.picture for reply in outcome.replies)
            hint = self.texts.get("wechat.choose_hint")
            parts = [cut_keeping_last(outcome.replies, hint, note) if several else cut_short(text, note)]
        if (len(parts) > 1 or pictures) and not outcome.duplicate:
            rest = [Reply(part) for part in parts[1:]] + pictures
            follow = asyncio.ensure_future(self._to_outbox(event.inbound.user_id, rest))
            self._tasks.add(follow)
            follow.add_done_callback(self._tasks.discard)
        xml = TextReply(message=message, content=parts[0]).render()
        if encrypted and self.crypto is not None:
            xml = self.crypto.encrypt_message(xml, secrets.token_hex(8), str(int(time.time())))
        return Response(xml, media_type="application/xml")

    async def _unsubscribed(self, openid: str) -> None:
        async with self.app.db.uow() as uow:
            await platform_events.left(uow, inbound.CHANNEL, openid, "unsubscribed")

    async def drain_pending(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


class _Exchange:
    """One HTTP exchange with WeChat, answered exactly once: by the request, or early by a timer."""

    def __init__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self._asgi = (scope, receive, send)
        self._sending: asyncio.Task[None] | None = None
        self.answered = False

    async def answer(self, response: Response) -> None:
        assert not self.answered
        self.answered = True
        await response(*self._asgi)

    def answer_soon(self, response: Response) -> None:
        """From a timer callback: the request's task is still busy with the turn."""
        assert not self.answered
        self.answered = True
        self._sending = asyncio.ensure_future(response(*self._asgi))

    async def sent(self) -> None:
        """The ASGI app may return only once its response is out."""
        if self._sending is not None:
            await self._sending
