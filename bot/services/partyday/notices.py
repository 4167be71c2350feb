"""The scheduler's tick (the pre-notice, the notice, the staff reminder; each at most once) and how the day reads in them."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.core.messages import Button, Reply, rows
from bot.db.uow import Database, UnitOfWork
from bot.models import Community, PartyDay, Role
from bot.services import notices
from bot.services.schedule import add_months, month_key
from bot.texts import Texts
from bot.services.partyday.members import moved_on
from bot.services.partyday.rules import NOTICE, PRE_NOTICE, Rules, STAFF_REMINDER, notice_key, party_day_of, times

log = logging.getLogger(__name__)


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
        party_day = await party_day_of(uow, community_id, month)
        t = times(rules, month, party_day)
        due = []
        if party_day is None:
            if t.reminder_at <= now < t.ends_at and not await moved_on(uow, community_id, month):
                due.append(STAFF_REMINDER)
        elif t.pre_notice_at <= now < t.notice_at:
            due.append(PRE_NOTICE)
        elif t.notice_at <= now < t.ends_at:
            due.append(NOTICE)
        return [kind for kind in due if await notices.already(uow, await _key(uow, rules, community_id, month, kind)) is None]


async def _key(uow: UnitOfWork, rules: Rules, community_id: str, month: str, kind: str) -> str:
    """The notice's key: once a month; but a Party day moved to another date after its day's notice
    went gets that notice again on the new morning, under a key of its own (the first keeps the
    month's: it is what says the members were told)."""
    key = notice_key(community_id, month, kind)
    if kind != NOTICE:
        return key
    party_day = await party_day_of(uow, community_id, month)
    sent = await notices.already(uow, key)
    if party_day is None or sent is None:
        return key
    day = rules.local_date(party_day.starts_at)
    return key if rules.local_date(sent.created_at) == day else f"{key}@{day.isoformat()}"


async def _send(uow: UnitOfWork, rules: Rules, community_id: str, month: str, kind: str) -> bool:
    key = await _key(uow, rules, community_id, month, kind)
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
    party_day = await party_day_of(uow, community_id, month)
    if party_day is None:
        return False
    members = await notices.role_holders(uow, Role.party_member, community_id=community_id)
    if not members:
        return False
    build = notice_builder(rules, party_day, kind)
    notice = await notices.enqueue(
        uow, kind=f"partyday_{kind}", audience=f"role:party_member@{community_id}", text=build(Texts()).text,
        people=members, reply_for=notices.per_language(build), community_id=community_id, key=key,
    )
    if notice is not None:
        log.info("party day %s for %s %s: %s members", kind, community_id, month, len(members))
    return notice is not None


def notice_builder(rules: Rules, party_day: PartyDay, kind: str, *, was: tuple[datetime, str] | None = None):  # noqa: ANN202
    """The notice in each language; `was` (the time and place before a change) says what changed.

    A member who read 时间：4月10日 19:00 in the change notice would have to
    remember the old time to see whether it moved: the notice says so.
    """

    def build(texts: Texts) -> Reply:
        lines = [texts.get(f"partyday.title_{kind}")]
        if was is not None:
            lines += _what_changed(texts, rules, party_day, was)
        return Reply("\n".join([*lines, describe(texts, rules, party_day)]), answer_buttons(texts, party_day))

    return build


def _what_changed(texts: Texts, rules: Rules, party_day: PartyDay, was: tuple[datetime, str]) -> list[str]:
    starts, place = was
    lines = []
    if starts != party_day.starts_at:
        old, new = (format_when(texts, t.astimezone(ZoneInfo(rules.timezone))) for t in (starts, party_day.starts_at))
        lines.append(texts.get("partyday.changed_time", old=old, new=new))
    if place != party_day.place:
        lines.append(texts.get("partyday.changed_place", old=place, new=party_day.place))
    return lines


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


