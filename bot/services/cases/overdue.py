"""Overdue cases: reminded, then raised to the grid leader and the street."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Case, Person, Role
from bot.services import outbox, roles
from bot.services.cases.events import record_event
from bot.services.cases.presentation import buttons_for, card, when
from bot.services.cases.recipients import grid_handlers, street_staff
from bot.services.cases.states import CLOCK_STATES
from bot.services.deadlines import Rules, add_working_hours
from bot.texts import Texts


LEVELS = ((1, "remind", "cases.push_remind"), (2, "to_leader", "cases.push_to_leader"), (3, "to_street", "cases.push_to_street"))


async def due(uow: UnitOfWork, now: datetime, rules: Rules) -> int:
    """Remind (催办), then tell the grid leader, then the street (督办) about overdue cases.

    Idempotent: each level is claimed with a conditional UPDATE of
    `overdue_level` in the same transaction as its pushes, so a second run,
    or a second process, sends nothing twice. Returns the number of levels reached.
    """
    query = (
        select(Case)
        .where(col(Case.state).in_(CLOCK_STATES), Case.due_at <= now, Case.overdue_level < 3)
        .order_by(col(Case.id))
    )
    reached = 0
    for case in list((await uow.session.exec(query)).all()):
        thresholds = (rules.remind_after_hours, rules.leader_after_hours, rules.street_after_hours)
        reached_from = target = case.overdue_level  # read before the UPDATE below, which also sets it in the session
        for level, hours in enumerate(thresholds, start=1):
            if now >= add_working_hours(case.due_at, hours, rules.calendar):
                target = level
        if target <= case.overdue_level:
            continue
        claimed = await uow.session.exec(  # type: ignore[call-overload]
            update(Case)
            .where(col(Case.id) == case.id, col(Case.overdue_level) == reached_from)
            .values(overdue_level=target)
        )
        if claimed.rowcount != 1:
            continue
        case.overdue_level = target
        told: set[int] = set()
        # Every level passed, not only the last: after a pause of the scheduler (a weekend's
        # restart) a case may pass two at once, and the grid manager who must do it, or the leader,
        # was never told while the street was.
        passed = LEVELS[reached_from:target]
        for _level, action, _key in passed:
            record_event(uow, case, action, case.state, None, "system")
        for level, _action, key in reversed(passed):  # someone at two levels (staff standing in) reads the higher
            for person in await _recipients(uow, case, level):
                if person.id in told:
                    continue
                told.add(person.id)  # type: ignore[arg-type]
                texts = Texts(person.language)
                head = texts.get(key, id=case.id, due=when(case.due_at, texts, rules.calendar.timezone))
                body = await card(uow, case, texts, rules.calendar.timezone, reader="handler")
                buttons = await buttons_for(uow, person, case, texts)
                outbox.push(uow, person, Reply(f"{head}\n{body}", buttons), kind="case", urgent=True)
        reached += 1
        await uow.commit()
    return reached


async def _recipients(uow: UnitOfWork, case: Case, level: int) -> list[Person]:
    """Who hears of a case reaching `level`: its grid's handlers, then the grid leader (else the community's staff), then the street."""
    if level == 1:
        return await grid_handlers(uow, case)
    if level == 2:
        leaders = await roles.holders(uow, Role.grid_leader, grid_id=case.grid_id) if case.grid_id else []
        return leaders or await roles.community_staff(uow, case.community_id)
    return await street_staff(uow, case)
