"""What WeChat's servers POST to an Official Account's webhook, and how they read the answer.

Builders return the inbound XML exactly in the shapes of WeChat's docs (and of the
samples in wechatpy's own test suite): strings in CDATA, numbers bare, one field a line.
`signed_request` wraps any of them the way WeChat sends it in plain, compatible or safe
(AES) mode, with real signatures; `read_reply` checks and decodes the passive reply the
bot answers with, as WeChat would. Malicious bodies for the bad-input tests are at the end.

Independent of wechatpy: the crypto comes from `tests.peers.wechat_crypto`.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import xml.etree.ElementTree as ET
from base64 import urlsafe_b64encode
from typing import Any, Literal

from tests.peers import wechat_crypto as wc

__all__ = [
    "DEFAULT_OPENID",
    "DEFAULT_TO_USER",
    "MALFORMED_VARIANTS",
    "Mode",
    "WEBHOOK_HEADERS",
    "ReplyError",
    "billion_laughs",
    "click",
    "event",
    "field_value",
    "external_entity",
    "image",
    "link",
    "location",
    "location_event",
    "make_openid",
    "malformed",
    "message",
    "oversized",
    "read_reply",
    "scan",
    "signed_request",
    "sticker",
    "subscribe",
    "text",
    "unknown",
    "unsubscribe",
    "verify_params",
    "video",
    "view",
    "voice",
]

Mode = Literal["plain", "compatible", "safe"]
MODES: tuple[str, ...] = ("plain", "compatible", "safe")


def make_openid(seed: str = "resident") -> str:
    """A stable, realistic-looking openid: 'o' + 27 URL-safe characters (28 in all)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return "o" + urlsafe_b64encode(digest).decode("ascii")[:27]


# Headers of WeChat's webhook POSTs (send them with the body from signed_request).
WEBHOOK_HEADERS = {"Content-Type": "text/xml", "User-Agent": "Mozilla/4.0"}

DEFAULT_TO_USER = "gh_3f8c2e1a9b7d"  # an OA's original id: gh_ + 12 hex
DEFAULT_OPENID = make_openid()


class ReplyError(AssertionError):
    """A passive reply that WeChat would reject (the user would see 'service unavailable')."""


# --------------------------------------------------------------------------- XML building


def _cdata(value: str) -> str:
    # "]]>" cannot appear inside one CDATA section: split it across two.
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _element(tag: str, value: Any) -> str:
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, (int, float)):
        return f"<{tag}>{value}</{tag}>"
    return f"<{tag}>{_cdata(str(value))}</{tag}>"


def _new_msg_id() -> int:
    # Real MsgIds are 64-bit numbers, e.g. 6054768590064713728.
    return 6_000_000_000_000_000_000 + secrets.randbelow(1_000_000_000_000_000_000)


def message(
    msg_type: str,
    fields: list[tuple[str, Any]] | None = None,
    *,
    to_user: str = DEFAULT_TO_USER,
    from_user: str = DEFAULT_OPENID,
    create_time: int | None = None,
    msg_id: int | None = None,
    with_msg_id: bool = True,
) -> str:
    """Any inbound message: the common header, `fields` in order, then MsgId (if any)."""
    parts = [
        _element("ToUserName", to_user),
        _element("FromUserName", from_user),
        _element("CreateTime", int(time.time()) if create_time is None else int(create_time)),
        _element("MsgType", msg_type),
    ]
    parts += [_element(tag, value) for tag, value in (fields or []) if value is not None]
    if with_msg_id:
        parts.append(_element("MsgId", _new_msg_id() if msg_id is None else int(msg_id)))
    return "<xml>" + "\n".join(parts) + "</xml>"


def event(event_name: str, fields: list[tuple[str, Any]] | None = None, **common: Any) -> str:
    """Any event push (MsgType event). Events carry no MsgId."""
    common.pop("msg_id", None)
    return message("event", [("Event", event_name), *(fields or [])], with_msg_id=False, **common)


# --------------------------------------------------------------------------- messages


def text(content: str, **common: Any) -> str:
    return message("text", [("Content", content)], **common)


def image(
    pic_url: str = "http://mmbiz.qpic.cn/mmbiz_jpg/example/0",
    media_id: str = "MEDIA_ID_image_0001",
    **common: Any,
) -> str:
    return message("image", [("PicUrl", pic_url), ("MediaId", media_id)], **common)


