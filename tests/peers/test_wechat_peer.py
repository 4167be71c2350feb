"""The WeChat test peers checked against the protocol: WeChat's official samples, and
wechatpy (the library the bot's WeChat channel builds on) in both directions.

wechatpy's client is synchronous (requests): inside the test's event loop it must run in
a thread (asyncio.to_thread), or it would block the very loop the peer serves from.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import xml.parsers.expat
from pathlib import Path
from typing import Any

import httpx
import pytest
from wechatpy import parse_message
from wechatpy import events as wx_events
from wechatpy import messages as wx_messages
from wechatpy.client import WeChatClient
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException, WeChatClientException
from wechatpy.replies import ArticlesReply, TextReply
from wechatpy.utils import check_signature

from tests.peers import wechat_crypto as wc
from tests.peers import wechat_messages as wm
from tests.peers.wechat import WeChatPeer

TOKEN = "resident-bot-token"
APPID = "wx7a1b2c3d4e5f6a7b"
SECRET = "0123456789abcdef0123456789abcdef"
OPENID = wm.make_openid("alice")
OA = wm.DEFAULT_TO_USER
ROOT = Path(__file__).resolve().parents[2]

# WeChat's official samples (消息加解密 demo code shipped with the docs).
SAMPLE_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
# Java demo test: fixed random "aaaabbbbccccdddd", appid wxb11529c136998cb6.
JAVA_APPID = "wxb11529c136998cb6"
JAVA_CASES = [
    ("我是中文abcd123", "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg=="),
    (
        "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA["
        "gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType>"
        "<Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId>"
        "<Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]>"
        "</Description></Video></xml>",
        "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9"
        "+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/w"
        "M9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+"
        "jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/X"
        "ka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5"
        "f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb",
    ),
]
# Python demo: an inbound compatible-mode POST with its msg_signature.
PY_SAMPLE = {
    "token": "spamtest",
    "appid": "wx2c2769f8efd9abc2",
    "timestamp": "1409735669",
    "nonce": "1320562132",
    "msg_signature": "5d197aaffba7e9b25a30732f161a50dee96bd5fa",
    "encrypt": "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHF"
    "VAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbg"
    "U6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpX"
    "gCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9Ghgl"
    "F2PE=",
}


# --------------------------------------------------------------------------- (a) crypto


def test_official_java_sample_encrypts_identically() -> None:
    for plain, expected in JAVA_CASES:
        assert wc.encrypt(SAMPLE_KEY, JAVA_APPID, plain, random16=b"aaaabbbbccccdddd") == expected
        assert wc.decrypt(SAMPLE_KEY, expected) == (plain, JAVA_APPID)


def test_official_python_sample_signature_and_decryption() -> None:
    s = PY_SAMPLE
    assert wc.msg_signature(s["token"], s["timestamp"], s["nonce"], s["encrypt"]) == s["msg_signature"]
    xml, appid = wc.decrypt(SAMPLE_KEY, s["encrypt"])
    assert appid == s["appid"]
    msg = parse_message(xml)
    assert isinstance(msg, wx_messages.TextMessage)
    assert (msg.content, msg.source, msg.target, msg.id) == (
        "abcdteT",
        "oyORnuP8q7ou2gfYjqLzSIWZf0rs",
        "gh_10f6c3c3ac5a",
        6054768590064713728,
    )


def test_signatures_are_sorted_sha1() -> None:
    import hashlib

    assert wc.signature("b", "c", "a") == hashlib.sha1(b"abc").hexdigest()
    expected = hashlib.sha1("".join(sorted(["tok", "1409735669", "9", "ENC"])).encode()).hexdigest()
    assert wc.msg_signature("tok", 1409735669, "9", "ENC") == expected
    params = wm.verify_params(TOKEN, "4075181314397890557")
    check_signature(TOKEN, params["signature"], params["timestamp"], params["nonce"])  # wechatpy agrees
    with pytest.raises(InvalidSignatureException):
        check_signature("other-token", params["signature"], params["timestamp"], params["nonce"])


def test_random_key_is_valid_for_wechatpy_too() -> None:
    for _ in range(20):
        key = wc.random_aes_key()
        assert len(key) == 43 and key.isalnum()
        assert len(wc.aes_key_bytes(key)) == 32
        WeChatCrypto(TOKEN, key, APPID)  # asserts a 32-byte key itself
    with pytest.raises(wc.WeChatCryptoError):
        wc.aes_key_bytes("short")


@pytest.mark.parametrize("size", [0, 1, 11, 12, 13, 43, 44, 45, 300])
def test_round_trip_and_both_directions_with_wechatpy(size: int) -> None:
    # Sizes around 32-byte boundaries (16 + 4 + len + 18-byte appid): full-block padding.
    key = wc.random_aes_key()
    crypto = WeChatCrypto(TOKEN, key, APPID)
    content = ("居民" * size)[:size]
    assert wc.decrypt(key, wc.encrypt(key, APPID, content)) == (content, APPID)

    # We encrypt as WeChat would, wechatpy decrypts.
    params, body = wm.signed_request(wm.text(content or "x"), token=TOKEN, mode="safe", aes_key=key, appid=APPID)
    xml = crypto.decrypt_message(body, params["msg_signature"], params["timestamp"], params["nonce"])
    assert parse_message(xml).content == (content or "x")

    # wechatpy encrypts a reply as the bot would, we check and decrypt it as WeChat would.
    reply = TextReply(source=OA, target=OPENID, content=content or "y").render()
    encrypted = crypto.encrypt_message(reply, "12345", str(int(time.time())))
    decoded = wm.read_reply(encrypted, token=TOKEN, mode="safe", aes_key=key, appid=APPID)
    assert decoded["Content"] == (content or "y") and decoded["encrypted"] is True
    assert (decoded["ToUserName"], decoded["FromUserName"], decoded["MsgType"]) == (OPENID, OA, "text")


def test_tampering_is_detected() -> None:
    key, other = wc.random_aes_key(), wc.random_aes_key()
    enc = wc.encrypt(key, APPID, "<xml/>")
    with pytest.raises(wc.WeChatCryptoError):
        wc.decrypt(other, enc)
    with pytest.raises(wc.WeChatCryptoError):
        wc.decrypt(key, enc[:-8] + "AAAAAAA=")
    with pytest.raises(wc.WeChatCryptoError):
        wc.decrypt(key, "not base64!")

    crypto = WeChatCrypto(TOKEN, key, APPID)
    reply = crypto.encrypt_message(TextReply(source=OA, target=OPENID, content="hi").render(), "1", "2")
    with pytest.raises(wm.ReplyError, match="MsgSignature"):
        wm.read_reply(reply, token="wrong-token", mode="safe", aes_key=key, appid=APPID)
    with pytest.raises(wm.ReplyError, match="appid"):
        wm.read_reply(reply, token=TOKEN, mode="safe", aes_key=key, appid="wx0000000000000000")
    with pytest.raises(wm.ReplyError, match="encrypted reply"):
        wm.read_reply(reply, token=TOKEN, mode="plain")

    params, body = wm.signed_request(wm.text("hi"), token=TOKEN, mode="safe", aes_key=key, appid=APPID)
    with pytest.raises(InvalidSignatureException):
        crypto.decrypt_message(body, "0" * 40, params["timestamp"], params["nonce"])


# --------------------------------------------------------------------------- (b) messages


BUILDERS: list[tuple[str, Any, type, dict[str, Any]]] = [
    ("text", lambda: wm.text("你好，社区", from_user=OPENID, msg_id=42), wx_messages.TextMessage,
     {"content": "你好，社区", "id": 42, "source": OPENID, "target": OA}),
    ("image", lambda: wm.image("http://mmbiz.qpic.cn/x", "MID1"), wx_messages.ImageMessage,
     {"image": "http://mmbiz.qpic.cn/x", "media_id": "MID1"}),
    ("voice", lambda: wm.voice("MID2", "amr", "我要报修"), wx_messages.VoiceMessage,
     {"media_id": "MID2", "format": "amr", "recognition": "我要报修"}),
    ("location", lambda: wm.location(34.03, 113.85, 16, "许昌"), wx_messages.LocationMessage,
     {"location_x": "34.03", "location_y": "113.85", "scale": "16", "label": "许昌"}),
    ("link", lambda: wm.link("T", "D", "https://e.x/a"), wx_messages.LinkMessage,
     {"title": "T", "description": "D", "url": "https://e.x/a"}),
    ("subscribe", lambda: wm.subscribe(), wx_events.SubscribeEvent, {"event": "subscribe"}),
    ("subscribe_empty_key", lambda: wm.subscribe(empty_key=True), wx_events.SubscribeEvent, {"event": "subscribe"}),
    ("subscribe_qr", lambda: wm.subscribe(scene="bld7", ticket="TK"), wx_events.SubscribeScanEvent,
     {"event": "subscribe_scan", "scene_id": "bld7", "ticket": "TK"}),
    ("unsubscribe", lambda: wm.unsubscribe(), wx_events.UnsubscribeEvent, {"event": "unsubscribe"}),
    ("scan", lambda: wm.scan(1001, "TK2"), wx_events.ScanEvent, {"event": "scan", "scene_id": "1001", "ticket": "TK2"}),
    ("click", lambda: wm.click("MENU_REPAIR"), wx_events.ClickEvent, {"event": "click", "key": "MENU_REPAIR"}),
    ("view", lambda: wm.view("https://e.x/v", menu_id=7), wx_events.ViewEvent, {"event": "view", "url": "https://e.x/v"}),
    ("location_event", lambda: wm.location_event(34.5, 113.25, 65.0), wx_events.LocationEvent,
     {"event": "location", "latitude": 34.5, "longitude": 113.25, "precision": 65.0}),
    ("unknown", lambda: wm.unknown(), wx_messages.UnknownMessage, {"type": "unknown"}),
]  # fmt: skip


@pytest.mark.parametrize("name,build,cls,fields", BUILDERS, ids=[b[0] for b in BUILDERS])
@pytest.mark.parametrize("mode", ["plain", "compatible", "safe"])
def test_builders_parse_in_every_mode(name: str, build: Any, cls: type, fields: dict[str, Any], mode: str) -> None:
    key = wc.random_aes_key()
    xml = build()
    params, body = wm.signed_request(xml, token=TOKEN, mode=mode, aes_key=key, appid=APPID, timestamp=1700000000)
    check_signature(TOKEN, params["signature"], params["timestamp"], params["nonce"])
    assert params["openid"] == wm.field_value(xml, "FromUserName")
    if mode == "plain":
        assert "encrypt_type" not in params and body == xml.encode()
        received = body
    else:
        assert params["encrypt_type"] == "aes"
        received = WeChatCrypto(TOKEN, key, APPID).decrypt_message(
            body, params["msg_signature"], params["timestamp"], params["nonce"]
        )
        if mode == "compatible":
            assert b"<Encrypt>" in body and b"<MsgType>" in body
            assert isinstance(parse_message(body), cls)  # plaintext fields parse too
        else:
            assert b"<MsgType>" not in body and b"<ToUserName>" in body
    msg = parse_message(received)
    assert isinstance(msg, cls)
    for attr, value in fields.items():
        assert getattr(msg, attr) == value, attr


def test_cdata_terminator_in_content_survives() -> None:
    msg = parse_message(wm.text("a]]>b<c>&d"))
    assert msg.content == "a]]>b<c>&d"


def test_malicious_inputs() -> None:
    for bad in (wm.billion_laughs(), wm.external_entity()):
        with pytest.raises(ValueError, match="entities are disabled"):  # xmltodict refuses any entity
            parse_message(bad)
        assert "<!DOCTYPE" in bad and "<MsgType>" in bad
    assert 'SYSTEM "file:///etc/passwd"' in wm.external_entity()
    big = wm.oversized(1_000_000)
    assert len(big.encode()) == 1_000_000 and parse_message(big).content.startswith("aaa")
    with pytest.raises(ValueError):
        wm.oversized(10)
    with pytest.raises(xml.parsers.expat.ExpatError):
        parse_message(wm.malformed())
    assert set(wm.MALFORMED_VARIANTS) >= {"truncated", "not_xml", "empty"}
    # Malicious bodies can still be signed/encrypted, so they reach the parser past the checks.
    key = wc.random_aes_key()
    params, body = wm.signed_request(wm.billion_laughs(), token=TOKEN, mode="safe", aes_key=key, appid=APPID)
    inner = WeChatCrypto(TOKEN, key, APPID).decrypt_message(
        body, params["msg_signature"], params["timestamp"], params["nonce"]
    )
    assert "<!ENTITY lol9" in inner


def test_read_reply_modes() -> None:
    key = wc.random_aes_key()
    assert wm.read_reply(b"success", token=TOKEN, mode="safe") == {"success": True}
    assert wm.read_reply(b"", token=TOKEN, mode="plain") == {"success": True}
    plain = TextReply(source=OA, target=OPENID, content="您好").render()
    assert wm.read_reply(plain, token=TOKEN, mode="plain")["Content"] == "您好"
    assert wm.read_reply(plain, token=TOKEN, mode="compatible")["encrypted"] is False
    with pytest.raises(wm.ReplyError, match="plaintext"):
        wm.read_reply(plain, token=TOKEN, mode="safe", aes_key=key, appid=APPID)
    news = ArticlesReply(source=OA, target=OPENID)
    news.add_article({"title": "停水通知", "description": "明天", "image": "http://p/x.jpg", "url": "https://u/1"})
    got = wm.read_reply(
        WeChatCrypto(TOKEN, key, APPID).encrypt_message(news.render(), "n", "1"),
        token=TOKEN, mode="compatible", aes_key=key, appid=APPID,
    )  # fmt: skip
    assert got["MsgType"] == "news" and got["ArticleCount"] == "1"
    assert got["Articles"] == [{"Title": "停水通知", "Description": "明天", "PicUrl": "http://p/x.jpg", "Url": "https://u/1"}]
    with pytest.raises(wm.ReplyError, match="lacks ToUserName"):
        wm.read_reply("<xml><MsgType>text</MsgType><Content>x</Content></xml>", token=TOKEN, mode="plain")
    with pytest.raises(wm.ReplyError, match="DOCTYPE"):
        wm.read_reply(wm.external_entity(), token=TOKEN, mode="plain")


# --------------------------------------------------------------------------- (c) the API peer


class PeerClient(WeChatClient):
    """wechatpy's client pointed at the peer: API_BASE_URL covers the API calls, but
    fetch_access_token hard-codes https://api.weixin.qq.com/cgi-bin/token, so override it."""

    def __init__(self, base_url: str, appid: str = APPID, secret: str = SECRET, **kwargs: Any) -> None:
        super().__init__(appid, secret, **kwargs)
        self.API_BASE_URL = base_url + "/cgi-bin/"
        self._token_url = base_url + "/cgi-bin/token"
        self._http.trust_env = False  # never route 127.0.0.1 through an environment proxy

    def fetch_access_token(self) -> dict[str, Any]:
        return self._fetch_access_token(
            url=self._token_url,
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )


