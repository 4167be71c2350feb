"""A volunteer's confirmed hours of service from the wishes they fulfilled (我的志愿时长).

Volunteers asking for their hours got the guide to registering as a
volunteer. Hours count once the resident confirms (or the wish is
confirmed automatically), as in the monthly figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from bot.clock import local
from bot.db.uow import UnitOfWork
from bot.models import Person, Role, Wish
from bot.services import roles
from bot.services.errors import PermissionDenied
from bot.services.stats import month_bounds


@dataclass(frozen=True)
class Served:
    total: float
    this_month: float
    wishes: int


async def hours_served(uow: UnitOfWork, volunteer: Person, timezone: str) -> Served:
    """Hours of the confirmed wishes `volunteer` fulfilled: all of them, and those confirmed this month (local time).

    Refused to someone who is no volunteer and served none: their words are
    a question about volunteering, not about hours of their own.
    """
    query = select(Wish).where(Wish.claimed_by == volunteer.id, Wish.state == "confirmed", col(Wish.hours).is_not(None))
    done = list((await uow.session.exec(query)).all())
    if not done and not await roles.has_role(uow, volunteer, Role.volunteer):
        raise PermissionDenied()
    now = uow.clock.now()
    start, end = month_bounds(local(now, timezone).strftime("%Y-%m"), timezone)
    month = sum(w.hours or 0 for w in done if w.confirmed_at is not None and start <= w.confirmed_at < end)
    return Served(sum(w.hours or 0 for w in done), month, len(done))
