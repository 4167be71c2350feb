"""A conversation turn: deduplicate retries, slow floods, keep the dialog, store the answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bot.core.messages import Inbound, Reply
from bot.db.upsert import insert
from bot.db.uow import UnitOfWork
from bot.models import DialogState, InboundMessage, Person
from bot.services import people


@dataclass(frozen=True)
class Duplicate:
    """The message was handled before; `replies` is what it was answered."""

    replies: list[Reply]


@dataclass(frozen=True)
class Fresh:
    record_id: int


TurnStart = Duplicate | Fresh


async def begin_turn(uow: UnitOfWork, person: Person, message: Inbound) -> TurnStart:
    """Record the message before handling it.

    The record shares the turn's transaction: if handling fails, it rolls
    back with everything else and a platform retry is handled afresh; if
    handling succeeds, a retry finds it and gets the same reply. The insert
    settles concurrent retries itself (ON CONFLICT DO NOTHING): the loser
    waits for the winner's commit and then reads its reply.
    """
    session = uow.session
    now = uow.clock.now()
    table = InboundMessage.__table__  # type: ignore[attr-defined]
    statement = insert(session, table).values(
        person_id=person.id,
        channel=message.channel,
        channel_message_id=message.message_id,
        received_at=now,
    )
    if message.message_id is not None:
        statement = statement.on_conflict_do_nothing(index_elements=["channel", "channel_message_id"])
    record_id = (await session.exec(statement.returning(table.c.id))).scalar_one_or_none()  # type: ignore[call-overload]
    if record_id is None:
        seen = await _seen(uow, message)
        return Duplicate(_replies(seen) if seen else [])
    return Fresh(record_id)


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


async def participant(
    uow: UnitOfWork, message: Inbound, *, default_language: str
) -> tuple[Person, DialogState]:
    """The sender and their dialog, read in one statement (the common case: a known person)."""
    query = (
        select(Person, DialogState)
        .outerjoin(DialogState, col(DialogState.person_id) == col(Person.id))
        .where(Person.channel == message.channel, Person.channel_user_id == message.user_id)
    )
    row = (await uow.session.exec(query)).first()
    if row is None:
        person = await people.create(
            uow,
            message.channel,
            message.user_id,
            display_name=message.display_name,
            language=message.language,
            default_language=default_language,
        )
        state = None
    else:
        person, state = row
        people.touch(uow, person, message.display_name)
    if state is None:
        state = DialogState(person_id=person.id, updated_at=uow.clock.now())  # type: ignore[arg-type]
        uow.session.add(state)
    return person, state


def is_stale(state: DialogState, now: datetime, timeout: timedelta) -> bool:
    """A dialog or a numbered choice left alone too long is no longer trusted."""
    if state.dialog is None and not state.buttons:
        return False
    return state.updated_at < now - timeout


def clear(state: DialogState) -> None:
    state.dialog = None
    state.step = None
    state.data = {}
    state.buttons = []


async def finish_turn(
    uow: UnitOfWork,
    record_id: int,
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
    await uow.session.exec(  # type: ignore[call-overload]
        update(InboundMessage)
        .where(col(InboundMessage.id) == record_id)
        .values(reply=[reply.to_dict() for reply in replies])
    )
    if not keep_buttons:
        last_buttons = replies[-1].flat_buttons if replies else []
        state.buttons = [[button.label, button.payload] for button in last_buttons]
    state.updated_at = uow.clock.now()
    uow.session.add(state)
    await uow.commit()
