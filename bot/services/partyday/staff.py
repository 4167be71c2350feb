"""What staff do: set the arrangement, change it (members who answered are told), cancel it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.core import when
from bot.core.numerals import arabic
from bot.db.uow import UnitOfWork
from bot.models import Community, PartyDay, PartyDayReply, Person, Role
from bot.services import notices, roles
from bot.core.messages import Reply
from bot.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from bot.services.schedule import at_local, month_key, month_start
from bot.texts import Texts
from bot.services.partyday.notices import format_when, notice_builder
from bot.services.partyday.rules import MOVED, NOTICE, PRE_NOTICE, Rules, UPDATE, notice_key, party_day_of


# --- what staff do -----------------------------------------------------------------------


# A date written but not one (2月30日, 13/45, 本月31号 in April): said so, rather than asked for a date again.
_DATE_LIKE = re.compile(r"(?:\d{1,2}\s*[-/.]|\d{1,2}\s*月|[这本下]个?月)\s*\d{1,2}")


def parse_when(text: str, rules: Rules, now: datetime) -> datetime:
    """"4月10日 9:00", "2026-04-10 09:00", "10号上午9点半", "下周三晚上七点", "明天7点" → an instant; a clear refusal otherwise.

    Days and times are read as residents say them for a booking
    (:mod:`bot.core.when`), with the same rule for a bare hour: 7点 is
    19:00, a meeting after work, and 8点 is 08:00.
    """
    local_now = now.astimezone(ZoneInfo(rules.timezone))
    said = when.read(text, local_now.date())
    if said.day is None:
        bad = _DATE_LIKE.search(arabic(unicodedata.normalize("NFKC", text)))
        raise InvalidInput("partyday.bad_date" if bad else "partyday.no_date")
    if said.at is None:
        raise InvalidInput("partyday.no_time")
    at = at_local(said.day, said.at, rules.timezone)
    if at <= now:
        raise InvalidInput("partyday.in_the_past")
    return at


async def require_staff(uow: UnitOfWork, person: Person | None, community_id: str) -> None:
    """Staff or admin of the community; `None` is the operator at the command line."""
    if person is not None:
        await roles.require_role(uow, person, Role.staff, community_id=community_id)


async def staff_community(uow: UnitOfWork, person: Person) -> str:
    """The community a staff member acts for (the first they hold staff or admin in)."""
    for held in await roles.roles_of(uow, person):
        if held.role in (Role.staff.value, Role.admin.value) and held.community_id:
            return held.community_id
    raise PermissionDenied()


@dataclass(frozen=True)
class Arrangement:
    theme: str
    starts_at: datetime
    place: str
    content: str | None


def check_arrangement(theme: str, starts_at: datetime | None, place: str, content: str | None) -> Arrangement:
    theme, place = theme.strip(), place.strip()
    if not theme:
        raise InvalidInput("partyday.no_theme")
    if starts_at is None:
        raise InvalidInput("partyday.no_date")
    if not place:
        raise InvalidInput("partyday.no_place")
    if len(theme) > 200 or len(place) > 200 or len(content or "") > 1000:
        raise InvalidInput("partyday.too_long")
    return Arrangement(theme, starts_at, place, (content or "").strip() or None)


@dataclass(frozen=True)
class Told:
    """Who was sent a change of the Party day."""

    count: int
    everyone: bool  # the notices had gone out: every member; else only those who had answered


async def pending_elsewhere(uow: UnitOfWork, community_id: str, month: str) -> PartyDay | None:
    """The community's Party day not yet held in another month than `month`, if any (one that may be moved there)."""
    query = (
        select(PartyDay)
        .where(PartyDay.community_id == community_id, PartyDay.month != month, col(PartyDay.starts_at) > uow.clock.now())
        .order_by(col(PartyDay.starts_at))
    )
    return (await uow.session.exec(query)).first()


