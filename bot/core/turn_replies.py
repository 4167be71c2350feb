"""What a turn answers, and how it ends: the outcome, the notes before the replies, the replies stored with the turn.

Shared by the dispatcher and by the answers given when a turn failed
(bot.core.failed_turns), so every way out of a turn records it the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.messages import Button, Reply
from bot.core.router import HandlerResult
from bot.services import conversation, platform_events
from bot.texts import Texts

if TYPE_CHECKING:
    from bot.db.uow import UnitOfWork
    from bot.models import Person


@dataclass(frozen=True)
class Outcome:
    replies: list[Reply]
    duplicate: bool = False  # a platform retry: already answered with `replies`
    queued: bool = False  # `replies` went into the outbox with the turn (the channel said it was too late);
    # for a duplicate: the first handling's replies did
    stale: bool = False  # answers a press of a button no longer in force: not an answer to put in its place


LateCheck = Callable[[], bool]


async def finish(
    uow: UnitOfWork,
    person: Person,
    start: conversation.Fresh,
    state: conversation.DialogSnapshot,
    replies: list[Reply],
    too_late: LateCheck | None,
    *,
    keep_buttons: bool = False,
    stale: bool = False,
) -> Outcome:
    """The turn stored with its replies; they go into the outbox with it when the channel is too late to carry them."""
    queued = too_late is not None and too_late()
    if queued:
        platform_events.queue_replies(uow, person, replies)
    await conversation.finish_turn(uow, start.record_id, state, replies, keep_buttons=keep_buttons, queued=queued)
    return Outcome(replies, queued=queued, stale=stale)


def with_notes(notes: list[str], replies: list[Reply]) -> list[Reply]:
    """The turn's notes (a form put aside, a choice expired) before the first reply, counted as its lead."""
    if not notes:
        return replies
    first = replies[0] if replies else Reply("")
    text = "\n".join([*notes, first.text]).strip()
    lead = len("\n".join(notes).strip().split("\n")) + first.lead  # said once: not the question a draft shows again
    return [Reply(text, first.buttons, first.document, lead=lead), *replies[1:]]


def with_draft_buttons(replies: list[Reply], texts: Texts) -> list[Reply]:
    """The last reply, plus the two ways out of a form just put aside: take it up again, or discard it."""
    last = replies[-1] if replies else Reply("")
    shown = {button.payload for button in last.flat_buttons}  # 接着填刚才的 offered already (handlers.drafts.kept_or_new)
    ways = (Button(texts.get("common.draft_resume_button"), "draft:go"), Button(texts.get("common.draft_drop_button"), "draft:drop"))
    extra = tuple(button for button in ways if button.payload not in shown)
    return [*replies[:-1], Reply(last.text, (*last.buttons, extra), last.document)]


def as_list(result: HandlerResult) -> list[Reply]:
    """A handler's answer (none, one, several) as a list."""
    if result is None:
        return []
    return [result] if isinstance(result, Reply) else list(result)


def shown_buttons(shown: list[list[str]]):  # noqa: ANN202
    """The choices in force ([label, payload]) as buttons, one a row, to show them again."""
    return tuple((Button(label, payload),) for label, payload in shown)
