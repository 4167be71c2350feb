"""What staff do: set the arrangement, change it (members who answered are told), cancel it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import col, select

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


_DATE_FULL = re.compile(r"(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_DATE_DAY = re.compile(r"(?<![\d:])(\d{1,2})\s*[日号]")
_TIME = re.compile(r"(上午|早上|中午|下午|晚上)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})|[点时]\s*(?:过\s*)?(半|\d\s*刻|\d{1,2})?\s*分?)")


# A day said in words (下周三, 这周五, 明天): its 三 names a weekday, not a number; the caller reads which day it is.
_SAID_DAY = re.compile(r"(?:这个|下下个|下个|这|本|下下|下)?(?:周|星期|礼拜)[一二三四五六日天]|大后天|今天|明天|后天")


def parse_when(
    text: str, rules: Rules, now: datetime, *, month: str | None = None, said_day: date | None = None
) -> datetime:
    """"4月10日 9:00", "2026-04-10 09:00", "10号上午9点半", "四月十号上午九点半" → an instant; a clear refusal otherwise.

    `said_day` is the day a caller read from words such as 下周三 or 明天
    (下周三下午两点半), used when no date is written as numbers.
    """
    text = unicodedata.normalize("NFKC", text)
    said = _SAID_DAY.search(text)
    if said:
        text = text[: said.start()] + " " + text[said.end() :]
    text = arabic(text)  # 九点半, 十号, 两点: how times are said, and written by voice input
    local_now = now.astimezone(ZoneInfo(rules.timezone))
    full = _DATE_FULL.search(text)
    if full:
        year = int(full.group(1)) if full.group(1) else None
        mon, day = int(full.group(2)), int(full.group(3))
        rest = text[: full.start()] + " " + text[full.end() :]
    elif (only_day := _DATE_DAY.search(text)) is not None:
        target = month_start(month) if month else local_now.date().replace(day=1)
        year, mon, day = target.year, target.month, int(only_day.group(1))
        rest = text[: only_day.start()] + " " + text[only_day.end() :]
    elif said_day is not None:  # 下周三, 明儿: read by the caller
        year, mon, day = said_day.year, said_day.month, said_day.day
        rest = text
    else:
        raise InvalidInput("partyday.no_date")
    clock = _TIME.search(rest)
    if not clock:
        raise InvalidInput("partyday.no_time")
    hour = int(clock.group(2))
    minute = int(clock.group(3) or 0)
    if clock.group(4):
        said_minutes = clock.group(4).replace(" ", "")
        minute = 30 if said_minutes == "半" else 15 * int(said_minutes[0]) if said_minutes.endswith("刻") else int(said_minutes)
    if clock.group(1) in ("下午", "晚上") and hour < 12:
        hour += 12
    elif clock.group(1) is None and clock.group(3) is None and 1 <= hour <= 6:
        hour += 12  # 两点 with nothing before it: a meeting at two in the afternoon, not in the night (05:30 is written)
    if year is None:
        year = local_now.year if (mon, day) >= (local_now.month, local_now.day) else local_now.year + 1
    try:
        day_ = date(year, mon, day)
        at = time(hour, minute)
    except ValueError:
        raise InvalidInput("partyday.bad_date") from None
    when = at_local(day_, at, rules.timezone)
    if when <= now:
        raise InvalidInput("partyday.in_the_past")
    return when


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
        told = await _tell_change(uow, rules, party_day, author_id=staff.id if staff is not None else None)
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
    told = await _tell_change(uow, rules, party_day, author_id=author_id, known_as=old_month)
    await uow.commit()
    return party_day, told


async def _tell_change(
    uow: UnitOfWork, rules: Rules, party_day: PartyDay, *, author_id: int | None, known_as: str | None = None
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
    build = notice_builder(rules, party_day, UPDATE)
    await notices.enqueue(
        uow, kind="partyday_update", audience=f"role:party_member@{community_id}", text=build(Texts()).text,
        people=members, reply_for=notices.per_language(build), community_id=community_id,
        author_id=author_id, commit=False,
    )
    return Told(len(members), everyone=bool(notified))


