"""Pushes through the outbox: written with the change that caused them, delivered later.

`push` only adds a row to the caller's transaction; nothing is sent until
the change commits, and nothing committed is forgotten. Delivery claims
rows with a lease so a drainer that dies releases them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import col, select

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import OutboxMessage, OutboxStatus, Person

LEASE = timedelta(minutes=2)


def push(
    uow: UnitOfWork,
    person: Person,
    reply: Reply,
    *,
    kind: str,
    not_before: datetime | None = None,
) -> OutboxMessage:
    """Queue `reply` for `person` in the current transaction."""
    now = uow.clock.now()
    row = OutboxMessage(
        person_id=person.id,  # type: ignore[arg-type]
        channel=person.channel,
        address=person.channel_user_id,
        kind=kind,
        payload=reply.to_dict(),
        not_before=not_before or now,
        created_at=now,
    )
    if person.unreachable_at is not None:
        row.status = OutboxStatus.unreachable
        row.last_error = person.unreachable_reason
    uow.session.add(row)
    return row


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


async def mark_sent(uow: UnitOfWork, row_id: int, worker: str) -> bool:
    """Record a delivery; false if the claim was lost to another drainer meanwhile."""
    result = await uow.session.exec(  # type: ignore[call-overload]
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == row_id,
            col(OutboxMessage.claimed_by) == worker,
            col(OutboxMessage.status) == OutboxStatus.sending,
        )
        .values(status=OutboxStatus.sent, sent_at=uow.clock.now(), claimed_until=None)
    )
    await uow.commit()
    return bool(result.rowcount)
