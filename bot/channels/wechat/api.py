"""The WeChat Official Account HTTP API, called with httpx, the token shared through the database."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import httpx

from bot.config import Settings
from bot.db.uow import Database
from bot.services import tokens

log = logging.getLogger(__name__)

TOKEN_INVALID = (40001, 40014, 42001)  # invalid / not latest / expired access_token


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
        """POST to the API with the shared token; a refused token is refreshed and the call retried once."""
        token = await tokens.get(self.db, self._token_name, self._fetch_token)
        data = await self._post(path, token, body)
        if int(data.get("errcode", 0)) in TOKEN_INVALID:
            token = await tokens.get(self.db, self._token_name, self._fetch_token, refused=token)
            data = await self._post(path, token, body)
        errcode = int(data.get("errcode", 0))
        if errcode != 0:
            raise WeChatApiError(errcode, str(data.get("errmsg", "")))
        return data

    async def _post(self, path: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
        # Raw UTF-8, not \u escapes: WeChat shows escaped Chinese literally (menus, messages).
        response = await self.http.post(
            path,
            params={"access_token": token},
            content=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        return _json(response)

    async def send_text(self, openid: str, content: str) -> None:
        await self.call("/cgi-bin/message/custom/send", {"touser": openid, "msgtype": "text", "text": {"content": content}})

    async def send_template(self, openid: str, template_id: str, content: str) -> None:
        await self.call(
            "/cgi-bin/message/template/send",
            {"touser": openid, "template_id": template_id, "data": {"content": {"value": content}}},
        )

    async def create_menu(self, menu: dict[str, Any]) -> None:
        await self.call("/cgi-bin/menu/create", menu)

    async def close(self) -> None:
        await self.http.aclose()


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        raise WeChatApiError(-1, f"HTTP {response.status_code}: not JSON") from None
    if not isinstance(data, dict):
        raise WeChatApiError(-1, "unexpected response")
    return data
