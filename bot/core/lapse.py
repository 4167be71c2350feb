"""A dialog left too long: a choice lapses, a form is put aside as a draft (never dropped).

Asked before anything else in a turn, so that a refusal, which stores the
dialog too, does not revive what lapsed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.clock import local
from bot.core import validation
from bot.core.forms import form_name
from bot.core.messages import Inbound
from bot.services import conversation, push_marks
from bot.texts import Texts

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.db.uow import UnitOfWork
    from bot.models import Person


async def lapse(
    settings: Settings,
    uow: UnitOfWork,
    person: Person,
    state: conversation.DialogSnapshot,
    texts: Texts,
    message: Inbound,
    text: str,
    record_id: int,
) -> tuple[list[str], dict[str, object] | None]:
    """End what was asked too long ago; a form is put aside as a draft, never dropped.

    Returns the notes telling the person, and the draft made now (if any).
    A press (or the typed words) of one of the form's own buttons still
    answers it, however late: that is the person carrying on.
    """
    lapsed = conversation.expired(
        state,
        uow.clock.now(),
        choice=timedelta(minutes=settings.dialog_timeout_minutes),
        form=timedelta(hours=settings.form_timeout_hours),
    )
    if lapsed is None:
        return [], None
    if lapsed == "choice":
        notes = [texts.get("common.dialog_expired")] if state.dialog is not None else []
        conversation.clear(state)
        return notes, None
    if answers_choice(message, text, state.buttons):
        return [], None
    form, left_at = form_name(texts, state.dialog or "", state.data), local(state.updated_at, settings.timezone)
    conversation.park(state, push_marks.form_prompt(state.data) or await conversation.last_prompt(uow, person, record_id))
    kept = texts.get("common.form_kept", month=left_at.month, day=left_at.day, time=f"{left_at:%H:%M}", form=form)
    return [kept], state.draft


def answers_choice(message: Inbound, text: str, shown: list[list[str]]) -> bool:
    """Whether the message presses, or types the words of, one of the choices shown (a bare number does not count)."""
    if not shown:
        return False
    if message.payload is not None:
        return message.payload in {payload for _label, payload in shown}
    return bool(text) and validation.choice_number(text) is None and validation.chosen_label(text, shown) is not None

