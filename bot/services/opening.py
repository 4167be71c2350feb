"""The opening plan (开放安排) and the pure slot arithmetic of bookings.

The plan is data (`bot/data/opening_plan.yaml`, or the file named by
`RESIDENT_BOT_OPENING_PLAN_FILE`), validated at start with errors naming the
file and field. Everything else here is pure functions of the plan, a day
and `now`, all on the community's wall clock: which days are open
(holidays closed, make-up working days open), the slots of a day (regular
and 错时延时 extended hours), how many seats the duty rota opens, and the
rules of minimum notice, horizon and the cut-off for changes. No database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_RANGE = re.compile(r"^\s*([01]?\d|2[0-3])[:：]([0-5]\d)\s*[-–~至]\s*([01]?\d|2[0-4])[:：]([0-5]\d)\s*$")


def _parse_range(value: object) -> tuple[time, time]:
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, time) for v in value):
        return (value[0], value[1])
    match = _RANGE.match(str(value))
    if not match:
        raise ValueError(f"时间段要写成 HH:MM-HH:MM（例如 08:30-12:00），而不是 {value!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = time(h1, m1), (time(23, 59) if h2 == 24 else time(h2, m2))
    if start >= end:
        raise ValueError(f"时间段 {value!r} 的开始要早于结束")
    return (start, end)


def _parse_clock(value: object) -> time:
    from bot.services.schedule import parse_clock_time

    return value if isinstance(value, time) else parse_clock_time(str(value))


Range = Annotated[tuple[time, time], BeforeValidator(_parse_range)]
ClockTime = Annotated[time, BeforeValidator(_parse_clock)]


T = TypeVar("T")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Holiday(_Strict):
    name: str = Field(min_length=1, max_length=40)
    start: date = Field(alias="from")
    end: date = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> Holiday:
        if self.end < self.start:
            raise ValueError(f"{self.name}: to 早于 from")
        return self

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


class MakeUpDay(_Strict):
    date: date
    works_as: Weekday = "mon"  # the weekday whose hours and rota apply
    name: str = Field(default="调休上班", max_length=40)


class Window(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]{1,16}$")
    name: str = Field(min_length=1, max_length=60)
    centre: str = Field(min_length=1, max_length=32)


class RotaEntry(_Strict):
    window: str
    staff: str = Field(min_length=1, max_length=40)
    days: list[Weekday] = Field(min_length=1)
    hours: list[Range] = Field(min_length=1)


class HomeVisitPlan(_Strict):
    days: list[Weekday] = Field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"])
    half_days: list[Range] = Field(min_length=1, max_length=4)
    capacity_per_grid: int = Field(ge=1, le=100)


class OpeningPlan(_Strict):
    slot_minutes: int = Field(ge=5, le=240)
    seats_per_window: int = Field(default=1, ge=1, le=50)
    seats_per_slot: int = Field(ge=1, le=500)
    min_notice_minutes: int = Field(default=60, ge=0, le=7 * 24 * 60)
    horizon_days: int = Field(default=14, ge=1, le=90)
    cutoff_minutes: int = Field(default=120, ge=0, le=7 * 24 * 60)
    max_open_bookings: int = Field(default=3, ge=1, le=50)
    waitlist_offer_minutes: int = Field(default=30, ge=1, le=24 * 60)
    reminder_day_before: ClockTime = time(18, 0)
    hours: dict[Weekday, list[Range]] = Field(default_factory=dict)
    extended: dict[Weekday, list[Range]] = Field(default_factory=dict)
    holidays: list[Holiday] = Field(default_factory=list)
    make_up_days: list[MakeUpDay] = Field(default_factory=list)
    windows: list[Window] = Field(default_factory=list)
    rota: list[RotaEntry] = Field(default_factory=list)
    home_visits: HomeVisitPlan
    _memo: dict[Hashable, Any] = PrivateAttr(default_factory=dict)

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A look-up of this plan, computed once.

        The plan is frozen, and the day list of one booking asks for the
        same days and slots hundreds of times.
        """
        memo = self.__pydantic_private__["_memo"]  # type: ignore[index] # not through BaseModel.__getattr__, 5x slower
        try:
            return memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = memo[key] = compute()
            return value

    # A copy (model_copy with changes) must not answer from the original's memory.
    def __copy__(self) -> OpeningPlan:
        return _forgetting(super().__copy__())

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> OpeningPlan:
        return _forgetting(super().__deepcopy__(memo))

    @model_validator(mode="after")
    def _consistent(self) -> OpeningPlan:
        closed = {d: h.name for h in self.holidays for d in h.days()}
        for make_up in self.make_up_days:
            if make_up.date in closed:
                raise ValueError(f"{make_up.date} 既是节假日（{closed[make_up.date]}）又是调休上班日")
        windows = {w.id for w in self.windows}
        if len(windows) != len(self.windows):
            raise ValueError("windows 里有重复的 id")
        for entry in self.rota:
            if entry.window not in windows:
                raise ValueError(f"rota 里的窗口 {entry.window!r} 不在 windows 里")
        if not any(self.hours.values()) and not any(self.extended.values()):
            raise ValueError("hours 和 extended 都是空的：一天也不开放")
        return self

    # --- look-ups -------------------------------------------------------------------

    @property
    def slot(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)

    def holiday_name(self, day: date) -> str | None:
        for holiday in self.holidays:
            if holiday.start <= day <= holiday.end:
                return holiday.name
        return None

    def make_up(self, day: date) -> MakeUpDay | None:
        return next((m for m in self.make_up_days if m.date == day), None)

    def window(self, window_id: str) -> Window | None:
        return next((w for w in self.windows if w.id == window_id), None)


