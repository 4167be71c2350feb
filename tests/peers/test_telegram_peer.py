"""The local Telegram peer speaks the Bot API well enough for python-telegram-bot's real Bot (and raw httpx)."""

from __future__ import annotations

import asyncio
import datetime as dtm
import subprocess
import sys
import time
import warnings

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from tests.peers import telegram_updates as tu
from tests.peers.telegram import Call, TelegramPeer, Upload
from tests.peers.telegram_updates import DEFAULT_TOKEN

CHAT = 700_100_200

# PTB itself reads RetryAfter.retry_after (deprecated int form) when building the exception message.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


def retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after is an int (deprecated, warns) or a timedelta with PTB_TIMEDELTA=1."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


@pytest.fixture
async def peer():
    async with TelegramPeer(token=DEFAULT_TOKEN) as p:
        yield p
        assert p.errors == []


@pytest.fixture
async def bot(peer: TelegramPeer):
    b = Bot(DEFAULT_TOKEN, base_url=f"{peer.url}/bot", base_file_url=f"{peer.url}/file/bot")
    await b.initialize()
    yield b
    await b.shutdown()


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data)] for text, data in pairs])


async def test_get_me(peer: TelegramPeer, bot: Bot) -> None:
    assert bot.bot.is_bot and bot.bot.username == "resident_test_bot"
    assert bot.bot.id == int(DEFAULT_TOKEN.split(":")[0])
    me = await bot.get_me()
    assert me.can_join_groups is True and me.supports_inline_queries is False
    assert [c.method for c in peer.calls] == ["getMe", "getMe"]


async def test_send_edit_and_answer_callback(peer: TelegramPeer, bot: Bot) -> None:
    markup = keyboard(("办理居住证", "svc:residence"), ("查询进度", "svc:progress"))
    first = await bot.send_message(CHAT, "请选择服务：", reply_markup=markup)
    second = await bot.send_message(CHAT, "第二条")
    assert (first.message_id, second.message_id) == (1, 2)
    assert first.chat.id == CHAT and first.chat.type == "private" and first.from_user.is_bot
    assert first.reply_markup == markup
    assert second.reply_markup is None
    call = peer.calls_of("sendMessage")[0]
    assert call.params["chat_id"] == CHAT  # decoded back to int
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "svc:residence"

    edited = await bot.edit_message_text("已选择：办理居住证", chat_id=CHAT, message_id=first.message_id)
    assert edited.text == "已选择：办理居住证" and edited.edit_date is not None
    assert edited.reply_markup is None  # editing without reply_markup drops the keyboard, as on Telegram
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("已选择：办理居住证", chat_id=CHAT, message_id=first.message_id)
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=CHAT, message_id=999)

    with_kb = await bot.edit_message_reply_markup(CHAT, first.message_id, reply_markup=markup)
    assert with_kb.reply_markup == markup
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await bot.edit_message_reply_markup(CHAT, first.message_id, reply_markup=markup)
    assert peer.message(CHAT, first.message_id)["reply_markup"] == markup.to_dict()

    assert await bot.answer_callback_query("4382000000000000001", text="好的") is True
    assert peer.texts(CHAT) == ["请选择服务：", "第二条", "已选择：办理居住证"]  # failed edits are not "sent"
    assert len(peer.sent()) == 3 and peer.sent(CHAT + 1) == []
    assert [c.status for c in peer.calls_of("editMessageText")] == [200, 400, 400]


async def test_html_entities_and_validation(peer: TelegramPeer, bot: Bot) -> None:
    msg = await bot.send_message(
        CHAT, "  <b>办理</b> &amp; <a href='https://gov.cn'>查询</a>  ", parse_mode=ParseMode.HTML
    )
    assert msg.text == "办理 & 查询"
    assert [(e.type, e.offset, e.length) for e in msg.entities] == [("bold", 0, 2), ("text_link", 5, 2)]
    assert msg.entities[1].url == "https://gov.cn"
    for bad in ("<b>未闭合", "<div>x</div>", "<b><i>x</b></i>", "a < b", "Tom & Jerry", "</b>"):
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(CHAT, bad, parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await bot.send_message(CHAT, "   ")
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(CHAT, "长" * 4097)
    assert (await bot.send_message(CHAT, "<b>" + "长" * 4096 + "</b>", parse_mode="HTML")).text == "长" * 4096
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):  # 22 CJK chars = 66 UTF-8 bytes
        await bot.send_message(CHAT, "x", reply_markup=keyboard(("按钮", "数" * 22)))
    # Reply keyboards are accepted but, as on Telegram, not echoed in the Message.
    reply_kb = await bot.send_message(CHAT, "位置？", reply_markup=ReplyKeyboardMarkup([["发送位置"]]))
    assert reply_kb.reply_markup is None
    assert peer.calls[-1].params["reply_markup"] == {"keyboard": [[{"text": "发送位置"}]]}


