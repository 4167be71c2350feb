"""Who is told about a case: its grid's handlers, the street, the resident and followers."""

from __future__ import annotations

from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Case, CaseEvent, CaseFollower, Person, Role
from bot.services import roles
from bot.services.cases.access import street_of


def _reachable(people: list[Person]) -> list[Person]:
    return [person for person in people if person.unreachable_at is None]


async def grid_handlers(uow: UnitOfWork, case: Case) -> list[Person]:
    """Who gets a grid task: its managers, else its leaders, else the community's staff (nobody is skipped).

    Those who unfollowed or blocked the bot count as absent: a case whose
    only manager had unfollowed reached nobody, while the resident was told
    it was with the grid. With nobody reachable at all, the staff are kept,
    so the push is on record.
    """
    if case.grid_id:
        for role in (Role.grid_manager, Role.grid_leader):
            found = _reachable(await roles.holders(uow, role, grid_id=case.grid_id))
            if found:
                return found
    staff = await roles.community_staff(uow, case.community_id)
    return _reachable(staff) or staff


async def street_staff(uow: UnitOfWork, case: Case) -> list[Person]:
    street_id = await street_of(uow, case)
    found = _reachable(await roles.holders(uow, Role.street_staff, street_id=street_id)) if street_id else []
    if found:
        return found
    staff = await roles.community_staff(uow, case.community_id)
    return _reachable(staff) or staff


async def watchers(uow: UnitOfWork, case: Case) -> list[Person]:
    """The reporting resident and everyone following the case."""
    people: list[Person] = []
    if case.person_id:
        reporter = await uow.session.get(Person, case.person_id)
        if reporter:
            people.append(reporter)
    query = (
        select(Person)
        .join(CaseFollower, col(CaseFollower.person_id) == col(Person.id))
        .where(CaseFollower.case_id == case.id)
        .order_by(col(Person.id))
    )
    people += [p for p in (await uow.session.exec(query)).all() if p not in people]
    return people


async def grid_of_escalation(uow: UnitOfWork, case: Case) -> list[Person]:
    """Who sent the case up to the street (the last 上报街道), and its grid's handlers: they answer to the resident for it."""
    query = (
        select(Person)
        .join(CaseEvent, col(CaseEvent.actor_id) == col(Person.id))
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "escalate")
        .order_by(col(CaseEvent.id).desc())
        .limit(1)
    )
    people = list((await uow.session.exec(query)).all())
    people += [p for p in await grid_handlers(uow, case) if p not in people]
    return _reachable(people)