def run(fn: Any, *args: Any, **kwargs: Any) -> Any:
    return asyncio.to_thread(fn, *args, **kwargs)


MENU = {
    "button": [
        {"type": "click", "name": "办事指南", "key": "GUIDE"},
        {
            "name": "服务",
            "sub_button": [
                {"type": "view", "name": "社区官网", "url": "https://example.org/"},
                {"type": "click", "name": "报修", "key": "REPAIR"},
            ],
        },
    ]
}


async def test_client_token_custom_template_menu() -> None:
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        client = PeerClient(peer.url)
        assert await run(client.message.send_text, OPENID, "您好，已收到") == {"errcode": 0, "errmsg": "ok"}
        assert peer.token_fetches == 1
        sent = await run(client.message.send_template, OPENID, "TPL_1", {"first": {"value": "预约成功"}})
        assert isinstance(sent["msgid"], int)
        assert await run(client.menu.create, MENU) == {"errcode": 0, "errmsg": "ok"}
        assert (await run(client.menu.get))["menu"] == MENU
        await run(client.menu.delete)
        assert await run(client.menu.get) is None  # 46003, which wechatpy maps to None
        info = await run(client.user.get, OPENID)
        assert info["subscribe"] == 1 and "nickname" not in info
        qr = await run(client.qrcode.create, {"expire_seconds": 600, "action_name": "QR_STR_SCENE",
                                              "action_info": {"scene": {"scene_str": "bld7"}}})  # fmt: skip
        assert qr["expire_seconds"] == 600 and peer.qrcodes[qr["ticket"]]["scene"] == "bld7"

        assert peer.token_fetches == 1  # one token served every call
        assert peer.custom_messages(OPENID) == [{"touser": OPENID, "msgtype": "text", "text": {"content": "您好，已收到"}}]
        assert peer.template_messages()[0]["template_id"] == "TPL_1"
        assert [c.path for c in peer.calls][:2] == ["/cgi-bin/token", "/cgi-bin/message/custom/send"]
        assert peer.calls[0].params["appid"] == APPID and peer.calls[1].params["access_token"]


