"""Lists of cases: a resident's own, a handler's tasks, a case's history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Case, CaseEvent, CaseFollower, Community, Person, Role, RoleAssignment
from bot.services import roles
from bot.services.cases.access import may_escalate, may_handle
from bot.services.cases.states import OPEN_STATES, STAFF_ACTIONS, TRANSITIONS
from bot.services.errors import PermissionDenied


async def cases_of(uow: UnitOfWork, person: Person, *, limit: int = 10) -> list[Case]:
    followed = select(CaseFollower.case_id).where(CaseFollower.person_id == person.id)
    query = (
        select(Case)
        .where((col(Case.person_id) == person.id) | col(Case.id).in_(followed))
        .order_by(col(Case.id).desc())
        .limit(limit)
    )
    return list((await uow.session.exec(query)).all())


async def history(uow: UnitOfWork, case_id: int) -> list[CaseEvent]:
    query = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(col(CaseEvent.id))
    return list((await uow.session.exec(query)).all())


# The roles that act on cases, and the part of their assignment that says which cases: a grid's,
# a community's, a street's. One table for `handles_cases` and `tasks`, so the two never disagree.
_SCOPE_OF_ROLE = {
    Role.grid_manager.value: "grid_id",
    Role.grid_leader.value: "grid_id",
    Role.staff.value: "community_id",
    Role.admin.value: "community_id",
    Role.street_staff.value: "street_id",
}


def _scopes(held: list[RoleAssignment]) -> dict[str, set[str]]:
    """The grids, communities and streets whose cases the person handles, by the field naming them."""
    scopes: dict[str, set[str]] = {"grid_id": set(), "community_id": set(), "street_id": set()}
    for assignment in held:
        field = _SCOPE_OF_ROLE.get(assignment.role)
        value = getattr(assignment, field) if field else None
        if value:
            scopes[field].add(value)  # type: ignore[index]
    return scopes


async def handles_cases(uow: UnitOfWork, person: Person) -> bool:
    """Whether the person holds a role that acts on cases somewhere (`tasks` lists theirs)."""
    return any(_scopes(await roles.roles_of(uow, person)).values())


async def tasks(uow: UnitOfWork, person: Person, *, limit: int = 20) -> list[Case]:
    """The open cases this person may act on, overdue first, then by deadline.

    Built from the cases themselves, not from pushes: a push that failed
    leaves its case here all the same.
    """
    scopes = _scopes(await roles.roles_of(uow, person))
    grids, communities, streets = scopes["grid_id"], scopes["community_id"], scopes["street_id"]
    if not (grids or communities or streets):
        raise PermissionDenied()
    street_communities: set[str] = set()
    if streets:
        street_communities = set(
            (await uow.session.exec(select(Community.id).where(col(Community.street_id).in_(streets)))).all()
        )
    query = select(Case).where(col(Case.state).in_(OPEN_STATES)).order_by(col(Case.due_at), col(Case.id))
    mine = []
    for case in (await uow.session.exec(query)).all():
        if case.community_id in street_communities and (case.state == "escalated" or case.overdue_level >= 3):
            mine.append(case)
        elif case.state == "escalated":
            # The street's, unless it has nobody on the bot and the community's staff stand in.
            if case.community_id in communities and await may_handle(uow, person, case):
                mine.append(case)
        elif case.grid_id in grids or case.community_id in communities:
            mine.append(case)
    now = uow.clock.now()
    mine.sort(key=lambda c: (c.due_at > now, c.due_at, c.id))
    return mine[:limit]


async def tasks_for_action(uow: UnitOfWork, person: Person, action: str) -> list[Case]:
    """The person's open cases on which `action` (accept, resolve, transfer…) may be done now.

    For a handler's typed 收到 or 处理好了 away from the task's push: with one
    such case the words are meant for it, with several the person is asked
    which. Empty for someone who handles no cases. What the person then
    presses is checked again by `act`, as every press is.
    """
    if action not in STAFF_ACTIONS:
        return []
    try:
        listed = await tasks(uow, person, limit=1000)
    except PermissionDenied:
        return []
    allowed = TRANSITIONS[action][0]
    found = []
    for case in listed:
        if case.state not in allowed or not await may_handle(uow, person, case):
            continue
        if action == "escalate" and not await may_escalate(uow, person, case):
            continue
        found.append(case)
    return found


async def open_cases(uow: UnitOfWork, ids: Iterable[int]) -> list[Case]:
    return list((await uow.session.exec(select(Case).where(col(Case.id).in_(list(ids))))).all())


WAITING_FOR_ANSWER = timedelta(hours=24)  # a 请居民补充 this recent takes the resident's next words
JUST_FILED = timedelta(minutes=30)  # photos sent after filing (an album, 忘了发) belong to that case
JUST_ANSWERED = timedelta(minutes=10)  # 三楼, then 靠电梯那边: an answer sent in pieces goes on to the same case


# A case of the person's waiting for their answer: a handler's 请居民补充 (ask_info) not yet answered.
_ASKED = (
    "SELECT DISTINCT c.id FROM cases c JOIN case_events e ON e.case_id = c.id"
    " WHERE c.person_id = ? AND c.state = 'need_info' AND e.action = 'ask_info' AND e.created_at >= ? LIMIT 2"
)
# A case of the person's they have just answered (居民补充): the rest of their answer, typed as a second message.
_ANSWERED = (
    "SELECT DISTINCT c.id FROM cases c JOIN case_events e ON e.case_id = c.id"
    " WHERE c.person_id = ? AND e.actor_id = ? AND e.action = 'info' AND e.created_at >= ? AND c.state IN ({states}) LIMIT 2"
)


async def awaiting_rating(uow: UnitOfWork, person: Person, *, limit: int = 50) -> list[Case]:
    """The person's own cases resolved and waiting for their rating, newest first."""
    return await _own(uow, person, ("resolved",), limit=limit)


