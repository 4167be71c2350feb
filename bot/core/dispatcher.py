"""The dispatcher: one inbound message in, the replies out.

It owns the order of routing (commands, the active dialog, buttons,
understood intents) and the turn around it (dedup, flood control, dialog
state), so feature modules only declare handlers. What it leans on is in
modules of its own: turn_replies (the outcome, notes, storing the turn),
failed_turns (a turn that raised: words kept, refusals answered), lapse (a
dialog left too long), stepping_out (a form left for another matter, kept
as a draft), form_openers (a command that opens a form the person has).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.core import form_openers, interruption, validation
from bot.core.commands import Commands
from bot.core.context import Context, Dialog
from bot.core.failed_turns import answer_only, keep_words
from bot.core.flood import FloodGate
from bot.core.forms import asked_again, form_name, form_of
from bot.core.lapse import lapse
from bot.core.messages import Button, Inbound, Reply
from bot.core.router import HandlerResult, RouteTable
from bot.core.stepping_out import step_out, which_answer
from bot.core.turn_replies import LateCheck, Outcome, as_list, finish, shown_buttons, with_draft_buttons, with_notes
from bot.services import conversation, push_marks, returning
from bot.services.errors import DomainError
from bot.texts import Texts

if TYPE_CHECKING:
    from bot.app import App

__all__ = ["Dispatcher", "LateCheck", "Outcome"]  # Outcome is the channels' (bot.channels.*) to read

log = logging.getLogger(__name__)

_NEVER_A_CHOICE = 100  # no list the bot shows is this long


class Dispatcher:
    def __init__(self, app: App, routes: RouteTable) -> None:
        self.app = app
        self.routes = routes
        self.commands = Commands(routes)
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
            return await answer_only(self.app, message, err.key, err.params, too_late)
        except Exception:
            log.exception("handling a %s message failed", message.channel)
        try:
            kept = await keep_words(self.app, message, too_late)
        except Exception:
            log.exception("keeping the words of a failed %s message failed too", message.channel)
            kept = None
        return kept or Outcome([Reply(Texts(self.app.settings.language).get("common.error"))])

    async def _turn(self, message: Inbound, too_late: LateCheck | None) -> Outcome:
        settings = self.app.settings
        cleaned = validation.clean(message, settings.max_text_length)
        async with self.app.db.uow() as uow:
            person, state = await conversation.participant(uow, message, default_language=settings.language)
            missed = await returning.came_back(uow, person)  # they wrote: reachable again, and told what did not reach them
            texts = Texts(person.language)
            start = await conversation.begin_turn(uow, person, message)
            if isinstance(start, conversation.Duplicate):
                return Outcome(start.replies, duplicate=True, queued=start.queued)
            # Before anything is answered (a refusal stores the dialog too, and would revive it).
            notes, parked = await lapse(settings, uow, person, state, texts, message, cleaned.text, start.record_id)
            kept_note = notes[0] if parked is not None else None
            if missed is not None:
                notes.insert(0, returning.told(missed, texts, settings.timezone))
            flood = self._flood.check((message.channel, message.user_id), uow.clock.now())
            if flood != "ok":
                replies = with_notes(notes, [Reply(texts.get("common.flood"))]) if flood == "first" else []
                return await finish(uow, person, start, state, replies, too_late, keep_buttons=True)
            if cleaned.problem:
                key = cleaned.problem
                if key == "common.too_long" and state.dialog is not None:
                    # The step stays open: a part sent next would be taken as its answer and the
                    # rest as the next step's, so ask for the whole answer, shorter.
                    key = "common.too_long_in_dialog"
                elif key == "common.empty" and state.dialog is not None:
                    # a sticker mid-form: the step is still waiting (with no numbers shown, none to reply with)
                    key = "common.empty_in_dialog" if state.buttons else "common.empty_in_dialog_words"
                elif key == "common.empty" and state.buttons:
                    key = "common.empty_with_choices"  # under a menu: no step waits, the choices are still there
                shown = shown_buttons(state.buttons) if key.endswith(("_in_dialog", "_with_choices", "_in_dialog_words")) else ()  # with the choices
                replies = with_notes(notes, [Reply(texts.get(key, limit=settings.max_text_length), shown)])
                return await finish(uow, person, start, state, replies, too_late, keep_buttons=True)
            ctx = Context(
                app=self.app,
                uow=uow,
                person=person,
                message=message,
                dialog=Dialog(state),
                texts=texts,
                text=cleaned.text,
                payload=message.payload,
                notes=notes,
                turn_id=start.record_id,
            )
            replies = as_list(await self._route(ctx, state.buttons))
            if ctx.own_words and state.dialog is not None:
                state.written = True  # the dialog now holds what the person wrote: a form
            if parked is not None:
                if state.draft is parked:  # still put aside: offer to take it up
                    replies = with_draft_buttons(replies, texts)
                else:  # taken up (继续) or dropped at once: telling them it was kept would only confuse
                    ctx.notes = [note for note in ctx.notes if note is not kept_note]
            replies = with_notes(ctx.notes, replies)
            return await finish(uow, person, start, state, replies, too_late, stale=ctx.stale)

    async def _route(self, ctx: Context, shown: list[list[str]]) -> HandlerResult:
        routes = self.routes
        ctx.own_words = ctx.message.attachment is not None or ctx.message.location is not None
        if ctx.dialog.active and interruption.pending(ctx.dialog.data):  # a push came in over the dialog
            settled = await self._settle(ctx, shown)
            if not isinstance(settled, interruption.Settled):
                return settled
            shown = settled.shown
        ctx.shown = shown
        if ctx.payload is None and ctx.text:
            number = validation.choice_number(ctx.text)
            if number is None and shown and routes.choice_words:
                number = await self.commands.choice_said(ctx)  # 回复3 from a resident: choice 3, as WeChat users say it
            if number is None and shown and not ctx.dialog.active:  # 一号 for 【1】, where no dialog wants a day
                loose = validation.choice_number(ctx.text, hao=True)
                number = loose if loose is not None and 1 <= loose <= len(shown) else None
            if number is not None and number >= _NEVER_A_CHOICE and ctx.dialog.active:
                number = None  # 301 at a form's step: a door number (or 930 a time), words for the step
            if number is not None and shown:
                if not 1 <= number <= len(shown):
                    return Reply(ctx.t("common.choice_out_of_range", count=len(shown)), shown_buttons(shown))
                ctx.payload = shown[number - 1][1]
            elif number is not None and ctx.dialog.active is False and ctx.message.payload is None:
                ctx.notes.append(ctx.t("common.choice_expired"))
            elif number is None and shown:
                ctx.payload = (
                    validation.chosen_label(ctx.text, shown)
                    or validation.yes_choice(ctx.text, shown, routes.yes)
                    or validation.said_choice(ctx.text, shown, routes.said)
                )
                begun = validation.choices_begun(ctx.text, shown) if ctx.payload is None else []
                if begun:  # 取消 under 取消 A / 取消 B: which one, not 已退出
                    return Reply(ctx.t("common.which_choice", said=ctx.text.strip()), (*shown_buttons(begun), (Button(ctx.t("menu.back"), "menu"),)))
        if ctx.payload is None and push_marks.SHOWN in ctx.dialog.data and not ctx.dialog.active:  # a push seen in part
            whole = await routes.intents["push_seen_in_part"](ctx)
            if whole is not None:
                return whole
        refused = False  # a command for others only (a resident's 通过): words like any other
        if ctx.payload is None and ctx.text:
            text = ctx.text
            handler = self.commands.find(ctx)
            if handler is not None and not await self.commands.allowed(ctx, handler):
                handler, refused, ctx.text, ctx.args = None, True, text, ""
            if handler is routes.commands.get("resume") and ctx.dialog.draft is None and ctx.dialog.active:
                handler = None  # 继续 with nothing put aside: in an open form it is just an answer
            if handler is not None and ctx.args and form_openers.opens_the_form_behind(routes, ctx, handler):
                ctx.text, ctx.args, handler = ctx.args, "", None  # 投诉 噪音 at 您同意吗: 噪音 is read there, no second form
            if handler is not None:
                ctx.own_words = ctx.own_words or bool(ctx.args)  # 反映问题 楼道灯坏了: the words after it are theirs
                if handler is routes.commands.get("cancel"):
                    if ctx.dialog.written and ctx.dialog.name is not None:  # 算了 at the photo: say it was not sent
                        ctx.notes.append(ctx.t("common.form_dropped", form=form_name(ctx.texts, ctx.dialog.name, ctx.dialog.data)))
                    ctx.dialog.leave()  # asked for: nothing to keep
                elif form_openers.opens_the_open_form(routes, ctx, handler):  # 反映问题 halfway through one: not a second one
                    return await routes.intents["form_open"](ctx)
                elif (said_in := form_openers.said_in_the_open_form(routes, ctx, handler)) is not None:
                    return await said_in(ctx)  # 反映问题 楼道灯坏了 in the complaint: its words, or which one
                elif not (ctx.dialog.active and handler in routes.on_the_form):  # 重新填 is said of the form itself
                    await step_out(ctx)
                    if form_openers.opens_the_form_kept(routes, ctx, handler):  # 反映问题 with one put aside: that one, or a new one?
                        return await routes.intents["form_kept"](ctx)
                return await handler(ctx)
            ctx.own_words = True  # free text, neither a choice nor a command
        if ctx.dialog.active:
            if ctx.payload is None and ctx.text:
                await routes.intents["urgent_in_dialog"](ctx)  # 煤气味很大 at a form's question: what to do first
            form_words = routes.forms.get(form_of(ctx.dialog.name or "", ctx.dialog.data)) if ctx.payload is None and ctx.text else None
            for handler in filter(None, (form_words, routes.dialogs.get(ctx.dialog.name or ""))):
                result = await handler(ctx)  # the form's own words first (那个心愿算了吧, at its profile questions too)
                if result is not None:
                    return result
            if refused:  # a command for others only (a resident's 通过 at 您同意吗): the form's question, not 已退出
                asked = asked_again(ctx, ctx.form_prompt or await conversation.last_prompt(ctx.uow, ctx.person, ctx.turn_id or 0))
                if asked is not None:
                    return asked
            if ctx.payload is not None and form_openers.opens_the_open_form(routes, ctx, routes.buttons.get(ctx.payload.split(":", 1)[0])):
                return await routes.intents["form_open"](ctx)  # the menu's 反映问题 pressed in the complaint form
            await step_out(ctx)  # the message is not part of the dialog
        if ctx.payload is None and ctx.text and shown:
            for words_handler in routes.words_handlers(shown):  # words answering the push just read
                result = await words_handler(ctx)
                if result is not None:
                    return result
        if ctx.payload is None and ctx.text:
            for anywhere in routes.anywhere:  # words of something open to them, typed away from it (Router.words_anywhere)
                result = await anywhere(ctx)
                if result is not None:
                    return result
        if ctx.payload is not None:
            button_handler = routes.buttons.get(ctx.payload.split(":", 1)[0])
            if button_handler is None:
                return await routes.intents["stale_button"](ctx)
            if form_openers.opens_the_form_kept(routes, ctx, button_handler):  # the menu's 反映问题, a complaint put aside
                return await routes.intents["form_kept"](ctx)
            return await button_handler(ctx)
        if not ctx.text:
            return await routes.intents["attachment"](ctx)
        ctx.understanding = self.app.understander.understand(ctx.text)
        handler = routes.intents.get(ctx.understanding.intent.value) or routes.intents["unknown"]
        return await handler(ctx)

    async def _settle(self, ctx: Context, shown: list[list[str]]) -> interruption.Settled | HandlerResult:
        """What a push delivered over the open dialog means for this message (see bot.core.interruption).

        Either how to route it on (the choices in force, the words kept in
        its place), or the answer already: the question, or the words kept
        and then this message, handled one after the other.
        """
        command = bool(ctx.text) and ctx.payload is None and await self.commands.said(ctx)
        settled = interruption.settle(ctx.dialog.data, ctx.text, ctx.payload, shown, command=command)
        if isinstance(settled, interruption.Ask):
            interruption.remember_prompt(ctx.dialog.data, await conversation.last_prompt(ctx.uow, ctx.person, ctx.turn_id or 0))
            return which_answer(ctx, settled)
        ctx.form_prompt = settled.prompt
        if settled.went_on:
            return await self._words_then_message(ctx, settled, shown)
        if settled.words is not None:
            ctx.text, ctx.payload = settled.words, None
        if settled.past_dialog:  # the words answer the push; the form waits as a draft, even half-begun
            form = form_name(ctx.texts, ctx.dialog.name or "", ctx.dialog.data)
            ctx.dialog.put_aside(settled.prompt)
            ctx.notes.append(ctx.t("common.form_put_aside", form=form))
        return settled

    async def _words_then_message(self, ctx: Context, settled: interruption.Settled, shown: list[list[str]]) -> list[Reply]:
        """The question went unanswered: the words kept go to the form, as without it, then this message.

        This message is read against what the form asks after those words,
        unless a newer push took the choices meanwhile (its "1" is for it).
        """
        text, payload = ctx.text, ctx.payload
        ctx.text, ctx.payload = settled.words or "", None
        first = as_list(await self._route(ctx, settled.shown))
        if ctx.own_words and ctx.dialog.active:
            ctx.dialog.mark_written()  # the form holds their words now: stepping out keeps it as a draft
        ctx.text, ctx.payload, ctx.args, ctx.understanding = text, payload, "", None
        ctx.not_for_a_case = False  # said of the kept words, if at all: this message is read afresh
        if first and {choice for _label, choice in shown} <= {interruption.TO_FORM, interruption.TO_PUSH}:
            shown = [[button.label, button.payload] for button in first[-1].flat_buttons]
        if first and ctx.dialog.active:
            ctx.form_prompt = first[-1].to_dict()  # what the form asks now, should it be put aside
        # What the form said to the words is shown only if it was its last word (filed, or ended): its
        # next question is answered, or set aside, by the message now, and two lists of numbers would clash.
        shown_first = first if not ctx.dialog.active else []
        return shown_first + as_list(await self._route(ctx, shown))

