"""Days and times as buttons and the dialog's data carry them, read back exactly.

Words (明天下午两点半, 7点, 九点一刻) are read by :mod:`bot.core.when`, the
one reader the Party day shares. What was read once is then carried as
stamps (20260303, 0730) and never read as words again: 07:30 read back as
words would be 19:30.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.core.when import PARTS, Said


def stamp(when: datetime, timezone: str) -> str:
    return when.astimezone(ZoneInfo(timezone)).strftime("%Y%m%d%H%M")


def parse_stamp(raw: str, timezone: str) -> datetime | None:
    try:
        return datetime.strptime(raw, "%Y%m%d%H%M").replace(tzinfo=ZoneInfo(timezone))
    except ValueError:
        return None


def parse_day_stamp(raw: str) -> date | None:
    try:
        return datetime.strptime(raw, "%Y%m%d").date()
    except ValueError:
        return None


def parse_clock_stamp(raw: str) -> time | None:
    """A time carried as HHMM ("0730") or HH:MM, read exactly: no guessing of 下午 as for words typed."""
    raw = raw.replace(":", "")
    if len(raw) != 4 or not raw.isdigit():
        return None
    try:
        return datetime.strptime(raw, "%H%M").time()
    except ValueError:
        return None


def said_data(said: Said) -> dict[str, str]:
    """What a request said of when, kept in the dialog's data while the service or the day is chosen.

    A time said makes the part of the day said with it redundant (明天上午九点半).
    """
    data = {"wanted_day": f"{said.day:%Y%m%d}"} if said.day is not None else {}
    if said.at is not None:
        data["wanted_time"] = f"{said.at:%H%M}"
    elif said.part:
        data["wanted_part"] = said.part
    return data


def said_of(data: Mapping[str, str | None]) -> Said:
    """What :func:`said_data` kept, read back (a forged or stale value is nothing said)."""
    part = data.get("wanted_part")
    return Said(
        parse_day_stamp(data.get("wanted_day") or ""),
        parse_clock_stamp(data.get("wanted_time") or ""),
        part if part in PARTS else None,
    )