async def test_validation_errors() -> None:
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        client = PeerClient(peer.url)

        async def errcode(fn: Any, *args: Any) -> int:
            with pytest.raises(WeChatClientException) as info:
                await run(fn, *args)
            return info.value.errcode

        assert await errcode(client.message.send_text, OPENID, "长" * 683) == 45002  # 2049 bytes
        assert await run(client.message.send_text, OPENID, "长" * 682)  # 2046 bytes is fine
        assert await errcode(client.message.send_text, OPENID, "") == 44004
        assert await errcode(client.message.send_text, "", "hi") == 40003
        btn = {"type": "click", "name": "A", "key": "K"}
        assert await errcode(client.menu.create, {"button": [btn] * 4}) == 40016
        assert await errcode(client.menu.create, {"button": [{**btn, "name": "社区服务中心办事"}]}) == 40018  # 24 B
        assert await errcode(client.menu.create, {"button": [{"type": "click", "name": "A"}]}) == 40019
        assert await errcode(client.menu.create, {"button": [{"type": "view", "name": "A"}]}) == 40020
        assert await errcode(client.menu.create, {"button": [{"type": "poke", "name": "A"}]}) == 40017
        assert await errcode(client.menu.create, {"button": [{"name": "P", "sub_button": [btn] * 6}]}) == 40023
        long_sub = {**btn, "name": "长" * 21}  # 63 bytes
        assert await errcode(client.menu.create, {"button": [{"name": "P", "sub_button": [long_sub]}]}) == 40025
        assert peer.menu is None and peer.custom_messages() != []

        bad = PeerClient(peer.url, appid="wx0000000000000000")
        assert await errcode(bad.fetch_access_token) == 40013
        bad = PeerClient(peer.url, secret="nope")
        assert await errcode(bad.fetch_access_token) == 40125


