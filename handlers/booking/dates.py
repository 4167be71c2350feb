"""Days and times as residents type them and as buttons carry them."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.numerals import arabic


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
    """A time carried on a button as HHMM ("0730"), read exactly: no guessing of 下午 as for words typed."""
    if len(raw) != 4 or not raw.isdigit():
        return None
    try:
        return datetime.strptime(raw, "%H%M").time()
    except ValueError:
        return None


_WEEKDAY_CHARS = "一二三四五六日"
_WEEK = re.compile(r"(这|本|这个|下|下个|下下|下下个)?(?:周|星期|礼拜)([一二三四五六日天])")
# Days counted from today, with the northern spoken forms (明儿, 明个, 后儿个) voice input writes.
_RELATIVE = {
    "今天": 0, "今日": 0, "今儿": 0, "今儿个": 0, "今个": 0,
    "明天": 1, "明日": 1, "明儿": 1, "明儿个": 1, "明个": 1,
    "后天": 2, "后儿": 2, "后儿个": 2, "后个": 2,
    "大后天": 3, "大后儿": 3, "大后儿个": 3,
}


def _form(text: str) -> str:
    """NFKC and simplified characters (後天 is 后天, 禮拜三 is 礼拜三), without spaces."""
    import unicodedata

    from knowledge.normalize import to_simplified

    return to_simplified(unicodedata.normalize("NFKC", text)).strip().replace(" ", "")


def parse_day(text: str, today: date) -> date | None:
    """A day as residents type it: 明天, 明儿, 后天, 周三, 这周六, 下周一, 3月5日, 十二月一日, 3-5, 2026-03-05, 30号.

    A bare weekday is the next such day (today included); 这周/本周 is this
    calendar week and 下周 the next one, Monday to Sunday, as they are meant.
    A day of the month alone (30号, 三号) is the next such day: this month's
    if it is still to come, else next month's.
    """
    form = _form(text)
    if form in _RELATIVE:
        return today + timedelta(days=_RELATIVE[form])
    match = _WEEK.fullmatch(form)
    if match:
        target = _WEEKDAY_CHARS.index(match.group(2).replace("天", "日"))
        which = (match.group(1) or "").removesuffix("个")
        if not which:
            return today + timedelta(days=(target - today.weekday()) % 7)
        monday = today - timedelta(days=today.weekday())
        weeks = {"这": 0, "本": 0, "下": 1, "下下": 2}[which]
        return monday + timedelta(days=7 * weeks + target)
    form = arabic(form)
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
        match = re.fullmatch(r"(\d{1,2})[日号]", form)
        if match:
            return _next_day_of_month(int(match.group(1)), today)
    except ValueError:
        return None
    return None


def _next_day_of_month(number: int, today: date) -> date | None:
    """The next day numbered `number` from today on (31号 skips months without a 31st)."""
    year, month = today.year, today.month
    for _ in range(3):
        try:
            day = date(year, month, number)
        except ValueError:
            day = None
        if day is not None and day >= today:
            return day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


_WORDS_FOR_A_DAY = re.compile(
    "|".join(sorted(_RELATIVE, key=len, reverse=True))
    + r"|(?:这个|下下个|下个|这|本|下下|下)?(?:周|星期|礼拜)[一二三四五六日天]"
)
_MONTH_DAY = re.compile(r"\d{1,2}月\d{1,2}[日号]")
_DAY_OF_MONTH = re.compile(r"(?<![\d月])\d{1,2}号(?![楼院栋单门窗])")  # 30号上午, not 2号楼


def find_day(text: str, today: date) -> date | None:
    """A day named inside a sentence: 我想明天去办居住证, 下周二预约办居住证, 十二月一日能约吗, 30号上午."""
    form = _form(text)
    numbered = arabic(form)  # 周二 is looked for before its 二 becomes 2
    match = _WORDS_FOR_A_DAY.search(form) or _MONTH_DAY.search(numbered) or _DAY_OF_MONTH.search(numbered)
    return parse_day(match.group(), today) if match else None


# A part of the day said without a time (明儿上午, 下礼拜三下午, 晚上有没有), with the Henan 前晌/后晌.
_PART_WORDS = {
    "morning": re.compile(r"上午|早上|早晨|清早|一早|大早|上半天|前晌|头午"),
    "afternoon": re.compile(r"下午|下半天|后晌|过午|午后"),
    "evening": re.compile(r"晚上|傍晚|晚间|夜里|夜间|下班后|擦黑|黑了"),
}
_EVENING = time(17, 30)  # 错时延时: the hours after work


def find_part(text: str) -> str | None:
    """The part of the day named in a sentence ("morning", "afternoon", "evening"), or None."""
    form = _form(text)
    found = [(m.start(), part) for part, words in _PART_WORDS.items() if (m := words.search(form))]
    return min(found)[1] if found else None


def in_part(at: time, part: str) -> bool:
    """Whether a slot starting at `at` is in that part of the day: before noon, then until 17:30, then after."""
    if part == "morning":
        return at < time(12, 0)
    if part == "afternoon":
        return time(12, 0) <= at < _EVENING
    return at >= _EVENING


_TIME_IN_TEXT = re.compile(
    r"(?:上午|早上|中午|下午|晚上)?(?<![\d:：.])\d{1,2}(?:[:：]\d{2}|点钟|点(?:半|过?\d{1,2}[分刻]?)?)(?!\d)"
)


def find_time(text: str) -> time | None:
    """A time of day named inside a sentence: 九点半的, 就9点半吧, 下礼拜三上午九点半, 明天下午两点行不行."""
    for match in _TIME_IN_TEXT.finditer(arabic(_form(text))):
        at = parse_time(match.group())
        if at is not None:
            return at
    return None


def parse_time(text: str) -> time | None:
    """A time of day as residents type or say it: 09:30, 9点半, 九点半, 下午两点半, 14点30分, 两点一刻, 九点过十分."""
    form = arabic(_form(text))
    match = re.fullmatch(r"(上午|早上|中午|下午|晚上)?(\d{1,2})(?:[:：.](\d{2})|点(半|过?\d{1,2}[分刻]?)?|点钟)", form)
    if match is None:
        return None
    part, hour, minutes, after = match.groups()
    after = (after or "").removeprefix("过")
    if after.endswith("刻"):  # 一刻 is a quarter of an hour: 两点一刻 is 14:15, not 14:01
        quarters = int(after[:-1])
        if quarters > 3:
            return None
        minute = 15 * quarters
    else:
        minute = int(minutes) if minutes else 30 if after == "半" else int(after.rstrip("分")) if after else 0
    hour = int(hour)
    if part in ("下午", "晚上") and hour < 12:
        hour += 12
    if part == "中午" and hour < 3:
        hour += 12
    if part is None and 1 <= hour <= 7:  # nobody books 2 a.m.: "2点" at a service centre is the afternoon
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