def voice(
    media_id: str = "MEDIA_ID_voice_0001",
    format: str = "amr",  # noqa: A002 -- WeChat's field name
    recognition: str | None = None,
    **common: Any,
) -> str:
    """A voice message; `recognition` (speech-to-text) is present only when the OA enabled it."""
    return message(
        "voice", [("MediaId", media_id), ("Format", format), ("Recognition", recognition)], **common
    )


def location(
    latitude: float = 34.0357,
    longitude: float = 113.8523,
    scale: int = 15,
    label: str = "河南省许昌市魏都区",
    **common: Any,
) -> str:
    """A location the user sent: Location_X is the latitude, Location_Y the longitude."""
    return message(
        "location",
        [("Location_X", latitude), ("Location_Y", longitude), ("Scale", int(scale)), ("Label", label)],
        **common,
    )


def link(
    title: str = "社区通知",
    description: str = "关于社区服务中心开放时间的通知",
    url: str = "https://mp.weixin.qq.com/s/example",
    **common: Any,
) -> str:
    return message("link", [("Title", title), ("Description", description), ("Url", url)], **common)


def video(
    media_id: str = "MEDIA_ID_video_0001",
    thumb_media_id: str = "MEDIA_ID_thumb_0001",
    *,
    short: bool = False,
    **common: Any,
) -> str:
    """A video from the album (video) or one just filmed in the chat (shortvideo)."""
    return message("shortvideo" if short else "video", [("MediaId", media_id), ("ThumbMediaId", thumb_media_id)], **common)


# What WeChat puts in Content when someone sends an Official Account a sticker (动画表情 / 自定义表情).
STICKER_CONTENT = "【收到不支持的消息类型，暂无法显示】"


def sticker(**common: Any) -> str:
    """A sticker: WeChat does not pass it on, it sends a text message with a fixed placeholder."""
    return text(STICKER_CONTENT, **common)


def unknown(msg_type: str = "holographic", fields: list[tuple[str, Any]] | None = None, **common: Any) -> str:
    """A MsgType the bot has never heard of (WeChat adds new ones from time to time)."""
    return message(msg_type, fields or [("Content", "?")], **common)


# --------------------------------------------------------------------------- events


def subscribe(
    scene: str | int | None = None, ticket: str | None = None, *, empty_key: bool = False, **common: Any
) -> str:
    """A follow. With `scene`, a follow by scanning a parametric QR code:
    EventKey "qrscene_<scene>" plus the QR code's Ticket. A plain follow has no EventKey
    in the docs; live traffic often carries an empty one (`empty_key=True`)."""
    if scene is None:
        return event("subscribe", [("EventKey", "")] if empty_key else [], **common)
    ticket = ticket or "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2tIVVZOTHJseVZ3aTJYbW1mQUFB"
    return event("subscribe", [("EventKey", f"qrscene_{scene}"), ("Ticket", ticket)], **common)


def unsubscribe(*, empty_key: bool = False, **common: Any) -> str:
    return event("unsubscribe", [("EventKey", "")] if empty_key else [], **common)


def scan(scene: str | int, ticket: str | None = None, **common: Any) -> str:
    """A follower scanned a parametric QR code (no qrscene_ prefix here)."""
    ticket = ticket or "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2tIVVZOTHJseVZ3aTJYbW1mQUFB"
    return event("SCAN", [("EventKey", str(scene)), ("Ticket", ticket)], **common)


def click(key: str, **common: Any) -> str:
    return event("CLICK", [("EventKey", key)], **common)


def view(url: str, menu_id: int | None = None, **common: Any) -> str:
    return event("VIEW", [("EventKey", url), ("MenuId", menu_id)], **common)


def location_event(
    latitude: float = 34.0357, longitude: float = 113.8523, precision: float = 30.0, **common: Any
) -> str:
    """The periodic location report (if the OA asked for it), not a location message."""
    return event(
        "LOCATION", [("Latitude", latitude), ("Longitude", longitude), ("Precision", precision)], **common
    )


# --------------------------------------------------------------------------- signing


def _nonce() -> str:
    return str(secrets.randbelow(10**10))


def field_value(xml: str, tag: str) -> str | None:
    """The text of the first <tag> in `xml` (CDATA or bare), found without an XML parser."""
    m = re.search(rf"<{tag}>\s*(?:<!\[CDATA\[(.*?)\]\]>|([^<]*))\s*</{tag}>", xml, re.S)
    if not m:
        return None
    return m.group(1) if m.group(1) is not None else m.group(2).strip()


