"""Overdue cases: reminded, then raised to the grid leader and the street."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Case, Role
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
        target = case.overdue_level
        for level, hours in enumerate(thresholds, start=1):
            if now >= add_working_hours(case.due_at, hours, rules.calendar):
                target = level
        if target <= case.overdue_level:
            continue
        claimed = await uow.session.exec(  # type: ignore[call-overload]
            update(Case)
            .where(col(Case.id) == case.id, col(Case.overdue_level) == case.overdue_level)
            .values(overdue_level=target)
        )
        if claimed.rowcount != 1:
            continue
        level, action, key = LEVELS[target - 1]
        case.overdue_level = target
        record_event(uow, case, action, case.state, None, "system")
        if target == 1:
            recipients = await grid_handlers(uow, case)
        elif target == 2:
            recipients = (await roles.holders(uow, Role.grid_leader, grid_id=case.grid_id) if case.grid_id else [])
            recipients = recipients or await roles.community_staff(uow, case.community_id)
        else:
            recipients = await street_staff(uow, case)
        for person in recipients:
            texts = Texts(person.language)
            head = texts.get(key, id=case.id, due=when(case.due_at, texts, rules.calendar.timezone))
            body = await card(uow, case, texts, rules.calendar.timezone, reader="handler")
            buttons = await buttons_for(uow, person, case, texts)
            outbox.push(uow, person, Reply(f"{head}\n{body}", buttons), kind="case", urgent=True)
        reached += 1
        await uow.commit()
    return reached
