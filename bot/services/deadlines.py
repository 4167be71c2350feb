"""Time limits in working hours, and the rules file behind them (bot/data/case_rules.yaml).

`add_working_hours` and `working_hours_between` are pure functions of the
calendar, so a moved clock in a test gives the same deadline as the
scheduler will compute in production.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

CATEGORIES = ("parking", "noise", "sanitation", "facilities", "safety", "dispute", "property", "other")


@dataclass(frozen=True)
class Calendar:
    timezone: str = "Asia/Shanghai"
    days: frozenset[int] = frozenset({1, 2, 3, 4, 5})  # ISO weekdays
    periods: tuple[tuple[time, time], ...] = ((time(8, 30), time(12, 0)), (time(14, 30), time(17, 30)))
    holidays: frozenset[date] = frozenset()

    def _working(self, day: date) -> bool:
        return day.isoweekday() in self.days and day not in self.holidays

    def _intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self._working(day):
            return []
        zone = ZoneInfo(self.timezone)
        return [(datetime.combine(day, a, tzinfo=zone), datetime.combine(day, b, tzinfo=zone)) for a, b in self.periods]


def add_working_hours(start: datetime, hours: float, calendar: Calendar) -> datetime:
    """The instant `hours` working hours after `start` (aware datetimes; the result is in UTC)."""
    from datetime import UTC

    remaining = timedelta(hours=hours)
    local = start.astimezone(ZoneInfo(calendar.timezone))
    day = local.date()
    if remaining <= timedelta(0):
        return start.astimezone(UTC)
    for _ in range(3660):  # ten years of days: a calendar with no working day is a configuration error
        for begin, end in calendar._intervals(day):
            if end <= local:
                continue
            begin = max(begin, local)
            available = end - begin
            if remaining <= available:
                return (begin + remaining).astimezone(UTC)
            remaining -= available
        day += timedelta(days=1)
    raise ValueError("the working-hours calendar has no working time")


def working_hours_between(start: datetime, end: datetime, calendar: Calendar) -> float:
    """How many working hours lie between two instants (0 when `end` is before `start`)."""
    if end <= start:
        return 0.0
    zone = ZoneInfo(calendar.timezone)
    a, b = start.astimezone(zone), end.astimezone(zone)
    total = timedelta(0)
    day = a.date()
    while day <= b.date():
        for begin, finish in calendar._intervals(day):
            lo, hi = max(begin, a), min(finish, b)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total.total_seconds() / 3600


@dataclass(frozen=True)
class CategoryRule:
    hours: float
    urgent: bool = False


@dataclass(frozen=True)
class Rules:
    calendar: Calendar
    categories: dict[str, CategoryRule]
    urgent_hours: float = 2
    urgent_words: tuple[str, ...] = ()
    remind_after_hours: float = 0
    leader_after_hours: float = 4
    street_after_hours: float = 8
    similar_days: int = 30
    similar_radius_m: int = 300
    claim_hours: float = 72
    auto_confirm_days: float = 3
    max_service_hours: float = 24
    max_photo_bytes: int = 5 * 1024 * 1024
    extra: dict[str, object] = field(default_factory=dict)
    # A photo added to a case waits this long for the rest of its burst; a push kept being added to goes
    # at the latest this long after it was queued (info_pushes; RESIDENT_BOT_PHOTO_BURST_[MAX_]SECONDS).
    photo_burst_seconds: float = 5
    photo_burst_max_seconds: float = 30

    def is_urgent(self, category: str, description: str) -> bool:
        rule = self.categories.get(category)
        return bool(rule and rule.urgent) or any(word in description for word in self.urgent_words)

    def due(self, category: str, urgent: bool, start: datetime) -> datetime:
        hours = self.urgent_hours if urgent else self.categories.get(category, CategoryRule(16)).hours
        return add_working_hours(start, hours, self.calendar)


def default_rules_path() -> Path:
    from importlib.resources import files

    return Path(str(files("bot") / "data" / "case_rules.yaml"))


def _clock(value: str) -> time:
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


def parse_rules(data: dict, timezone: str) -> Rules:
    wh = data.get("working_hours") or {}
    periods = tuple(tuple(_clock(part) for part in str(p).split("-")) for p in wh.get("periods", ["08:30-12:00", "14:30-17:30"]))
    for begin, end in periods:
        if not begin < end:
            raise ValueError(f"working period {begin}-{end} ends before it starts")
    calendar = Calendar(
        timezone=timezone,
        days=frozenset(int(d) for d in wh.get("days", [1, 2, 3, 4, 5])),
        periods=periods,  # type: ignore[arg-type]
        holidays=frozenset(date.fromisoformat(str(d)) for d in wh.get("holidays", []) or []),
    )
    categories = {
        name: CategoryRule(float(spec.get("hours", 16)), bool(spec.get("urgent", False)))
        for name, spec in (data.get("categories") or {}).items()
    }
    for name in CATEGORIES:
        categories.setdefault(name, CategoryRule(16))
    esc = data.get("escalation") or {}
    similar = data.get("similar") or {}
    wishes = data.get("wishes") or {}
    return Rules(
        calendar=calendar,
        categories=categories,
        urgent_hours=float(data.get("urgent_hours", 2)),
        urgent_words=tuple(str(w) for w in data.get("urgent_words", []) or []),
        remind_after_hours=float(esc.get("remind_after_hours", 0)),
        leader_after_hours=float(esc.get("leader_after_hours", 4)),
        street_after_hours=float(esc.get("street_after_hours", 8)),
        similar_days=int(similar.get("days", 30)),
        similar_radius_m=int(similar.get("radius_m", 300)),
        claim_hours=float(wishes.get("claim_hours", 72)),
        auto_confirm_days=float(wishes.get("auto_confirm_days", 3)),
        max_service_hours=float(wishes.get("max_hours", 24)),
        max_photo_bytes=int(data.get("max_photo_bytes", 5 * 1024 * 1024)),
    )


@cache
def load_rules(timezone: str = "Asia/Shanghai", path: str | None = None) -> Rules:
    source = Path(path) if path else default_rules_path()
    return parse_rules(yaml.safe_load(source.read_text(encoding="utf-8")) or {}, timezone)


def rules_for(settings) -> Rules:  # noqa: ANN001 - bot.config.Settings
    """The rules of this installation: RESIDENT_BOT_CASE_RULES_FILE or the shipped file, and the photo-burst settings."""
    path = getattr(settings, "case_rules_file", None)
    burst = (getattr(settings, "photo_burst_seconds", 5.0), getattr(settings, "photo_burst_max_seconds", 30.0))
    return _with_burst(settings.timezone, str(path) if path else None, *burst)


@cache
def _with_burst(timezone: str, path: str | None, window: float, longest: float) -> Rules:
    return replace(load_rules(timezone, path), photo_burst_seconds=window, photo_burst_max_seconds=longest)
