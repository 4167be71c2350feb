"""A resident's 转人工 passed to their grid as a case (转给网格员): where it goes, and filing it once."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Case, Grid, Handover, HandoverMessage, Person
from bot.services import outbox
from bot.services.cases.lifecycle import file_case
from bot.services.cases.routing import Place, route
from bot.services.deadlines import Rules
from bot.services.errors import InvalidInput
from bot.services.support import PASSED, handover_for_staff, latest_words
from bot.texts import Texts


def case_place(resident: Person, said: str | None) -> Place:
    """Where a case filed from a 转人工 is: the place the resident said in it, else their registered home.

    文峰北苑3号楼门口的路灯坏了 is about 北苑's street light whoever asks:
    as the complaint form does, a place said in the words wins over the home.
    """
    if said:
        return Place(text=said[:200])
    home = " ".join(p for p in (resident.building, resident.unit, resident.room) if p)
    return Place(text=home or None, building=resident.building)


async def pass_target(uow: UnitOfWork, staff: Person, handover_id: int, *, place: str | None) -> Grid | None:
    """The grid a case filed from the handover would go to (None: the staff route it), for `staff` to confirm."""
    handover = await handover_for_staff(uow, staff, handover_id)
    resident = await uow.session.get(Person, handover.person_id)
    assert resident is not None
    grid, _community = await route(uow, case_place(resident, place), resident)
    return grid


async def pass_to_grid(
    uow: UnitOfWork, staff: Person, handover_id: int, *, category: str, rules: Rules, place: str | None = None
) -> Case:
    """Turn a resident's 转人工 into a case for their grid (下水道堵了 is the grid manager's, not the desk's).

    The case is the resident's own, placed where they said the problem is
    (`place`, read from their words) or else at their registered home, so it
    is routed, pushed, followed and rated as if they had filed it (unrouted
    when the bot knows neither: staff assign it as any other). The resident
    is told, the exchange keeps the line, and the question leaves 待回复.
    Once only: a second press, or a colleague's at the same moment, files nothing.
    """
    handover = await handover_for_staff(uow, staff, handover_id)
    resident = await uow.session.get(Person, handover.person_id)
    assert resident is not None
    now = uow.clock.now()
    claimed = await uow.session.exec(  # type: ignore[call-overload]
        update(Handover)
        .where(col(Handover.id) == handover_id, col(Handover.status) != PASSED)
        .values(status=PASSED, updated_at=now)
    )
    if claimed.rowcount != 1:
        raise InvalidInput("handover.passed_already", id=handover_id)
    added = (await latest_words(uow, [handover_id])).get(handover_id)
    description = handover.question if not added or added == handover.question else f"{handover.question}\n{added}"
    texts = Texts(resident.language)
    uow.session.add(
        HandoverMessage(
            handover_id=handover_id,
            author_id=staff.id,  # type: ignore[arg-type]
            from_staff=True,
            text=Texts(staff.language).get("handover.passed_line")[:2000],
            created_at=now,
        )
    )
    outbox.push(uow, resident, Reply(texts.get("handover.passed_to_resident", question=handover.question[:60])), kind="handover")
    return await file_case(
        uow, resident, category=category, description=description, place=case_place(resident, place), rules=rules
    )
