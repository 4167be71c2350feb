"""The WeChat Official Account HTTP API, called with httpx, the token shared through the database."""

from __future__ import annotations

import json
import logging
import mimetypes
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from bot.config import Settings
from bot.db.uow import Database
from bot.services import tokens
from bot.services.photos import PhotoGone

log = logging.getLogger(__name__)

TOKEN_INVALID = (40001, 40014, 42001)  # invalid / not latest / expired access_token
MEDIA_GONE = (40007, 40004)  # invalid media_id (expired after three days) / invalid media type


class WeChatApiError(Exception):
    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"{errcode} {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg


@dataclass
class WeChatApi:
    settings: Settings
    db: Database
    http: httpx.AsyncClient

    @classmethod
    def create(cls, settings: Settings, db: Database) -> WeChatApi:
        # Every call has a timeout: a stuck request must not hold a drainer or a lock.
        http = httpx.AsyncClient(base_url=settings.wechat_api_url, timeout=httpx.Timeout(5.0), trust_env=False)
        return cls(settings, db, http)

    @property
    def _token_name(self) -> str:
        return f"wechat:{self.settings.wechat_appid}"

    async def _fetch_token(self) -> tuple[str, int]:
        if not self.settings.wechat_appid or self.settings.wechat_secret is None:
            raise WeChatApiError(-2, "RESIDENT_BOT_WECHAT_APPID and _SECRET are needed to call the API")
        response = await self.http.get(
            "/cgi-bin/token",
            params={
                "grant_type": "client_credential",
                "appid": self.settings.wechat_appid,
                "secret": self.settings.wechat_secret.get_secret_value(),
            },
        )
        data = _json(response)
        if "access_token" not in data:
            raise WeChatApiError(int(data.get("errcode", -1)), str(data.get("errmsg", "no access_token")))
        log.info("fetched a new WeChat access token")
        return str(data["access_token"]), int(data.get("expires_in", 7200))

    async def call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST JSON to the API with the shared token; a refused token is refreshed and the call retried once."""
        content = json.dumps(body, ensure_ascii=False).encode()  # raw UTF-8: WeChat shows \u escapes literally
        headers = {"Content-Type": "application/json; charset=utf-8"}
        response = await self._with_token(
            lambda token: self.http.post(path, params={"access_token": token}, content=content, headers=headers)
        )
        return _checked(_json(response))

    async def _with_token(self, request: Callable[[str], Awaitable[httpx.Response]]) -> httpx.Response:
        """Make the request with the shared token; once more with a fresh one if WeChat refused it."""
        token = await tokens.get(self.db, self._token_name, self._fetch_token)
        response = await request(token)
        if _errcode(response) in TOKEN_INVALID:
            token = await tokens.get(self.db, self._token_name, self._fetch_token, refused=token)
            response = await request(token)
        return response

    async def fetch_photo(self, ref: str) -> tuple[bytes, str]:
        """A message's image by MediaId (temporary media, three days), for the photo keeper."""
        if ref.startswith(("https://", "http://")):  # a PicUrl, when the message had no MediaId
            response = await self.http.get(ref)
        else:
            response = await self._with_token(
                lambda token: self.http.get("/cgi-bin/media/get", params={"access_token": token, "media_id": ref})
            )
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if response.status_code == 200 and kind.startswith("image/"):
            return response.content, kind
        errcode = _errcode(response)
        if errcode in MEDIA_GONE or response.status_code == 404:
            raise PhotoGone(f"{errcode} {response.text[:100]}")
        raise WeChatApiError(errcode if errcode is not None else -1, f"HTTP {response.status_code} {kind}")

    async def upload_image(self, data: bytes, mime_type: str) -> str:
        """Temporary media for a customer-service image message (a photo kept from another platform)."""
        files = {"media": ("photo" + (mimetypes.guess_extension(mime_type) or ".jpg"), data, mime_type)}
        response = await self._with_token(
            lambda token: self.http.post(
                "/cgi-bin/media/upload", params={"access_token": token, "type": "image"}, files=files
            )
        )
        answer = _checked(_json(response))
        if "media_id" not in answer:
            raise WeChatApiError(-1, "no media_id")
        return str(answer["media_id"])

    async def send_text(self, openid: str, content: str) -> None:
        await self.call("/cgi-bin/message/custom/send", {"touser": openid, "msgtype": "text", "text": {"content": content}})

    async def send_image(self, openid: str, media_id: str) -> None:
        await self.call("/cgi-bin/message/custom/send", {"touser": openid, "msgtype": "image", "image": {"media_id": media_id}})

    async def send_template(self, openid: str, template_id: str, content: str) -> None:
        await self.call(
            "/cgi-bin/message/template/send",
            {"touser": openid, "template_id": template_id, "data": {"content": {"value": content}}},
        )

    async def create_menu(self, menu: dict[str, Any]) -> None:
        await self.call("/cgi-bin/menu/create", menu)

    async def close(self) -> None:
        await self.http.aclose()


def _errcode(response: httpx.Response) -> int | None:
    """The errcode of a JSON answer (None for media bytes or other content)."""
    if "json" not in response.headers.get("content-type", "") and not response.content.startswith(b"{"):
        return None
    try:
        return int(response.json().get("errcode", 0))
    except (ValueError, AttributeError, TypeError):
        return None


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    errcode = int(data.get("errcode", 0))
    if errcode != 0:
        raise WeChatApiError(errcode, str(data.get("errmsg", "")))
    return data


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        raise WeChatApiError(-1, f"HTTP {response.status_code}: not JSON") from None
    if not isinstance(data, dict):
        raise WeChatApiError(-1, "unexpected response")
    return data
