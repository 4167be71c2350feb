"""One Telegram update in: dispatch it, answer it, never lose it.

The update is dispatched (and its turn committed) before the webhook
answers, so a crash cannot lose it and Telegram's redelivery of the same
update_id is recognised as a duplicate. Sending the reply follows; if
Telegram refuses for now (flood control, a network error), the reply goes
to the outbox and the drainer delivers it later. The photos of an album are
dispatched the same way, one by one, and answered together (albums.py).
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, Update
from telegram.error import RetryAfter, TelegramError

from bot.app import App
from bot.channels.telegram import inbound
from bot.channels.telegram.albums import Albums
from bot.channels.telegram.transport import POOL_SIZE, Delivery, edit_or_send, send_reply
from bot.core.dispatcher import Outcome
from bot.core.messages import Reply
from bot.services import people, platform_events
from bot.texts import Texts

log = logging.getLogger(__name__)

MAX_PENDING_ANSWERS = POOL_SIZE  # answers on their way at once: one per Bot API connection


class NotAnUpdate(ValueError):
    """A body or a fetched item that is not a Telegram update PTB can read."""


class TelegramChannel:
    def __init__(self, app: App, bot: Bot) -> None:
        self.app = app
        self.bot = bot
        self._tasks: set[asyncio.Task[None]] = set()
        self._answer_slots = asyncio.Semaphore(MAX_PENDING_ANSWERS)
        self.albums = Albums(self._send_all)

    def parse(self, data: object) -> Update:
        """The update behind a decoded JSON body; `NotAnUpdate` for anything else.

        The webhook and polling both read updates one at a time with this, so
        one malformed update is refused (400) or skipped the same way by both,
        whatever part of it PTB could not read.
        """
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            raise NotAnUpdate("no update_id")
        try:
            return Update.de_json(data, self.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # PTB's errors on malformed parts
            raise NotAnUpdate(type(exc).__name__) from exc

    async def process(self, update: Update) -> inbound.Incoming | None:
        """Dispatch the update; returns what still has to be answered, if anything."""
        event = inbound.read(update)
        if isinstance(event, inbound.Ignored):
            log.debug("ignored telegram update %s: %s", update.update_id, event.reason)
            await self._tell_ignored(event)
            return None
        if isinstance(event, inbound.Membership):
            await self._membership(event)
            return None
        return event

    async def answer(self, incoming: inbound.Incoming, outcome: Outcome) -> None:
        """Send the replies of a dispatched update (or put them in the outbox if Telegram refuses)."""
        if incoming.callback_id is not None:
            await self._answer_callback(incoming.callback_id)
        if outcome.duplicate:
            return  # answered when it first arrived
        if incoming.media_group_id is not None:  # a photo of an album: answered with the rest of it
            started = self.albums.add(incoming, outcome.replies)
            if started is not None:
                self._keep(started)
            return
        edit = incoming.pressed_message_id is not None and _replaces_pressed(outcome.replies, outcome)
        await self._send_all(incoming, outcome.replies, edit=edit)

    async def _send_all(self, incoming: inbound.Incoming, replies: list[Reply], *, edit: bool = False) -> None:
        """Send the replies in order; what Telegram refuses, and everything after it, goes to the outbox.

        Only what was not delivered: of a reply sent in parts, the parts
        already shown are not sent again by the drainer.
        """
        for index, reply in enumerate(replies):
            delivery = Delivery(reply)
            try:
                if index == 0 and edit:
                    assert incoming.pressed_message_id is not None
                    await edit_or_send(
                        self.bot, incoming.chat_id, incoming.pressed_message_id, reply, self.app.db, delivery
                    )
                else:
                    await send_reply(self.bot, incoming.chat_id, reply, self.app.db, delivery)
            except TelegramError as exc:
                rest = delivery.rest()
                await self._to_outbox(incoming, ([rest] if rest is not None else []) + replies[index + 1 :], exc)
                return

    async def handle(self, update: Update) -> None:
        """Dispatch and answer in one go (polling, tests)."""
        incoming = await self.process(update)
        if incoming is not None:
            outcome = await self.app.dispatcher.handle_message(incoming.inbound)
            await self.answer(incoming, outcome)

    async def answer_later(self, incoming: inbound.Incoming, outcome: Outcome) -> None:
        """Answer in the background so the webhook returns at once; tasks are kept until done.

        At most MAX_PENDING_ANSWERS are on their way at a time. When Telegram
        delivers faster than the answers can go out, the webhook waits here
        for a free place instead of piling up sends: an unbounded backlog
        grows memory and makes every send slower (the HTTP pool scans its
        whole queue on each request).
        """
        try:
            await self._answer_slots.acquire()
        except asyncio.CancelledError:
            # The webhook call was dropped while waiting, but the turn is
            # committed: a redelivery would count as answered. Send anyway.
            self._start_answer(incoming, outcome, holds_slot=False)
            raise
        self._start_answer(incoming, outcome, holds_slot=True)

    def _start_answer(self, incoming: inbound.Incoming, outcome: Outcome, *, holds_slot: bool) -> None:
        task = asyncio.create_task(self.answer(incoming, outcome))
        self._keep(task)
        if holds_slot:
            task.add_done_callback(lambda _: self._answer_slots.release())

    def _keep(self, task: asyncio.Task[None]) -> None:
        """Hold a reference until it is done (asyncio keeps only weak ones), for drain_pending to wait on."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain_pending(self) -> None:
        """Wait for background answers (shutdown, tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _tell_ignored(self, event: inbound.Ignored) -> None:
        """Why nothing else comes, where the person waits for an answer: as the press's answer, or a message."""
        language = people.language_of(event.language, self.app.settings.language)
        notice = Texts(language).get(event.notice) if event.notice is not None else None
        if event.callback_id is not None:
            await self._answer_callback(event.callback_id, notice)
        elif notice is not None and event.chat_id is not None:
            try:
                await self.bot.send_message(chat_id=event.chat_id, text=notice)
            except TelegramError as exc:  # nothing to keep: not a turn, and said again at the next try
                log.info("telling why an update was ignored failed: %s", exc)

    async def _answer_callback(self, callback_id: str, text: str | None = None) -> None:
        try:
            await self.bot.answer_callback_query(callback_id, text=text, show_alert=True if text else None)
        except TelegramError as exc:  # too old to answer: the spinner simply times out
            log.info("answering callback failed: %s", exc)

    async def _to_outbox(self, incoming: inbound.Incoming, replies: list[Reply], exc: TelegramError) -> None:
        if not replies:  # the error came after the last part was delivered (clearing a keyboard, say)
            return
        from datetime import timedelta

        from bot.channels.telegram.transport import seconds

        delay = timedelta(seconds=seconds(exc.retry_after)) if isinstance(exc, RetryAfter) else timedelta(0)
        log.warning("reply to a telegram user deferred to the outbox: %s", exc)
        async with self.app.db.uow() as uow:
            await platform_events.defer_replies(
                uow, inbound.CHANNEL, incoming.inbound.user_id, replies, delay=delay
            )

    async def _membership(self, event: inbound.Membership) -> None:
        async with self.app.db.uow() as uow:
            if event.blocked:
                await platform_events.left(uow, inbound.CHANNEL, event.user_id, "blocked the bot")
            else:
                await platform_events.returned(uow, inbound.CHANNEL, event.user_id, timezone=self.app.settings.timezone)


def _replaces_pressed(replies: list[Reply], outcome: Outcome) -> bool:
    """Whether the answer to a press may take the pressed message's place.

    Only a next menu does (one reply with buttons of its own). A stale press
    (a double tap) must not put "this button has expired" where the first
    press answered, such as a case's number; and an answer without buttons
    (a refusal such as 诉求 #1 现在是"已受理"，不能做这个操作 to a second tap of
    受理, or a question to type the answer to) would wipe the text and the
    buttons still in force there (开始办理, 已解决): both come below.
    """
    return len(replies) == 1 and bool(replies[0].buttons) and not outcome.stale
