"""The grid workflow's ticks: overdue cases (催办 → grid leader → street 督办), expired wish
claims, wishes confirmed automatically, and the overdue lines of the grid managers' digest.

Each tick only asks the services what is due at `now`; the services claim
each step with a conditional UPDATE in the same transaction as its pushes,
so a double fire or two processes never send anything twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from scheduler.jobs import register_tick

if TYPE_CHECKING:
    from bot.app import App
    from bot.db.uow import UnitOfWork
    from bot.models import RoleAssignment


@register_tick("cases_overdue")
async def cases_tick(app: App, now: datetime) -> int:
    from bot.services import cases
    from bot.services.deadlines import rules_for

    async with app.db.uow() as uow:
        return await cases.due(uow, now, rules_for(app.settings))


@register_tick("wishes_due")
async def wishes_tick(app: App, now: datetime) -> int:
    from bot.services import wishes
    from bot.services.deadlines import rules_for

    async with app.db.uow() as uow:
        return await wishes.due(uow, now, rules_for(app.settings))


async def overdue_digest(uow: UnitOfWork, assignment: RoleAssignment, now: datetime) -> list[str]:
    """Lines for a grid manager's morning digest: the open cases of the grid, overdue ones marked."""
    from sqlmodel import col, select

    from bot.models import Case
    from bot.services.cases import CLOCK_STATES

    if not assignment.grid_id:
        return []
    query = (
        select(Case)
        .where(Case.grid_id == assignment.grid_id, col(Case.state).in_(CLOCK_STATES))
        .order_by(col(Case.due_at))
        .limit(10)
    )
    return [
        f"{'⏰' if case.due_at <= now else ''}#{case.id} {case.description[:30]}"
        for case in (await uow.session.exec(query)).all()
    ]


def _register_digest() -> None:
    from bot.services.due import register_digest_source

    register_digest_source("cases", overdue_digest)
    from bot.services.booking.digest import visits_today

    register_digest_source("visits", visits_today)


_register_digest()