def verify_params(
    token: str, echostr: str | None = None, *, timestamp: str | int | None = None, nonce: str | None = None
) -> dict[str, str]:
    """The query of WeChat's GET URL verification; the bot must answer with `echostr` verbatim.
    (For Official Accounts echostr is plain in every mode; only WeCom encrypts it.)"""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or _nonce()
    echostr = echostr if echostr is not None else str(secrets.randbelow(10**19))
    return {"signature": wc.signature(token, ts, nonce), "echostr": echostr, "timestamp": ts, "nonce": nonce}


def signed_request(
    xml: str,
    *,
    token: str,
    mode: Mode,
    aes_key: str | None = None,
    appid: str | None = None,
    timestamp: str | int | None = None,
    nonce: str | None = None,
    random16: bytes | None = None,
) -> tuple[dict[str, str], bytes]:
    """(query params, body) of the POST WeChat makes to the webhook for `xml`.

    plain:      ?signature&timestamp&nonce&openid, body = xml
    compatible: ... &encrypt_type=aes&msg_signature, body = xml's fields plus <Encrypt>
    safe:       ... &encrypt_type=aes&msg_signature, body = <ToUserName> + <Encrypt> only
    WeChat keeps sending `signature` in the AES modes too; only msg_signature covers the body.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or _nonce()
    params = {"signature": wc.signature(token, ts, nonce), "timestamp": ts, "nonce": nonce}
    openid = field_value(xml, "FromUserName")
    if openid:
        params["openid"] = openid
    if mode == "plain":
        return params, xml.encode("utf-8")
    if not aes_key or not appid:
        raise ValueError(f"{mode} mode needs aes_key and appid")
    encrypted = wc.encrypt(aes_key, appid, xml, random16=random16)
    params["encrypt_type"] = "aes"
    params["msg_signature"] = wc.msg_signature(token, ts, nonce, encrypted)
    if mode == "compatible":
        cut = xml.rfind("</xml>")
        if cut < 0:  # malformed input: append anyway, as a broken sender would
            cut = len(xml)
        body = xml[:cut] + "\n" + _element("Encrypt", encrypted) + "\n" + xml[cut:]
    else:
        to_user = field_value(xml, "ToUserName") or DEFAULT_TO_USER
        body = "<xml>\n" + _element("ToUserName", to_user) + "\n" + _element("Encrypt", encrypted) + "\n</xml>"
    return params, body.encode("utf-8")


# --------------------------------------------------------------------------- replies


def _safe_parse(text: str) -> ET.Element:
    if re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.I):
        raise ReplyError("reply contains a DOCTYPE/ENTITY declaration")
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise ReplyError(f"reply is not well-formed XML: {exc}") from exc


def _to_value(el: ET.Element) -> Any:
    children = list(el)
    if not children:
        return el.text or ""
    if el.tag == "Articles":
        return [_to_value(item) for item in children]
    return {child.tag: _to_value(child) for child in children}


def _to_dict(root: ET.Element) -> dict[str, Any]:
    if root.tag != "xml":
        raise ReplyError(f"reply root is <{root.tag}>, not <xml>")
    return {child.tag: _to_value(child) for child in root}


_REQUIRED_BY_TYPE = {
    "text": [("Content",)],
    "image": [("Image", "MediaId")],
    "voice": [("Voice", "MediaId")],
    "video": [("Video", "MediaId")],
    "music": [("Music", "ThumbMediaId")],
    "news": [("ArticleCount",), ("Articles",)],
    "transfer_customer_service": [],
}


def _check_reply(reply: dict[str, Any]) -> None:
    for name in ("ToUserName", "FromUserName", "CreateTime", "MsgType"):
        if not reply.get(name):
            raise ReplyError(f"reply lacks {name}")
    if not str(reply["CreateTime"]).strip().isdigit():
        raise ReplyError("reply CreateTime is not an integer")
    msg_type = reply["MsgType"]
    if msg_type not in _REQUIRED_BY_TYPE:
        raise ReplyError(f"reply MsgType {msg_type!r} is not one WeChat accepts")
    for path in _REQUIRED_BY_TYPE[msg_type]:
        node: Any = reply
        for step in path:
            if not isinstance(node, dict) or step not in node or node[step] in ("", None):
                raise ReplyError(f"{msg_type} reply lacks {'/'.join(path)}")
            node = node[step]
    if msg_type == "news":
        articles = reply["Articles"]
        if not isinstance(articles, list) or not 1 <= len(articles) <= 8:
            raise ReplyError("news reply must carry 1..8 <item> articles")
        if str(reply["ArticleCount"]).strip() != str(len(articles)):
            raise ReplyError("news reply ArticleCount does not match its items")


def read_reply(
    body: bytes | str,
    *,
    token: str,
    mode: Mode,
    aes_key: str | None = None,
    appid: str | None = None,
) -> dict[str, Any]:
    """Decode the bot's passive reply the way WeChat does.

    `success` or an empty body -> {"success": True} (no reply; WeChat shows nothing).
    Encrypted reply (<Encrypt>, <MsgSignature>, <TimeStamp>, <Nonce>): the signature must be
    sha1(sorted(token, TimeStamp, Nonce, Encrypt)) and the appid inside must be ours.
    plain mode accepts only plaintext, safe mode only ciphertext, compatible mode either.
    The returned dict has the reply's fields (Articles as a list of dicts, Image/Voice/...
    as dicts) plus "encrypted": whether the reply came encrypted.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    text_body = body.decode("utf-8") if isinstance(body, bytes) else body
    if text_body.strip() in ("", "success"):
        return {"success": True}
    outer = _to_dict(_safe_parse(text_body))
    if "Encrypt" in outer:
        if mode == "plain":
            raise ReplyError("plain-mode account got an encrypted reply")
        if not aes_key:
            raise ValueError("an encrypted reply needs aes_key")
        for name in ("MsgSignature", "TimeStamp", "Nonce"):
            if not outer.get(name):
                raise ReplyError(f"encrypted reply lacks {name}")
        expected = wc.msg_signature(token, outer["TimeStamp"], outer["Nonce"], outer["Encrypt"])
        if outer["MsgSignature"] != expected:
            raise ReplyError("encrypted reply has a wrong MsgSignature")
        try:
            inner_xml, inner_appid = wc.decrypt(aes_key, outer["Encrypt"])
        except wc.WeChatCryptoError as exc:
            raise ReplyError(f"cannot decrypt reply: {exc}") from exc
        if appid is not None and inner_appid != appid:
            raise ReplyError(f"reply encrypted for appid {inner_appid!r}, not {appid!r}")
        reply = _to_dict(_safe_parse(inner_xml))
        encrypted = True
    else:
        if mode == "safe":
            raise ReplyError("safe-mode account got a plaintext reply")
        reply, encrypted = outer, False
    _check_reply(reply)
    reply["encrypted"] = encrypted
    return reply