async def asking_reporter(uow: UnitOfWork, person: Person) -> list[Case]:
    """The person's own cases in 待补充信息 (a handler asked them for more), newest first."""
    return await _own(uow, person, ("need_info",), limit=20)


async def own_open(uow: UnitOfWork, person: Person) -> list[Case]:
    """The person's own cases still open (not those they follow), newest first."""
    return await _own(uow, person, OPEN_STATES, limit=50)


async def _own(uow: UnitOfWork, person: Person, states: Iterable[str], *, limit: int) -> list[Case]:
    query = (
        select(Case)
        .where(col(Case.person_id) == person.id, col(Case.state).in_(tuple(states)))
        .order_by(col(Case.id).desc())
        .limit(limit)
    )
    return list((await uow.session.exec(query)).all())


async def waiting_for(uow: UnitOfWork, person: Person, *, photo: bool = False) -> Case | None:
    """The person's own case their next words (or photo) answer, when there is exactly one.

    A handler's 请居民补充 comes as a push with a 补充信息 button, but people
    simply type the answer ("3楼和4楼之间"); and a Telegram album, or a photo
    sent a minute after filing, arrives when the form has ended. Such words
    and photos belong to that case, not to the log of unanswered questions.
    """
    now = uow.clock.now()
    # Asked on every message the bot cannot answer, and almost always empty:
    # one direct statement, the ORM only for the case found.
    sql = await uow.direct()
    found = await sql.all(_ASKED, person.id, sql.time(now - WAITING_FOR_ANSWER))
    if len(found) == 1:
        return await uow.session.get(Case, found[0][0])
    if found:
        return None  # two cases asking: which one is meant cannot be guessed
    states = ", ".join(f"'{state}'" for state in OPEN_STATES)  # constants, not input
    answered = await sql.all(_ANSWERED.format(states=states), person.id, person.id, sql.time(now - JUST_ANSWERED))
    if len(answered) == 1:  # 三楼 answered the question; 靠电梯那边 a minute later was 答不上来
        return await uow.session.get(Case, answered[0][0])
    if answered or not photo:
        return None
    recent = (
        select(Case)
        .where(col(Case.person_id) == person.id, col(Case.state).in_(OPEN_STATES), col(Case.created_at) >= now - JUST_FILED)
        .order_by(col(Case.id).desc())
        .limit(1)
    )
    return (await uow.session.exec(recent)).first()
