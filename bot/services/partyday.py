"""The theme Party day (主题党日): the month's arrangement, its notices, and the members' answers.

Every month on the configured day (the 10th): a pre-notice some days
before and the notice on the morning of the day go to the community's
Party members. Staff set the theme, time, place and content; if nothing is
set when the pre-notice is due, the staff are reminded instead. The
scheduler's tick (`tick`) asks what is due at `now`; each (community,
month, kind) is sent at most once, guarded by the notice's unique key.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.upsert import insert
from bot.db.uow import Database, UnitOfWork
from bot.models import Community, PartyDay, PartyDayReply, Person, Role, RoleAssignment
from bot.services import notices, org, roles
from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.services.schedule import add_months, at_local, month_key, month_start, parse_clock_time
from bot.texts import Texts

log = logging.getLogger(__name__)

PRE_NOTICE, NOTICE, STAFF_REMINDER, UPDATE = "pre_notice", "notice", "staff_reminder", "update"
JOIN, LEAVE = "join", "leave"


@dataclass(frozen=True)
class Rules:
    """When the Party day and its notices happen (from the settings)."""

    day_of_month: int = 10
    pre_notice_days: int = 2
    pre_notice_time: time = time(9, 0)
    notice_time: time = time(8, 0)
    timezone: str = "Asia/Shanghai"

    @classmethod
    def from_settings(cls, settings) -> Rules:  # noqa: ANN001 - bot.config.Settings
        return cls(
            day_of_month=settings.party_day_of_month,
            pre_notice_days=settings.party_day_pre_notice_days,
            pre_notice_time=parse_clock_time(settings.party_day_pre_notice_time),
            notice_time=parse_clock_time(settings.party_day_notice_time),
            timezone=settings.timezone,
        )

    def local_date(self, when: datetime) -> date:
        return when.astimezone(ZoneInfo(self.timezone)).date()

    def default_day(self, month: str) -> date:
        return month_start(month).replace(day=self.day_of_month)


@dataclass(frozen=True)
class Times:
    event_day: date
    reminder_at: datetime  # staff are reminded here if nothing is set
    pre_notice_at: datetime
    notice_at: datetime
    ends_at: datetime  # after this, the month's Party day is over


def times(rules: Rules, month: str, party_day: PartyDay | None) -> Times:
    default = rules.default_day(month)
    reminder_at = at_local(default - timedelta(days=rules.pre_notice_days), rules.pre_notice_time, rules.timezone)
    if party_day is None:
        day = default
        end = at_local(day + timedelta(days=1), time(0, 0), rules.timezone)
        notice_at = at_local(day, rules.notice_time, rules.timezone)
        pre_at = at_local(day - timedelta(days=rules.pre_notice_days), rules.pre_notice_time, rules.timezone)
        return Times(day, reminder_at, pre_at, notice_at, end)
    day = rules.local_date(party_day.starts_at)
    notice_at = min(at_local(day, rules.notice_time, rules.timezone), party_day.starts_at - timedelta(hours=1))
    pre_at = min(
        at_local(day - timedelta(days=rules.pre_notice_days), rules.pre_notice_time, rules.timezone),
        notice_at,
    )
    return Times(day, reminder_at, pre_at, notice_at, party_day.starts_at)


def notice_key(community_id: str, month: str, kind: str) -> str:
    return f"partyday:{community_id}:{month}:{kind}"


# --- the scheduler's tick ------------------------------------------------------------


async def tick(db: Database, rules: Rules, now: datetime) -> int:
    """Send whatever Party-day notice is due at `now`; returns how many notices were written.

    Safe to run any number of times, from any number of processes: a
    notice whose key exists is never written again.
    """
    written = 0
    this_month = month_key(rules.local_date(now))
    async with db.uow() as uow:
        communities = [c.id for c in (await uow.session.exec(select(Community))).all()]
    for community_id in communities:
        for month in (this_month, add_months(this_month, 1)):
            for kind in await _due(db, rules, community_id, month, now):
                async with db.uow() as uow:
                    if await _send(uow, rules, community_id, month, kind):
                        written += 1
    return written


async def _due(db: Database, rules: Rules, community_id: str, month: str, now: datetime) -> list[str]:
    async with db.uow() as uow:
        party_day = await _find(uow, community_id, month)
        t = times(rules, month, party_day)
        due = []
        if party_day is None:
            if t.reminder_at <= now < t.ends_at:
                due.append(STAFF_REMINDER)
        elif t.pre_notice_at <= now < t.notice_at:
            due.append(PRE_NOTICE)
        elif t.notice_at <= now < t.ends_at:
            due.append(NOTICE)
        return [kind for kind in due if await notices.already(uow, notice_key(community_id, month, kind)) is None]


async def _send(uow: UnitOfWork, rules: Rules, community_id: str, month: str, kind: str) -> bool:
    key = notice_key(community_id, month, kind)
    if kind == STAFF_REMINDER:
        staff = await notices.role_holders(uow, Role.staff, Role.admin, community_id=community_id)
        if not staff:
            return False
        day = rules.default_day(month)

        def remind(texts: Texts) -> Reply:
            return Reply(
                texts.get("partyday.staff_reminder", month=day.month, day=day.day),
                rows(Button(texts.get("partyday.set_button"), "pd:set")),
            )

        text = Texts().get("partyday.staff_reminder", month=day.month, day=day.day)
        notice = await notices.enqueue(
            uow, kind="partyday_reminder", audience=f"role:staff@{community_id}", text=text, people=staff,
            reply_for=notices.per_language(remind), community_id=community_id, key=key,
        )
        return notice is not None
    party_day = await _find(uow, community_id, month)
    if party_day is None:
        return False
    members = await notices.role_holders(uow, Role.party_member, community_id=community_id)
    if not members:
        return False
    build = _notice_builder(rules, party_day, kind)
    notice = await notices.enqueue(
        uow, kind=f"partyday_{kind}", audience=f"role:party_member@{community_id}", text=build(Texts()).text,
        people=members, reply_for=notices.per_language(build), community_id=community_id, key=key,
    )
    if notice is not None:
        log.info("party day %s for %s %s: %s members", kind, community_id, month, len(members))
    return notice is not None


def _notice_builder(rules: Rules, party_day: PartyDay, kind: str):  # noqa: ANN202
    def build(texts: Texts) -> Reply:
        return Reply(
            texts.get(f"partyday.title_{kind}") + "\n" + describe(texts, rules, party_day),
            answer_buttons(texts, party_day),
        )

    return build


def answer_buttons(texts: Texts, party_day: PartyDay) -> tuple[tuple[Button, ...], ...]:
    return rows(
        Button(texts.get("partyday.join_button"), f"pd:join:{party_day.id}"),
        Button(texts.get("partyday.leave_button"), f"pd:leave:{party_day.id}"),
        per_row=2,
    )


def describe(texts: Texts, rules: Rules, party_day: PartyDay) -> str:
    starts = party_day.starts_at.astimezone(ZoneInfo(rules.timezone))
    lines = [
        texts.get("partyday.line_theme", theme=party_day.theme),
        texts.get("partyday.line_time", when=format_when(texts, starts)),
        texts.get("partyday.line_place", place=party_day.place),
    ]
    if party_day.content:
        lines.append(texts.get("partyday.line_content", content=party_day.content))
    lines.append(texts.get("partyday.how_to_answer"))
    return "\n".join(lines)


def format_when(texts: Texts, local: datetime) -> str:
    weekday = texts.get("partyday.weekdays").split(",")[local.weekday()]
    return texts.get(
        "partyday.when", month=local.month, day=local.day, weekday=weekday, time=local.strftime("%H:%M")
    )


async def _find(uow: UnitOfWork, community_id: str, month: str) -> PartyDay | None:
    query = select(PartyDay).where(PartyDay.community_id == community_id, PartyDay.month == month)
    return (await uow.session.exec(query)).first()


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
    party_day = await _find(uow, community_id, month)
    if not upcoming_month(rules, now, party_day, month):
        month = add_months(month, 1)
        party_day = await _find(uow, community_id, month)
    answer = None
    if party_day is not None:
        answer = await _reply_of(uow, party_day.id, person.id)  # type: ignore[arg-type]
    return Current(community_id, month, party_day, rules.default_day(month), answer)


async def _reply_of(uow: UnitOfWork, party_day_id: int, person_id: int) -> PartyDayReply | None:
    query = select(PartyDayReply).where(
        PartyDayReply.party_day_id == party_day_id, PartyDayReply.person_id == person_id
    )
    return (await uow.session.exec(query)).first()


async def answer(
    uow: UnitOfWork, person: Person, rules: Rules, status: str, *, party_day_id: int | None = None, reason: str | None = None
) -> PartyDay:
    """A member signs up (报名) or asks leave (请假, with a reason). The last answer counts."""
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


# --- what staff do -----------------------------------------------------------------------


_DATE_FULL = re.compile(r"(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_DATE_DAY = re.compile(r"(?<![\d:])(\d{1,2})\s*[日号]")
_TIME = re.compile(r"(上午|早上|中午|下午|晚上)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})|[点时]\s*(半|\d{1,2})?\s*分?)")


def parse_when(text: str, rules: Rules, now: datetime, *, month: str | None = None) -> datetime:
    """"4月10日 9:00", "2026-04-10 09:00", "10号上午9点半" → an instant; a clear refusal otherwise."""
    text = unicodedata.normalize("NFKC", text)
    local_now = now.astimezone(ZoneInfo(rules.timezone))
    full = _DATE_FULL.search(text)
    if full:
        year = int(full.group(1)) if full.group(1) else None
        mon, day = int(full.group(2)), int(full.group(3))
        rest = text[: full.start()] + " " + text[full.end() :]
    else:
        only_day = _DATE_DAY.search(text)
        if not only_day:
            raise InvalidInput("partyday.no_date")
        target = month_start(month) if month else local_now.date().replace(day=1)
        year, mon, day = target.year, target.month, int(only_day.group(1))
        rest = text[: only_day.start()] + " " + text[only_day.end() :]
    clock = _TIME.search(rest)
    if not clock:
        raise InvalidInput("partyday.no_time")
    hour = int(clock.group(2))
    minute = int(clock.group(3) or 0)
    if clock.group(4):
        minute = 30 if clock.group(4) == "半" else int(clock.group(4))
    if clock.group(1) in ("下午", "晚上") and hour < 12:
        hour += 12
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


async def set_party_day(
    uow: UnitOfWork, staff: Person | None, rules: Rules, community_id: str, arrangement: Arrangement
) -> tuple[PartyDay, Told | None]:
    """Set (or change) the month's Party day; whoever already knows of it gets the change at once.

    Once the pre-notice or notice went out, that is every member. Before
    it, members may still have signed up (报名) or asked leave from the
    published arrangement: they are told, or they would come at the old
    time or to the old place. Saving the same arrangement again tells nobody.
    """
    await require_staff(uow, staff, community_id)
    if await uow.session.get(Community, community_id) is None:
        raise NotFound("roles.unknown_community", community=community_id)
    if arrangement.starts_at <= uow.clock.now():
        raise InvalidInput("partyday.in_the_past")
    month = month_key(rules.local_date(arrangement.starts_at))
    now = uow.clock.now()
    party_day = await _find(uow, community_id, month)
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


async def _tell_change(uow: UnitOfWork, rules: Rules, party_day: PartyDay, *, author_id: int | None) -> Told | None:
    community_id = party_day.community_id
    members = await notices.role_holders(uow, Role.party_member, community_id=community_id)
    notified = [
        kind
        for kind in (PRE_NOTICE, NOTICE)
        if await notices.already(uow, notice_key(community_id, party_day.month, kind)) is not None
    ]
    if not notified:
        query = select(PartyDayReply.person_id).where(PartyDayReply.party_day_id == party_day.id)
        answered = set((await uow.session.exec(query)).all())
        members = [m for m in members if m.person_id in answered]
    if not members:
        return None
    build = _notice_builder(rules, party_day, UPDATE)
    await notices.enqueue(
        uow, kind="partyday_update", audience=f"role:party_member@{community_id}", text=build(Texts()).text,
        people=members, reply_for=notices.per_language(build), community_id=community_id,
        author_id=author_id, commit=False,
    )
    return Told(len(members), everyone=bool(notified))


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
        if not upcoming_month(rules, now, await _find(uow, community_id, month), month):
            month = add_months(month, 1)
    party_day = await _find(uow, community_id, month)
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
        name = member.name or member.display_name or f"{member.channel}:{member.channel_user_id}"
        attendees.append(
            Attendee(member.id, name, reply.status if reply else None, reply.reason if reply else None)  # type: ignore[arg-type]
        )
    return Attendance(community_id, month, party_day, attendees)