async def test_injected_failures_surface_with_their_errcode() -> None:
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        client = PeerClient(peer.url)
        bob = wm.make_openid("bob")
        for errcode in (45015, 43004, -1, 45009):
            peer.fail("custom/send", errcode)
            with pytest.raises(WeChatClientException) as info:
                await run(client.message.send_text, OPENID, "hi")
            assert info.value.errcode == errcode
        assert peer.custom_messages() == [] and len(peer.custom_messages(delivered_only=False)) == 4

        peer.fail("custom/send", 45015, touser=bob, times=None)
        assert await run(client.message.send_text, OPENID, "hi")  # other users unaffected
        for _ in range(2):
            with pytest.raises(WeChatClientException, match="45015"):
                await run(client.message.send_text, bob, "hi")
        peer.clear_failures()

        carol = wm.make_openid("carol")
        peer.outside_window(carol)
        with pytest.raises(WeChatClientException) as info:
            await run(client.message.send_text, carol, "hi")
        assert info.value.errcode == 45015
        assert await run(client.message.send_template, carol, "TPL", {})  # templates are not windowed

        peer.unsubscribe(carol)
        for call in (
            lambda: client.message.send_text(carol, "hi"),
            lambda: client.message.send_template(carol, "TPL", {}),
        ):
            with pytest.raises(WeChatClientException) as info:
                await run(call)
            assert info.value.errcode == 43004
        assert (await run(client.user.get, carol))["subscribe"] == 0

        # wechatpy refetches on 40001/42001 and retries once per error: survives one injection.
        peer.fail("custom/send", 40001)
        before = peer.token_fetches
        assert await run(client.message.send_text, OPENID, "retry me")
        assert peer.token_fetches == before + 1


