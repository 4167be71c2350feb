"""The one reader of days and clock times (bot/core/when.py) that bookings and the Party day share."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.core.when import Said, find_part, find_time, hour_of_day, in_part, parse_day, parse_time, read

TODAY = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("said", "at"),
    [
        # a bare hour: 1 … 7 is the afternoon or evening, 8 … 12 as said, 13 … 23 and 0 the 24-hour clock
        ("7点", time(19, 0)),  # was 07:00 for the Party day
        ("七点", time(19, 0)),
        ("7:30", time(19, 30)),  # was 07:30 for the Party day
        ("2:30", time(14, 30)),  # was 02:30 for the Party day
        ("1点", time(13, 0)),
        ("8点", time(8, 0)),
        ("十二点", time(12, 0)),
        ("19:30", time(19, 30)),
        ("0点", time(0, 0)),
        # a leading zero is the 24-hour clock, as written
        ("07:30", time(7, 30)),  # was 19:30 for a booking
        ("05:30", time(5, 30)),
        # a part of the day said decides
        ("晚上七点", time(19, 0)),
        ("早上7点", time(7, 0)),
        ("凌晨5点", time(5, 0)),
        ("下午两点半", time(14, 30)),
        ("中午1点", time(13, 0)),
        ("中午12点半", time(12, 30)),
        ("下午12点半", time(12, 30)),
        ("傍晚6点", time(18, 0)),
        ("明早8点", time(8, 0)),
        ("明晚7点半", time(19, 30)),
        # minutes as they are said
        ("九点一刻", time(9, 15)),
        ("9:15", time(9, 15)),
        ("两点四十五", time(14, 45)),
        ("九点过十分", time(9, 10)),
        ("9点3刻", time(9, 45)),
        ("十点差一刻", time(9, 45)),
        ("差五分十点", time(9, 55)),
        ("14点30分", time(14, 30)),
        ("9时30分", time(9, 30)),
        ("两点钟", time(14, 0)),
    ],
)
def test_a_clock_time_said_alone(said: str, at: time):
    assert parse_time(said) == at
    assert read(said, TODAY).at == at


def test_a_day_or_a_time_is_one_or_the_other_never_both():
    """9.30 is 30 September on the list of days, half past nine under a day's times (the caller asks parse_time)."""
    assert read("9.30", TODAY) == Said(date(2026, 9, 30))
    assert parse_time("9.30") == time(9, 30)


@pytest.mark.parametrize("said", ["25点", "9点4刻", "9:75", "晚上12点", "周末吧", "早一点", "我一点都不懂"])
def test_what_is_no_time(said: str):
    assert parse_time(said) is None and find_time(said) is None


@pytest.mark.parametrize(
    ("said", "day", "at", "part"),
    [
        ("明天下午两点半", date(2026, 3, 3), time(14, 30), None),
        ("周三上午9点", date(2026, 3, 4), time(9, 0), None),
        ("约明天7点", date(2026, 3, 3), time(19, 0), None),
        ("周三三点", date(2026, 3, 4), time(15, 0), None),  # 周三's 三 is not the hour's digit
        ("下周三下午两点半", date(2026, 3, 11), time(14, 30), None),
        ("下周一", date(2026, 3, 9), None, None),
        ("3月5号", date(2026, 3, 5), None, None),
        ("十二月一日", date(2026, 12, 1), None, None),
        ("30号上午", date(2026, 3, 30), None, "morning"),
        ("俺想预约明儿上午", date(2026, 3, 3), None, "morning"),
        ("明早", date(2026, 3, 3), None, "morning"),
        ("4月10日 9:00", date(2026, 4, 10), time(9, 0), None),
        ("4月10日9:00", date(2026, 4, 10), time(9, 0), None),
        ("2026-04-10 09:00", date(2026, 4, 10), time(9, 0), None),
        ("4/1 9:00", date(2026, 4, 1), time(9, 0), None),
        ("十号上午九点半", date(2026, 3, 10), time(9, 30), None),
        ("2026年4月10日9点", date(2026, 4, 10), time(9, 0), None),
        ("下礼拜三上午九点半", date(2026, 3, 11), time(9, 30), None),
        ("後天", date(2026, 3, 4), None, None),  # traditional characters
        # 一下 ("a bit": 约一下, 改一下) and then 下周三: was 下下周三, the week after next
        ("帮我约一下下周三下午两点半 办居住证", date(2026, 3, 11), time(14, 30), None),
        ("我想预约一下下周一的居住证", date(2026, 3, 9), None, None),
        ("帮我改一下下周一下午两点半", date(2026, 3, 9), time(14, 30), None),
        ("下下周三", date(2026, 3, 18), None, None),  # said on its own: the week after next
        ("改一下下下周三", date(2026, 3, 18), None, None),  # 一下 and 下下周三
        # a day of next month: the day was dropped after 月
        ("下个月1号上午九点预约办居住证", date(2026, 4, 1), time(9, 0), None),
        ("下个月10号早上八点半", date(2026, 4, 10), time(8, 30), None),
        ("下月五号", date(2026, 4, 5), None, None),
        ("改一下下个月一号", date(2026, 4, 1), None, None),  # 一下 and 下个月, not 下下个月
        # month.day with a time after it: was the time alone
        ("12.10 9:00", date(2026, 12, 10), time(9, 0), None),
        ("3-10 9:00", date(2026, 3, 10), time(9, 0), None),
        ("3.10 下午两点", date(2026, 3, 10), time(14, 0), None),
        ("2号楼的灯坏了", None, None, None),
        ("过2-3天再说", None, None, None),
    ],
)
def test_a_day_and_a_time_said_in_a_sentence(said: str, day: date | None, at: time | None, part: str | None):
    assert read(said, TODAY) == Said(day, at, part)


@pytest.mark.parametrize(
    ("said", "today", "day"),
    [
        ("1月5日", date(2026, 12, 20), date(2027, 1, 5)),  # next January
        ("3月10日", date(2026, 4, 1), date(2026, 3, 10)),  # three weeks ago: this year's, to be refused as past
        ("30号", date(2026, 3, 31), date(2026, 4, 30)),  # the next 30th
        ("2月30日", TODAY, None),
        ("3.5", TODAY, date(2026, 3, 5)),
        ("下个月1号", TODAY, date(2026, 4, 1)),
        ("下个月1号", date(2026, 12, 20), date(2027, 1, 1)),  # into next year
        ("下下个月一号", date(2026, 11, 26), date(2027, 1, 1)),
        ("本月30号", TODAY, date(2026, 3, 30)),
        ("这个月28号", TODAY, date(2026, 3, 28)),
        ("下个月31号", TODAY, None),  # April has no 31st
    ],
)
def test_a_day_said_alone(said: str, today: date, day: date | None):
    assert parse_day(said, today) == day


def test_the_rule_for_a_bare_hour():
    assert [hour_of_day(str(h)) for h in range(1, 9)] == [13, 14, 15, 16, 17, 18, 19, 8]
    assert hour_of_day("07") == 7 and hour_of_day("7", "上午") == 7 and hour_of_day("7", "晚上") == 19
    assert hour_of_day("24") is None


def test_parts_of_the_day():
    assert find_part("下礼拜三下午") == "afternoon" and find_part("后晌") == "afternoon"
    assert find_part("明晚有没有") == "evening" and find_part("居住证") is None
    assert in_part(time(11, 30), "morning") and in_part(time(17, 0), "afternoon") and in_part(time(17, 30), "evening")
