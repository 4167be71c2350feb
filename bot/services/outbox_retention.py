"""How long sent pushes are kept: a push is a delivery, not a record; the records are the case, the wish, the notice.

Each outbox row keeps the push it carried: a grid manager's task quotes the
reporter's phone and door, a digest lists cases, a booking reminder the
resident's slot. Once a row is settled (sent, given up on, or the person
unreachable) nothing needs its words for long: "看通知" and the promise of a
WeChat template message (发任意消息查看全文) show the latest push again, the
choices it offered are copied into the dialog state at delivery, and a
platform retry is answered from the handled-message record. So past the
retention period a settled row is deleted, address and all.

What does outlive it is a notice's delivery report, which counts its rows by
how they ended: the counts of the rows deleted here move to the notice
(`Notice.expired_*`) in the same transaction.

Pending rows, and rows a drainer holds (sending), are never touched however
old: they still have to be delivered, and "never twice" rests on their status.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, update
from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Notice, OutboxMessage, OutboxStatus

SETTLED = (OutboxStatus.sent, OutboxStatus.failed, OutboxStatus.unreachable, OutboxStatus.missed)
_EXPIRED_COUNT = {
    OutboxStatus.sent: "expired_sent",
    OutboxStatus.failed: "expired_failed",
    OutboxStatus.unreachable: "expired_unreachable",
    OutboxStatus.missed: "expired_unreachable",  # not delivered when it was made; the person was told later
}


async def forget_old(uow: UnitOfWork, retention: timedelta, now: datetime, *, batch: int = 500) -> int:
    """Delete the settled rows due and sent more than `retention` before `now`; the number deleted.

    A row is old when it became due (`not_before`) and, if sent, was sent
    (`sent_at`) before the cutoff: a reminder written weeks ahead for the
    evening before a booking is kept for the whole period after it went
    out. The scan reads the index on (status, not_before), so a tick reads
    only settled rows due before the cutoff, not the table. Committed a batch at a
    time: a year's backlog does not hold SQLite's one writer (or long row
    locks on PostgreSQL) against the webhook's and the drainers' writes.
    """
    cutoff = now - retention
    forgotten = 0
    while True:
        old = (
            select(col(OutboxMessage.id))
            .where(
                col(OutboxMessage.status).in_(SETTLED),
                col(OutboxMessage.not_before) < cutoff,
                or_(col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.sent_at) < cutoff),
            )
            .limit(batch)
        )
        if uow.session.bind.dialect.name != "sqlite":  # type: ignore[union-attr]
            old = old.with_for_update(skip_locked=True)  # a second cleanup takes other rows, never waits
        ids = list((await uow.session.exec(old)).all())
        if not ids:
            return forgotten
        deleted = (
            await uow.session.exec(  # type: ignore[call-overload]
                delete(OutboxMessage)
                .where(col(OutboxMessage.id).in_(ids))
                .returning(col(OutboxMessage.notice_id), col(OutboxMessage.status))
            )
        ).all()
        await _count_on_notices(uow, Counter((notice_id, status) for notice_id, status in deleted if notice_id is not None))
        await uow.commit()
        forgotten += len(deleted)
        if len(ids) < batch:
            return forgotten


async def _count_on_notices(uow: UnitOfWork, deleted: Counter[tuple[int, str]]) -> None:
    """Add the deleted rows of each notice to its counts, so its delivery report stays the same."""
    for (notice_id, status), count in sorted(deleted.items()):  # one order: two cleanups cannot deadlock
        name = _EXPIRED_COUNT[OutboxStatus(status)]
        await uow.session.exec(  # type: ignore[call-overload]
            update(Notice).where(col(Notice.id) == notice_id).values({name: getattr(Notice, name) + count})
        )
