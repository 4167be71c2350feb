"""The dispatcher: one inbound message in, the replies out.

It owns the order of routing (commands, the active dialog, buttons,
understood intents) and the turn around it (dedup, flood control, dialog
state), so feature modules only declare handlers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.core import validation
from bot.core.context import Context, Dialog
from bot.core.flood import FloodGate
from bot.core.messages import Inbound, Reply
from bot.core.router import HandlerResult, RouteTable
from bot.services import conversation, people, platform_events
from bot.services.errors import DomainError
from bot.texts import Texts

if TYPE_CHECKING:
    from bot.app import App
    from bot.db.uow import UnitOfWork
    from bot.models import Person

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    replies: list[Reply]
    duplicate: bool = False  # a platform retry: already answered with `replies`
    queued: bool = False  # `replies` went into the outbox with the turn (the channel said it was too late)


LateCheck = Callable[[], bool]


class Dispatcher:
    def __init__(self, app: App, routes: RouteTable) -> None:
        self.app = app
        self.routes = routes
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}
        self._flood = FloodGate(app.settings.flood_limit_per_minute)

    async def handle(self, message: Inbound) -> list[Reply]:
        """Handle one message and return what to answer; never raises for bad input."""
        return (await self.handle_message(message)).replies

    async def handle_message(self, message: Inbound, *, too_late: LateCheck | None = None) -> Outcome:
        """Like `handle`, and says whether the message was a retry already answered.

        One person's messages are handled one at a time in this process (their
        dialog is a sequence); different people's run concurrently.

        `too_late` is asked just before the turn commits: when the channel can
        no longer carry the answer in its response (WeChat's five seconds are
        up), the replies go into the outbox in the turn's own transaction, so
        they are not lost if the process stops right after it.
        """
        key = (message.channel, message.user_id)
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                return await self._guarded(message, too_late)
        finally:
            if not lock.locked() and not lock._waiters:  # type: ignore[attr-defined]
                self._locks.pop(key, None)

    async def _guarded(self, message: Inbound, too_late: LateCheck | None) -> Outcome:
        try:
            return await self._turn(message, too_late)
        except DomainError as err:
            return await self._answer_only(message, err.key, err.params, too_late)
        except Exception:
            log.exception("handling a %s message failed", message.channel)
            return Outcome([Reply(Texts(self.app.settings.language).get("common.error"))])

    async def _turn(self, message: Inbound, too_late: LateCheck | None) -> Outcome:
        settings = self.app.settings
        cleaned = validation.clean(message, settings.max_text_length)
        async with self.app.db.uow() as uow:
            person, state = await conversation.participant(uow, message, default_language=settings.language)
            people.contacted(person)
            texts = Texts(person.language)
            start = await conversation.begin_turn(uow, person, message)
            if isinstance(start, conversation.Duplicate):
                return Outcome(start.replies, duplicate=True)
            flood = self._flood.check((message.channel, message.user_id), uow.clock.now())
            if flood != "ok":
                replies = [Reply(texts.get("common.flood"))] if flood == "first" else []
                return await _finish(uow, person, start, state, replies, too_late, keep_buttons=True)
            if cleaned.problem:
                replies = [Reply(texts.get(cleaned.problem, limit=settings.max_text_length))]
                return await _finish(uow, person, start, state, replies, too_late, keep_buttons=True)
            ctx = Context(
                app=self.app,
                uow=uow,
                person=person,
                message=message,
                dialog=Dialog(state),
                texts=texts,
                text=cleaned.text,
                payload=message.payload,
            )
            if conversation.is_stale(state, uow.clock.now(), timedelta(minutes=settings.dialog_timeout_minutes)):
                if state.dialog is not None:
                    ctx.notes.append(texts.get("common.dialog_expired"))
                conversation.clear(state)
            replies = _as_list(await self._route(ctx, state.buttons))
            if ctx.notes:
                first = replies[0] if replies else Reply("")
                text = "\n".join([*ctx.notes, first.text]).strip()
                replies = [Reply(text, first.buttons, first.document), *replies[1:]]
            return await _finish(uow, person, start, state, replies, too_late)

    async def _route(self, ctx: Context, shown: list[list[str]]) -> HandlerResult:
        routes = self.routes
        if ctx.payload is None and ctx.text:
            number = validation.choice_number(ctx.text)
            if number is not None and shown:
                if not 1 <= number <= len(shown):
                    return Reply(ctx.t("common.choice_out_of_range", count=len(shown)), _buttons(shown))
                ctx.payload = shown[number - 1][1]
            elif number is not None and ctx.dialog.active is False and ctx.message.payload is None:
                ctx.notes.append(ctx.t("common.choice_expired"))
            elif number is None and shown:
                ctx.payload = validation.chosen_label(ctx.text, shown) or validation.yes_choice(ctx.text, shown, routes.yes)
        if ctx.payload is None and ctx.text:
            handler = self._command(ctx)
            if handler is not None:
                if ctx.dialog.data and handler is not routes.commands.get("cancel"):
                    ctx.notes.append(ctx.t("common.dialog_left"))  # what was under way is dropped: say so
                ctx.dialog.leave()
                return await handler(ctx)
        if ctx.dialog.active:
            dialog_handler = routes.dialogs.get(ctx.dialog.name or "")
            if dialog_handler is not None:
                result = await dialog_handler(ctx)
                if result is not None:
                    return result
            if ctx.dialog.data:  # the message is not part of the dialog, which held something under way
                ctx.notes.append(ctx.t("common.dialog_left"))
            ctx.dialog.leave()
        if ctx.payload is not None:
            button_handler = routes.buttons.get(ctx.payload.split(":", 1)[0])
            if button_handler is None:
                return await routes.intents["stale_button"](ctx)
            return await button_handler(ctx)
        if not ctx.text:
            return await routes.intents["attachment"](ctx)
        ctx.understanding = self.app.understander.understand(ctx.text)
        handler = routes.intents.get(ctx.understanding.intent.value) or routes.intents["unknown"]
        return await handler(ctx)

    def _command(self, ctx: Context):  # noqa: ANN202 - Handler | None
        text = ctx.text
        if text.startswith("/"):
            name, _, args = text[1:].partition(" ")
            name = name.split("@", 1)[0].lower()  # Telegram appends @botname in groups
            ctx.args = args.strip()
            return self.routes.commands.get(name) or self.routes.intents["unknown_command"]
        form = validation.keyword_form(text)
        if form in self.routes.keywords:
            return self.routes.keywords[form]
        first, args = validation.command_parts(text)
        handler = self.routes.keywords.get(validation.keyword_form(first))
        if handler is not None and args:
            ctx.args = args
            return handler
        return None

    async def _answer_only(
        self, message: Inbound, key: str, params: dict[str, object], too_late: LateCheck | None
    ) -> Outcome:
        """Answer a refused operation: its changes were rolled back, the turn is still recorded."""
        async with self.app.db.uow() as uow:
            person, state = await conversation.participant(uow, message, default_language=self.app.settings.language)
            start = await conversation.begin_turn(uow, person, message)
            if isinstance(start, conversation.Duplicate):
                return Outcome(start.replies, duplicate=True)
            replies = [Reply(Texts(person.language).get(key, **params))]
            return await _finish(uow, person, start, state, replies, too_late)


async def _finish(
    uow: UnitOfWork,
    person: Person,
    start: conversation.Fresh,
    state: conversation.DialogSnapshot,
    replies: list[Reply],
    too_late: LateCheck | None,
    *,
    keep_buttons: bool = False,
) -> Outcome:
    queued = too_late is not None and too_late()
    if queued:
        platform_events.queue_replies(uow, person, replies)
    await conversation.finish_turn(uow, start.record_id, state, replies, keep_buttons=keep_buttons)
    return Outcome(replies, queued=queued)


def _as_list(result: HandlerResult) -> list[Reply]:
    if result is None:
        return []
    return [result] if isinstance(result, Reply) else list(result)


def _buttons(shown: list[list[str]]):  # noqa: ANN202
    from bot.core.messages import Button

    return tuple((Button(label, payload),) for label, payload in shown)
