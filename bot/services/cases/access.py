"""Who may see and act on a case; every action re-checks it, whatever button was pressed."""

from __future__ import annotations

from sqlmodel import select

from bot.db.uow import UnitOfWork
from bot.models import Case, CaseFollower, Community, Person, Role
from bot.services import roles
from bot.services.errors import Conflict, NotFound, PermissionDenied


async def street_of(uow: UnitOfWork, case: Case) -> str | None:
    if not case.community_id:
        return None
    community = await uow.session.get(Community, case.community_id)
    return community.street_id if community else None


async def street_has_staff(uow: UnitOfWork, case: Case) -> bool:
    """Whether anyone holds `street_staff` in the case's street (many streets are not on the bot yet)."""
    street_id = await street_of(uow, case)
    return bool(street_id and await roles.holders(uow, Role.street_staff, street_id=street_id))


async def may_handle(uow: UnitOfWork, person: Person, case: Case) -> bool:
    """Grid roles of the case's grid, staff of its community, street staff of its street.

    An escalated case is the street's: its street staff act on it. Where the
    street has nobody on the bot, the escalation goes to the community's
    staff and admins instead (see `recipients.street_staff`), and whoever
    receives a case must be able to act on it, or it is stuck.
    """
    street_id = await street_of(uow, case)
    if street_id and await roles.has_role(uow, person, Role.street_staff, street_id=street_id):
        return True
    if case.state == "escalated":
        if await street_has_staff(uow, case):
            return False
    elif case.grid_id and await roles.has_role(uow, person, Role.grid_manager, Role.grid_leader, grid_id=case.grid_id):
        return True
    if case.community_id:
        return await roles.has_role(uow, person, Role.staff, community_id=case.community_id)
    return await roles.has_role(uow, person, Role.staff)


async def may_view(uow: UnitOfWork, person: Person, case: Case) -> bool:
    """Those who may act on it, and the grid's roles after it went up to the street.

    A manager who escalated a case still follows it: its card and history
    stay open to them, without the buttons (`buttons_for` asks may_handle).
    """
    if await may_handle(uow, person, case):
        return True
    return bool(
        case.grid_id and await roles.has_role(uow, person, Role.grid_manager, Role.grid_leader, grid_id=case.grid_id)
    )


async def may_escalate(uow: UnitOfWork, person: Person, case: Case) -> bool:
    """Whether someone above `person` would take the case if they escalated it.

    The street's staff when it has any; otherwise the community's staff and
    admins stand in for the street, which helps a grid's manager or leader
    but not the community's own staff (it would come straight back to them).
    """
    if await street_has_staff(uow, case):
        return True
    if await roles.has_role(uow, person, Role.staff, community_id=case.community_id):
        return False
    return bool(await roles.community_staff(uow, case.community_id))


async def check_escalation(uow: UnitOfWork, person: Person, case: Case) -> None:
    """Refuse, before the reason is asked for, an escalation nobody would receive."""
    if not await may_escalate(uow, person, case):
        raise Conflict("cases.nobody_above", id=case.id)


async def load(uow: UnitOfWork, case_id: int, *, lock: bool = False) -> Case:
    query = select(Case).where(Case.id == case_id).execution_options(populate_existing=True)
    if lock:
        query = query.with_for_update()
    case = (await uow.session.exec(query)).first()
    if case is None:
        raise NotFound("cases.no_such", id=case_id)
    return case


async def case_for_handler(uow: UnitOfWork, person: Person, case_id: int) -> Case:
    case = await load(uow, case_id)
    if not await may_handle(uow, person, case):
        raise PermissionDenied()
    return case


async def case_for_viewer(uow: UnitOfWork, person: Person, case_id: int) -> Case:
    case = await load(uow, case_id)
    if not await may_view(uow, person, case):
        raise PermissionDenied()
    return case


async def case_for_resident(uow: UnitOfWork, person: Person, case_id: int) -> Case:
    """The resident's own case (or one they follow); someone else's is refused."""
    case = await load(uow, case_id)
    if case.person_id == person.id or await follows(uow, person, case_id):
        return case
    raise PermissionDenied()


async def case_for_reporter(uow: UnitOfWork, person: Person, case_id: int) -> Case:
    """The resident's own case: what only its reporter does (补充信息, rating); a follower's or anyone else's is refused."""
    case = await load(uow, case_id)
    if case.person_id != person.id:
        raise PermissionDenied()
    return case


async def follows(uow: UnitOfWork, person: Person, case_id: int) -> bool:
    query = select(CaseFollower.id).where(CaseFollower.case_id == case_id, CaseFollower.person_id == person.id)
    return (await uow.session.exec(query)).first() is not None
