"""A resident chasing their open case (催一下): its handlers are reminded, at most once per `CHASE_EVERY`.

催一下 showed the resident their cases and told nobody: the grid manager
never learnt they were waiting. Now it pushes a reminder (【居民催办】) to
whoever handles the case now (its grid's manager, the street once it was
escalated, the community's staff when no grid has it), through the outbox
like every other push. Said again within `CHASE_EVERY` (an anxious resident
types it three times in a row) nothing more is pushed: the resident is told
when the last reminder went. A case waiting for the resident's own answer
(请居民补充) pushes nothing: the answer is what moves it.

A neighbour who follows the case (关注) waits for it as much as its
reporter: their 催一下 reminds the same handlers, within the same window
(the case is reminded once in `CHASE_EVERY`, by whoever chases), headed so
the handlers know a follower asked. It read 答不上来 and told nobody. A
case waiting for the reporter's answer is said to be so, nothing pushed.
The window is the present handlers': a case transferred to another grid
(or escalated) may be chased to its new handlers at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlmodel import col, func, select

from bot.db.uow import UnitOfWork
from bot.models import Case, CaseEvent, Person
from bot.services.cases.access import follows, load, street_has_staff
from bot.services.cases.events import record_event, tell_handlers
from bot.services.cases.privacy import public_text
from bot.services.cases.states import OPEN_STATES
from bot.services.deadlines import Rules
from bot.services.errors import Conflict, PermissionDenied

CHASE_EVERY = timedelta(hours=12)  # one reminder per case in this long, however often 催一下 is said

Outcome = Literal["reminded", "recently", "needs_you", "needs_reporter"]
Who = Literal["grid", "street", "community"]


@dataclass(frozen=True)
class Chased:
    case: Case
    outcome: Outcome  # reminded now; reminded already at `last_at`; waiting for the (reporter's) answer
    who: Who  # whose turn the case is: its grid, the street, or the community's staff
    last_at: datetime | None = None  # the earlier reminder (outcome "recently")
    follower: bool = False  # chased by a neighbour who follows it, not its reporter
    description: str = ""  # what it is about, as this person may read it (a follower's without the reporter's door)


async def whose_turn(uow: UnitOfWork, case: Case) -> Who:
    """Who handles the case now, as the resident is told: the street once escalated, the community's staff with no grid.

    An escalated case of a street with nobody on the bot is the community's
    staff's (recipients.street_staff): they are the ones reminded.
    """
    if case.state == "escalated":
        return "street" if await street_has_staff(uow, case) else "community"
    return "grid" if case.grid_id else "community"


async def chase(uow: UnitOfWork, person: Person, case_id: int, rules: Rules) -> Chased:
    """Remind the handlers of an open case its reporter or a follower chases, unless reminded within `CHASE_EVERY`; commits.

    The case's row is locked first: two 催一下 at once push one reminder.
    """
    case = await load(uow, case_id, lock=True)
    follower = case.person_id != person.id
    if follower and not await follows(uow, person, case_id):
        raise PermissionDenied()
    if case.state not in OPEN_STATES:
        raise Conflict("cases.chase_not_open", id=case.id)
    who = await whose_turn(uow, case)
    description = await public_text(uow, case, case.description) if follower else case.description
    said = {"follower": follower, "description": description}
    if case.state == "need_info":
        return Chased(case, "needs_reporter" if follower else "needs_you", who, **said)
    now = uow.clock.now()
    last = await _last_chase(uow, case)
    if last is not None and now - last < CHASE_EVERY:
        return Chased(case, "recently", who, last, **said)
    record_event(uow, case, "chase", case.state, person, "follower" if follower else "resident")
    await tell_handlers(uow, case, rules, "cases.push_chased_by_follower" if follower else "cases.push_chased")
    await uow.commit()
    return Chased(case, "reminded", who, **said)


# What hands the case to someone else: a reminder to the ones before does not count for the new ones.
_HANDED_ON = ("transfer", "escalate")


async def _last_chase(uow: UnitOfWork, case: Case) -> datetime | None:
    """When the case's present handlers were last reminded: a chase before it was moved on does not count.

    Transferred to another grid an hour after a reminder, the new grid
    could not be reminded for 12 hours: the window was the case's, not theirs.
    """
    handed_on = select(func.max(CaseEvent.id)).where(CaseEvent.case_id == case.id, col(CaseEvent.action).in_(_HANDED_ON))
    query = (
        select(CaseEvent.created_at)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "chase", col(CaseEvent.id) > func.coalesce(handed_on.scalar_subquery(), 0))
        .order_by(col(CaseEvent.id).desc())
        .limit(1)
    )
    return (await uow.session.exec(query)).first()