async def test_upload_document_photo_and_download(peer: TelegramPeer, bot: Bot) -> None:
    data = "居住证申请表\n".encode() * 100
    msg = await bot.send_document(
        CHAT,
        document=data,
        filename="申请表.txt",
        caption="<i>请填写</i>",
        parse_mode="HTML",
        reply_markup=keyboard(("已填写", "form:done")),
    )
    assert msg.document.file_name == "申请表.txt" and msg.document.file_size == len(data)
    assert msg.caption == "请填写" and msg.caption_entities[0].type == "italic"
    assert msg.reply_markup.inline_keyboard[0][0].callback_data == "form:done"
    call = peer.calls_of("sendDocument")[0]
    upload = call.params["document"]
    assert isinstance(upload, Upload) and upload.data == data and upload.filename == "申请表.txt"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "已填写", "callback_data": "form:done"}]]}
    assert call.params["chat_id"] == CHAT and call.params["caption"] == "<i>请填写</i>"

    file = await bot.get_file(msg.document.file_id)
    assert file.file_path.startswith(f"{peer.url}/file/bot{DEFAULT_TOKEN}/documents/")
    assert bytes(await file.download_as_bytearray()) == data

    photo = await bot.send_photo(CHAT, photo=b"\x89PNG fake image bytes")
    assert [p.width for p in photo.photo] == [90, 320, 800]
    assert peer.calls_of("sendPhoto")[0].params["photo"].size == 21
    assert [c.method for c in peer.sent(CHAT)] == ["sendDocument", "sendPhoto"]

    peer.add_file("AgACAgUAAxkBAAI000001", b"user photo", file_path="photos/file_9.jpg")
    user_file = await bot.get_file("AgACAgUAAxkBAAI000001")
    assert bytes(await user_file.download_as_bytearray()) == b"user photo"
    with pytest.raises(BadRequest, match="(?i)invalid file_id"):
        await bot.get_file("nope")
    with pytest.raises(BadRequest, match="(?i)file must be non-empty"):
        await bot.send_document(CHAT, document=b"", filename="empty.txt")


async def test_webhook_roundtrip(peer: TelegramPeer, bot: Bot) -> None:
    peer.queue_update(tu.text_update(1, CHAT, "你好"))
    assert (await bot.get_webhook_info()).url == ""
    ok = await bot.set_webhook(
        "https://bot.example.cn/telegram/webhook",
        secret_token="s3cret_Token-1",
        allowed_updates=["message", "callback_query"],
        drop_pending_updates=True,
    )
    assert ok is True
    info = await bot.get_webhook_info()
    assert info.url == "https://bot.example.cn/telegram/webhook"
    assert info.allowed_updates == ("message", "callback_query")
    assert info.pending_update_count == 0 and info.has_custom_certificate is False
    assert peer.webhook["secret_token"] == "s3cret_Token-1" and peer.webhook["drop_pending_updates"] is True
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    with pytest.raises(BadRequest, match="(?i)secret token"):
        await bot.set_webhook("https://bot.example.cn/x", secret_token="有空格 的")
    assert await bot.delete_webhook() is True
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates(timeout=0) == ()


async def test_push_update_posts_to_the_webhook_with_its_secret(peer: TelegramPeer, bot: Bot) -> None:
    seen: list[tuple[str | None, dict]] = []

    async def webhook(request: Request) -> Response:
        seen.append((request.headers.get("x-telegram-bot-api-secret-token"), await request.json()))
        return Response()

    app = Starlette(routes=[Route("/telegram/webhook", webhook, methods=["POST"])])
    await bot.set_webhook("https://bot.example.cn/telegram/webhook", secret_token="abc_123")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
        response = await peer.push_update(tu.text_update(5, CHAT, "/start"), client=client)
    assert response.status_code == 200
    assert seen == [("abc_123", tu.text_update(5, CHAT, "/start", date=seen[0][1]["message"]["date"]))]
    assert Update.de_json(seen[0][1], bot).message.text == "/start"


async def test_commands_per_language(peer: TelegramPeer, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "开始"), BotCommand("help", "帮助")], language_code="zh")
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")], language_code="en")
    zh = await bot.get_my_commands(language_code="zh")
    assert [(c.command, c.description) for c in zh] == [("start", "开始"), ("help", "帮助")]
    assert [c.description for c in await bot.get_my_commands(language_code="en")] == ["Start", "Help"]
    assert await bot.get_my_commands() == ()
    assert peer.commands_for("zh")[0]["description"] == "开始"
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand("start", "开始")], language_code="zh-hans")
    with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start-Now", "x")])
    assert await bot.delete_my_commands(language_code="zh") is True
    assert await bot.get_my_commands(language_code="zh") == ()


