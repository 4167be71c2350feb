"""Holidays said by name (元旦, 五一, 国庆节): which day of the opening plan they are.

`预约办居住证 元旦` booked as if no day was said: the day list, the 元旦 lost.
The holidays and their dates are the opening plan's own (bot/data/opening_plan.yaml),
never guessed: a holiday the plan lists only in the past (元旦 asked in
December, before the next year's dates are entered) has no day to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.core.when import form
from bot.services.opening import OpeningPlan

# What residents call the plan's holidays besides their names (清明节 is also 清明, by dropping 节).
OTHER_NAMES = {"五一": "劳动节", "劳动节": "劳动节", "过年": "春节", "大年初一": "春节", "国庆": "国庆节"}
# 元旦前, 国庆以后, 春节过后: a day near the holiday, not the holiday (said so, the words are left to the day reader).
_NEAR_IT = re.compile(r"前|后|之前|之后|以前|以后|过后|过完|放假前|放假后|假前|假后")


@dataclass(frozen=True)
class NamedHoliday:
    """A holiday named in words, and its days to come in the plan (None when the plan lists it only in the past)."""

    name: str
    first: date | None = None
    last: date | None = None


def holiday_named(plan: OpeningPlan, text: str, today: date) -> NamedHoliday | None:
    """The plan's holiday the words name, with the first of its days from today on; None when none is named."""
    said = form(text)
    found = [(at, name) for word, name in _names(plan).items() if (at := _named_at(said, word)) is not None]
    if not found:
        return None
    name = min(found)[1]
    coming = sorted((h for h in plan.holidays if h.name == name and h.end >= today), key=lambda h: h.start)
    if not coming:
        return NamedHoliday(name)
    return NamedHoliday(name, max(coming[0].start, today), coming[0].end)


def _names(plan: OpeningPlan) -> dict[str, str]:
    """Every word for each of the plan's holidays: its name, without 节 (清明), and the other names it goes by."""
    names: dict[str, str] = {}
    for holiday in plan.holidays:
        names[holiday.name] = holiday.name
        short = holiday.name.removesuffix("节")
        if len(short) >= 2:
            names[short] = holiday.name
    names.update({word: name for word, name in OTHER_NAMES.items() if name in names.values()})
    return names


def _named_at(said: str, word: str) -> int | None:
    """Where the word names the holiday itself (not 元旦前, the days before it), or None."""
    for match in re.finditer(re.escape(word), said):
        if not _NEAR_IT.match(said, match.end()):
            return match.start()
    return None