def _forgetting(plan: OpeningPlan) -> OpeningPlan:
    plan.__pydantic_private__["_memo"] = {}  # type: ignore[index]
    return plan


class OpeningPlanError(Exception):
    """The opening plan is unreadable or invalid; the message names the file and every field."""


def read_plan(path: Path) -> OpeningPlan:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OpeningPlanError(f"{path}: 读不到文件（{exc.strerror}）") from None
    except yaml.YAMLError as exc:
        raise OpeningPlanError(f"{path}: YAML 格式错误：{exc}") from None
    try:
        return OpeningPlan.model_validate(data)
    except ValidationError as exc:
        lines = [
            f"{path}: {'.'.join(str(p) for p in err['loc']) or '(文件)'}: {err['msg'].removeprefix('Value error, ')}"
            for err in exc.errors()
        ]
        raise OpeningPlanError("\n".join(lines)) from None


@lru_cache(maxsize=1)
def shipped_plan_path() -> Path:
    """Where the package's own plan lies (asked on every booking turn, found once)."""
    from importlib.resources import files

    return Path(str(files("bot") / "data" / "opening_plan.yaml"))


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> OpeningPlan:
    return read_plan(Path(path))


def load_plan(path: Path | None = None) -> OpeningPlan:
    """The plan at `path` (default: the shipped one); re-read when the file changes."""
    path = path or shipped_plan_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return read_plan(path)  # raises with the reason
    return _cached(str(path), mtime)


def plan_for(settings) -> OpeningPlan:  # noqa: ANN001 - bot.config.Settings
    return load_plan(getattr(settings, "opening_plan_file", None))


# --- days and slots ---------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: time
    end: time
    extended: bool  # 错时延时


@dataclass(frozen=True)
class DayInfo:
    day: date
    periods: tuple[Period, ...]
    holiday: str | None = None  # closed for this public holiday
    make_up: str | None = None  # a make-up working day (调休上班)
    weekday: str = "mon"  # the weekday whose hours and rota apply

    @property
    def open(self) -> bool:
        return bool(self.periods)


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, in the community's zone
    end: datetime
    extended: bool = False


def day_info(plan: OpeningPlan, day: date) -> DayInfo:
    return plan.remembered(("day", day), lambda: _day_info(plan, day))


def _day_info(plan: OpeningPlan, day: date) -> DayInfo:
    holiday = plan.holiday_name(day)
    if holiday:
        return DayInfo(day, (), holiday=holiday, weekday=WEEKDAYS[day.weekday()])
    make_up = plan.make_up(day)
    weekday = make_up.works_as if make_up else WEEKDAYS[day.weekday()]
    return DayInfo(day, weekday_periods(plan, weekday), make_up=make_up.name if make_up else None, weekday=weekday)


def weekday_periods(plan: OpeningPlan, weekday: str) -> tuple[Period, ...]:
    """The opening periods of a usual `weekday` ("mon" …), regular and extended hours in order."""
    periods = [Period(s, e, False) for s, e in plan.hours.get(weekday, [])]  # type: ignore[call-overload]
    periods += [Period(s, e, True) for s, e in plan.extended.get(weekday, [])]  # type: ignore[call-overload]
    return tuple(sorted(periods, key=lambda p: p.start))


def slots_on(plan: OpeningPlan, day: date, timezone: str) -> list[Slot]:
    """The appointment slots of a day at the centre; none on a closed day."""
    return list(plan.remembered(("slots", day, timezone), lambda: tuple(_slots_on(plan, day, timezone))))


def _slots_on(plan: OpeningPlan, day: date, timezone: str) -> list[Slot]:
    zone = ZoneInfo(timezone)
    slots: list[Slot] = []
    for period in day_info(plan, day).periods:
        start = datetime.combine(day, period.start, tzinfo=zone)
        end_of_period = datetime.combine(day, period.end, tzinfo=zone)
        while start + plan.slot <= end_of_period:
            slots.append(Slot(start, start + plan.slot, period.extended))
            start += plan.slot
    return slots