async def set_party_day(
    uow: UnitOfWork,
    staff: Person | None,
    rules: Rules,
    community_id: str,
    arrangement: Arrangement,
    *,
    move_from: str | None = None,
) -> tuple[PartyDay, Told | None]:
    """Set (or change) the month's Party day; whoever already knows of it gets the change at once.

    Once the pre-notice or notice went out, that is every member. Before
    it, members may still have signed up (报名) or asked leave from the
    published arrangement: they are told, or they would come at the old
    time or to the old place. Saving the same arrangement again tells nobody.

    `move_from` (a month) moves that month's Party day, not yet held, to the
    arrangement's month (postponed into the next month): its answers go with
    it, whoever knew of it is told, and the old month is not reminded of as
    unset.
    """
    await require_staff(uow, staff, community_id)
    if await uow.session.get(Community, community_id) is None:
        raise NotFound("roles.unknown_community", community=community_id)
    if arrangement.starts_at <= uow.clock.now():
        raise InvalidInput("partyday.in_the_past")
    month = month_key(rules.local_date(arrangement.starts_at))
    now = uow.clock.now()
    if move_from is not None and move_from != month:
        return await _move(uow, staff, rules, community_id, arrangement, move_from, month)
    party_day = await party_day_of(uow, community_id, month)
    changed = party_day is not None and (
        party_day.theme, party_day.starts_at, party_day.place, party_day.content
    ) != (arrangement.theme, arrangement.starts_at, arrangement.place, arrangement.content)
    was = (party_day.starts_at, party_day.place) if party_day is not None else None
    if party_day is None:
        party_day = PartyDay(community_id=community_id, month=month, theme="", starts_at=now, place="", updated_at=now)
        uow.session.add(party_day)
    party_day.theme = arrangement.theme
    party_day.starts_at = arrangement.starts_at
    party_day.place = arrangement.place
    party_day.content = arrangement.content
    party_day.set_by = staff.id if staff is not None else None
    party_day.updated_at = now
    await uow.session.flush()
    told = None
    if changed:
        told = await _tell_change(uow, rules, party_day, author_id=staff.id if staff is not None else None, was=was)
    await uow.commit()
    return party_day, told


def told_line(texts: Texts, told: Told) -> str:
    """What the staff (or the operator) are told about who got the change."""
    if told.everyone:
        return texts.get("partyday.update_sent")
    return texts.get("partyday.update_sent_answered", count=told.count)


async def _move(
    uow: UnitOfWork, staff: Person | None, rules: Rules, community_id: str, arrangement: Arrangement, old_month: str, month: str
) -> tuple[PartyDay, Told | None]:
    party_day = await party_day_of(uow, community_id, old_month)
    if party_day is None or party_day.starts_at <= uow.clock.now():
        raise Conflict("partyday.move_gone", month=month_start(old_month).month)
    if await party_day_of(uow, community_id, month) is not None:
        raise Conflict("partyday.month_taken", month=month_start(month).month)
    now = uow.clock.now()
    was = (party_day.starts_at, party_day.place)
    party_day.month = month
    party_day.theme, party_day.starts_at = arrangement.theme, arrangement.starts_at
    party_day.place, party_day.content = arrangement.place, arrangement.content
    party_day.set_by = staff.id if staff is not None else None
    party_day.updated_at = now
    await uow.session.flush()
    author_id = staff.id if staff is not None else None
    # The old month has no Party day now, by decision: the record of where it went keeps the
    # staff from being reminded to set one, and members from being shown it as unpublished.
    moved = Texts().get("partyday.moved_record", old=month_start(old_month).month, when=format_when(Texts(), party_day.starts_at.astimezone(ZoneInfo(rules.timezone))))
    await notices.enqueue(
        uow, kind="partyday_moved", audience=f"role:staff@{community_id}", text=moved, people=[],
        reply_for=lambda _r: Reply(moved), community_id=community_id,
        key=notice_key(community_id, old_month, MOVED), author_id=author_id, commit=False,
    )
    told = await _tell_change(uow, rules, party_day, author_id=author_id, known_as=old_month, was=was)
    await uow.commit()
    return party_day, told


async def _tell_change(
    uow: UnitOfWork,
    rules: Rules,
    party_day: PartyDay,
    *,
    author_id: int | None,
    known_as: str | None = None,
    was: tuple[datetime, str] | None = None,
) -> Told | None:
    """Tell who knows of the Party day (`known_as`: the month it was announced under, before a move)."""
    community_id = party_day.community_id
    members = await notices.role_holders(uow, Role.party_member, community_id=community_id)
    notified = [
        kind
        for kind in (PRE_NOTICE, NOTICE)
        if await notices.already(uow, notice_key(community_id, known_as or party_day.month, kind)) is not None
    ]
    if not notified:
        query = select(PartyDayReply.person_id).where(PartyDayReply.party_day_id == party_day.id)
        answered = set((await uow.session.exec(query)).all())
        members = [m for m in members if m.person_id in answered]
    if not members:
        return None
    build = notice_builder(rules, party_day, UPDATE, was=was)
    await notices.enqueue(
        uow, kind="partyday_update", audience=f"role:party_member@{community_id}", text=build(Texts()).text,
        people=members, reply_for=notices.per_language(build), community_id=community_id,
        author_id=author_id, commit=False,
    )
    return Told(len(members), everyone=bool(notified))