async def test_a_second_token_fetch_invalidates_the_first() -> None:
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        first = PeerClient(peer.url, auto_retry=False)
        second = PeerClient(peer.url, auto_retry=False)  # e.g. another worker process
        await run(first.fetch_access_token)
        assert await run(first.message.send_text, OPENID, "1")
        await run(second.fetch_access_token)
        assert peer.token_fetches == 2
        with pytest.raises(WeChatClientException) as info:
            await run(first.message.send_text, OPENID, "2")
        assert info.value.errcode == 40001
        assert "not latest" in info.value.errmsg
        assert await run(second.message.send_text, OPENID, "3")

        # With wechatpy's auto_retry the loser refetches -- and now knocks out the other one.
        first.auto_retry = True
        assert await run(first.message.send_text, OPENID, "4")
        assert peer.token_fetches == 3
        with pytest.raises(WeChatClientException, match="40001"):
            await run(second.message.send_text, OPENID, "5")

        # auto_retry has no bound: each 40001 in a row costs one more token fetch (and kills
        # every other process's token), against a daily quota of token fetches.
        peer.fail("custom/send", 40001, times=5)
        assert await run(first.message.send_text, OPENID, "6")
        assert peer.token_fetches == 3 + 5

        peer.advance(7200)  # the peer's clock only: the client still thinks its token fresh
        first.auto_retry = False
        with pytest.raises(WeChatClientException) as info:
            await run(first.message.send_text, OPENID, "7")
        assert info.value.errcode == 42001


