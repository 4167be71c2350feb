"""By when a wish is wanted, as people say it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.core.numerals import arabic
from bot.core.validation import keyword_form
from bot.services.schedule import add_months, month_key, month_start
from bot.core.when import parse_day

# "By when", as people say it: 3月20日, 三月二十号, 20号, 下礼拜三之前, 月底, 半个月内, 过几天, 不着急.
_BY_AROUND = re.compile(r"^(?:最好|希望|争取|尽量|在|能在|大概|差不多)+|(?:之前|以前|前|为止|左右|之内|以内|内|吧|啊|就行|就好|都行)+$")
_NO_HURRY = re.compile(r"不急|不着急|不用急|不赶|随便|无所谓|什么时候都行|啥时候都行|哪天都行|都可以|不限")
_SOON = re.compile(r"尽快|越快越好|越早越好|马上|急|快点|过几天|这几天|最近")
_DATE_LIKE = re.compile(r"(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}[日号]?")
_WEEKEND = re.compile(r"(这|本|这个|下|下个)?周末")
_SPAN = re.compile(r"(\d{1,3}|半)(?:个)?(天|周|星期|礼拜|月)")
SOON_DAYS = 7  # 尽快 is the 一周内 choice


def _month_end(today: date, months_ahead: int) -> date:
    return month_start(add_months(month_key(today), months_ahead + 1)) - timedelta(days=1)


def read_wanted_by(text: str, today: date) -> tuple[bool, date | None]:
    """(understood, the date) for the by-when answer; (True, None) is 不着急. The date may be in the past.

    A day said as for a booking (明天, 下周三, 3月20日, 20号) is read by the
    booking's own reader; what is particular to a wish (周末, 半个月内, 月底,
    尽快) is read here.
    """
    said = _BY_AROUND.sub("", keyword_form(text).replace(" ", ""))  # 下礼拜三: its 三 is a weekday, not 3
    form = arabic(said)
    if not form or _NO_HURRY.search(form):
        return (bool(form), None)
    if _SOON.fullmatch(form):
        return True, today + timedelta(days=SOON_DAYS)
    if _WEEKEND.fullmatch(form):
        return True, _weekend(form, today)
    if _DATE_LIKE.fullmatch(form):  # 2月30日 is no day at all
        when = parse_day(said, today)
        return when is not None, when
    if match := _SPAN.fullmatch(form):
        count = 0.5 if match.group(1) == "半" else int(match.group(1))
        days = {"天": 1, "周": 7, "星期": 7, "礼拜": 7, "月": 30}[match.group(2)]
        return True, today + timedelta(days=max(1, round(count * days)))
    ends = {"月底": 0, "这个月底": 0, "本月底": 0, "下个月": 1, "下月": 1, "下个月底": 1, "下月底": 1}
    if form in ends:
        return True, _month_end(today, ends[form])
    if form in ("年底", "今年", "今年底", "过年"):
        return True, date(today.year, 12, 31)
    when = parse_day(said, today)  # 明天, 明儿, 下周三, 20号
    return when is not None, when


def _weekend(form: str, today: date) -> date:
    """周末 / 这周末: this week's Sunday; 下周末: next week's."""
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(weeks=1 if form.startswith("下") else 0, days=6)
