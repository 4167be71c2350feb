"""The opening plan and slot arithmetic: pure functions, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.services import opening
from bot.services.opening import OpeningPlanError, load_plan, read_plan
from tests.booking.helpers import write_plan

TZ = "Asia/Shanghai"
ZONE = ZoneInfo(TZ)
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=ZONE)  # Monday


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZONE)


def test_a_weekday_has_morning_and_afternoon_slots_of_the_plan_length(plan):
    slots = opening.slots_on(plan, date(2026, 3, 2), TZ)
    starts = [s.start.time() for s in slots]
    assert starts[0] == time(8, 30) and starts[6] == time(11, 30) and starts[7] == time(14, 30)
    assert slots[-1].end.time() == time(17, 30)
    assert time(12, 0) not in starts and len(slots) == 13
    assert not any(s.extended for s in slots)


def test_tuesday_and_thursday_evenings_and_saturday_morning_are_extended_hours(plan):
    tuesday = opening.slots_on(plan, date(2026, 3, 3), TZ)
    evening = [s for s in tuesday if s.extended]
    assert [s.start.time() for s in evening] == [time(17, 30), time(18), time(18, 30), time(19), time(19, 30)]
    assert evening[-1].end.time() == time(20, 0)
    saturday = opening.slots_on(plan, date(2026, 3, 7), TZ)
    assert saturday[0].start.time() == time(9) and saturday[-1].end.time() == time(12) and all(s.extended for s in saturday)
    assert opening.slots_on(plan, date(2026, 3, 8), TZ) == []  # Sunday


def test_public_holidays_are_closed_even_on_weekdays_and_saturdays(plan):
    for day, name in [(date(2026, 4, 6), "清明节"), (date(2026, 10, 1), "国庆节"), (date(2026, 2, 16), "春节"),
                      (date(2026, 1, 3), "元旦"), (date(2026, 5, 5), "劳动节")]:
        info = opening.day_info(plan, day)
        assert info.holiday == name and not info.open
        assert opening.slots_on(plan, day, TZ) == [] and opening.home_slots_on(plan, day, TZ) == []


def test_make_up_working_days_open_with_the_hours_and_rota_of_the_weekday_they_stand_for(plan):
    sunday = opening.day_info(plan, date(2026, 1, 4))  # 元旦调休, works as a Friday
    assert sunday.open and sunday.make_up and sunday.weekday == "fri"
    assert len(opening.slots_on(plan, date(2026, 1, 4), TZ)) == 13
    saturday = opening.slots_on(plan, date(2026, 2, 28), TZ)  # 春节调休, a full Monday, not the Saturday morning
    assert saturday[0].start.time() == time(8, 30) and saturday[-1].end.time() == time(17, 30)
    assert not any(s.extended for s in saturday)
    assert len(opening.home_slots_on(plan, date(2026, 2, 28), TZ)) == 2
    thursday_like = opening.slots_on(plan, date(2026, 10, 10), TZ)  # works as a Thursday: evening included
    assert thursday_like[-1].end.time() == time(20, 0)


def test_seats_follow_the_duty_rota(plan):
    def seats_at(day: date, at: time) -> int:
        slot = next(s for s in opening.slots_on(plan, day, TZ) if s.start.time() == at)
        return opening.seats(plan, "convenience", slot)

    assert seats_at(date(2026, 3, 2), time(9)) == 8  # Monday: windows 1-4 on duty, 2 seats each
    assert seats_at(date(2026, 3, 3), time(18)) == 2  # Tuesday evening: one window
    assert seats_at(date(2026, 3, 7), time(9)) == 4  # Saturday morning: two windows
    slot = opening.slots_on(plan, date(2026, 3, 2), TZ)[0]
    assert opening.seats(plan, "health", slot) == plan.seats_per_slot  # a centre without windows
    evening = next(s for s in opening.slots_on(plan, date(2026, 3, 3), TZ) if s.start.time() == time(19, 30))
    saturday = opening.slots_on(plan, date(2026, 3, 7), TZ)[0]
    # its own hours only: the extended ones are kept by the hall's windows, none of its staff is there
    assert opening.seats(plan, "health", evening) == opening.seats(plan, "eldercare", saturday) == 0
    assert opening.seats(plan, "convenience", evening) == 2
    names = {e.staff for e in opening.on_duty(plan, date(2026, 3, 3), time(18), time(18, 30))}
    assert names == {"李强"}


def test_minimum_notice_horizon_and_the_past(plan):
    assert opening.check_start(plan, local(2026, 3, 2, 9, 0), NOW, TZ) == "booking.slot_past"
    assert opening.check_start(plan, local(2026, 3, 2, 10, 0), NOW, TZ) == "booking.too_soon"  # 30 min < 60
    assert opening.check_start(plan, local(2026, 3, 2, 10, 30), NOW, TZ) is None
    assert opening.check_start(plan, local(2026, 3, 16, 17, 0), NOW, TZ) is None  # the 14th day
    assert opening.check_start(plan, local(2026, 3, 17, 8, 30), NOW, TZ) == "booking.day_beyond_horizon"
    assert opening.check_day(plan, date(2026, 3, 1), NOW, TZ) == "booking.day_past"
    days = opening.open_days(plan, NOW, TZ)
    assert days[0] == date(2026, 3, 2) and days[-1] == date(2026, 3, 16)
    assert date(2026, 3, 8) not in days and date(2026, 3, 7) in days


def test_the_cut_off_for_changes(plan):
    start = local(2026, 3, 3, 9, 0)
    assert opening.change_deadline(plan, start) == local(2026, 3, 3, 7, 0)
    assert opening.can_change(plan, start, local(2026, 3, 3, 6, 59))
    assert not opening.can_change(plan, start, local(2026, 3, 3, 7, 0))


def test_reminder_times_are_the_evening_before_and_one_hour_before(plan):
    times = opening.reminder_times(plan, local(2026, 3, 3, 9, 0), TZ)
    assert times["day_before"] == local(2026, 3, 2, 18, 0)
    assert times["hour_before"] == local(2026, 3, 3, 8, 0)
    assert times["hour_before"].astimezone(UTC) == datetime(2026, 3, 3, 0, 0, tzinfo=UTC)


def test_a_changed_copy_of_a_plan_answers_for_itself(plan):
    """Look-ups are remembered per plan; a copy with other rules must not answer from the original's memory."""
    day = date(2026, 3, 3)
    first = opening.slots_on(plan, day, TZ)
    count = len(first)
    first.clear()  # a caller's list: changing it must not change what the plan remembers
    assert len(opening.slots_on(plan, day, TZ)) == count > 0
    hourly = plan.model_copy(update={"slot_minutes": 60})
    assert [s.end - s.start for s in opening.slots_on(hourly, day, TZ)] == [timedelta(hours=1)] * len(opening.slots_on(hourly, day, TZ))
    assert all(s.end - s.start == plan.slot for s in opening.slots_on(plan, day, TZ))


