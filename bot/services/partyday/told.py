"""Which Party days a member may mean when they answer away from the notice (我那天要上班, 这次党日我请假).

Typed after other turns, or once the notice's buttons lapsed, such words
name no Party day: they mean the upcoming one they were told of. A member
of two communities may have two, and is asked which.
"""

from __future__ import annotations

from sqlalchemy import and_, or_
from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Community, Notice, OutboxMessage, PartyDay, Person, Role
from bot.services import roles
from bot.services.partyday.members import _reply_of, current, party_community
from bot.services.partyday.rules import NOTICE, PRE_NOTICE, Rules, notice_key


async def member_communities(uow: UnitOfWork, person: Person) -> list[str]:
    """The communities where `person` is a Party member, each once, in the order they bound it."""
    held = [r.community_id for r in await roles.roles_of(uow, person) if r.role == Role.party_member.value and r.community_id]
    return list(dict.fromkeys(held))


async def upcoming(uow: UnitOfWork, person: Person, rules: Rules) -> list[PartyDay]:
    """The Party days set and not yet begun in the communities where `person` is a member."""
    now = uow.clock.now()
    found = []
    for community_id in await member_communities(uow, person):
        party_day = (await current(uow, person, rules, community_id=community_id)).party_day
        if party_day is not None and now < party_day.starts_at:
            found.append(party_day)
    return found


async def open_notices(uow: UnitOfWork, person: Person, rules: Rules) -> list[PartyDay]:
    """The upcoming Party days `person` was sent a notice of (pre-notice, notice or change) or already answered.

    Only these give 我那天要上班 a day to mean; a Party day set but not yet
    announced is no notice they could be answering.
    """
    return [party_day for party_day in await upcoming(uow, person, rules) if await _told(uow, person, party_day)]


async def _told(uow: UnitOfWork, person: Person, party_day: PartyDay) -> bool:
    if await _reply_of(uow, party_day.id, person.id) is not None:  # type: ignore[arg-type]
        return True
    community_id, month = party_day.community_id, party_day.month
    keys = [notice_key(community_id, month, PRE_NOTICE), notice_key(community_id, month, NOTICE)]
    about_it = or_(
        col(Notice.key).in_(keys),
        col(Notice.key).like(notice_key(community_id, month, NOTICE) + "@%"),  # the notice again after a move
        and_(col(Notice.kind) == "partyday_update", col(Notice.created_at) >= party_day.updated_at),  # its last change
    )
    query = (
        select(OutboxMessage.id)
        .join(Notice, col(Notice.id) == col(OutboxMessage.notice_id))
        .where(OutboxMessage.person_id == person.id, Notice.community_id == community_id, about_it)
        .limit(1)
    )
    return (await uow.session.exec(query)).first() is not None


async def concerns(uow: UnitOfWork, person: Person, rules: Rules) -> bool:
    """Whether 请假 / 报名 from `person` is about the Party day: a member's always; anyone else's only while one is set.

    A resident's 请假 with no Party day in sight is some other matter, read as any words.
    """
    if await member_communities(uow, person):
        return True
    community_id = await party_community(uow, person)
    if community_id is None:
        return False
    party_day = (await current(uow, person, rules, community_id=community_id)).party_day
    return party_day is not None and uow.clock.now() < party_day.starts_at


async def community_names(uow: UnitOfWork, ids: list[str]) -> dict[str, str]:
    """Community names for the question which Party day is meant."""
    rows = (await uow.session.exec(select(Community).where(col(Community.id).in_(ids)))).all()
    return {c.id: c.name for c in rows}
