"""Days and clock times as residents and staff say them: one reader for every use.

Bookings at the centre and the monthly Party day (主题党日) used to read
them each their own way and disagreed: a bare 7点 was 19:00 for a booking
and 07:00 for the Party day, 2:30 was 14:30 for one and 02:30 for the
other. Both read here now, with the same rules:

A bare hour (no 上午/下午/晚上 … before it) from 1 to 7 is in the
afternoon or evening; 8 to 12 is as said, and 0 or 13 to 23 is the
24-hour clock. Why 7 is the last afternoon hour:
- the centre opens at 08:30 and stays open until 20:00 on the
  extended-hours evenings (错时延时), so a booking at 7 can only be at 19:00;
- a Party-day meeting is often held after work in the evening (19:00,
  19:30), almost never at seven in the morning, while 8点 is a usual
  start of a morning meeting (and nobody starts one at 20:00);
- both uses show the time read before anything is saved (the booking's
  confirmation, the Party day's preview), so whoever meant seven in the
  morning sees 19:00 and writes 早上7点.
The two uses need no different defaults, so the rule is not a parameter.

An hour written with a leading zero (07:30, 05点) is the 24-hour clock and
read as written: whoever writes the zero means the morning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta

from bot.core.numerals import arabic
from knowledge.normalize import to_simplified

PARTS = ("morning", "afternoon", "evening")
LAST_AFTERNOON_HOUR = 7  # a bare 1点 … 7点 is 13:00 … 19:00; 8点 is 08:00
EVENING = time(17, 30)  # 错时延时: the centre's hours after work begin


@dataclass(frozen=True)
class Said:
    """What a message says of when: a day, a time of day, or (only without a time) a part of the day."""

    day: date | None = None
    at: time | None = None
    part: str | None = None  # "morning", "afternoon", "evening"

    def __bool__(self) -> bool:
        return self.day is not None or self.at is not None or self.part is not None


def read(text: str, today: date) -> Said:
    """The day, the time and (without a time) the part of the day a message says, anywhere in it.

    A message that is wholly a day (3.5, 2026-03-05) or wholly a time
    (9点半, 14:30) is read as such; otherwise each is looked for inside the sentence
    (下周二上午九点半预约办居住证, 4月10日 9:00, 约明天7点). A message that
    could be either (9.30) is a day here, never both a day and a time: a
    caller that has a day already (a day's times on screen) asks
    :func:`parse_time` whether it is a time.
    """
    day = parse_day(text, today)
    at = None if day is not None else parse_time(text)
    day = day or find_day(text, today)
    at = at or find_time(text)
    return Said(day, at, find_part(text) if at is None else None)


def form(text: str) -> str:
    """NFKC and simplified characters (後天 is 后天, 禮拜三 is 礼拜三), without spaces.

    A space between two digits is kept (2026-04-10 09:00, 4/1 9:00): dropping
    it would glue the day to the hour.
    """
    text = to_simplified(unicodedata.normalize("NFKC", text)).strip()
    return re.sub(r"\s+", "", re.sub(r"(?<=\d)\s+(?=\d)", "\0", text)).replace("\0", " ")


# --- days -----------------------------------------------------------------------------------

_WEEKDAY_CHARS = "一二三四五六日"
_WEEK = re.compile(r"(这|本|这个|下|下个|下下|下下个)?(?:周|星期|礼拜)([一二三四五六日天])")
# Days counted from today, with the northern spoken forms (明儿, 明个, 后儿个) voice input writes.
_RELATIVE = {
    "今天": 0, "今日": 0, "今儿": 0, "今儿个": 0, "今个": 0, "今早": 0, "今晚": 0,
    "明天": 1, "明日": 1, "明儿": 1, "明儿个": 1, "明个": 1, "明早": 1, "明晚": 1,
    "后天": 2, "后儿": 2, "后儿个": 2, "后个": 2,
    "大后天": 3, "大后儿": 3, "大后儿个": 3,
}
# 一下下周三 is 一下 ("a bit": 约一下, 改一下) and 下周三, not 下下周三 (the week after next).
_WEEK_WORDS = re.compile(r"(?:这个|(?<!一)下下个|下个|这|本|(?<!一)下下|下)?(?:周|星期|礼拜)[一二三四五六日天]")
_WORDS_FOR_A_DAY = re.compile("|".join(sorted(_RELATIVE, key=len, reverse=True)) + "|" + _WEEK_WORDS.pattern)
_FULL_DATE = re.compile(r"(?<!\d)\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?(?!\d)")
_MONTH_DAY = re.compile(r"(?<![\d.])\d{1,2}(?:月\d{1,2}(?:[日号]|(?![\d天个周:]))|/\d{1,2}(?![\d天个周:/]))")
# 下个月1号, 本月30号: a day of this or next month (after 月, which _DAY_OF_MONTH does not read).
# Read after numerals became digits: 一下下个月1号 (改一下 + 下个月1号) is 1下下个月1号 by then.
_OF_A_MONTH = re.compile(r"(?P<which>这个?|本|(?<![一1])下下个?|下个?)月(?P<day>\d{1,2})[日号]")
_AHEAD = {"这": 0, "本": 0, "下": 1, "下下": 2}  # 这周/本月 … 下下周: weeks or months from this one
_DAY_OF_MONTH = re.compile(r"(?<![\d月])\d{1,2}(?:号(?![楼院栋单门窗])|日(?![内]))")  # 30号上午, not 2号楼
PAST_DAYS_THIS_YEAR = 60  # 1月5日 typed in December is next January; 3月10日 typed on 1 April has passed


def parse_day(text: str, today: date) -> date | None:
    """A day as a whole message: 明天, 明儿, 后天, 周三, 这周六, 下周一, 3月5日, 十二月一日, 3-5, 2026-03-05, 30号.

    A bare weekday is the next such day (today included); 这周/本周 is this
    calendar week and 下周 the next one, Monday to Sunday, as they are meant.
    A month and day without a year is this year's unless it was more than
    60 days ago (then next year's): a day a few weeks past is a mistake to
    point out, not a day eleven months ahead to book silently.
    A day of the month alone (30号, 三号) is the next such day: this month's
    if it is still to come, else next month's; 下个月1号 is next month's,
    本月30号 this month's (past or not).
    """
    said = form(text)
    if said in _RELATIVE:
        return today + timedelta(days=_RELATIVE[said])
    match = _WEEK.fullmatch(said)
    if match:
        return _weekday(match.group(1), match.group(2), today)
    said = arabic(said)
    try:
        return _numbered_day(said, today)
    except ValueError:
        return None


def find_day(text: str, today: date) -> date | None:
    """A day named inside a sentence: 我想明天去办居住证, 下周二预约, 十二月一日能约吗, 30号上午, 4月10日 9:00.

    约一下下周三 is 约一下 and 下周三 (一下 is "a bit"), 下个月1号上午 the 1st of next
    month; 12.10 9:00 is a day only because a time follows it (过2-3天 is none).
    """
    said = form(text)
    numbered = arabic(said)  # 周二 is looked for before its 二 becomes 2
    patterns = (_WORDS_FOR_A_DAY, said), (_OF_A_MONTH, numbered), (_FULL_DATE, numbered), (_MONTH_DAY, numbered)
    patterns += (_MONTH_DAY_BEFORE_A_TIME, numbered), (_DAY_OF_MONTH, numbered)
    for pattern, within in patterns:
        match = pattern.search(within)
        if match:
            return parse_day(match.group(), today)
    return None


def _weekday(which: str | None, name: str, today: date) -> date:
    target = _WEEKDAY_CHARS.index(name.replace("天", "日"))
    which = (which or "").removesuffix("个")
    if not which:
        return today + timedelta(days=(target - today.weekday()) % 7)
    monday = today - timedelta(days=today.weekday())
    weeks = _AHEAD[which]
    return monday + timedelta(days=7 * weeks + target)


def _numbered_day(said: str, today: date) -> date | None:
    """3月5日, 3-5, 2026-03-05, 30号 (digits only); ValueError for a day that does not exist."""
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?", said)
    if match:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = re.fullmatch(r"(\d{1,2})[-/.月](\d{1,2})[日号]?", said)
    if match:
        day = date(today.year, int(match.group(1)), int(match.group(2)))
        if day < today - timedelta(days=PAST_DAYS_THIS_YEAR):
            day = day.replace(year=today.year + 1)
        return day
    match = _OF_A_MONTH.fullmatch(said)
    if match:
        month = today.month + _AHEAD[match.group("which").removesuffix("个")]
        return date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, int(match.group("day")))
    match = re.fullmatch(r"(\d{1,2})[日号]", said)
    return _next_day_of_month(int(match.group(1)), today) if match else None


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


# --- parts of the day -----------------------------------------------------------------------

# A part of the day said without a time (明儿上午, 下礼拜三下午, 晚上有没有), with the Henan 前晌/后晌.
_PART_WORDS = {
    "morning": re.compile(r"上午|早上|早晨|清早|一早|大早|上半天|前晌|头午|[今明]早"),
    "afternoon": re.compile(r"下午|下半天|后晌|过午|午后"),
    "evening": re.compile(r"晚上|傍晚|晚间|夜里|夜间|下班后|擦黑|黑了|[今明]晚"),
}


def find_part(text: str) -> str | None:
    """The part of the day named in a sentence ("morning", "afternoon", "evening"), or None."""
    said = form(text)
    found = [(m.start(), part) for part, words in _PART_WORDS.items() if (m := words.search(said))]
    return min(found)[1] if found else None


def in_part(at: time, part: str) -> bool:
    """Whether a time is in that part of the day: before noon, then until 17:30, then after."""
    if part == "morning":
        return at < time(12, 0)
    if part == "afternoon":
        return time(12, 0) <= at < EVENING
    return at >= EVENING


# --- clock times ----------------------------------------------------------------------------

_AS_SAID = "上午|早上|早晨|清早|凌晨|前晌|[今明]早"
_LATER = "下午|后晌|晚上|傍晚|夜里|[今明]晚"
_CLOCK = (
    rf"(?P<part>{_AS_SAID}|中午|{_LATER})?"
    r"(?:差(?P<before>\d{1,2})(?P<before_unit>[分刻]))?"  # 差一刻十点: 09:45
    r"(?<![\d:：.])(?P<hour>\d{1,2})"
    r"(?:{sep}(?P<colon>\d{2})"
    r"|[点时](?:钟|整|半|过?(?P<quarters>\d)刻|差(?P<to>\d{1,2})(?P<to_unit>[分刻])|过?(?P<minutes>\d{1,2})分?)?)"
    r"(?!\d)"
)
_TIME_WHOLE = re.compile(_CLOCK.replace("{sep}", "[:：.]"))
_TIME_IN_TEXT = re.compile(_CLOCK.replace("{sep}", "[:：]"))  # 3.15 inside a sentence is no time
# A month and day written 12.10 or 12-10 is a day inside a sentence only with a time after it
# (12.10 9:00, 12.10下午3点); alone it is a day (parse_day), and 过2-3天 is none.
_MONTH_DAY_BEFORE_A_TIME = re.compile(
    rf"(?<![\d.\-])\d{{1,2}}[.\-]\d{{1,2}}(?=(?: |{_AS_SAID}|中午|{_LATER})?\d{{1,2}}[:：点时])"
)
_A_LITTLE_BEFORE = "早晚快慢多少好有稍差"  # 早一点, 有一点事, 快一点儿: "a little", not 1点


def parse_time(text: str) -> time | None:
    """A time of day as a whole message: 09:30, 9.30, 9点半, 九点半, 下午两点半, 14点30分, 两点一刻, 7点."""
    match = _TIME_WHOLE.fullmatch(arabic(form(text)))
    return _clock(match) if match else None


def find_time(text: str) -> time | None:
    """A time of day inside a sentence: 就9点半吧, 下礼拜三上午九点半, 明天下午两点半行不行, 4月10日 9:00."""
    said = _WEEK_WORDS.sub("|", form(text))  # 周三三点: the weekday's 三 is not a digit of the hour
    said = arabic(said)
    for match in _TIME_IN_TEXT.finditer(said):
        at = None if _a_little(said, match) else _clock(match)
        if at is not None:
            return at
    return None


def _a_little(said: str, match: re.Match[str]) -> bool:
    """Whether a bare 1点 is 一点 "a little" (早一点, 有一点事, 一点儿, 一点都不懂), not one o'clock."""
    if match.group("part") or match.group("hour") != "1":
        return False
    start, end = match.start("hour"), match.end("hour")
    before = said[start - 1] if start else ""
    return (before != "" and before in _A_LITTLE_BEFORE) or said[end + 1 : end + 2] in ("儿", "点", "都", "也")


def _clock(match: re.Match[str]) -> time | None:
    """The time a matched clock says, with the rule for bare hours (see the module's docstring)."""
    hour = hour_of_day(match.group("hour"), match.group("part"))
    minute = _minutes(match)
    if hour is None or minute is None:
        return None
    total = hour * 60 + minute - _minutes_before(match)
    if not 0 <= total < 24 * 60:
        return None
    return time(total // 60, total % 60)


def hour_of_day(said: str, part: str | None = None) -> int | None:
    """The hour on the 24-hour clock of an hour said with (or without) a part of the day before it.

    下午/晚上 add twelve to 1 … 11 (下午12点 is noon; 晚上12点 is no hour of that day); 中午 to
    1 and 2; 上午/早上/凌晨 keep the hour. Without a part, 1 … 7 is the
    afternoon or evening unless written with a leading zero (07点).
    """
    hour = int(said)
    if hour > 23:
        return None
    if part is None:
        return hour + 12 if 1 <= hour <= LAST_AFTERNOON_HOUR and not said.startswith("0") else hour
    if re.fullmatch(_LATER, part):
        if hour == 12:
            return 12 if part in ("下午", "后晌") else None
        return hour + 12 if hour < 12 else hour
    if part == "中午":
        return hour + 12 if hour < 3 else hour
    return hour


def _minutes(match: re.Match[str]) -> int | None:
    """The minutes after the hour: 30 for 半, 15 a quarter (一刻, not one minute), as written otherwise."""
    text = match.group(0)
    if match.group("quarters"):
        quarters = int(match.group("quarters"))
        return 15 * quarters if quarters <= 3 else None
    said = match.group("colon") or match.group("minutes")
    if said:
        return int(said) if int(said) < 60 else None
    return 30 if text.endswith("半") else 0


def _minutes_before(match: re.Match[str]) -> int:
    """差一刻十点, 十点差五分: the minutes before the hour said."""
    for amount, unit in (("before", "before_unit"), ("to", "to_unit")):
        if match.group(amount):
            count = int(match.group(amount))
            return count * 15 if match.group(unit) == "刻" else count
    return 0
