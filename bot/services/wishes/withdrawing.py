"""The resident takes their wish back (我的心愿不要了): nobody reviews, claims or comes for it any more."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Person, Wish
from bot.services import outbox
from bot.services.errors import Conflict, PermissionDenied
from bot.services.wishes.records import load, record_event

WITHDRAWN = "withdrawn"
WITHDRAWABLE = ("pending", "approved", "claimed")  # once done, it is confirmed or said 还没有, not withdrawn


async def withdrawable(uow: UnitOfWork, resident: Person) -> list[Wish]:
    """The resident's wishes still under way, oldest first: those 心愿不要了 may mean."""
    query = (
        select(Wish)
        .where(Wish.person_id == resident.id, col(Wish.state).in_(WITHDRAWABLE))
        .order_by(col(Wish.id))
    )
    return list((await uow.session.exec(query)).all())


async def withdraw(uow: UnitOfWork, resident: Person, wish_id: int) -> tuple[Wish, bool]:
    """Withdraw the resident's own wish; (the wish, whether a claimer was told not to come).

    Conditional on the state read, so a claim made meanwhile is not lost:
    the withdrawal then fails and is asked again, the claimer in view.
    """
    wish = await load(uow, wish_id)
    if wish.person_id != resident.id:
        raise PermissionDenied()
    wish, told = await _withdraw(uow, wish, resident)
    await uow.commit()
    return wish, told


async def withdraw_all(uow: UnitOfWork, resident: Person) -> int:
    """Withdraw every wish of the resident still under way, without committing: /forget erases the
    details a claimer would need to come, so the claimer is told not to. Returns how many."""
    done = 0
    for wish in await withdrawable(uow, resident):
        try:
            await _withdraw(uow, wish, resident)
        except Conflict:  # claimed or done meanwhile: it goes on as it is
            continue
        done += 1
    return done


async def _withdraw(uow: UnitOfWork, wish: Wish, resident: Person) -> tuple[Wish, bool]:
    before, claimer = wish.state, wish.claimed_by
    if before not in WITHDRAWABLE:
        raise Conflict("wishes.not_withdrawable", id=wish.id)
    same_claimer = col(Wish.claimed_by).is_(None) if claimer is None else col(Wish.claimed_by) == claimer
    now = uow.clock.now()
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish.id, col(Wish.state) == before, same_claimer)
        .values(state=WITHDRAWN, claim_expires_at=None, updated_at=now)
    )
    if done.rowcount != 1:
        raise Conflict("wishes.changed_meanwhile", id=wish.id)
    wish = await load(uow, wish.id)  # type: ignore[arg-type]
    record_event(uow, wish, "withdraw", before, resident)
    if claimer is not None:  # on the way, or about to call: told not to come
        await outbox.push_to(
            uow, claimer, lambda texts: Reply(texts.get("wishes.push_withdrawn", id=wish.id, what=wish.what)), kind="wish"
        )
    return wish, claimer is not None
