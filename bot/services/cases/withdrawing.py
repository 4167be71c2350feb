"""The reporter withdraws a case that no longer needs doing (不用修了，已经好了).

Problems mend themselves, a neighbour fixes the light, the resident finds
the lost key: a grid manager who comes anyway wastes a visit, and the case
stays overdue. Only the reporter may withdraw, and only a case still open.
A case other residents follow is not theirs alone: it stays open, and the
handlers are told what the reporter said, to check and close it themselves.
A withdrawn case is closed without a resolution, so the figures do not
count it as resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.uow import UnitOfWork
from bot.models import Case, Person
from bot.services.cases.access import load
from bot.services.cases.events import record_event, tell_handlers
from bot.services.cases.following import follower_ids
from bot.services.cases.states import OPEN_STATES
from bot.services.deadlines import Rules
from bot.services.errors import Conflict, PermissionDenied

MAX_REASON = 500


@dataclass(frozen=True)
class Withdrawn:
    case: Case
    closed: bool  # False: others follow it; the handlers were told, the case stays open
    followers: int


async def withdraw(uow: UnitOfWork, person: Person, case_id: int, rules: Rules, *, reason: str | None) -> Withdrawn:
    """Close the reporter's open case as withdrawn, telling its handlers why; followed by others, only tell them."""
    reason = (reason or "").strip()[:MAX_REASON] or None
    case = await load(uow, case_id, lock=True)
    if case.person_id != person.id:
        raise PermissionDenied()
    if case.state not in OPEN_STATES:
        raise Conflict("cases.withdraw_not_open", id=case.id)
    followers = len(await follower_ids(uow, case.id))  # type: ignore[arg-type]
    said = ("cases.push_resident_reason", reason or "")
    now = uow.clock.now()
    before = case.state
    case.updated_at = now
    if followers:
        record_event(uow, case, "info", before, person, "resident", reason)
        await tell_handlers(uow, case, rules, "cases.push_reporter_says_done", said=said, n=followers)
        await uow.commit()
        return Withdrawn(case, closed=False, followers=followers)
    case.state = "closed"
    case.closed_at = now
    record_event(uow, case, "withdraw", before, person, "resident", reason)
    await tell_handlers(uow, case, rules, "cases.push_withdrawn", said=said)
    await uow.commit()
    return Withdrawn(case, closed=True, followers=0)