async def test_get_updates_offset_and_long_poll(peer: TelegramPeer, bot: Bot) -> None:
    peer.queue_update(tu.text_update(100, CHAT, "/start"))
    peer.queue_update(tu.callback_update(101, CHAT, "svc:residence", message_id=1))
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [100, 101]
    assert updates[0].message.text == "/start" and updates[0].message.entities[0].type == "bot_command"
    assert updates[1].callback_query.data == "svc:residence"
    assert [u.update_id for u in await bot.get_updates(offset=101, timeout=0)] == [101]
    assert await bot.get_updates(offset=102, timeout=0) == ()
    assert peer.updates == []

    async def later() -> None:
        await asyncio.sleep(0.1)
        peer.queue_update(tu.text_update(102, CHAT, "在吗"))

    started = time.monotonic()
    task = asyncio.create_task(later())
    (update,) = await bot.get_updates(offset=102, timeout=30)
    await task
    assert update.message.text == "在吗" and time.monotonic() - started < 0.9
    peer.long_poll_cap = 0.2
    started = time.monotonic()
    assert await bot.get_updates(offset=103, timeout=30) == ()
    assert 0.15 < time.monotonic() - started < 1.0


async def test_concurrent_get_updates_conflict(peer: TelegramPeer, bot: Bot) -> None:
    """A second bot instance polling terminates the first one's long poll, as on Telegram."""
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    async with peer.bot() as other:  # PTB's own get_updates pool has one connection: a second Bot is needed
        assert await other.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await first


