"""Days and times as residents type them and as buttons carry them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


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


_WEEKDAY_CHARS = "一二三四五六日"


def parse_day(text: str, today: date) -> date | None:
    """A day as residents type it: 明天, 后天, 周三, 下周一, 3月5日, 3-5, 2026-03-05."""
    import unicodedata

    form = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    relative = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
    if form in relative:
        return today + timedelta(days=relative[form])
    match = re.fullmatch(r"(下)?(?:周|星期|礼拜)([一二三四五六日天])", form)
    if match:
        target = _WEEKDAY_CHARS.index(match.group(2).replace("天", "日"))
        ahead = (target - today.weekday()) % 7
        if match.group(1):
            ahead += 7 if ahead else 7
        return today + timedelta(days=ahead)
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?", form)
    try:
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = re.fullmatch(r"(\d{1,2})[-/.月](\d{1,2})[日号]?", form)
        if match:
            day = date(today.year, int(match.group(1)), int(match.group(2)))
            if day < today - timedelta(days=60):  # "1月5日" typed in December means next January
                day = day.replace(year=today.year + 1)
            return day
    except ValueError:
        return None
    return None