# --------------------------------------------------------------------------- malicious input


def billion_laughs(**common: Any) -> str:
    """A text message whose Content expands to ~3 GB through nested internal entities."""
    decl = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        decl.append(f'<!ENTITY lol{i} "' + f"&{prev};" * 10 + '">')
    body = message("text", [("Content", "@@")], **common).replace("<![CDATA[@@]]>", "&lol9;")
    return '<?xml version="1.0"?>\n<!DOCTYPE xml [\n' + "\n".join(decl) + "\n]>\n" + body


def external_entity(path: str = "/etc/passwd", **common: Any) -> str:
    """XXE: a SYSTEM entity pointing at a local file, used as the message Content."""
    body = message("text", [("Content", "@@")], **common).replace("<![CDATA[@@]]>", "&xxe;")
    return f'<?xml version="1.0"?>\n<!DOCTYPE xml [\n<!ENTITY xxe SYSTEM "file://{path}">\n]>\n' + body


def oversized(n_bytes: int, **common: Any) -> str:
    """A well-formed text message exactly `n_bytes` long in UTF-8."""
    shell = text("", **common)
    room = n_bytes - len(shell.encode("utf-8"))
    if room < 0:
        raise ValueError(f"a text message needs at least {len(shell.encode('utf-8'))} bytes")
    return text("a" * room, **common)


MALFORMED_VARIANTS = {
    "truncated": lambda: text("你好")[:-30],
    "mismatched": lambda: "<xml><ToUserName><![CDATA[gh_x]]></FromUserName><MsgType>text</MsgType></xml>",
    "not_xml": lambda: '{"MsgType": "text", "Content": "hi"}',
    "binary": lambda: "\x00\x01\x02<xml>",
    "wrong_root": lambda: text("hi").replace("<xml>", "<root>").replace("</xml>", "</root>"),
    "no_msgtype": lambda: text("hi").replace("<MsgType><![CDATA[text]]></MsgType>", ""),
    "empty": lambda: "",
}


def malformed(variant: str = "truncated") -> str:
    """A body no parser should accept as a message; see MALFORMED_VARIANTS for the kinds."""
    return MALFORMED_VARIANTS[variant]()
