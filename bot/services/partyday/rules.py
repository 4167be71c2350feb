"""The Party day's settings and its times in a month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.db.uow import UnitOfWork
from bot.models import PartyDay
from bot.services.schedule import at_local, month_start, parse_clock_time

PRE_NOTICE, NOTICE, STAFF_REMINDER, UPDATE = "pre_notice", "notice", "staff_reminder", "update"
MOVED = "moved"  # the record that a month's Party day moved to a later month (no reminder to set it)
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


async def party_day_of(uow: UnitOfWork, community_id: str, month: str) -> PartyDay | None:
    query = select(PartyDay).where(PartyDay.community_id == community_id, PartyDay.month == month)
    return (await uow.session.exec(query)).first()
