"""A local Telegram Bot API peer: a Starlette app that speaks the real wire protocol.

python-telegram-bot talks to it unchanged::

    async with TelegramPeer(token=TOKEN) as peer:
        bot = Bot(TOKEN, base_url=f"{peer.url}/bot", base_file_url=f"{peer.url}/file/bot")  # or peer.bot()
        await bot.initialize()

Routes: ``GET|POST /bot{token}/{method}`` (method names case-insensitive; JSON, urlencoded and multipart bodies,
query-string parameters too), ``GET /file/bot{token}/{file_path}``, and for out-of-process use
``GET /_peer/stats``, ``POST /_peer/updates`` (queue one update or a list), ``POST /_peer/reset``.

Behaviour copied from Telegram, which the bot must therefore respect:
- PTB sends *every* request as a form (urlencoded, or multipart when uploading): strings raw, everything else
  JSON-encoded (``reply_markup``, ``entities``, ints, bools). Fields that are strings in the Bot API are never
  JSON-decoded, so ``text="123"`` stays a string.
- Message text is trimmed of surrounding whitespace; empty → 400 "message text is empty"; longer than 4096
  characters after entity parsing → 400 "message is too long"; captions over 1024 → "message caption is too long".
- ``parse_mode="HTML"``: only b/strong, i/em, u/ins, s/strike/del, a href, code, pre, tg-spoiler,
  span class="tg-spoiler", blockquote [expandable], tg-emoji; tags properly nested; ``<``, ``>`` and ``&`` outside
  tags must be written &lt; &gt; &amp; (this peer is stricter than Telegram about a bare ``>``/``&``).
  Errors read "Bad Request: can't parse entities: …". MarkdownV2/Markdown text is passed through unchecked.
- Inline buttons: callback_data 1–64 *bytes* (UTF-8!) else 400 "BUTTON_DATA_INVALID"; a button needs an action.
- editMessageText *without* reply_markup removes the inline keyboard (as Telegram does); the same text and markup
  again → 400 "message is not modified: …"; an unknown message id → 400 "message to edit not found".
- Only inline keyboards are echoed in the returned Message (reply keyboards are not, as on Telegram).
- getUpdates while a webhook is set → 409; a second concurrent getUpdates terminates the first with 409.
- setMyCommands: commands 1–32 chars of [a-z0-9_]; language_code must be empty or two letters ("zh", not "zh-hans").
- setWebhook secret_token: 1–256 chars of A-Z a-z 0-9 _ -.

Test controls: ``fail()``, ``block()``/``unblock()``, ``delay()``, ``drop_connection()``, ``queue_update()``,
``add_file()``, ``add_message()``, ``push_update()`` (POST an update to the webhook the bot set, with its secret);
recording in ``calls`` (every call, failed ones too: see ``Call.status``), ``sent()``, ``texts()``, ``calls_of()``,
``counts``, ``reset()``. ``errors`` collects tracebacks of bugs in the peer itself (should stay empty).

Throughput, measured on this 2-core box with ``python -m tests.peers.telegram --bench 30000`` (a peer process plus
3 httpx client processes, keep-alive, form-encoded sendMessage like PTB's): 4,600-5,000 sendMessage/s with the
project's uvicorn[standard] (httptools parser, uvloop in the CLI); 2,500-3,100/s on plain h11 (uvicorn's fallback,
chosen automatically when httptools is missing). A single keep-alive client gets ~1,900-2,500/s (latency-bound).
The clients, not the peer, saturate the two cores: httpx spends ~300 µs of CPU per request (sync Client; ~650 µs for
AsyncClient), the peer ~100 µs with httptools / ~180 µs with h11; our own handler is ~20 µs of that.
No per-request sleeps anywhere.

CLI (benchmarks)::

    python -m tests.peers.telegram --port 8081 --token TOKEN [--quiet] [--max-calls N] [--rate-limit 30]

prints ``TelegramPeer listening on http://127.0.0.1:PORT`` once it accepts connections, then runs until killed.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import html
import itertools
import json
import logging
import re
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route

from tests.peers.telegram_updates import DEFAULT_BOT_FIRST_NAME, DEFAULT_BOT_USERNAME, DEFAULT_TOKEN, utf16_len

log = logging.getLogger("tests.peers.telegram")

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_UPLOAD = 50 * 1024 * 1024
MAX_PHOTO_UPLOAD = 10 * 1024 * 1024
MAX_DOWNLOAD = 20 * 1024 * 1024

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
BLOCKED = "Forbidden: bot was blocked by the user"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"

# Bot API parameters whose type is String: never JSON-decoded from form data (PTB sends strings raw).
_STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "url",
        "secret_token",
        "callback_query_id",
        "language_code",
        "action",
        "file_id",
        "inline_message_id",
        "ip_address",
        "description",
        "short_description",
        "name",
        "title",
        "question",
        "emoji",
        "business_connection_id",
        "message_effect_id",
        "custom_emoji_id",
        "address",
        "first_name",
        "last_name",
        "phone_number",
        "vcard",
        "foursquare_id",
        "foursquare_type",
        "google_place_id",
        "google_place_type",
        "document",
        "photo",
        "audio",
        "video",
        "voice",
        "animation",
        "sticker",
        "video_note",
        "thumbnail",
        "certificate",
        "payload",
        "provider_token",
        "currency",
        "start_parameter",
        "game_short_name",
        "sticker_set_name",
        "user_id_str",
    }
)
_INT_FIELDS = frozenset(
    {"chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id", "max_connections", "user_id"}
)
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "reply_parameters",
        "link_preview_options",
        "media",
    }
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LANG_RE = re.compile(r"[a-z]{2}")

SENT_METHODS = frozenset({"sendMessage", "editMessageText", "sendDocument", "sendPhoto"})
_CHAT_CHECKED = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "sendDocument",
        "sendPhoto",
        "sendChatAction",
        "sendLocation",
        "sendVoice",
        "copyMessage",
        "forwardMessage",
        "deleteMessage",
    }
)


@dataclass(slots=True)
class Call:
    """One API call as the peer decoded it (ints as ints, reply_markup as a dict, uploads as :class:`Upload`)."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic()
    status: int = 200  # the HTTP status the peer answered (0: connection dropped)


