"""What Party members see of the month's Party day and how they answer (报名, 请假)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select

from bot.db.upsert import insert
from bot.db.uow import UnitOfWork
from bot.models import PartyDay, PartyDayReply, Person, Role
from bot.services import notices, org, roles
from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.services.schedule import add_months, month_key, month_start
from bot.services.partyday.rules import LEAVE, MOVED, Rules, notice_key, party_day_of, times


# --- what members see and answer -----------------------------------------------------


@dataclass(frozen=True)
class Current:
    community_id: str
    month: str
    party_day: PartyDay | None
    default_day: date
    answer: PartyDayReply | None = None


async def party_community(uow: UnitOfWork, person: Person) -> str | None:
    """The community whose Party day concerns `person`: where they are a member, else where they live."""
    for held in await roles.roles_of(uow, person):
        if held.role == Role.party_member.value and held.community_id:
            return held.community_id
    return await org.community_id_of(uow, person)


def upcoming_month(rules: Rules, now: datetime, party_day: PartyDay | None, month: str) -> bool:
    """Whether `month`'s Party day is not over yet at `now`."""
    return now < times(rules, month, party_day).ends_at


async def current(uow: UnitOfWork, person: Person, rules: Rules, *, community_id: str | None = None) -> Current:
    """This month's Party day, or next month's once this month's is over."""
    community_id = community_id or await party_community(uow, person)
    if community_id is None:
        raise NotFound("partyday.no_community")
    now = uow.clock.now()
    month = month_key(rules.local_date(now))
    party_day = await party_day_of(uow, community_id, month)
    if not upcoming_month(rules, now, party_day, month) or (party_day is None and await moved_on(uow, community_id, month)):
        month = add_months(month, 1)
        party_day = await party_day_of(uow, community_id, month)
    answer = None
    if party_day is not None:
        answer = await _reply_of(uow, party_day.id, person.id)  # type: ignore[arg-type]
    return Current(community_id, month, party_day, rules.default_day(month), answer)


async def moved_on(uow: UnitOfWork, community_id: str, month: str) -> bool:
    """Whether the month's Party day was moved to a later month (see staff.set_party_day)."""
    return await notices.already(uow, notice_key(community_id, month, MOVED)) is not None


async def _reply_of(uow: UnitOfWork, party_day_id: int, person_id: int) -> PartyDayReply | None:
    query = select(PartyDayReply).where(
        PartyDayReply.party_day_id == party_day_id, PartyDayReply.person_id == person_id
    )
    return (await uow.session.exec(query)).first()


async def answerable(uow: UnitOfWork, person: Person, rules: Rules, *, party_day_id: int | None = None) -> PartyDay:
    """The Party day `person` may answer now; refused (not set, not a member, begun) as `answer` would be.

    请假 asks the reason before anything is stored: someone who may not
    answer was asked it, and told only after typing it that leave is for
    members (the words they typed lost).
    """
    if party_day_id is None:
        now_current = await current(uow, person, rules)
        party_day = now_current.party_day
        if party_day is None:
            raise InvalidInput("partyday.not_set_yet", month=month_start(now_current.month).month)
    else:
        party_day = await uow.session.get(PartyDay, party_day_id)
        if party_day is None:
            raise NotFound("partyday.no_such")
    if not await roles.has_role(uow, person, Role.party_member, community_id=party_day.community_id):
        raise PermissionDenied("partyday.members_only")
    if uow.clock.now() >= party_day.starts_at:
        raise InvalidInput("partyday.already_over", month=month_start(party_day.month).month)
    return party_day


async def answer(
    uow: UnitOfWork, person: Person, rules: Rules, status: str, *, party_day_id: int | None = None, reason: str | None = None
) -> PartyDay:
    """A member signs up (报名) or asks leave (请假, with a reason). The last answer counts."""
    party_day = await answerable(uow, person, rules, party_day_id=party_day_id)
    if status == LEAVE:
        reason = (reason or "").strip()
        if not reason:
            raise InvalidInput("partyday.leave_needs_reason")
        reason = reason[:200]
    else:
        reason = None
    table = PartyDayReply.__table__  # type: ignore[attr-defined]
    now = uow.clock.now()
    statement = insert(uow.session, table).values(
        party_day_id=party_day.id, person_id=person.id, status=status, reason=reason, answered_at=now
    )
    statement = statement.on_conflict_do_update(
        index_elements=["party_day_id", "person_id"], set_={"status": status, "reason": reason, "answered_at": now}
    )
    await uow.session.exec(statement)
    await uow.commit()
    return party_day