def test_a_forged_start_has_no_slot(plan):
    assert opening.find_slot(plan, local(2026, 3, 3, 9, 0), TZ) is not None
    assert opening.find_slot(plan, local(2026, 3, 3, 9, 5), TZ) is None
    assert opening.find_slot(plan, local(2026, 4, 6, 9, 0), TZ) is None  # a holiday
    assert opening.find_slot(plan, local(2026, 3, 3, 9, 0), TZ, home=True) is not None
    assert opening.find_slot(plan, local(2026, 3, 7, 9, 0), TZ, home=True) is None  # no home visits on Saturday


def test_an_invalid_plan_is_refused_naming_the_file_and_the_field(tmp_path: Path):
    bad = write_plan(tmp_path / "plan.yaml", slot_minutes=0, hours={"mon": ["12:00-08:00"]})
    with pytest.raises(OpeningPlanError) as err:
        read_plan(bad)
    message = str(err.value)
    assert str(bad) in message and "slot_minutes" in message and "hours.mon.0" in message
    clash = write_plan(tmp_path / "clash.yaml", make_up_days=[{"date": "2026-10-01", "works_as": "mon"}])
    with pytest.raises(OpeningPlanError, match="既是节假日"):
        read_plan(clash)
    with pytest.raises(OpeningPlanError, match="读不到文件"):
        read_plan(tmp_path / "missing.yaml")


def test_the_app_refuses_to_start_on_an_invalid_plan(tmp_path: Path, sqlite_url: str):
    import asyncio

    from bot.app import StartupError, build_app
    from tests.conftest import make_settings

    bad = write_plan(tmp_path / "plan.yaml", horizon_days=0)
    with pytest.raises(StartupError, match="horizon_days"):
        asyncio.run(build_app(make_settings(sqlite_url, opening_plan_file=bad)))


def test_the_setting_names_another_plan(tmp_path: Path):
    from tests.conftest import make_settings

    other = write_plan(tmp_path / "plan.yaml", horizon_days=7)
    assert opening.plan_for(make_settings("sqlite+aiosqlite:///x.db", opening_plan_file=other)).horizon_days == 7
    assert opening.last_day(opening.plan_for(make_settings("sqlite+aiosqlite:///x.db", opening_plan_file=other)), NOW, TZ) == date(2026, 3, 9)
    assert timedelta(minutes=load_plan().slot_minutes) == load_plan().slot
