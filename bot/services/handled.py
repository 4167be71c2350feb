"""How long handled messages are kept: their record exists to answer a platform's retry, not to keep a history.

Each message leaves a row in `inbound_messages` with the bot's reply, so a
retry gets the same answer without being handled twice. Those replies
quote what the person was shown — a volunteer's contact details, a
resident's own profile — and the table grew by a row a message for ever.
Platforms retry within minutes (WeChat) or a day (Telegram), and a form put
aside keeps its own question, so past the retention period the rows go.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import takewhile

from sqlmodel import col, delete, select

from bot.db.uow import UnitOfWork
from bot.models import InboundMessage


async def forget_old(uow: UnitOfWork, retention: timedelta, now: datetime, *, batch: int = 1000) -> int:
    """Delete the rows received more than `retention` before `now`; the number deleted.

    Rows are walked from the oldest id, which is the order they were
    received in, so a tick with nothing to delete reads one row by the
    primary key (no index on the time is kept up on every message for this).
    Committed a batch at a time: a year's backlog does not hold one long
    transaction against the webhook's writes.
    """
    cutoff = now - retention
    forgotten = 0
    while True:
        oldest = select(col(InboundMessage.id), col(InboundMessage.received_at)).order_by(col(InboundMessage.id))
        rows = (await uow.session.exec(oldest.limit(1))).all()
        if not rows or rows[0][1] >= cutoff:
            return forgotten
        old = list(takewhile(lambda row: row[1] < cutoff, (await uow.session.exec(oldest.limit(batch))).all()))
        await uow.session.exec(delete(InboundMessage).where(col(InboundMessage.id) <= old[-1][0]))  # type: ignore[call-overload]
        await uow.commit()
        forgotten += len(old)