@dataclass(slots=True)
class Upload:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(slots=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes | None
    size: int
    file_name: str | None = None
    mime_type: str | None = None


@dataclass(slots=True)
class _Rule:
    status: int
    retry_after: int | None
    description: str | None
    remaining: int
    chat_id: int | str | None


class ApiError(Exception):
    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


class _Described:
    """A result that Telegram answers together with a ``description`` (setWebhook & co.)."""

    __slots__ = ("description", "result")

    def __init__(self, result: Any, description: str) -> None:
        self.result = result
        self.description = description


def _norm_method(name: str) -> str:
    return name.replace("_", "").lower()


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error_body(status: int, description: str | None = None, retry_after: int | None = None) -> tuple[bytes, str]:
    """Telegram's error JSON for an HTTP status; returns (body, description)."""
    parameters = None
    if status == 429:
        ra = int(retry_after) if retry_after is not None else 1
        description = description or f"Too Many Requests: retry after {ra}"
        parameters = {"retry_after": ra}
    elif description is None:
        description = {
            400: "Bad Request",
            401: "Unauthorized",
            403: BLOCKED,
            404: "Not Found",
            409: POLL_CONFLICT,
            413: "Request Entity Too Large",
            500: "Internal Server Error",
            502: "Bad Gateway",
            503: "Service Unavailable",
            504: "Gateway Timeout",
        }.get(status, "Internal Server Error")
    payload: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        payload["parameters"] = parameters
    return _dumps(payload), description


# --------------------------------------------------------------------------------------------------- decoding


def _decode_form_value(key: str, value: str) -> Any:
    if key in _STRING_FIELDS or not value:
        return value
    c = value[0]
    if c in "{[-0123456789" or value in ("true", "false", "null"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _decode_form(pairs: Iterable[tuple[str, Any]], out: dict[str, Any]) -> dict[str, Any]:
    for key, value in pairs:
        out[key] = _decode_form_value(key, value) if isinstance(value, str) else value
    return out


def _normalize_json(params: dict[str, Any]) -> dict[str, Any]:
    """JSON bodies: accept the usual leniencies (JSON-encoded nested fields, numeric strings for ids)."""
    for key in _JSON_FIELDS & params.keys():
        v = params[key]
        if isinstance(v, str) and v[:1] in ("{", "["):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(v)
    for key in _INT_FIELDS & params.keys():
        v = params[key]
        if isinstance(v, str) and v.lstrip("-").isdigit():
            params[key] = int(v)
    return params


_CD_PARAM_RE = re.compile(r';\s*([A-Za-z0-9_*-]+)="((?:[^"\\]|\\.)*)"')
_CTRL_ESC_RE = re.compile(r"%(22|[01][0-9A-Fa-f])")


def _unescape_cd(value: str) -> str:
    value = _CTRL_ESC_RE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value.replace("\\\\", "\\")


def _parse_multipart(body: bytes, content_type: str) -> list[tuple[str, Any]]:
    m = re.search(r'boundary="?([^";,]+)"?', content_type)
    if not m:
        raise ApiError(400, "Bad Request: can't parse multipart/form-data: no boundary")
    delimiter = b"--" + m.group(1).encode("latin-1")
    out: list[tuple[str, Any]] = []
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        if part.startswith(b"\r\n"):
            part = part[2:]
        head, sep, data = part.partition(b"\r\n\r\n")
        if not sep:
            continue
        if data.endswith(b"\r\n"):
            data = data[:-2]
        name = filename = ctype = None
        for line in head.decode("utf-8", "replace").split("\r\n"):
            hname, _, hvalue = line.partition(":")
            hname = hname.strip().lower()
            if hname == "content-disposition":
                for pm in _CD_PARAM_RE.finditer(hvalue):
                    if pm.group(1) == "name":
                        name = _unescape_cd(pm.group(2))
                    elif pm.group(1) == "filename":
                        filename = _unescape_cd(pm.group(2))
            elif hname == "content-type":
                ctype = hvalue.strip()
        if name is None:
            continue
        if filename is not None:
            out.append((name, Upload(name, filename, ctype, data)))
        else:
            out.append((name, data.decode("utf-8", "replace")))
    return out


# --------------------------------------------------------------------------------------------------- entities


class _ParseError(Exception):
    pass


_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_SPECIAL_RE = re.compile(r"[<>&]")
_ENTITY_RE = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*>")
_ATTR_RE = re.compile(r"""([A-Za-z][A-Za-z0-9_-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


def parse_html(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's HTML parse mode: plain text plus entities (offsets in UTF-16 units). Raises _ParseError."""
    out: list[str] = []
    pos = 0  # UTF-16 offset in the output
    stack: list[list[Any]] = []  # [name, start, attrs]
    entities: list[dict[str, Any]] = []
    i, n = 0, len(src)
    while i < n:
        m = _SPECIAL_RE.search(src, i)
        j = m.start() if m else n
        if j > i:
            chunk = src[i:j]
            out.append(chunk)
            pos += utf16_len(chunk)
        if j >= n:
            break
        c = src[j]
        if c == "&":
            em = _ENTITY_RE.match(src, j)
            if not em:
                raise _ParseError(f"Can't find end of the entity starting at byte offset {_byte_offset(src, j)}")
            key = em.group(1)
            if key[0] == "#":
                code = int(key[2:], 16) if key[1] in "xX" else int(key[1:])
                try:
                    ch = chr(code)
                except (ValueError, OverflowError):
                    raise _ParseError(
                        f"Can't find end of the entity starting at byte offset {_byte_offset(src, j)}"
                    ) from None
            else:
                ch = _NAMED[key]
            out.append(ch)
            pos += utf16_len(ch)
            i = em.end()
            continue
        if c == ">":
            raise _ParseError(
                f'Unexpected ">" at byte offset {_byte_offset(src, j)}: escape "<", ">" and "&" as &lt;, &gt;, &amp;'
            )
        tm = _TAG_RE.match(src, j)
        if not tm:
            word = re.match(r"</?([^\s<>]*)", src[j:])
            name = word.group(1) if word else ""
            raise _ParseError(f'Unsupported start tag "{name}" at byte offset {_byte_offset(src, j)}')
        closing, name, attr_text = tm.group(1), tm.group(2).lower(), tm.group(3)
        if closing:
            if not stack:
                raise _ParseError(f"Unexpected end tag at byte offset {_byte_offset(src, j)}")
            top = stack[-1]
            if top[0] != name:
                where = f"at byte offset {_byte_offset(src, j)}"
                raise _ParseError(f'Unmatched end tag {where}, expected "</{top[0]}>", found "</{name}>"')
            stack.pop()
            _close_entity(top, pos, stack, entities)
        else:
            if name not in _HTML_TAGS:
                raise _ParseError(f'Unsupported start tag "{name}" at byte offset {_byte_offset(src, j)}')
            attrs = {
                am.group(1).lower(): html.unescape(am.group(2) or am.group(3) or am.group(4) or "")
                for am in _ATTR_RE.finditer(attr_text)
            }
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise _ParseError(f'Unsupported start tag "span" at byte offset {_byte_offset(src, j)}')
            stack.append([name, pos, attrs])
        i = tm.end()
    if stack:
        raise _ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _close_entity(top: list[Any], end: int, stack: list[list[Any]], entities: list[dict[str, Any]]) -> None:
    name, start, attrs = top
    length = end - start
    etype = _HTML_TAGS[name]
    if name == "code" and stack and stack[-1][0] == "pre":
        lang = attrs.get("class", "")
        if lang.startswith("language-"):
            stack[-1][2]["_language"] = lang[len("language-") :]
            return
    if length <= 0:
        return
    entity: dict[str, Any] = {"offset": start, "length": length, "type": etype}
    if name == "a":
        href = attrs.get("href")
        if not href:
            return
        entity["url"] = href
    elif name == "pre" and attrs.get("_language"):
        entity["language"] = attrs["_language"]
    elif name == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif name == "tg-emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    entities.append(entity)


def _strip(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram trims leading/trailing whitespace of a message and clips the entities accordingly."""
    stripped = text.strip()
    if stripped == text or not entities:
        return stripped, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    out = []
    for e in entities:
        start = max(e["offset"] - lead, 0)
        end = min(e["offset"] + e["length"] - lead, total)
        if end > start:
            out.append({**e, "offset": start, "length": end - start})
    return stripped, out


def _format_text(text: Any, parse_mode: Any, entities: Any, *, caption: bool = False) -> tuple[str, list[Any]]:
    """Apply parse_mode/entities, trim, check the length; returns (text, entities)."""
    what = "message caption" if caption else "message"
    if text is None:
        text = ""
    if not isinstance(text, str):
        text = json.dumps(text) if not isinstance(text, int | float) else str(text)
    ents: list[Any] = []
    if entities:
        if not isinstance(entities, list):
            raise ApiError(400, "Bad Request: can't parse entities JSON object")
        ents = entities
    elif parse_mode:
        mode = str(parse_mode).lower()
        if mode == "html":
            try:
                text, ents = parse_html(text)
            except _ParseError as exc:
                raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        elif mode not in ("markdown", "markdownv2"):
            raise ApiError(400, "Bad Request: unsupported parse_mode")
    text, ents = _strip(text, ents)
    if not text:
        if caption:
            return "", []
        raise ApiError(400, "Bad Request: message text is empty")
    if len(text) > (MAX_CAPTION if caption else MAX_TEXT):
        raise ApiError(400, f"Bad Request: {what} is too long")
    return text, ents


def _check_markup(markup: Any) -> dict[str, Any] | None:
    """Validate reply_markup; returns the inline keyboard to echo (Telegram echoes only inline keyboards)."""
    if markup is None or markup == "":
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if "keyboard" in markup and not isinstance(markup["keyboard"], list):
            raise ApiError(400, 'Bad Request: field "keyboard" of the ReplyKeyboardMarkup must be an Array')
        return None
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list):
        raise ApiError(400, 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        if not isinstance(row, list):
            raise ApiError(
                400, 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise ApiError(400, 'Bad Request: can\'t find field "text"')
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not (1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA):
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            elif "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not re.match(r"(https?|tg)://\S+$", url):
                    raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
            elif not any(k in button for k in _BUTTON_ACTIONS):
                raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
    return {"inline_keyboard": rows}


# --------------------------------------------------------------------------------------------------- server


class _Server(uvicorn.Server):
    """uvicorn that leaves signal handlers alone: inside a test the process belongs to the test runner."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


class _Endpoint:
    """A raw ASGI endpoint (no Request/Response objects: they cost throughput)."""

    def __init__(self, handler: Callable[..., Any]) -> None:
        self.handler = handler

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        await self.handler(scope, receive, send)


async def _respond(send: Callable[..., Any], status: int, body: bytes, ctype: bytes = b"application/json") -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Callable[..., Any]) -> bytes:
    message = await receive()
    body = message.get("body", b"")
    if not message.get("more_body"):
        return body
    chunks = [body]
    while message.get("more_body"):
        message = await receive()
        chunks.append(message.get("body", b""))
    return b"".join(chunks)


class TelegramPeer:
    """The Telegram Bot API, played locally. See the module docstring."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_first_name: str = DEFAULT_BOT_FIRST_NAME,
        bot_username: str = DEFAULT_BOT_USERNAME,
        quiet: bool = False,
        max_calls: int | None = None,
        rate_limit_per_second: int | None = None,
        long_poll_cap: float = 1.0,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self.quiet = quiet
        self.max_calls = max_calls
        self.rate_limit_per_second = rate_limit_per_second
        self.long_poll_cap = long_poll_cap
        self._now = now
        prefix = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(prefix) if prefix.isdigit() else 1_000_001,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._bot_from = {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
        self._methods: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {}
        for attr in dir(self):
            if attr.startswith("_m_"):
                canonical = attr[3:]
                self._methods[canonical.lower()] = (canonical, getattr(self, attr))
        self._store_cap = 10_000 if quiet else (max(max_calls, 1_000) if max_calls else None)
        self.app = Starlette(
            routes=[
                Route("/bot{token}/{method}", _Endpoint(self._api), methods=["GET", "POST"]),
                Route("/file/bot{token}/{file_path:path}", _Endpoint(self._file), methods=["GET"]),
                Route("/_peer/stats", _Endpoint(self._admin_stats), methods=["GET"]),
                Route("/_peer/updates", _Endpoint(self._admin_updates), methods=["POST"]),
                Route("/_peer/reset", _Endpoint(self._admin_reset), methods=["POST"]),
            ],
        )
        self._server: _Server | None = None
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()
        self._init_state()

    # ------------------------------------------------------------------ state

    def _init_state(self) -> None:
        self.calls: list[Call] | collections.deque[Call] = (
            collections.deque(maxlen=self.max_calls) if self.max_calls else []
        )
        self.counts: collections.Counter[str] = collections.Counter()
        self.total_calls = 0
        self.rate_limit_hits = 0
        self.errors: list[str] = []
        self.webhook: dict[str, Any] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.updates: list[dict[str, Any]] = []
        self._last_update_id = 0
        self._allowed_updates: list[str] | None = None
        self._poll_generation = 0
        self._wake = asyncio.Event()
        self._chats: dict[int | str, dict[str, Any]] = {}
        self._last_message_id: dict[int | str, int] = {}
        self._messages: collections.OrderedDict[tuple[Any, int], dict[str, Any]] = collections.OrderedDict()
        self._files: collections.OrderedDict[str, StoredFile] = collections.OrderedDict()
        self._file_seq = itertools.count(1)
        self._rules: dict[str, list[_Rule]] = {}
        self._delays: dict[str, float] = {}
        self.delayed_now = 0  # calls being held by delay() right now
        self.most_delayed_at_once = 0
        self._drops: dict[str, int] = {}
        self.blocked: set[int | str] = set()
        self._window: collections.deque[float] = collections.deque()

    def reset(self) -> None:
        """Forget everything recorded and configured (webhook, commands, queued updates, files, failures)."""
        generation = self._poll_generation
        self._wake.set()
        self._init_state()
        self._poll_generation = generation  # a pending long poll just returns, without a spurious 409

    # ------------------------------------------------------------------ lifecycle

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """For ``Bot(token, base_url=peer.base_url)``: PTB appends the token."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    def bot(self, **kwargs: Any) -> Any:
        """A python-telegram-bot ``Bot`` pointed at this peer (not yet initialized)."""
        from telegram import Bot

        return Bot(self.token, base_url=self.base_url, base_file_url=self.base_file_url, **kwargs)

    def _make_server(self, log_level: str = "warning") -> tuple[_Server, socket.socket]:
        sock = socket.socket(
            socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP
        )  # proto set: asyncio then enables TCP_NODELAY (else 40 ms Nagle stalls)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            log_config=None,
            log_level=log_level,
            access_log=False,
            lifespan="off",
            http="auto",  # httptools when installed (about twice as fast), else h11
            timeout_graceful_shutdown=1,
            backlog=4096,
        )
        return _Server(config), sock

    async def start(self) -> TelegramPeer:
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()
        self._server, sock = self._make_server()
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]), name="telegram-peer")
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("TelegramPeer failed to start")
            await asyncio.sleep(0.002)
        return self

    async def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._server is not None:
            self._server.should_exit = True
        if self._task is not None:
            try:
                await self._task
            finally:
                self._task = None

    async def __aenter__(self) -> TelegramPeer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ test controls

    def fail(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` (only for ``chat_id`` if given) answer this error."""
        rule = _Rule(status, retry_after, description, times, _norm_chat(chat_id))
        self._rules.setdefault(_norm_method(method), []).append(rule)

    def block(self, chat_id: int | str) -> None:
        """The user blocked the bot: sends to the chat answer 403 until :meth:`unblock`."""
        self.blocked.add(_norm_chat(chat_id))

    def unblock(self, chat_id: int | str) -> None:
        self.blocked.discard(_norm_chat(chat_id))

    def delay(self, method: str, seconds: float | None) -> None:
        """Answer ``method`` only after ``seconds`` (None or 0: no delay)."""
        if seconds:
            self._delays[_norm_method(method)] = float(seconds)
        else:
            self._delays.pop(_norm_method(method), None)

    def drop_connection(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` get their connection closed without any response."""
        self._drops[_norm_method(method)] = self._drops.get(_norm_method(method), 0) + times

    def queue_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates (an ``update_id`` is assigned if missing); returns its update_id."""
        update = dict(update)
        if "update_id" not in update:
            update["update_id"] = self._last_update_id + 1
        self._last_update_id = max(self._last_update_id, int(update["update_id"]))
        self.observe_update(update)
        self.updates.append(update)
        self._notify()
        return int(update["update_id"])

    def observe_update(self, update: dict[str, Any]) -> None:
        """Learn chats and message ids from an update (done by queue_update and push_update)."""
        for key in ("message", "edited_message", "channel_post", "business_message"):
            msg = update.get(key)
            if isinstance(msg, dict):
                self._observe_message(msg)
        cq = update.get("callback_query")
        if isinstance(cq, dict) and isinstance(cq.get("message"), dict):
            self._observe_message(cq["message"])
        member = update.get("my_chat_member")
        if isinstance(member, dict) and isinstance(member.get("chat"), dict):
            self._chats.setdefault(member["chat"]["id"], member["chat"])

    def _observe_message(self, msg: dict[str, Any]) -> None:
        chat = msg.get("chat") or {}
        chat_id = chat.get("id")
        if chat_id is None:
            return
        self._chats[chat_id] = chat
        mid = int(msg.get("message_id", 0))
        self._last_message_id[chat_id] = max(self._last_message_id.get(chat_id, 0), mid)
        sender = msg.get("from") or {}
        if sender.get("id") == self.bot_user["id"] and (chat_id, mid) not in self._messages:
            self._store_message(dict(msg))

    def add_message(
        self, chat_id: int, message_id: int, text: str, reply_markup: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Pretend the bot sent ``text`` as ``message_id`` earlier (so it can be edited)."""
        chat_id = _norm_chat(chat_id)
        msg = {
            "message_id": message_id,
            "from": self._bot_from,
            "chat": self._chat_obj(chat_id),
            "date": int(self._now()),
            "text": text,
        }
        if reply_markup:
            msg["reply_markup"] = reply_markup
        self._last_message_id[chat_id] = max(self._last_message_id.get(chat_id, 0), message_id)
        self._store_message(msg)
        return msg

    def add_chat(self, chat: dict[str, Any]) -> None:
        """Register a chat object (id, type, first_name/title…) to be used in returned messages."""
        self._chats[chat["id"]] = dict(chat)

    def add_file(
        self,
        file_id: str,
        data: bytes,
        *,
        file_path: str | None = None,
        file_unique_id: str | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> str:
        """Make ``file_id`` downloadable (getFile + GET /file/bot…/file_path); returns the file_path."""
        n = next(self._file_seq)
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=file_unique_id or f"AgAD{n:08d}",
            file_path=file_path or f"documents/file_{n}{_ext(file_name, mime_type)}",
            data=bytes(data),
            size=len(data),
            file_name=file_name,
            mime_type=mime_type,
        )
        self._put_file(stored)
        return stored.file_path

    def file_data(self, file_id: str) -> bytes | None:
        f = self._files.get(file_id)
        return f.data if f else None

    async def push_update(self, update: dict[str, Any], *, client: Any = None, timeout: float = 10.0) -> Any:
        """POST ``update`` to the webhook set by the bot, with its secret token header, as Telegram does; returns
        the httpx.Response. Pass ``client=httpx.AsyncClient(transport=httpx.ASGITransport(app))`` to deliver to
        an in-process ASGI app without a server."""
        import httpx

        url = self.webhook.get("url")
        if not url:
            raise RuntimeError("no webhook is set")
        headers = {"content-type": "application/json"}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        self.observe_update(update)
        if client is not None:
            return await client.post(url, content=_dumps(update), headers=headers, timeout=timeout)
        async with httpx.AsyncClient(timeout=timeout) as own:
            return await own.post(url, content=_dumps(update), headers=headers)

    # ------------------------------------------------------------------ inspection

    def calls_of(self, method: str) -> list[Call]:
        key = _norm_method(method)
        return [c for c in self.calls if c.method.lower() == key]

    def sent(self, chat_id: int | str | None = None) -> list[Call]:
        """Successful sendMessage/editMessageText/sendDocument/sendPhoto calls in order (optionally one chat)."""
        chat = _norm_chat(chat_id)
        return [
            c
            for c in self.calls
            if c.method in SENT_METHODS and c.status == 200 and (chat is None or c.params.get("chat_id") == chat)
        ]

    def texts(self, chat_id: int | str) -> list[str]:
        """The ``text`` parameters (as sent, before entity parsing) of successful sendMessage/editMessageText."""
        return [c.params.get("text", "") for c in self.sent(chat_id) if c.method in ("sendMessage", "editMessageText")]

    def message(self, chat_id: int | str, message_id: int) -> dict[str, Any] | None:
        """The current state of a bot message (after edits), as the peer returned it."""
        return self._messages.get((_norm_chat(chat_id), message_id))

    def commands_for(self, language_code: str = "", scope: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.commands.get((_scope_key(scope), language_code or ""), [])

    def stats(self) -> dict[str, Any]:
        return {
            "total_calls": self.total_calls,
            "counts": dict(self.counts),
            "rate_limit_hits": self.rate_limit_hits,
            "errors": len(self.errors),
            "pending_updates": len(self.updates),
        }

    # ------------------------------------------------------------------ HTTP

    async def _api(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        path_params = scope["path_params"]
        body = await _read_body(receive)
        if path_params["token"] != self.token:
            await _respond(send, 401, b'{"ok":false,"error_code":401,"description":"Unauthorized"}')
            return
        entry = self._methods.get(path_params["method"].lower())
        canonical = entry[0] if entry else path_params["method"]
        try:
            params = self._params(scope, body)
        except ApiError as exc:
            params, status, payload = {}, exc.status, error_body(exc.status, exc.description)[0]
        else:
            status = 0
        self.total_calls += 1
        self.counts[canonical] += 1
        call = Call(canonical, params, time.monotonic())
        if not self.quiet:
            self.calls.append(call)
        if status:
            call.status = status
            await _respond(send, status, payload)
            return
        if entry is None:
            call.status = 404
            await _respond(send, 404, b'{"ok":false,"error_code":404,"description":"Not Found"}')
            return
        key = entry[0].lower()
        if self._drops and self._drops.get(key):
            self._drops[key] -= 1
            call.status = 0
            await self._drop(scope, receive)
            return
        if self._delays and key in self._delays:
            self.delayed_now += 1
            self.most_delayed_at_once = max(self.most_delayed_at_once, self.delayed_now)
            try:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), self._delays[key])
            finally:
                self.delayed_now -= 1
        try:
            result = self._precheck(key, canonical, params)
            if result is None:
                result = entry[1](params)
                if asyncio.iscoroutine(result):
                    result = await result
        except ApiError as exc:
            payload, _ = error_body(exc.status, exc.description, (exc.parameters or {}).get("retry_after"))
            call.status = exc.status
            await _respond(send, exc.status, payload)
            return
        except Exception:  # a bug in the peer: answer like Telegram's 500 and keep the traceback
            self.errors.append(traceback.format_exc())
            log.exception("TelegramPeer failed on %s", canonical)
            call.status = 500
            await _respond(send, 500, error_body(500)[0])
            return
        if isinstance(result, _Described):
            out = (
                b'{"ok":true,"result":' + _dumps(result.result) + b',"description":' + _dumps(result.description) + b"}"
            )
        else:
            out = b'{"ok":true,"result":' + _dumps(result) + b"}"
        await _respond(send, 200, out)

    def _params(self, scope: dict[str, Any], body: bytes) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if scope.get("query_string"):
            _decode_form(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True), params)
        if not body:
            return params
        ctype = ""
        for name, value in scope["headers"]:
            if name == b"content-type":
                ctype = value.decode("latin-1")
                break
        lower = ctype.lower()
        if lower.startswith("application/x-www-form-urlencoded"):
            return _decode_form(parse_qsl(body.decode("utf-8"), keep_blank_values=True), params)
        if lower.startswith("multipart/form-data"):
            return _decode_form(_parse_multipart(body, ctype), params)
        try:
            data = json.loads(body)
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if not isinstance(data, dict):
            raise ApiError(400, "Bad Request: JSON body must be an object")
        params.update(data)
        return _normalize_json(params)

    def _precheck(self, key: str, canonical: str, params: dict[str, Any]) -> Any:
        """Injected failures, blocked chats and the rate limit; raises ApiError or returns None."""
        chat_id = params.get("chat_id")
        if self._rules:
            rules = self._rules.get(key)
            if rules:
                for rule in rules:
                    if rule.chat_id is None or rule.chat_id == chat_id:
                        rule.remaining -= 1
                        if rule.remaining <= 0:
                            rules.remove(rule)
                        ra = rule.retry_after if rule.status != 429 else (rule.retry_after or 1)
                        raise ApiError(
                            rule.status,
                            error_body(rule.status, rule.description, ra)[1],
                            {"retry_after": ra} if rule.status == 429 else None,
                        )
        if self.blocked and chat_id in self.blocked and canonical in _CHAT_CHECKED:
            raise ApiError(403, BLOCKED)
        if self.rate_limit_per_second and key != "getupdates":
            now = time.monotonic()
            window = self._window
            edge = now - 1.0
            while window and window[0] <= edge:
                window.popleft()
            if len(window) >= self.rate_limit_per_second:
                self.rate_limit_hits += 1
                raise ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
            window.append(now)
        return None

    async def _drop(self, scope: dict[str, Any], receive: Callable[..., Any]) -> None:
        client = scope.get("client")
        server = self._server
        if server is not None:
            for proto in list(server.server_state.connections):
                if getattr(proto, "client", None) == client:
                    proto.transport.close()  # type: ignore[attr-defined]
                    break
        # Wait for uvicorn to notice the disconnect; then it sends nothing on our behalf.
        with contextlib.suppress(asyncio.TimeoutError):
            async with asyncio.timeout(2):
                while (await receive())["type"] != "http.disconnect":
                    pass

    async def _file(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        await _read_body(receive)
        pp = scope["path_params"]
        if pp["token"] != self.token:
            await _respond(send, 401, b'{"ok":false,"error_code":401,"description":"Unauthorized"}')
            return
        for f in self._files.values():
            if f.file_path == pp["file_path"] and f.data is not None:
                self.counts["file_download"] += 1
                await _respond(send, 200, f.data, (f.mime_type or "application/octet-stream").encode())
                return
        await _respond(send, 404, b'{"ok":false,"error_code":404,"description":"Not Found"}')

    async def _admin_stats(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        await _read_body(receive)
        await _respond(send, 200, _dumps(self.stats()))

    async def _admin_updates(
        self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]
    ) -> None:
        data = json.loads(await _read_body(receive) or b"[]")
        ids = [self.queue_update(u) for u in (data if isinstance(data, list) else [data])]
        await _respond(send, 200, _dumps({"ok": True, "update_ids": ids}))

    async def _admin_reset(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        await _read_body(receive)
        self.reset()
        await _respond(send, 200, b'{"ok":true}')

    # ------------------------------------------------------------------ helpers

    def _notify(self) -> None:
        self._wake.set()
        self._wake = asyncio.Event()

    def _chat_obj(self, chat_id: int | str) -> dict[str, Any]:
        chat = self._chats.get(chat_id)
        if chat is not None:
            return chat
        if isinstance(chat_id, int) and chat_id < 0:
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            return {"id": chat_id, "title": f"Group {chat_id}", "type": kind}
        return {"id": chat_id, "first_name": f"User {chat_id}", "type": "private"}

    def _chat_id(self, params: dict[str, Any]) -> int | str:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(chat_id, bool) or not isinstance(chat_id, int | str):
            raise ApiError(400, "Bad Request: chat not found")
        if isinstance(chat_id, str):
            if chat_id.lstrip("-").isdigit():
                return int(chat_id)
            if chat_id.startswith("@") and any(c.get("username") == chat_id[1:] for c in self._chats.values()):
                return next(k for k, c in self._chats.items() if c.get("username") == chat_id[1:])
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    def _store_message(self, msg: dict[str, Any]) -> None:
        key = (msg["chat"]["id"], msg["message_id"])
        self._messages[key] = msg
        if self._store_cap is not None and len(self._messages) > self._store_cap:
            self._messages.popitem(last=False)

    def _put_file(self, stored: StoredFile) -> None:
        self._files[stored.file_id] = stored
        if self._store_cap is not None and len(self._files) > min(self._store_cap, 1_000):
            self._files.popitem(last=False)

    def _new_message(self, chat_id: int | str, params: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        mid = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = mid
        msg: dict[str, Any] = {
            "message_id": mid,
            "from": self._bot_from,
            "chat": self._chat_obj(chat_id),
            "date": int(self._now()),
        }
        reply = params.get("reply_parameters")
        reply_id = reply.get("message_id") if isinstance(reply, dict) else params.get("reply_to_message_id")
        if reply_id is not None:
            target = self._messages.get((chat_id, reply_id))
            if target is not None:
                msg["reply_to_message"] = {k: v for k, v in target.items() if k != "reply_to_message"}
        if params.get("protect_content") is True:
            msg["has_protected_content"] = True
        msg.update(content)
        self._store_message(msg)
        return msg

    def _upload(self, params: dict[str, Any], field_name: str, *, limit: int) -> tuple[StoredFile, Upload | None]:
        value = params.get(field_name)
        if isinstance(value, Upload):
            if not value.data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            if value.size > limit:
                raise ApiError(413, "Request Entity Too Large")
            n = next(self._file_seq)
            prefix = "BQACAgIAAxkDAAI" if field_name == "document" else "AgACAgIAAxkDAAI"
            folder = "documents" if field_name == "document" else "photos"
            mime = value.content_type or "application/octet-stream"
            stored = StoredFile(
                file_id=f"{prefix}{n:08d}{abs(hash(value.data)) % 10**10:010d}",
                file_unique_id=f"AgAD{n:08d}",
                file_path=f"{folder}/file_{n}{_ext(value.filename, mime)}",
                data=value.data,
                size=value.size,
                file_name=value.filename,
                mime_type=mime,
            )
            self._put_file(stored)
            return stored, value
        if isinstance(value, str) and value:
            known = self._files.get(value)
            if known is not None:
                return known, None
            if re.match(r"https?://", value):
                n = next(self._file_seq)
                name = value.rstrip("/").rsplit("/", 1)[-1] or "file"
                stored = StoredFile(
                    f"BQACAgIAAxkDAAU{n:08d}", f"AgAU{n:08d}", f"documents/url_{n}", None, 1024, name, None
                )
                self._put_file(stored)
                return stored, None
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        raise ApiError(400, f"Bad Request: there is no {field_name} in the request")

    def _editable(self, params: dict[str, Any]) -> tuple[Any, dict[str, Any] | None]:
        if params.get("inline_message_id"):
            return None, None
        chat_id = self._chat_id(params)
        mid = params.get("message_id")
        if not isinstance(mid, int):
            raise ApiError(400, "Bad Request: message identifier is not specified")
        msg = self._messages.get((chat_id, mid))
        if msg is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return chat_id, msg

    # ------------------------------------------------------------------ methods (name after _m_ is canonical)

    def _m_getMe(self, params: dict[str, Any]) -> Any:
        return self.bot_user

    def _m_logOut(self, params: dict[str, Any]) -> Any:
        return True

    def _m_close(self, params: dict[str, Any]) -> Any:
        return True

    def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = self._chat_id(params)
        text, entities = _format_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
        markup = _check_markup(params.get("reply_markup"))
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        if markup:
            content["reply_markup"] = markup
        return self._new_message(chat_id, params, content)

    def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        text, entities = _format_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
        markup = _check_markup(params.get("reply_markup"))
        _, msg = self._editable(params)
        if msg is None:
            return True  # inline message
        if msg.get("text") == text and msg.get("entities", []) == entities and msg.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        if "text" not in msg:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        new = {k: v for k, v in msg.items() if k not in ("entities", "reply_markup")}
        new["text"] = text
        if entities:
            new["entities"] = entities
        if markup:
            new["reply_markup"] = markup
        new["edit_date"] = int(self._now())
        self._store_message(new)
        return new

    def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        markup = _check_markup(params.get("reply_markup"))
        _, msg = self._editable(params)
        if msg is None:
            return True
        if msg.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        new = {k: v for k, v in msg.items() if k != "reply_markup"}
        if markup:
            new["reply_markup"] = markup
        new["edit_date"] = int(self._now())
        self._store_message(new)
        return new

    def _m_deleteMessage(self, params: dict[str, Any]) -> Any:
        chat_id = self._chat_id(params)
        if self._messages.pop((chat_id, params.get("message_id")), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _m_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        text = params.get("text")
        if isinstance(text, str) and len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _media_message(self, params: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        caption, caption_entities = _format_text(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"), caption=True
        )
        markup = _check_markup(params.get("reply_markup"))
        if caption:
            content["caption"] = caption
        if caption_entities:
            content["caption_entities"] = caption_entities
        if markup:
            content["reply_markup"] = markup
        return self._new_message(chat_id, params, content)

    def _m_sendDocument(self, params: dict[str, Any]) -> Any:
        self._chat_id(params)
        stored, _ = self._upload(params, "document", limit=MAX_UPLOAD)
        document: dict[str, Any] = {}
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        document.update(file_id=stored.file_id, file_unique_id=stored.file_unique_id, file_size=stored.size)
        return self._media_message(params, {"document": document})

    def _m_sendPhoto(self, params: dict[str, Any]) -> Any:
        self._chat_id(params)
        stored, _ = self._upload(params, "photo", limit=MAX_PHOTO_UPLOAD)
        sizes = [(90, 90), (320, 320), (800, 800)]
        photo = []
        for i, (w, h) in enumerate(sizes):
            last = i == len(sizes) - 1
            photo.append(
                {
                    "file_id": stored.file_id if last else f"{stored.file_id}_{i}",
                    "file_unique_id": stored.file_unique_id if last else f"{stored.file_unique_id}{i}",
                    "file_size": stored.size if last else max(1, stored.size // (4 ** (len(sizes) - 1 - i))),
                    "width": w,
                    "height": h,
                }
            )
        return self._media_message(params, {"photo": photo})

    def _m_sendLocation(self, params: dict[str, Any]) -> Any:
        chat_id = self._chat_id(params)
        try:
            lat, lon = float(params["latitude"]), float(params["longitude"])
        except (KeyError, TypeError, ValueError):
            raise ApiError(400, "Bad Request: wrong latitude/longitude specified") from None
        markup = _check_markup(params.get("reply_markup"))
        content: dict[str, Any] = {"location": {"latitude": lat, "longitude": lon}}
        if markup:
            content["reply_markup"] = markup
        return self._new_message(chat_id, params, content)

    def _m_sendChatAction(self, params: dict[str, Any]) -> Any:
        self._chat_id(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _m_getFile(self, params: dict[str, Any]) -> Any:
        f = self._files.get(params.get("file_id") or "")
        if f is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if f.size > MAX_DOWNLOAD:
            raise ApiError(400, "Bad Request: file is too big")
        return {"file_id": f.file_id, "file_unique_id": f.file_unique_id, "file_size": f.size, "file_path": f.file_path}

    def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        url = params.get("url") or ""
        if not url:
            return self._m_deleteWebhook(params)
        if not isinstance(url, str) or not re.match(r"https?://[^/\s]+", url):
            raise ApiError(400, "Bad Request: bad webhook: Failed to resolve host: Name or service not known")
        secret = params.get("secret_token")
        if secret is not None and (not isinstance(secret, str) or not _SECRET_RE.fullmatch(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        max_conn = params.get("max_connections", 40)
        if not isinstance(max_conn, int) or not 1 <= max_conn <= 100:
            raise ApiError(400, "Bad Request: bad webhook: max_connections must be between 1 and 100")
        allowed = params.get("allowed_updates")
        if allowed is not None and not isinstance(allowed, list):
            raise ApiError(400, "Bad Request: can't parse allowed updates JSON object")
        if params.get("drop_pending_updates") is True:
            self.updates.clear()
        previous = self.webhook.get("url")
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "allowed_updates": allowed,
            "drop_pending_updates": params.get("drop_pending_updates") is True,
            "max_connections": max_conn,
            "ip_address": params.get("ip_address"),
            "has_custom_certificate": isinstance(params.get("certificate"), Upload),
        }
        if allowed is not None:
            self._allowed_updates = allowed
        self._notify()  # a long-polling getUpdates now conflicts
        return _Described(True, "Webhook is already set" if previous == url else "Webhook was set")

    def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        if params.get("drop_pending_updates") is True:
            self.updates.clear()
        had = bool(self.webhook.get("url"))
        self.webhook = {}
        return _Described(True, "Webhook was deleted" if had else "Webhook is already deleted")

    def _m_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        info: dict[str, Any] = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": bool(self.webhook.get("has_custom_certificate")),
            "pending_update_count": len(self.updates),
        }
        if self.webhook.get("url"):
            info["max_connections"] = self.webhook.get("max_connections", 40)
            info["ip_address"] = self.webhook.get("ip_address") or "127.0.0.1"
            if self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    def _commands_key(self, params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope")
        if scope is not None and (not isinstance(scope, dict) or scope.get("type") not in _SCOPE_TYPES):
            raise ApiError(400, "Bad Request: wrong scope type specified")
        lang = params.get("language_code") or ""
        if lang and not _LANG_RE.fullmatch(lang):
            raise ApiError(400, "Bad Request: invalid language code specified")
        return _scope_key(scope), lang

    def _m_setMyCommands(self, params: dict[str, Any]) -> Any:
        key = self._commands_key(params)
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many commands specified")
        clean = []
        for c in commands:
            if not isinstance(c, dict):
                raise ApiError(400, "Bad Request: can't parse BotCommand")
            cmd, desc = c.get("command"), c.get("description")
            if not isinstance(cmd, str) or not _COMMAND_RE.fullmatch(cmd):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not isinstance(desc, str) or not desc.strip():
                raise ApiError(400, "Bad Request: command description is empty")
            if len(desc) > 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": cmd, "description": desc})
        if clean:
            self.commands[key] = clean
        else:
            self.commands.pop(key, None)
        return True

    def _m_getMyCommands(self, params: dict[str, Any]) -> Any:
        return self.commands.get(self._commands_key(params), [])

    def _m_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _pending(self, limit: int) -> list[dict[str, Any]]:
        allowed = self._allowed_updates
        out = []
        for u in self.updates:
            kinds = u.keys() - {"update_id"}
            if allowed:
                if not kinds & set(allowed):
                    continue
            elif kinds and kinds <= _DEFAULT_EXCLUDED_UPDATES:
                continue
            out.append(u)
            if len(out) >= limit:
                break
        return out

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook.get("url"):
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset = params.get("offset")
        limit = params.get("limit", 100)
        limit = min(max(limit if isinstance(limit, int) else 100, 1), 100)
        timeout = params.get("timeout", 0)
        timeout = timeout if isinstance(timeout, int | float) and timeout > 0 else 0
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = allowed or None
        if isinstance(offset, int) and offset:
            if offset < 0:
                self.updates = self.updates[offset:]
            else:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # an earlier long poll still waiting is terminated (409)
        result = self._pending(limit)
        if result or not timeout or self._stop.is_set():
            return result
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(timeout, self.long_poll_cap)
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            wake = self._wake
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(wake.wait(), remaining)
            if generation != self._poll_generation:
                raise ApiError(409, POLL_CONFLICT)
            if self.webhook.get("url"):
                raise ApiError(409, WEBHOOK_CONFLICT)
            if self._stop.is_set():
                return []
            result = self._pending(limit)
            if result:
                return result


def _norm_chat(chat_id: int | str | None) -> Any:
    if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
        return int(chat_id)
    return chat_id


def _scope_key(scope: dict[str, Any] | None) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True, separators=(",", ":"))


def _ext(file_name: str | None, mime_type: str | None) -> str:
    if file_name and "." in file_name:
        return "." + file_name.rsplit(".", 1)[1][:8]
    if mime_type:
        import mimetypes

        return mimetypes.guess_extension(mime_type) or ""
    return ""


# --------------------------------------------------------------------------------------------------- CLI


def _bench_worker(api: str, n: int, start_at: float) -> tuple[float, float]:
    import httpx

    with httpx.Client(timeout=10) as client:  # one keep-alive connection per worker
        for _ in range(100):  # warm-up
            client.post(api, data={"chat_id": "1", "text": "warm-up"}).raise_for_status()
        time.sleep(max(0.0, start_at - time.time()))
        t0 = time.time()
        for i in range(n):
            r = client.post(api, data={"chat_id": str(1000 + i % 500), "text": f"第 {i} 条消息"})
            r.raise_for_status()
        return t0, time.time()


def _bench(n: int, clients: int, quiet: bool) -> None:
    """Start a peer in a subprocess and send it ``n`` sendMessage requests from ``clients`` httpx client
    processes (keep-alive; one process is client-bound at ~2,300/s, since httpx spends ~300 µs per request)."""
    import subprocess
    from concurrent.futures import ProcessPoolExecutor

    import httpx

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.peers.telegram",
            "--port",
            "0",
            "--token",
            DEFAULT_TOKEN,
            *(["--quiet"] if quiet else ["--max-calls", "1000"]),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().decode().rsplit(" ", 1)[-1].strip()
        api = f"{url}/bot{DEFAULT_TOKEN}/sendMessage"
        start_at = time.time() + 1.5
        with ProcessPoolExecutor(clients) as pool:
            spans = list(pool.map(_bench_worker, [api] * clients, [n // clients] * clients, [start_at] * clients))
        elapsed = max(t1 for _, t1 in spans) - min(t0 for t0, _ in spans)
        total = (n // clients) * clients
        stats = httpx.get(f"{url}/_peer/stats").json()
        print(
            f"{total / elapsed:,.0f} sendMessage/s ({total} requests from {clients} httpx clients, quiet={quiet}, "
            f"{'httptools' if _has_httptools() else 'h11'}); peer counted {stats['counts'].get('sendMessage')}"
        )
    finally:
        proc.terminate()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _has_httptools() -> bool:
    try:
        import httptools  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the local Telegram Bot API peer in the foreground.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--quiet", action="store_true", help="record only counts, not calls")
    parser.add_argument("--max-calls", type=int, default=None, help="keep only the last N calls")
    parser.add_argument("--rate-limit", type=int, default=None, help="overall requests per second before 429")
    parser.add_argument("--long-poll-cap", type=float, default=1.0)
    parser.add_argument("--bench", type=int, default=0, metavar="N", help="measure: send N requests to a fresh peer")
    parser.add_argument("--clients", type=int, default=3, help="client processes for --bench")
    args = parser.parse_args(argv)
    if args.bench:
        _bench(args.bench, args.clients, args.quiet)
        return
    peer = TelegramPeer(
        args.token,
        host=args.host,
        port=args.port,
        quiet=args.quiet,
        max_calls=args.max_calls,
        rate_limit_per_second=args.rate_limit,
        long_poll_cap=args.long_poll_cap,
    )
    logging.basicConfig(level=logging.WARNING)

    async def run() -> None:
        server, sock = peer._make_server()
        peer._server = server
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):  # shut down cleanly and exit 0 when killed
            loop.add_signal_handler(sig, lambda: setattr(server, "should_exit", True))

        async def announce() -> None:
            while not server.started:
                await asyncio.sleep(0.01)
            print(f"TelegramPeer listening on {peer.url}", flush=True)

        announcer = asyncio.create_task(announce())
        await server.serve(sockets=[sock])
        announcer.cancel()

    try:
        import uvloop  # optional: a faster event loop when installed
    except ImportError:
        asyncio.run(run())
    else:
        uvloop.run(run())


if __name__ == "__main__":
    main()
