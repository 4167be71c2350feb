"""A conversation turn: deduplicate retries, slow floods, keep the dialog, store the answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.core.messages import Inbound, Reply
from bot.db.uow import UnitOfWork
from bot.models import DialogState, InboundMessage, Person


@dataclass(frozen=True)
class Duplicate:
    """The message was handled before; `replies` is what it was answered."""

    replies: list[Reply]


@dataclass(frozen=True)
class Flooded:
    """The person sent too many messages this minute; `first` is true once per burst."""

    first: bool
    record: InboundMessage


@dataclass(frozen=True)
class Fresh:
    record: InboundMessage


TurnStart = Duplicate | Flooded | Fresh


async def begin_turn(uow: UnitOfWork, person: Person, message: Inbound, *, flood_limit: int) -> TurnStart:
    """Record the message before handling it.

    The record shares the turn's transaction: if handling fails, it rolls
    back with everything else and a platform retry is handled afresh; if
    handling succeeds, a retry finds it and gets the same reply.
    """
    session = uow.session
    now = uow.clock.now()
    if message.message_id is not None:
        seen = await _seen(uow, message)
        if seen is not None:
            return Duplicate(_replies(seen))
    recent = (
        await session.exec(
            select(func.count())
            .select_from(InboundMessage)
            .where(InboundMessage.person_id == person.id, InboundMessage.received_at > now - timedelta(minutes=1))
        )
    ).one()
    record = InboundMessage(
        person_id=person.id,  # type: ignore[arg-type]
        channel=message.channel,
        channel_message_id=message.message_id,
        received_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(record)
    except IntegrityError:  # a concurrent retry of the same message got there first
        seen = await _seen(uow, message)
        return Duplicate(_replies(seen) if seen else [])
    if recent >= flood_limit:
        return Flooded(first=recent == flood_limit, record=record)
    return Fresh(record)


async def _seen(uow: UnitOfWork, message: Inbound) -> InboundMessage | None:
    result = await uow.session.exec(
        select(InboundMessage).where(
            InboundMessage.channel == message.channel,
            InboundMessage.channel_message_id == message.message_id,
        )
    )
    return result.first()


def _replies(record: InboundMessage) -> list[Reply]:
    return [Reply.from_dict(item) for item in record.reply or []]


async def load_dialog(uow: UnitOfWork, person: Person) -> DialogState:
    state = await uow.session.get(DialogState, person.id)
    if state is None:
        state = DialogState(person_id=person.id, updated_at=uow.clock.now())  # type: ignore[arg-type]
        uow.session.add(state)
    return state


def is_stale(state: DialogState, now_: object, timeout: timedelta) -> bool:
    """A dialog or a numbered choice left alone too long is no longer trusted."""
    if state.dialog is None and not state.buttons:
        return False
    return state.updated_at < now_ - timeout  # type: ignore[operator]


def clear(state: DialogState) -> None:
    state.dialog = None
    state.step = None
    state.data = {}
    state.buttons = []


async def finish_turn(
    uow: UnitOfWork,
    record: InboundMessage,
    state: DialogState,
    replies: list[Reply],
    *,
    keep_buttons: bool = False,
) -> None:
    """Store the answer and the dialog with everything the handler changed, in one commit.

    The buttons of the last reply are remembered so a numbered answer maps
    to them; `keep_buttons` leaves the earlier ones in force (after a refusal
    such as "too long", the person may still answer the previous choice).
    """
    record.reply = [reply.to_dict() for reply in replies]
    if not keep_buttons:
        last_buttons = replies[-1].flat_buttons if replies else []
        state.buttons = [[button.label, button.payload] for button in last_buttons]
    state.updated_at = uow.clock.now()
    uow.session.add(state)
    await uow.commit()
