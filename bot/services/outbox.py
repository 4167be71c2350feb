"""Pushes through the outbox: written with the change that caused them, delivered later.

`push` only adds a row to the caller's transaction; nothing is sent until
the change commits, and nothing committed is forgotten. Delivery claims
rows with a lease so a drainer that dies releases them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import col, select

from bot.services import push_marks
from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import OutboxMessage, OutboxStatus, Person
from bot.texts import Texts

LEASE = timedelta(minutes=2)
AWAKE = timedelta(minutes=30)  # someone who wrote this recently is not woken by a push


def _awake(person: Person, now: datetime) -> bool:
    return person.last_seen_at is not None and now - person.last_seen_at < AWAKE


def push(
    uow: UnitOfWork,
    person: Person,
    reply: Reply,
    *,
    kind: str,
    not_before: datetime | None = None,
    urgent: bool = False,
    notice_id: int | None = None,
) -> OutboxMessage:
    """Queue `reply` for `person` in the current transaction.

    A non-urgent push created during quiet hours waits until they end
    (`RESIDENT_BOT_QUIET_HOURS`); an urgent one, a direct reply that the
    platform deferred, or one to a person who wrote to the bot in the last
    half hour (they are awake, e.g. waiting for a staff answer) goes at once.
    """
    now = uow.clock.now()
    row = OutboxMessage(
        person_id=person.id,  # type: ignore[arg-type]
        channel=person.channel,
        address=person.channel_user_id,
        kind=kind,
        payload=reply.to_dict(),
        not_before=max(not_before or now, earliest(uow, now, urgent=urgent or _awake(person, now))),
        created_at=now,
        notice_id=notice_id,
    )
    if person.unreachable_at is not None:
        row.status = OutboxStatus.unreachable
        row.last_error = person.unreachable_reason
    uow.session.add(row)
    return row


async def push_to(
    uow: UnitOfWork,
    person_id: int,
    build: Callable[[Texts], Reply],
    *,
    kind: str,
    urgent: bool = False,
) -> Person:
    """Queue a reply, built in their language, for the person a record belongs to.

    For a booking's or a wish's resident: the record holds only their id.
    """
    person = await uow.session.get(Person, person_id)
    if person is None:
        raise LookupError(f"no person {person_id}")  # the record's foreign key rules this out
    push(uow, person, build(Texts(person.language)), kind=kind, urgent=urgent)
    return person


def earliest(uow: UnitOfWork, now: datetime, *, urgent: bool) -> datetime:
    """When a push created at `now` may be sent: now, or the end of quiet hours."""
    if urgent or uow.quiet_hours is None:
        return now
    return uow.quiet_hours.release(now) or now


async def claim(
    uow: UnitOfWork,
    channel: str,
    worker: str,
    *,
    limit: int = 100,
    address: str | None = None,
) -> list[OutboxMessage]:
    """Take up to `limit` due rows for `worker` and commit the claim.

    On PostgreSQL rows are locked with SKIP LOCKED so concurrent drainers
    take disjoint rows; SQLite's single writer serialises the claim anyway.
    A claim whose lease ran out (its drainer died) is claimable again.
    """
    now = uow.clock.now()
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.channel == channel,
            OutboxMessage.not_before <= now,
            or_(
                col(OutboxMessage.status) == OutboxStatus.pending,
                (col(OutboxMessage.status) == OutboxStatus.sending) & (col(OutboxMessage.claimed_until) < now),
            ),
        )
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    )
    if address is not None:
        query = query.where(OutboxMessage.address == address)
    if not uow.session.bind.dialect.name == "sqlite":  # type: ignore[union-attr]
        query = query.with_for_update(skip_locked=True)
    rows = list((await uow.session.exec(query)).all())
    for row in rows:
        row.status = OutboxStatus.sending
        row.claimed_by = worker
        row.claimed_until = now + LEASE
        row.attempts += 1
    await uow.commit()
    return rows


def _held_by(row_id: int, worker: str) -> tuple[Any, ...]:
    """The row while this drainer still holds its claim: one whose lease ran out and was taken matches nothing."""
    return (
        col(OutboxMessage.id) == row_id,
        col(OutboxMessage.claimed_by) == worker,
        col(OutboxMessage.status) == OutboxStatus.sending,
    )


async def mark_sent(uow: UnitOfWork, row_id: int, worker: str, *, shortened: bool = False) -> bool:
    """Record a delivery; false if the claim was lost to another drainer meanwhile.

    `shortened`: the person saw only part of it (a WeChat template message),
    and their next message is shown the whole of it (handlers/pushes.py).
    """
    result = await uow.session.exec(  # type: ignore[call-overload]
        update(OutboxMessage)
        .where(*_held_by(row_id, worker))
        .values(status=OutboxStatus.sent, sent_at=uow.clock.now(), claimed_until=None)
        .returning(col(OutboxMessage.person_id), col(OutboxMessage.payload), col(OutboxMessage.kind))
    )
    delivered = result.first()
    # An answer to their own message, sent late (WeChat's five seconds were up): its turn already
    # remembered its choices, and taken for a push over the open form it asked 您发的“1”是…
    if delivered is not None and delivered.kind != "reply" and (delivered.payload.get("buttons") or shortened):
        await _remember_choices(uow, delivered.person_id, delivered.payload.get("buttons") or [], row_id if shortened else None)
    await uow.commit()
    return delivered is not None


async def mark_progress(uow: UnitOfWork, row_id: int, worker: str, *, parts_sent: int) -> bool:
    """A part of a push in several went: count it now, and renew the claim; false if the claim was lost.

    Counted only at a failure, a drainer killed after the first of three
    parts left the count at 0 and the restart sent all three again. With a
    small commit per part a restart repeats at most the part in flight.
    The sender counts up from the row's count, so the value only rises.
    """
    result = await uow.session.exec(  # type: ignore[call-overload]
        update(OutboxMessage)
        .where(*_held_by(row_id, worker))
        .values(parts_sent=parts_sent, claimed_until=uow.clock.now() + LEASE)
        .returning(col(OutboxMessage.id))
    )
    kept = result.first() is not None
    await uow.commit()
    return kept


async def _remember_choices(
    uow: UnitOfWork, person_id: int, button_rows: list[list[list[str]]], part_of: int | None = None
) -> None:
    """A delivered push's buttons become the ones a numbered answer refers to.

    On WeChat and the console a push's choices are numbered lines; the person
    answers "2" to the message they just read, so the number must map to the
    push's buttons, not to whatever the bot said before. With no dialog open
    they are marked as a push's (bot.services.push_marks): people read a
    push hours later, and its choices last as long as a form does.
    """
    from bot.models import DialogState

    state = await uow.session.get(DialogState, person_id)
    if state is None:
        state = DialogState(person_id=person_id, updated_at=uow.clock.now())
        uow.session.add(state)
    pushed = [button for row in button_rows for button in row]
    kept = False
    if state.dialog is not None:  # over an open dialog: the next words typed may answer either (see interruption)
        state.data, kept = push_marks.mark_pushed(state.data or {}, state.buttons or [], pushed)
    if not kept:
        state.buttons = pushed
        if state.dialog is None:
            state.data = push_marks.mark_shown(state.data or {}, part_of)
    state.updated_at = uow.clock.now()


async def mark_retry(
    uow: UnitOfWork,
    row_id: int,
    worker: str,
    *,
    after: timedelta,
    error: str,
    max_attempts: int,
    parts_sent: int | None = None,
) -> bool:
    """Put a row back for a later attempt, or give up on it after `max_attempts`.

    `parts_sent`: how many of its parts the person has by now; the next
    attempt starts after them. Only ever raised: a part once delivered is
    not sent again. Recorded with the claim only, like every outcome: a
    drainer that lost its claim (its lease ran out) leaves the row to the
    one that took it.
    """
    row = await _claimed(uow, row_id, worker)
    if row is None:
        return False
    if parts_sent is not None:
        row.parts_sent = max(row.parts_sent, parts_sent)
    row.claimed_by = None
    row.claimed_until = None
    row.last_error = error[:500]
    if row.attempts >= max_attempts:
        row.status = OutboxStatus.failed
    else:
        row.status = OutboxStatus.pending
        row.not_before = uow.clock.now() + after
    await uow.commit()
    return True


async def mark_failed(uow: UnitOfWork, row_id: int, worker: str, *, error: str) -> bool:
    """A permanent error (a malformed message, say): recorded, never retried."""
    row = await _claimed(uow, row_id, worker)
    if row is None:
        return False
    row.status = OutboxStatus.failed
    row.claimed_until = None
    row.last_error = error[:500]
    await uow.commit()
    return True


async def mark_unreachable(uow: UnitOfWork, row_id: int, worker: str, *, reason: str) -> bool:
    """The person blocked the bot or unsubscribed: this row and their queued ones stop here."""
    row = await _claimed(uow, row_id, worker)
    if row is None:
        return False
    person = await uow.session.get(Person, row.person_id)
    if person is not None:
        await set_unreachable(uow, person, reason)
    row.status = OutboxStatus.unreachable
    row.claimed_until = None
    row.last_error = reason[:500]
    await uow.commit()
    return True


async def set_unreachable(uow: UnitOfWork, person: Person, reason: str) -> None:
    """Mark the person unreachable and settle what is queued for them; the caller commits."""
    person.unreachable_at = uow.clock.now()
    person.unreachable_reason = reason[:200]
    await uow.session.exec(  # type: ignore[call-overload]
        update(OutboxMessage)
        .where(col(OutboxMessage.person_id) == person.id, col(OutboxMessage.status) == OutboxStatus.pending)
        .values(status=OutboxStatus.unreachable, last_error=reason[:500])
    )


async def _claimed(uow: UnitOfWork, row_id: int, worker: str) -> OutboxMessage | None:
    row = await uow.session.get(OutboxMessage, row_id)
    if row is None or row.claimed_by != worker or row.status != OutboxStatus.sending:
        return None
    return row


async def delivered_payload(uow: UnitOfWork, person_id: int, row_id: int | None = None) -> dict | None:
    """The payload of push `row_id` delivered to this person, or of the latest one delivered; None if there is none.

    A push they missed while away counts as delivered once they were told of it on coming back.
    """
    query = select(OutboxMessage).where(
        col(OutboxMessage.person_id) == person_id,
        col(OutboxMessage.status).in_((OutboxStatus.sent, OutboxStatus.missed)),
        # an answer to their own message delivered late, or the list of what they missed: not a notice
        col(OutboxMessage.kind).not_in(("reply", "returning")),
    )
    if row_id is not None:
        query = query.where(col(OutboxMessage.id) == row_id)
    row = (await uow.session.exec(query.order_by(col(OutboxMessage.id).desc()).limit(1))).first()
    return row.payload if row is not None else None
