"""A turn that failed: the resident's words kept for staff, or a refusal answered; the turn recorded either way.

The dispatcher's turn runs in one unit of work; when it raises, that work
is rolled back and one of these records the message afresh, so a retry of
it gets the same answer and nothing the person wrote is silently lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core import validation
from bot.core.messages import Inbound, Reply
from bot.core.turn_replies import LateCheck, Outcome, finish, with_draft_buttons
from bot.services import conversation, push_marks, support
from bot.texts import Texts

if TYPE_CHECKING:
    from bot.app import App


async def keep_words(app: App, message: Inbound, too_late: LateCheck | None) -> Outcome | None:
    """After a turn failed and rolled back, hand the resident's words to staff rather than lose them.

    Without this the resident was asked to send again, which elderly
    residents rarely do; a bug in one dialog would have silently eaten
    every complaint typed into it. The message is recorded with this
    answer, so a platform's retry gets the same answer and the staff are
    told once. A command, a button press or a choice typed (1, 跳过)
    carries no words of the resident's (None: the old "please send
    again" stands, nothing stored).
    """
    text = validation.clean(message, app.settings.max_text_length).text
    if text.startswith("/") or not any(char.isalnum() for char in text) or validation.choice_number(text) is not None:
        return None
    async with app.db.uow() as uow:
        person, state = await conversation.participant(uow, message, default_language=app.settings.language)
        if validation.chosen_label(text, state.buttons) is not None:
            return None  # 跳过, 确认: a choice typed, no words of theirs; staff could do nothing with it
        start = await conversation.begin_turn(uow, person, message)
        if isinstance(start, conversation.Duplicate):
            # Recorded by a service's commit inside the failed turn, with no answer yet: "send again"
            return Outcome(start.replies, duplicate=True, queued=start.queued) if start.replies else None
        opened = await support.open_handover(uow, person, text, unhandled=True)
        texts = Texts(person.language)
        key = "common.error_kept" if opened.staff_told else "common.error_kept_nobody"
        if not app.settings.pushes_reach(message.channel):
            key += "_unanswerable"  # their reply could not reach this account
        phone = opened.centre_phone or texts.get("handover.no_phone")
        replies = [Reply(texts.get(key, id=opened.handover.id, phone=phone))]
        # The open step must not take their next words (好的谢谢) as its answer: a form
        # holding their words waits as a draft, anything else ends.
        if state.dialog is not None and state.written:
            prompt = push_marks.form_prompt(state.data) or await conversation.last_prompt(uow, person, start.record_id)
            conversation.park(state, prompt)
            replies = with_draft_buttons(replies, texts)
        else:
            conversation.clear(state)
        return await finish(uow, person, start, state, replies, too_late)


async def answer_only(app: App, message: Inbound, key: str, params: dict[str, object], too_late: LateCheck | None) -> Outcome:
    """Answer a refused operation: its changes were rolled back, the turn is still recorded.

    The marks a push left on the dialog go: words kept while asking whom
    they answered would otherwise be replayed into the refused step by
    every later message, 取消 included, and refused each time.
    """
    async with app.db.uow() as uow:
        person, state = await conversation.participant(uow, message, default_language=app.settings.language)
        start = await conversation.begin_turn(uow, person, message)
        if isinstance(start, conversation.Duplicate):
            return Outcome(start.replies, duplicate=True, queued=start.queued)
        state.data = push_marks.strip(state.data)
        replies = [Reply(Texts(person.language).get(key, **params))]
        return await finish(uow, person, start, state, replies, too_late)

