"""A wish nobody claimed by its date: it lapses, and its maker and its reviewers are told once.

Without this an approved wish past its date stayed 等待志愿者认领 for ever:
the wall stopped offering it, and nobody told the resident (often elderly,
waiting for someone to come) that it would not come true, nor the staff who
could still help another way.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select

from bot.clock import local
from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Wish
from bot.services import outbox
from bot.services.wishes.records import OPEN_FOR_VOLUNTEERS, load, record_event, reviewers

LAPSED = "lapsed"


async def lapse_unclaimed(uow: UnitOfWork, now: datetime, timezone: str) -> int:
    """Lapse the approved wishes whose date is past; each by a conditional UPDATE, so told once."""
    today = local(now, timezone).date()
    query = (
        select(Wish.id)
        .where(Wish.state == OPEN_FOR_VOLUNTEERS, col(Wish.wanted_by) < today)
        .order_by(col(Wish.id))
    )
    done = 0
    for wish_id in list((await uow.session.exec(query)).all()):
        changed = await uow.session.exec(  # type: ignore[call-overload]
            update(Wish)
            .where(col(Wish.id) == wish_id, col(Wish.state) == OPEN_FOR_VOLUNTEERS)
            .values(state=LAPSED, updated_at=now)
        )
        if changed.rowcount != 1:  # claimed or withdrawn meanwhile, or lapsed by another process
            continue
        wish = await load(uow, wish_id)
        record_event(uow, wish, "lapse", OPEN_FOR_VOLUNTEERS, None)
        await _tell(uow, wish)
        await uow.commit()
        done += 1
    return done


async def _tell(uow: UnitOfWork, wish: Wish) -> None:
    await outbox.push_to(
        uow, wish.person_id, lambda texts: Reply(texts.get("wishes.push_lapsed", id=wish.id, what=wish.what)), kind="wish"
    )
    for reviewer in await reviewers(uow, wish):
        await outbox.push_to(
            uow,
            reviewer.id,  # type: ignore[arg-type]
            lambda texts: Reply(texts.get("wishes.push_lapsed_staff", id=wish.id, what=wish.what)),
            kind="wish",
        )