async def test_injected_failures_surface_as_ptb_errors(peer: TelegramPeer, bot: Bot) -> None:
    peer.fail("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(CHAT, "a")
    assert retry_seconds(info.value) == 7
    await bot.send_message(CHAT, "a")  # only once

    peer.fail("send_message", status=403, chat_id=CHAT, times=2)
    await bot.send_message(CHAT + 1, "other chat is fine")
    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(CHAT, "b")
    await bot.send_message(CHAT, "b")

    peer.block(CHAT)
    with pytest.raises(Forbidden):
        await bot.send_chat_action(CHAT, "typing")
    peer.unblock(CHAT)
    assert await bot.send_chat_action(CHAT, "typing") is True

    peer.fail("sendMessage", status=400, description="Bad Request: message is too long")
    with pytest.raises(BadRequest, match="Message is too long"):  # PTB strips "Bad Request: " and capitalizes
        await bot.send_message(CHAT, "short")
    peer.fail("sendMessage", status=502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(CHAT, "c")

    peer.drop_connection("sendMessage")
    with pytest.raises(NetworkError):
        await bot.send_message(CHAT, "d")
    assert peer.calls[-1].status == 0
    assert (await bot.send_message(CHAT, "e")).text == "e"  # the client reconnects

    peer.delay("sendMessage", 1.0)
    with pytest.raises(TimedOut):
        await bot.send_message(CHAT, "slow", read_timeout=0.2)
    peer.delay("sendMessage", None)
    assert [c.status for c in peer.calls_of("sendMessage")][:3] == [429, 200, 200]


async def test_unknown_token_unknown_method_and_rate_limit(peer: TelegramPeer, bot: Bot) -> None:
    wrong = Bot("42:wrong-token", base_url=f"{peer.url}/bot")
    with pytest.raises(InvalidToken):
        await wrong.initialize()
    await wrong.shutdown()
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendHologram", api_kwargs={"chat_id": CHAT})
    assert await bot.do_api_request("SENDCHATACTION", api_kwargs={"chat_id": CHAT, "action": "typing"}) is True

    peer.rate_limit_per_second = 5
    outcomes = []
    for i in range(7):
        try:
            await bot.send_message(CHAT, f"m{i}")
            outcomes.append("ok")
        except RetryAfter as exc:
            outcomes.append(retry_seconds(exc))
    assert outcomes == ["ok"] * 5 + [1, 1] and peer.rate_limit_hits == 2


async def test_raw_json_shape(peer: TelegramPeer) -> None:
    async with httpx.AsyncClient(base_url=peer.url) as client:
        r = await client.post(
            f"/bot{DEFAULT_TOKEN}/sendMessage",
            json={
                "chat_id": CHAT,
                "text": "/start 欢迎",
                "reply_markup": {"inline_keyboard": [[{"text": "是", "callback_data": "y"}]]},
            },
        )
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        body = r.json()
        assert set(body) == {"ok", "result"} and body["ok"] is True
        result = body["result"]
        assert set(result) == {"message_id", "from", "chat", "date", "text", "reply_markup"}
        assert result["from"] == {
            "id": 123456789,
            "is_bot": True,
            "first_name": "社区服务助手",
            "username": "resident_test_bot",
        }
        assert result["chat"] == {"id": CHAT, "first_name": f"User {CHAT}", "type": "private"}
        assert isinstance(result["date"], int) and abs(result["date"] - time.time()) < 5
        assert result["reply_markup"] == {"inline_keyboard": [[{"text": "是", "callback_data": "y"}]]}

        r = await client.get(f"/bot{DEFAULT_TOKEN}/getme")  # GET and lowercase method names work
        assert r.json()["result"]["can_join_groups"] is True
        r = await client.post(f"/bot{DEFAULT_TOKEN}/sendMessage", data={"chat_id": str(CHAT), "text": ""})
        assert (r.status_code, r.json()) == (
            400,
            {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"},
        )
        peer.fail("sendMessage", status=429, retry_after=3)
        r = await client.post(f"/bot{DEFAULT_TOKEN}/sendMessage", data={"chat_id": "1", "text": "123"})
        assert r.status_code == 429 and r.json() == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
        r = await client.post("/botNOPE/getMe")
        assert (r.status_code, r.json()["description"]) == (401, "Unauthorized")
        r = await client.post(f"/bot{DEFAULT_TOKEN}/noSuchMethod")
        assert r.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    # "123" stays a string for text (PTB sends strings raw in form data)
    last = peer.calls_of("sendMessage")[-1]
    assert isinstance(last, Call) and last.params == {"chat_id": 1, "text": "123"} and last.status == 429


@pytest.mark.parametrize(
    "update",
    [
        tu.text_update(1, CHAT, "/start@resident_test_bot 参数"),
        tu.text_update(2, CHAT, "我想办居住证", first_name="李", language_code="en"),
        tu.callback_update(3, CHAT, "svc:residence", message_id=5, message_text="请选择"),
        tu.location_update(4, CHAT),
        tu.photo_update(5, CHAT, caption="门口的垃圾"),
        tu.edited_message_update(6, CHAT, "改一下", message_id=3),
        tu.voice_update(7, CHAT),
        tu.document_update(8, CHAT),
        tu.my_chat_member_update(9, CHAT),
        tu.unknown_update(10),
    ],
    ids=lambda u: next(k for k in u if k != "update_id"),
)
async def test_update_factories_parse_with_ptb(update: dict) -> None:
    bot = Bot(DEFAULT_TOKEN)
    parsed = Update.de_json(update, bot)
    assert parsed.update_id == update["update_id"]
    kind = next(k for k in update if k != "update_id")
    if kind == "guest_concierge_request":
        assert parsed.effective_chat is None and parsed.effective_user is None
        assert kind in parsed.api_kwargs
        return
    assert parsed.effective_chat.id == CHAT and parsed.effective_chat.type == "private"
    assert parsed.effective_user.id == CHAT and not parsed.effective_user.is_bot
    if update.get("message", {}).get("text", "").startswith("/start"):
        entity = parsed.message.entities[0]
        assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, len("/start@resident_test_bot"))
    if kind == "callback_query":
        assert parsed.callback_query.message.from_user.id == tu.DEFAULT_BOT_ID
        assert parsed.callback_query.message.text == "请选择"
    if kind == "my_chat_member":
        assert parsed.my_chat_member.new_chat_member.status == "kicked"
    if "photo" in update.get("message", {}):
        assert parsed.message.photo[-1].width == 1280


async def test_callback_update_message_is_editable(peer: TelegramPeer, bot: Bot) -> None:
    """A bot message the peer learns about from a queued callback can be edited (and the counter moves on)."""
    peer.queue_update(tu.callback_update(1, CHAT, "a", message_id=41, message_text="旧"))
    assert (await bot.edit_message_text("新", chat_id=CHAT, message_id=41)).text == "新"
    assert (await bot.send_message(CHAT, "下一条")).message_id == 42


def test_cli_runs_quiet_in_foreground() -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.peers.telegram",
            "--port",
            "0",
            "--token",
            DEFAULT_TOKEN,
            "--quiet",
            "--rate-limit",
            "1000",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().decode().rsplit(" ", 1)[-1].strip()
        assert url.startswith("http://127.0.0.1:")
        with httpx.Client(base_url=url) as client:
            for i in range(20):
                r = client.post(f"/bot{DEFAULT_TOKEN}/sendMessage", data={"chat_id": "5", "text": f"#{i}"})
                assert r.json()["result"]["message_id"] == i + 1
            client.post("/_peer/updates", json=tu.text_update(1, 5, "hi"))
            assert client.get(f"/bot{DEFAULT_TOKEN}/getUpdates").json()["result"][0]["message"]["text"] == "hi"
            stats = client.get("/_peer/stats").json()
        assert stats["counts"] == {"sendMessage": 20, "getUpdates": 1} and stats["rate_limit_hits"] == 0
    finally:
        proc.terminate()
        code = proc.wait(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()
    assert code == 0  # SIGTERM: a clean shutdown
