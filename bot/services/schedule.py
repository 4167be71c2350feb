"""Wall-clock rules shared by the scheduler and the outbox: times of day and quiet hours.

Kept free of database imports so that the settings can validate with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:：]([0-5]\d)\s*$")


def parse_clock_time(value: str) -> time:
    """"08:30" → 08:30; anything else is refused with a message an operator understands."""
    match = _TIME.match(value)
    if not match:
        raise ValueError(f"时间要写成 HH:MM（例如 08:30），而不是 {value!r}")
    return time(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class QuietHours:
    """A nightly window (local time) in which non-urgent pushes are held until it ends."""

    start: time
    end: time
    timezone: str

    def release(self, now: datetime) -> datetime | None:
        """When a non-urgent push created at `now` may go; None when it may go at once."""
        zone = ZoneInfo(self.timezone)
        local = now.astimezone(zone)
        today = local.date()
        wall = local.time()
        if self.start == self.end:
            return None
        if self.start < self.end:  # e.g. 13:00-14:00, within one day
            inside = self.start <= wall < self.end
            end_day = today
        else:  # e.g. 21:30-08:00, across midnight
            inside = wall >= self.start or wall < self.end
            end_day = today + timedelta(days=1) if wall >= self.start else today
        if not inside:
            return None
        return at_local(end_day, self.end, self.timezone)


def parse_quiet_hours(value: str, timezone: str = "Asia/Shanghai") -> QuietHours | None:
    """"21:30-08:00" → QuietHours; "off" (or empty) → None."""
    text = value.strip().lower()
    if text in ("", "off", "none", "no", "false"):
        return None
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"免打扰时段要写成 HH:MM-HH:MM（例如 21:30-08:00）或 off，而不是 {value!r}")
    return QuietHours(parse_clock_time(start), parse_clock_time(end), timezone)


def at_local(day: date, at: time, timezone: str) -> datetime:
    """The instant of `at` on `day` in the community's time zone."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(timezone))


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_start(key: str) -> date:
    year, month = key.split("-")
    return date(int(year), int(month), 1)


def add_months(key: str, months: int) -> str:
    start = month_start(key)
    index = start.year * 12 + start.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
