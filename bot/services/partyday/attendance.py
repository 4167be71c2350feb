"""Who answered what: the attendance list staff read."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import PartyDay, PartyDayReply, Person, Role, RoleAssignment
from bot.services import people
from bot.services.schedule import add_months, month_key
from bot.services.partyday.members import upcoming_month
from bot.services.partyday.rules import Rules, party_day_of
from bot.services.partyday.staff import require_staff


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    status: str | None  # "join", "leave" or None (no answer yet)
    reason: str | None


@dataclass(frozen=True)
class Attendance:
    community_id: str
    month: str
    party_day: PartyDay | None
    attendees: list[Attendee]

    def of(self, status: str | None) -> list[Attendee]:
        return [a for a in self.attendees if a.status == status]


async def attendance(
    uow: UnitOfWork, staff: Person | None, rules: Rules, community_id: str, month: str | None = None
) -> Attendance:
    """Who signed up, who asked leave (and why), who has not answered: for staff only."""
    await require_staff(uow, staff, community_id)
    if month is None:
        now = uow.clock.now()
        month = month_key(rules.local_date(now))
        if not upcoming_month(rules, now, await party_day_of(uow, community_id, month), month):
            month = add_months(month, 1)
    party_day = await party_day_of(uow, community_id, month)
    answers: dict[int, PartyDayReply] = {}
    if party_day is not None:
        query = select(PartyDayReply).where(PartyDayReply.party_day_id == party_day.id)
        answers = {a.person_id: a for a in (await uow.session.exec(query)).all()}
    members_query = (
        select(Person)
        .join(RoleAssignment, col(RoleAssignment.person_id) == col(Person.id))
        .where(
            RoleAssignment.role == Role.party_member.value,
            RoleAssignment.community_id == community_id,
            col(RoleAssignment.revoked_at).is_(None),
        )
        .order_by(col(Person.id))
    )
    members = list({m.id: m for m in (await uow.session.exec(members_query)).all()}.values())
    attendees = []
    for member in members:
        reply = answers.get(member.id)  # type: ignore[arg-type]
        name = people.colleague_label(member)
        attendees.append(
            Attendee(member.id, name, reply.status if reply else None, reply.reason if reply else None)  # type: ignore[arg-type]
        )
    return Attendance(community_id, month, party_day, attendees)
