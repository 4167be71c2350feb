"""Delivering outbox rows to WeChat: customer-service messages, template messages outside the window."""

from __future__ import annotations

import logging

import httpx

from bot.channels.wechat.api import WeChatApi, WeChatApiError
from bot.channels.wechat.render import as_text, split_bytes, template_rest, template_text
from bot.core.messages import Picture, Reply
from bot.services import photos
from bot.services.delivery import Failed, Progress, Retry, SendResult, Sent, Unreachable
from bot.texts import Texts

log = logging.getLogger(__name__)

OUT_OF_WINDOW = 45015  # more than 48 hours since the person last wrote
UNSUBSCRIBED = 43004
BUSY = -1


class WeChatSender:
    def __init__(self, api: WeChatApi, texts: Texts) -> None:
        self.api = api
        self.hint = texts.get("wechat.choose_hint")
        self.more = texts.get("wechat.template_more")
        self.rest = texts.get("wechat.template_rest")

    async def send(
        self, address: str, reply: Reply, kind: str, parts_sent: int = 0, progress: Progress | None = None
    ) -> SendResult:
        """The text's customer-service messages, then the photo; those before `parts_sent` the person has.

        A retry (WeChat busy, a 5xx, the network) says how many went, so the
        next attempt starts after them instead of sending the first ones again;
        `progress` hears of each part that went while more are to come.
        """
        # A photo following a passive answer comes alone: no text.
        texts = split_bytes(as_text(reply, self.hint)) if reply.text.strip() else []
        total = len(texts) + int(reply.picture is not None)
        done = parts_sent
        try:
            for part in texts[parts_sent:]:
                await self.api.send_text(address, part)
                done += 1
                if progress is not None and done < total:
                    await progress(done)
            if reply.picture is not None and done == len(texts):  # its part comes after the texts
                await self._send_picture(address, reply.picture)
                done += 1
        except WeChatApiError as exc:
            return await self._after_error(address, reply, exc, texts=texts, parts_sent=done)
        except httpx.HTTPError as exc:
            return Retry(None, f"{type(exc).__name__}: {exc}", done)
        return Sent()

    async def _send_picture(self, address: str, picture: Picture) -> None:
        """By its MediaId while WeChat keeps it, else uploaded from the kept bytes."""
        media_id = photos.usable_ref(picture, "wechat", self.api.db.clock.now())
        if media_id is None:
            kept = await photos.data_of(self.api.db, picture)
            if kept is None:
                log.warning("photo %s has no kept bytes to send", picture.photo_id)
                return
            media_id = await self.api.upload_image(*kept)
        await self.api.send_image(address, media_id)

    async def _after_error(
        self, address: str, reply: Reply, exc: WeChatApiError, *, texts: list[str], parts_sent: int
    ) -> SendResult:
        """What a refused part means for the row; `texts`: its text's parts, the first `parts_sent` delivered."""
        if exc.errcode == UNSUBSCRIBED:
            return Unreachable(str(exc))
        if exc.errcode == OUT_OF_WINDOW and parts_sent >= len(texts):  # its text, if any, was read already
            return Failed(f"{exc}; a photo cannot travel as a template message")
        if exc.errcode == OUT_OF_WINDOW:
            return await self._template(address, reply, exc, texts[parts_sent:] if parts_sent else None)
        if exc.errcode == BUSY:
            return Retry(None, str(exc), parts_sent)
        return Failed(str(exc))

    async def _template(
        self, address: str, reply: Reply, cause: WeChatApiError, rest: list[str] | None = None
    ) -> SendResult:
        """Outside the 48-hour window only a template message reaches the person.

        `rest`: the text's parts not delivered when the window closed between
        parts. The template then carries them, marked as the rest, and not
        the beginning the person has just read.
        """
        template_id = self.api.settings.wechat_template_id
        if not template_id:
            return Failed(f"{cause}; no RESIDENT_BOT_WECHAT_TEMPLATE_ID for messages outside the 48-hour window")
        if rest:
            shown = template_rest(rest, reply, self.hint, self.rest, self.more)
        else:
            shown = template_text(reply, self.more)
        try:
            await self.api.send_template(address, template_id, shown)
        except WeChatApiError as exc:
            if exc.errcode == UNSUBSCRIBED:
                return Unreachable(str(exc))
            return Retry(None, str(exc)) if exc.errcode == BUSY else Failed(str(exc))
        except httpx.HTTPError as exc:
            return Retry(None, f"{type(exc).__name__}: {exc}")
        return Sent(shortened=shown.endswith(self.more))  # it promised the whole, with its choices, on their next message