async def test_raw_http_stable_token_grace_delay_and_missing_token() -> None:
    async with WeChatPeer(appid=APPID, secret=SECRET, old_token_grace=300) as peer:
        async with httpx.AsyncClient(base_url=peer.url, trust_env=False) as http:
            body = {"grant_type": "client_credential", "appid": APPID, "secret": SECRET}
            a = (await http.post("/cgi-bin/stable_token", json=body)).json()
            b = (await http.post("/cgi-bin/stable_token", json=body)).json()
            assert a["access_token"] == b["access_token"] and 0 < b["expires_in"] <= 7200
            forced = (await http.post("/cgi-bin/stable_token", json={**body, "force_refresh": True})).json()
            assert forced["access_token"] != a["access_token"]
            assert peer.token_fetches == 0 and peer.stable_token_fetches == 3

            # A regular fetch does not touch the stable token; with a grace the old token lives on.
            t1 = (await http.get("/cgi-bin/token", params={**body})).json()["access_token"]
            t2 = (await http.get("/cgi-bin/token", params={**body})).json()["access_token"]
            send = {"touser": OPENID, "msgtype": "text", "text": {"content": "hi"}}
            for token in (t1, t2, forced["access_token"]):
                r = await http.post("/cgi-bin/message/custom/send", params={"access_token": token}, json=send)
                assert r.json() == {"errcode": 0, "errmsg": "ok"}
                assert r.headers["content-type"].startswith("application/json")
            peer.advance(301)
            r = await http.post("/cgi-bin/message/custom/send", params={"access_token": t1}, json=send)
            assert r.json()["errcode"] == 40001

            assert (await http.post("/cgi-bin/message/custom/send", json=send)).json()["errcode"] == 41001
            r = await http.post("/cgi-bin/message/custom/send", params={"access_token": t2}, content=b"{not json")
            assert r.json()["errcode"] == 47001
            assert (await http.get("/cgi-bin/message/custom/send", params={"access_token": t2})).json()[
                "errcode"
            ] == 43002
            bad = (await http.get("/cgi-bin/token", params={**body, "grant_type": "password"})).json()
            assert bad["errcode"] == 40002

            peer.delay("custom/send", 0.5)
            with pytest.raises(httpx.TimeoutException):
                await http.post("/cgi-bin/message/custom/send", params={"access_token": t2}, json=send, timeout=0.1)
            peer.delay("custom/send", 0)
            assert (await http.get("/_peer/stats")).json()["token_fetches"] == 2