def home_slots_on(plan: OpeningPlan, day: date, timezone: str) -> list[Slot]:
    """The half-day home-visit slots of a day: on open working days in `home_visits.days`."""
    info = day_info(plan, day)
    if info.holiday or info.weekday not in plan.home_visits.days:
        return []
    if not info.make_up and not plan.hours.get(info.weekday):  # type: ignore[call-overload]
        return []
    zone = ZoneInfo(timezone)
    return [
        Slot(datetime.combine(day, s, tzinfo=zone), datetime.combine(day, e, tzinfo=zone))
        for s, e in plan.home_visits.half_days
    ]


def on_duty(plan: OpeningPlan, day: date, start: time, end: time | None = None) -> list[RotaEntry]:
    """The rota entries covering [start, end) of `day` (closed days: nobody)."""
    info = day_info(plan, day)
    if not info.open:
        return []
    end = end or start
    return [
        entry
        for entry in plan.rota
        if info.weekday in entry.days and any(s <= start and end <= e for s, e in entry.hours)
    ]


def seats(plan: OpeningPlan, centre: str, slot: Slot) -> int:
    """Seats of a centre slot: the windows of that centre on duty × seats each, or the plan's default."""
    key = ("seats", centre, slot.start.date(), slot.start.time(), slot.end.time())
    return plan.remembered(key, lambda: _seats(plan, centre, slot))


def _seats(plan: OpeningPlan, centre: str, slot: Slot) -> int:
    """A centre with windows in the plan: those on duty. One without (the health station, the day-care
    desk): the regular hours only, for the extended hours (错时延时) are kept by the hall's windows on the
    rota, and nobody of that centre is there to receive a resident booked at 19:30 or on a Saturday."""
    own = {w.id for w in plan.windows if w.centre == centre}
    if not own:
        return 0 if slot.extended else plan.seats_per_slot
    local_start, local_end = slot.start.time(), slot.end.time()
    duty = {e.window for e in on_duty(plan, slot.start.date(), local_start, local_end) if e.window in own}
    return len(duty) * plan.seats_per_window


def find_slot(plan: OpeningPlan, start: datetime, timezone: str, *, home: bool = False) -> Slot | None:
    """The slot starting exactly at `start`, if the plan has one (a forged time has none)."""
    local = start.astimezone(ZoneInfo(timezone))
    candidates = home_slots_on(plan, local.date(), timezone) if home else slots_on(plan, local.date(), timezone)
    return next((s for s in candidates if s.start == local), None)


# --- rules against `now` ------------------------------------------------------------------


def local_today(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def last_day(plan: OpeningPlan, now: datetime, timezone: str) -> date:
    """The last day that can be booked: today + horizon."""
    return local_today(now, timezone) + timedelta(days=plan.horizon_days)


def check_day(plan: OpeningPlan, day: date, now: datetime, timezone: str) -> str | None:
    """Why `day` cannot be booked (a text key), or None."""
    if day < local_today(now, timezone):
        return "booking.day_past"
    if day > last_day(plan, now, timezone):
        return "booking.day_beyond_horizon"
    return None


def check_start(plan: OpeningPlan, start: datetime, now: datetime, timezone: str) -> str | None:
    """Why a slot starting at `start` cannot be booked at `now` (a text key), or None."""
    if start <= now:
        return "booking.slot_past"
    if start < now + timedelta(minutes=plan.min_notice_minutes):
        return "booking.too_soon"
    return check_day(plan, start.astimezone(ZoneInfo(timezone)).date(), now, timezone)


def change_deadline(plan: OpeningPlan, start: datetime) -> datetime:
    """Until when a resident may cancel or reschedule a booking starting at `start`."""
    return start - timedelta(minutes=plan.cutoff_minutes)


def can_change(plan: OpeningPlan, start: datetime, now: datetime) -> bool:
    return now < change_deadline(plan, start)


def open_days(plan: OpeningPlan, now: datetime, timezone: str, *, home: bool = False) -> list[date]:
    """The days from today to the horizon that have at least one slot still bookable at `now`."""
    today = local_today(now, timezone)
    days = []
    for offset in range(plan.horizon_days + 1):
        day = today + timedelta(days=offset)
        slots = home_slots_on(plan, day, timezone) if home else slots_on(plan, day, timezone)
        if any(check_start(plan, s.start, now, timezone) is None for s in slots):
            days.append(day)
    return days


def reminder_times(plan: OpeningPlan, start: datetime, timezone: str) -> dict[str, datetime]:
    """When the reminders of a booking starting at `start` are due: the evening before and 1 hour before."""
    local = start.astimezone(ZoneInfo(timezone))
    evening = datetime.combine(local.date() - timedelta(days=1), plan.reminder_day_before, tzinfo=ZoneInfo(timezone))
    return {"day_before": evening, "hour_before": start - timedelta(hours=1)}
