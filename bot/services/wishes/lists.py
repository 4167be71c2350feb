"""The lists: open wishes for volunteers, a volunteer's claims, a resident's wishes, reviews waiting."""

from __future__ import annotations

from sqlmodel import col, select

from bot.clock import local
from bot.db.uow import UnitOfWork
from bot.models import Person, Role, Wish
from bot.services import roles
from bot.services.deadlines import Rules
from bot.services.errors import PermissionDenied
from bot.services.wishes.records import OPEN_FOR_VOLUNTEERS, may_review

async def open_wishes(uow: UnitOfWork, volunteer: Person, rules: Rules, *, limit: int = 10) -> list[Wish]:
    """Approved wishes of the volunteer's communities that may still be claimed, oldest first.

    A wish whose by-when date has passed cannot be claimed (see claim): the
    wall does not offer it, nor the volunteer's own wishes (they cannot claim them).
    """
    held = [a for a in await roles.roles_of(uow, volunteer) if a.role == Role.volunteer.value]
    if not held:
        raise PermissionDenied()
    communities = {a.community_id for a in held}
    today = local(uow.clock.now(), rules.calendar.timezone).date()
    query = (
        select(Wish)
        .where(Wish.state == OPEN_FOR_VOLUNTEERS, col(Wish.community_id).in_(communities))
        .where(Wish.person_id != volunteer.id)
        .where(col(Wish.wanted_by).is_(None) | (col(Wish.wanted_by) >= today))
        .order_by(col(Wish.id))
        .limit(limit)
    )
    return list((await uow.session.exec(query)).all())


async def claimed_by(uow: UnitOfWork, volunteer: Person) -> list[Wish]:
    query = select(Wish).where(Wish.claimed_by == volunteer.id, Wish.state == "claimed").order_by(col(Wish.id))
    return list((await uow.session.exec(query)).all())


async def wishes_of(uow: UnitOfWork, person: Person, *, limit: int = 10) -> list[Wish]:
    query = select(Wish).where(Wish.person_id == person.id).order_by(col(Wish.id).desc()).limit(limit)
    return list((await uow.session.exec(query)).all())


async def pending_reviews(uow: UnitOfWork, person: Person) -> list[Wish]:
    query = select(Wish).where(Wish.state == "pending").order_by(col(Wish.id))
    return [w for w in (await uow.session.exec(query)).all() if await may_review(uow, person, w)]


async def awaiting_confirmation(uow: UnitOfWork, person: Person) -> list[Wish]:
    """The person's wishes a volunteer marked done, waiting for them to say so (确认已实现)."""
    query = select(Wish).where(Wish.person_id == person.id, Wish.state == "fulfilled").order_by(col(Wish.id))
    return list((await uow.session.exec(query)).all())
