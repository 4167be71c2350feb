"""A local stand-in for the WeChat Official Account API (https://api.weixin.qq.com).

    async with WeChatPeer(appid="wx...", secret="...") as peer:
        settings.wechat_api_url = peer.url          # RESIDENT_BOT_WECHAT_API_URL
        ...
        assert peer.custom_messages(openid)[0]["text"]["content"] == "..."

It behaves like WeChat where that matters to a bot:

* every GET /cgi-bin/token issues a NEW access_token and invalidates the previous one
  (WeChat keeps the old one alive for up to 5 minutes; `old_token_grace` models that,
  default 0 = the strict worst case). Several processes each fetching their own token
  therefore knock each other out: `peer.token_fetches` counts the fetches.
* POST /cgi-bin/stable_token: the same token while it is valid, a new one (and the old
  one dead) only with force_refresh; isolated from /cgi-bin/token tokens.
* errors come back as HTTP 200 with {"errcode", "errmsg"}; a bad/superseded token is
  40001, an expired one 42001, a missing one 41001.
* bodies are validated like WeChat (custom/send content <= 2048 bytes -> 45002; menu
  button counts and byte lengths -> 40016..40027 ...).

Failure injection: `fail`, `unsubscribe`, `outside_window`, `delay`, `advance` (the
peer's clock) and `expire_tokens`. Recording: `calls`, `custom_messages`,
`template_messages`, `token_fetches`.

Also runnable for benchmarks:
    python -m tests.peers.wechat --port 8800 --appid wx... --secret ... [--quiet]
(GET /_peer/stats then reports the counters as JSON).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import logging
import mimetypes
import secrets
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

__all__ = ["ERRMSG", "Call", "WeChatPeer"]

ERRMSG: dict[int, str] = {
    -1: "system error",
    0: "ok",
    40001: "invalid credential, access_token is invalid or not latest",
    40002: "invalid grant_type",
    40003: "invalid openid",
    40004: "invalid media type",
    40005: "invalid file type",
    40007: "invalid media_id",
    40009: "invalid image size",
    40008: "invalid message type",
    40013: "invalid appid",
    40014: "invalid access_token",
    40016: "invalid button size",
    40017: "invalid button type",
    40018: "invalid button name size",
    40019: "invalid button key size",
    40020: "invalid button url size",
    40022: "invalid sub button level",
    40023: "invalid sub button size",
    40024: "invalid sub button type",
    40025: "invalid sub button name size",
    40026: "invalid sub button key size",
    40027: "invalid sub button url size",
    40037: "invalid template_id",
    40054: "invalid sub button url domain",
    40055: "invalid button url domain",
    40125: "invalid appsecret",
    41001: "access_token missing",
    41002: "appid missing",
    41004: "appsecret missing",
    41005: "media data missing",
    42001: "access_token expired",
    43001: "require GET method",
    43002: "require POST method",
    43004: "require subscribe",
    44002: "empty post data",
    44004: "empty content",
    45002: "content size out of limit",
    45008: "article size out of limit",
    45009: "reach max api daily quota limit",
    45011: "api minute-quota reach limit mustslower retry next minute",
    45015: "response out of time limit or subscription is canceled",
    45047: "out of response count limit",
    46003: "menu no exist",
    47001: "data format error",
    48001: "api unauthorized",
}

TEXT_LIMIT_BYTES = 2048  # custom/send text.content
CUSTOM_MSGTYPES = {
    "text", "image", "voice", "video", "music", "news", "mpnews", "mpnewsarticle",
    "msgmenu", "wxcard", "miniprogrampage",
}  # fmt: skip
MEDIA_MSGTYPES = {"image", "voice", "video", "mpnews"}
MEDIA_TTL = 3 * 24 * 3600  # temporary media lives three days
IMAGE_LIMIT = 10 * 1024 * 1024
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/bmp"}
BUTTON_TYPES = {
    "click", "view", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album",
    "pic_weixin", "location_select", "media_id", "view_limited", "article_id",
    "article_view_limited", "miniprogram",
}  # fmt: skip
KEY_TYPES = {
    "click", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album",
    "pic_weixin", "location_select",
}  # fmt: skip
JSON_TYPE = "application/json; encoding=utf-8"  # what WeChat sends, verbatim

log = logging.getLogger("tests.peers.wechat")


@dataclass
class _Media:
    data: bytes
    mime_type: str
    created_at: float


@dataclass
class Call:
    """One request the peer received, with what it answered."""

    path: str
    params: dict[str, str]
    body: dict[str, Any] | None
    at: float
    method: str = "GET"
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def errcode(self) -> int:
        return int(self.response.get("errcode", 0))

    @property
    def ok(self) -> bool:
        return self.errcode == 0


@dataclass
class _Token:
    value: str
    kind: str  # "token" | "stable"
    expires_at: float
    dies_at: float | None = None  # set when superseded


@dataclass
class _Failure:
    suffix: str
    errcode: int
    errmsg: str
    times: int | None
    touser: str | None


class _Error(Exception):
    def __init__(self, errcode: int, errmsg: str | None = None) -> None:
        super().__init__(errcode)
        self.errcode = errcode
        self.errmsg = errmsg or ERRMSG.get(errcode, "error")


def _blen(value: Any) -> int:
    return len(str(value).encode("utf-8"))


class WeChatPeer:
    """The WeChat OA API on 127.0.0.1, inside the test's event loop (or a thread)."""

    def __init__(
        self,
        appid: str = "wx7a1b2c3d4e5f6a7b",
        secret: str = "0123456789abcdef0123456789abcdef",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token_ttl: int = 7200,
        old_token_grace: float = 0.0,
        templates: set[str] | None = None,
        record: bool = True,
        quiet: bool = True,
    ) -> None:
        self.appid = appid
        self.secret = secret
        self.host = host
        self.port = port
        self.token_ttl = token_ttl
        self.old_token_grace = old_token_grace
        self.templates = templates  # None: any template_id is accepted
        self.record = record
        self.quiet = quiet

        self.calls: list[Call] = []
        self.token_fetches = 0  # successful GET /cgi-bin/token (each one kills the last token)
        self.stable_token_fetches = 0  # successful POST /cgi-bin/stable_token
        self.menu: dict[str, Any] | None = None
        self.users: dict[str, dict[str, Any]] = {}  # extra user/info fields by openid
        self.qrcodes: dict[str, dict[str, Any]] = {}  # ticket -> the qrcode/create body
        self.unsubscribed: set[str] = set()
        self.out_of_window: set[str] = set()
        self.media: dict[str, _Media] = {}  # temporary media: a message's image, or an upload

        self._tokens: dict[str, _Token] = {}
        self._current: dict[str, str | None] = {"token": None, "stable": None}
        self._failures: list[_Failure] = []
        self._delays: dict[str, float] = {}
        self._clock_offset = 0.0
        self._msgids = itertools.count(2_000_000_001)
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None
        self.app = self._build_app()

    # ------------------------------------------------------------------ control

    @property
    def url(self) -> str:
        """Base URL to use instead of https://api.weixin.qq.com (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    def now(self) -> float:
        return time.time() + self._clock_offset

    def advance(self, seconds: float) -> None:
        """Move the peer's clock (token expiry) forward; the bot's clock is untouched."""
        self._clock_offset += seconds

    def expire_tokens(self) -> None:
        """Every token issued so far is now expired (42001)."""
        for tok in self._tokens.values():
            tok.expires_at = min(tok.expires_at, self.now() - 1)

    def fail(
        self,
        path_suffix: str,
        errcode: int,
        errmsg: str | None = None,
        times: int | None = 1,
        touser: str | None = None,
    ) -> None:
        """The next `times` calls (None: all) to a path ending in `path_suffix`
        (optionally only those to `touser`) answer {"errcode": errcode, ...}."""
        self._failures.append(_Failure(path_suffix, errcode, errmsg or ERRMSG.get(errcode, "error"), times, touser))

    def clear_failures(self) -> None:
        self._failures.clear()

    def unsubscribe(self, openid: str) -> None:
        """The user unfollowed: custom/send and template/send to them -> 43004."""
        self.unsubscribed.add(openid)

    def resubscribe(self, openid: str) -> None:
        self.unsubscribed.discard(openid)

    def outside_window(self, openid: str, outside: bool = True) -> None:
        """No interaction in the last 48 h: custom/send -> 45015, template/send still works."""
        (self.out_of_window.add if outside else self.out_of_window.discard)(openid)

    def delay(self, path_suffix: str, seconds: float) -> None:
        """Answer calls to paths ending in `path_suffix` after `seconds` (0 removes it)."""
        if seconds > 0:
            self._delays[path_suffix] = seconds
        else:
            self._delays.pop(path_suffix, None)

    def issue_token(self) -> str:
        """A valid token without counting a fetch (for tests that skip the fetch)."""
        return self._issue("token")

    def valid_tokens(self) -> list[str]:
        return [t.value for t in self._tokens.values() if self._token_state(t) == 0]

    # ------------------------------------------------------------------ queries

    def calls_to(self, path_suffix: str) -> list[Call]:
        return [c for c in self.calls if c.path.endswith(path_suffix)]

    def _sent(self, suffix: str, openid: str | None, delivered_only: bool) -> list[dict[str, Any]]:
        return [
            c.body
            for c in self.calls_to(suffix)
            if c.body is not None
            and (openid is None or c.body.get("touser") == openid)
            and (c.ok or not delivered_only)
        ]

    def custom_messages(self, openid: str | None = None, *, delivered_only: bool = True) -> list[dict[str, Any]]:
        """Bodies of custom/send calls (by default only those WeChat accepted)."""
        return self._sent("/message/custom/send", openid, delivered_only)

    def template_messages(self, openid: str | None = None, *, delivered_only: bool = True) -> list[dict[str, Any]]:
        return self._sent("/message/template/send", openid, delivered_only)

    def stats(self) -> dict[str, Any]:
        return {
            "calls": len(self.calls),
            "token_fetches": self.token_fetches,
            "stable_token_fetches": self.stable_token_fetches,
            "custom_messages": len(self.custom_messages()),
            "template_messages": len(self.template_messages()),
            "errors": sum(1 for c in self.calls if not c.ok),
        }

    # ------------------------------------------------------------------ running

    async def start(self, *, capture_signals: bool = False) -> WeChatPeer:
        """Serve in the running loop; returns once bound (`url` then has the real port)."""
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning" if self.quiet else "info",
            access_log=not self.quiet,
            lifespan="off",
        )
        server = uvicorn.Server(config)
        if not capture_signals:  # leave the test process's SIGINT/SIGTERM handlers alone
            server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign]
        self._server = server
        self._task = asyncio.create_task(server.serve())
        while not server.started:
            if self._task.done():
                self._task.result()  # raises the startup error
                raise RuntimeError("WeChatPeer could not start")
            await asyncio.sleep(0.005)
        self.port = server.servers[0].sockets[0].getsockname()[1]
        return self

    def request_stop(self) -> None:
        """Ask the server to shut down (from the loop's thread); `stop` also waits."""
        if self._server is not None:
            self._server.should_exit = True

    async def wait_stopped(self) -> None:
        if self._task is not None:
            await self._task

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task
        self._server = self._task = None

    async def __aenter__(self) -> WeChatPeer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @contextlib.contextmanager
    def in_thread(self) -> Iterator[WeChatPeer]:
        """For synchronous tests: serve from a background thread with its own loop."""
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        errors: list[BaseException] = []

        async def main() -> None:
            try:
                await self.start()
            except BaseException as exc:  # noqa: BLE001 -- handed to the caller
                errors.append(exc)
                ready.set()
                return
            ready.set()
            assert self._task is not None
            await self._task

        thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
        thread.start()
        ready.wait(10)
        if errors:
            raise errors[0]
        try:
            yield self
        finally:
            if self._server is not None:
                self._server.should_exit = True
            thread.join(10)
            loop.close()
            self._server = self._task = None

    # ------------------------------------------------------------------ tokens

    def _issue(self, kind: str) -> str:
        now = self.now()
        previous = self._current[kind]
        if previous is not None and previous in self._tokens:
            old = self._tokens[previous]
            old.dies_at = now + self.old_token_grace if old.dies_at is None else min(old.dies_at, now)
        value = f"{secrets.randbelow(90) + 10}_{secrets.token_urlsafe(96)}"[:157]
        self._tokens[value] = _Token(value, kind, now + self.token_ttl)
        self._current[kind] = value
        return value

    def _token_state(self, tok: _Token) -> int:
        now = self.now()
        if tok.dies_at is not None and now >= tok.dies_at:
            return 40001
        if now >= tok.expires_at:
            return 42001
        return 0

    def _check_token(self, params: dict[str, str]) -> None:
        value = params.get("access_token")
        if not value:
            raise _Error(41001)
        tok = self._tokens.get(value)
        if tok is None:
            raise _Error(40001)
        state = self._token_state(tok)
        if state:
            raise _Error(state)

    def _check_credentials(self, appid: Any, secret: Any) -> None:
        if not appid:
            raise _Error(41002)
        if appid != self.appid:
            raise _Error(40013)
        if not secret:
            raise _Error(41004)
        if secret != self.secret:
            raise _Error(40125)

    # ------------------------------------------------------------------ app

    def add_media(self, data: bytes, mime_type: str = "image/jpeg") -> str:
        """Temporary media as a resident's image message leaves it; returns the MediaId."""
        media_id = "MEDIA_" + secrets.token_urlsafe(24)
        self.media[media_id] = _Media(data, mime_type, self.now())
        return media_id

    def uploads(self) -> list[bytes]:
        """The bytes of every successful media/upload, in order."""
        return [c.response["_data"] for c in self.calls if c.path.endswith("/media/upload") and "_data" in c.response]

    def _live_media(self, media_id: Any) -> _Media | None:
        media = self.media.get(media_id) if isinstance(media_id, str) else None
        if media is None or self.now() - media.created_at > MEDIA_TTL:
            return None
        return media

    def _media_call(self, request: Request) -> Call:
        """A media request, recorded as _wrap records JSON calls (its answer is set when known)."""
        call = Call(path=request.url.path, params=dict(request.query_params), body=None, at=self.now(), method=request.method)
        if self.record:
            self.calls.append(call)
        return call

    def _media_allowed(self, call: Call) -> None:
        """The token and any injected failure, checked as for every other call."""
        self._check_token(call.params)
        self._injected(call.path, None)

    async def _media_get(self, request: Request) -> Response:
        """GET /cgi-bin/media/get: the bytes themselves, or the usual JSON error (40007 once expired)."""
        call = self._media_call(request)
        params = call.params
        try:
            self._media_allowed(call)
            media = self._live_media(params.get("media_id"))
            if media is None:
                raise _Error(40007)
        except _Error as err:
            call.response = {"errcode": err.errcode, "errmsg": err.errmsg}
            return Response(json.dumps(call.response), media_type="text/plain")  # WeChat says text/plain here
        call.response = {"errcode": 0, "bytes": len(media.data)}
        return Response(media.data, media_type=media.mime_type, headers={"Content-disposition": 'attachment; filename="media.jpg"'})

    async def _media_upload(self, request: Request) -> Response:
        """POST /cgi-bin/media/upload?type=image, multipart field `media` (image: at most 10 MB, jpg/png/gif/bmp)."""
        call = self._media_call(request)
        params = call.params
        try:
            self._media_allowed(call)
            if params.get("type") not in ("image", "voice", "video", "thumb"):
                raise _Error(40004)
            form = await request.form()
            upload = form.get("media")
            if upload is None or isinstance(upload, str):
                raise _Error(41005)
            data = await upload.read()
            # WeChat goes by the file's type; a client that sends none (requests) is judged by the name.
            kind = (upload.content_type or "").split(";")[0].strip()
            if kind not in IMAGE_TYPES:
                kind = mimetypes.guess_type(upload.filename or "")[0] or kind
            if kind not in IMAGE_TYPES:
                raise _Error(40005)
            if len(data) > IMAGE_LIMIT:
                raise _Error(40009)
        except _Error as err:
            call.response = {"errcode": err.errcode, "errmsg": err.errmsg}
            return JSONResponse(call.response)
        media_id = "UPLOAD_" + secrets.token_urlsafe(24)
        self.media[media_id] = _Media(data, kind, self.now())
        answer = {"type": params["type"], "media_id": media_id, "created_at": int(self.now())}
        call.response = {**answer, "_data": data}
        return JSONResponse(answer)

    def _build_app(self) -> Starlette:
        routes = [
            Route("/cgi-bin/token", self._wrap(self._token, {"GET"}, auth=False), methods=["GET", "POST"]),
            Route(
                "/cgi-bin/stable_token", self._wrap(self._stable_token, {"POST"}, auth=False), methods=["GET", "POST"]
            ),
            Route("/cgi-bin/message/custom/send", self._wrap(self._custom_send, {"POST"}), methods=["GET", "POST"]),
            Route("/cgi-bin/message/template/send", self._wrap(self._template_send, {"POST"}), methods=["GET", "POST"]),
            Route("/cgi-bin/menu/create", self._wrap(self._menu_create, {"POST"}), methods=["GET", "POST"]),
            Route("/cgi-bin/menu/get", self._wrap(self._menu_get, {"GET"}), methods=["GET", "POST"]),
            Route("/cgi-bin/menu/delete", self._wrap(self._menu_delete, {"GET", "POST"}), methods=["GET", "POST"]),
            Route("/cgi-bin/user/info", self._wrap(self._user_info, {"GET"}), methods=["GET", "POST"]),
            Route("/cgi-bin/qrcode/create", self._wrap(self._qrcode_create, {"POST"}), methods=["GET", "POST"]),
            Route("/cgi-bin/media/get", self._media_get, methods=["GET"]),
            Route("/cgi-bin/media/upload", self._media_upload, methods=["POST"]),
            Route("/_peer/stats", self._stats, methods=["GET"]),
        ]
        return Starlette(routes=routes)

    async def _stats(self, request: Request) -> Response:
        return JSONResponse(self.stats())

    def _wrap(self, handler: Any, methods: set[str], *, auth: bool = True) -> Any:
        async def endpoint(request: Request) -> Response:
            path = request.url.path
            params = dict(request.query_params)
            raw = await request.body()
            body: dict[str, Any] | None = None
            body_error = False
            if raw:
                try:
                    parsed = json.loads(raw.decode("utf-8"))
                    body = parsed if isinstance(parsed, dict) else {"_json": parsed}
                    body_error = not isinstance(parsed, dict)
                except (UnicodeDecodeError, ValueError):
                    body, body_error = {"_raw": raw.decode("utf-8", "replace")}, True
            call = Call(path=path, params=params, body=body, at=self.now(), method=request.method)
            if self.record:
                self.calls.append(call)
            for suffix, seconds in list(self._delays.items()):
                if path.endswith(suffix):
                    await asyncio.sleep(seconds)
            try:
                if request.method not in methods:
                    raise _Error(43001 if "GET" in methods else 43002)
                if auth:
                    self._check_token(params)
                self._injected(path, body)
                if body_error:
                    raise _Error(47001)
                result = handler(params, body)
            except _Error as err:
                result = {"errcode": err.errcode, "errmsg": err.errmsg}
            call.response = result
            if not self.quiet:
                log.info("%s %s -> %s", request.method, path, result.get("errcode", 0))
            return Response(json.dumps(result, ensure_ascii=False), media_type=JSON_TYPE)

        return endpoint

    def _injected(self, path: str, body: dict[str, Any] | None) -> None:
        for failure in self._failures:
            if not path.endswith(failure.suffix):
                continue
            if failure.touser is not None and (body or {}).get("touser") != failure.touser:
                continue
            if failure.times is not None:
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
            raise _Error(failure.errcode, failure.errmsg)

    # ------------------------------------------------------------------ handlers

    def _token(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        if params.get("grant_type") != "client_credential":
            raise _Error(40002)
        self._check_credentials(params.get("appid"), params.get("secret"))
        token = self._issue("token")
        self.token_fetches += 1
        return {"access_token": token, "expires_in": self.token_ttl}

    def _stable_token(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        if body is None:
            raise _Error(44002)
        if body.get("grant_type") != "client_credential":
            raise _Error(40002)
        self._check_credentials(body.get("appid"), body.get("secret"))
        current = self._current["stable"]
        tok = self._tokens.get(current) if current else None
        if body.get("force_refresh") or tok is None or self._token_state(tok):
            tok = self._tokens[self._issue("stable")]
        self.stable_token_fetches += 1
        return {"access_token": tok.value, "expires_in": max(0, int(tok.expires_at - self.now()))}

    def _require_user(self, body: dict[str, Any] | None) -> tuple[dict[str, Any], str]:
        if body is None:
            raise _Error(44002)
        touser = body.get("touser")
        if not touser or not isinstance(touser, str):
            raise _Error(40003)
        return body, touser

    def _custom_send(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        body, touser = self._require_user(body)
        msgtype = body.get("msgtype")
        if msgtype not in CUSTOM_MSGTYPES or not isinstance(body.get(msgtype), dict):
            raise _Error(40008)
        payload = body[msgtype]
        if msgtype == "text":
            content = payload.get("content")
            if not isinstance(content, str) or not content:
                raise _Error(44004)
            if _blen(content) > TEXT_LIMIT_BYTES:
                raise _Error(45002)
        elif msgtype in MEDIA_MSGTYPES and not payload.get("media_id"):
            raise _Error(40007)
        elif msgtype == "image" and self._live_media(payload.get("media_id")) is None:
            raise _Error(40007)
        elif msgtype == "news":
            articles = payload.get("articles")
            if not isinstance(articles, list) or not articles:
                raise _Error(47001)
            if len(articles) > 1:
                raise _Error(45008)
        elif msgtype == "msgmenu" and not payload.get("list"):
            raise _Error(47001)
        if touser in self.unsubscribed:
            raise _Error(43004)
        if touser in self.out_of_window:
            raise _Error(45015)
        return {"errcode": 0, "errmsg": "ok"}

    def _template_send(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        body, touser = self._require_user(body)
        template_id = body.get("template_id")
        if not template_id or (self.templates is not None and template_id not in self.templates):
            raise _Error(40037)
        if "data" in body and not isinstance(body["data"], dict):
            raise _Error(47001)
        if touser in self.unsubscribed:
            raise _Error(43004)
        return {"errcode": 0, "errmsg": "ok", "msgid": next(self._msgids)}

    def _check_button(self, button: Any, sub: bool) -> None:
        if not isinstance(button, dict):
            raise _Error(47001)
        name = button.get("name")
        if not isinstance(name, str) or not name or _blen(name) > (60 if sub else 16):
            raise _Error(40025 if sub else 40018)
        if "sub_button" in button:
            if sub:
                raise _Error(40022)
            subs = button["sub_button"]
            if not isinstance(subs, list):
                raise _Error(47001)
            if subs:  # a parent with sub-buttons needs no type of its own
                if len(subs) > 5:
                    raise _Error(40023)
                for child in subs:
                    self._check_button(child, sub=True)
                return
        kind = button.get("type")
        if kind not in BUTTON_TYPES:
            raise _Error(40024 if sub else 40017)
        if kind in KEY_TYPES:
            key = button.get("key")
            if not isinstance(key, str) or not key or _blen(key) > 128:
                raise _Error(40026 if sub else 40019)
        if kind in ("view", "miniprogram"):
            url = button.get("url")
            if not isinstance(url, str) or not url or _blen(url) > 1024:
                raise _Error(40027 if sub else 40020)
            if not url.startswith(("http://", "https://")):
                raise _Error(40054 if sub else 40055)
        if kind in ("media_id", "view_limited") and not button.get("media_id"):
            raise _Error(40007)
        if kind == "miniprogram" and not (button.get("appid") and button.get("pagepath")):
            raise _Error(47001)

    def _menu_create(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        if body is None:
            raise _Error(44002)
        buttons = body.get("button")
        if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
            raise _Error(40016)
        for button in buttons:
            self._check_button(button, sub=False)
        self.menu = {"button": buttons}
        return {"errcode": 0, "errmsg": "ok"}

    def _menu_get(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        if self.menu is None:
            raise _Error(46003)
        return {"menu": json.loads(json.dumps(self.menu))}

    def _menu_delete(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        self.menu = None
        return {"errcode": 0, "errmsg": "ok"}

    def _user_info(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        openid = params.get("openid")
        if not openid:
            raise _Error(40003)
        if openid in self.unsubscribed:
            return {"subscribe": 0, "openid": openid}
        # Since 2021-12 WeChat no longer returns nickname/headimgurl/sex/city here.
        info: dict[str, Any] = {
            "subscribe": 1,
            "openid": openid,
            "language": params.get("lang", "zh_CN"),
            "subscribe_time": int(self.now()) - 86400,
            "remark": "",
            "groupid": 0,
            "tagid_list": [],
            "subscribe_scene": "ADD_SCENE_QR_CODE",
            "qr_scene": 0,
            "qr_scene_str": "",
        }
        info.update(self.users.get(openid, {}))
        return info

    def _qrcode_create(self, params: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        if body is None:
            raise _Error(44002)
        action = body.get("action_name")
        scene = (body.get("action_info") or {}).get("scene") if isinstance(body.get("action_info"), dict) else None
        if action not in ("QR_SCENE", "QR_STR_SCENE", "QR_LIMIT_SCENE", "QR_LIMIT_STR_SCENE") or not isinstance(
            scene, dict
        ):
            raise _Error(47001)
        if action.endswith("STR_SCENE"):
            value = scene.get("scene_str")
            if not isinstance(value, str) or not 1 <= len(value) <= 64:
                raise _Error(47001)
        else:
            value = scene.get("scene_id")
            limit = 100000 if action == "QR_LIMIT_SCENE" else 2**32 - 1
            if not isinstance(value, int) or not 1 <= value <= limit:
                raise _Error(47001)
        ticket = "gQ" + secrets.token_urlsafe(60)
        result: dict[str, Any] = {"ticket": ticket, "url": f"http://weixin.qq.com/q/{secrets.token_urlsafe(16)}"}
        if not action.startswith("QR_LIMIT"):
            expire = int(body.get("expire_seconds") or 60)
            result["expire_seconds"] = max(60, min(expire, 2_592_000))
        self.qrcodes[ticket] = {"action_name": action, "scene": value, **result}
        return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a local WeChat Official Account API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8800, help="0 picks a free port (printed)")
    parser.add_argument("--appid", default="wx7a1b2c3d4e5f6a7b")
    parser.add_argument("--secret", default="0123456789abcdef0123456789abcdef")
    parser.add_argument("--token-ttl", type=int, default=7200)
    parser.add_argument("--old-token-grace", type=float, default=0.0, help="seconds a superseded token lives on")
    parser.add_argument("--no-record", action="store_true", help="keep counters only, not every call")
    parser.add_argument("--quiet", action="store_true", help="no per-request log lines")
    args = parser.parse_args(argv)

    peer = WeChatPeer(
        appid=args.appid,
        secret=args.secret,
        host=args.host,
        port=args.port,
        token_ttl=args.token_ttl,
        old_token_grace=args.old_token_grace,
        record=not args.no_record,
        quiet=args.quiet,
    )
    if not args.quiet:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    async def run() -> None:
        await peer.start()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):  # a clean stop that still prints the stats
            loop.add_signal_handler(sig, peer.request_stop)
        print(f"WeChatPeer listening on {peer.url}", flush=True)
        try:
            await peer.wait_stopped()
        finally:
            print(json.dumps(peer.stats()), file=sys.stderr, flush=True)

    asyncio.run(run())


if __name__ == "__main__":
    main()