def test_peer_in_a_thread_for_sync_code() -> None:
    with WeChatPeer(appid=APPID, secret=SECRET).in_thread() as peer:
        client = PeerClient(peer.url)
        assert client.message.send_text(OPENID, "sync") == {"errcode": 0, "errmsg": "ok"}
        assert peer.custom_messages()[0]["text"]["content"] == "sync"


def test_command_line_peer() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.peers.wechat", "--port", "0", "--appid", APPID, "--secret", SECRET, "--quiet"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("WeChatPeer listening on http://127.0.0.1:"), line
        url = line.split()[-1]
        r = httpx.get(url + "/cgi-bin/token", params={"grant_type": "client_credential", "appid": APPID,
                                                        "secret": SECRET}, trust_env=False)  # fmt: skip
        assert r.json()["expires_in"] == 7200
        assert httpx.get(url + "/_peer/stats", trust_env=False).json()["token_fetches"] == 1
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert '"token_fetches": 1' in err


async def test_temporary_media_download_upload_and_image_messages() -> None:
    """media/get gives a message's image for three days; media/upload gives an id image messages accept."""
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        client = PeerClient(peer.url)
        photo = b"\xff\xd8\xff\xe0" + b"jpeg" * 100
        media_id = peer.add_media(photo)
        response = await run(client.media.download, media_id)
        assert response.content == photo and response.headers["content-type"] == "image/jpeg"
        assert await run(client.message.send_image, OPENID, media_id) == {"errcode": 0, "errmsg": "ok"}

        peer.advance(3 * 24 * 3600 + 1)  # WeChat keeps a message's image three days
        for call in (client.media.download, lambda mid: client.message.send_image(OPENID, mid)):
            with pytest.raises(WeChatClientException) as info:
                await run(call, media_id)
            assert info.value.errcode == 40007

        import io

        upload = io.BytesIO(photo)
        upload.name = "photo.jpg"
        uploaded = await run(client.media.upload, "image", upload)
        assert uploaded["type"] == "image" and peer.uploads() == [photo]
        assert await run(client.message.send_image, OPENID, uploaded["media_id"]) == {"errcode": 0, "errmsg": "ok"}
        not_an_image = io.BytesIO(b"%PDF-1.4")
        not_an_image.name = "notice.pdf"
        with pytest.raises(WeChatClientException) as info:
            await run(client.media.upload, "image", not_an_image)
        assert info.value.errcode == 40005
        images = [m for m in peer.custom_messages(OPENID) if m["msgtype"] == "image"]
        assert [m["image"]["media_id"] for m in images] == [media_id, uploaded["media_id"]]
