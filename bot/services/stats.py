"""The figures that judge the grid work, per grid and per community, for one month.

`/stats` and `resident-bot report --month YYYY-MM --csv FILE` both call
`month_report`, so the chat and the spreadsheet always agree.

Cases are counted by the month they were filed in: by current state, the
share resolved within their time limit (first resolution against the
limit in working hours), the median working hours to the first
resolution, the average rating, and the share reopened after a
resolution. Wishes: made in the month, fulfilled in the month, and the
volunteer hours of wishes confirmed in the month.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Case, Community, Grid, Wish
from bot.services.cases import STATES
from bot.services.deadlines import Rules, working_hours_between

COLUMNS = (
    "month",
    "level",
    "id",
    "name",
    "cases",
    *(f"state_{s}" for s in STATES),
    "resolved",
    "on_time_rate",
    "median_hours_to_resolve",
    "average_rating",
    "ratings",
    "reopen_rate",
    "wishes_made",
    "wishes_fulfilled",
    "volunteer_hours",
)


@dataclass
class Row:
    level: str  # grid, unrouted, community
    id: str
    name: str
    cases: int = 0
    states: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STATES})
    resolved: int = 0
    on_time: int = 0
    hours: list[float] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)
    reopened: int = 0
    wishes_made: int = 0
    wishes_fulfilled: int = 0
    volunteer_hours: float = 0.0

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.resolved if self.resolved else None

    @property
    def median_hours(self) -> float | None:
        return statistics.median(self.hours) if self.hours else None

    @property
    def average_rating(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None

    @property
    def reopen_rate(self) -> float | None:
        return self.reopened / self.resolved if self.resolved else None

    def add(self, other: Row) -> None:
        self.cases += other.cases
        for state, n in other.states.items():
            self.states[state] += n
        self.resolved += other.resolved
        self.on_time += other.on_time
        self.hours += other.hours
        self.ratings += other.ratings
        self.reopened += other.reopened
        self.wishes_made += other.wishes_made
        self.wishes_fulfilled += other.wishes_fulfilled
        self.volunteer_hours += other.volunteer_hours

    def as_csv(self, month: str) -> list[str]:
        def fmt(value: float | None, digits: int = 2) -> str:
            return "" if value is None else f"{value:.{digits}f}"

        return [
            month,
            self.level,
            self.id,
            self.name,
            str(self.cases),
            *(str(self.states[s]) for s in STATES),
            str(self.resolved),
            fmt(self.on_time_rate, 3),
            fmt(self.median_hours),
            fmt(self.average_rating),
            str(len(self.ratings)),
            fmt(self.reopen_rate, 3),
            str(self.wishes_made),
            str(self.wishes_fulfilled),
            f"{self.volunteer_hours:g}",
        ]


def month_bounds(month: str, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) of a YYYY-MM month on the community's wall clock."""
    try:
        year, number = (int(part) for part in month.split("-"))
        start = datetime(year, number, 1, tzinfo=ZoneInfo(timezone))
    except ValueError:
        raise ValueError(f"month must be YYYY-MM, not {month!r}") from None
    end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=ZoneInfo(timezone))
    return start, end


def _within(when: datetime | None, start: datetime, end: datetime) -> bool:
    return when is not None and start <= when < end


async def month_report(
    uow: UnitOfWork, month: str, rules: Rules, *, communities: set[str] | None = None
) -> list[Row]:
    """Rows per grid (and unrouted) followed by the community's total, for each community."""
    start, end = month_bounds(month, rules.calendar.timezone)
    all_communities = list((await uow.session.exec(select(Community).order_by(col(Community.id)))).all())
    grids = list((await uow.session.exec(select(Grid).order_by(col(Grid.id)))).all())
    by_grid: dict[tuple[str, str | None], Row] = {}
    for grid in grids:
        by_grid[(grid.community_id, grid.id)] = Row("grid", grid.id, grid.name)

    def row_for(community_id: str | None, grid_id: str | None) -> Row | None:
        if community_id is None:
            return None
        key = (community_id, grid_id)
        if key not in by_grid:
            by_grid[key] = Row("unrouted", f"{community_id}:unrouted", "未分网格")
        return by_grid[key]

    filed = select(Case).where(Case.created_at >= start, Case.created_at < end)
    for case in (await uow.session.exec(filed)).all():
        row = row_for(case.community_id, case.grid_id)
        if row is None:
            continue
        row.cases += 1
        row.states[case.state] = row.states.get(case.state, 0) + 1
        if case.first_resolved_at is not None:
            row.resolved += 1
            limit = rules.due(case.category, case.urgent, case.created_at)
            row.on_time += case.first_resolved_at <= limit
            row.hours.append(working_hours_between(case.created_at, case.first_resolved_at, rules.calendar))
            row.reopened += case.reopen_count > 0
        if case.rating is not None:
            row.ratings.append(case.rating)
    wishes = select(Wish).where(
        ((Wish.created_at >= start) & (Wish.created_at < end))
        | ((col(Wish.fulfilled_at) >= start) & (col(Wish.fulfilled_at) < end))
        | ((col(Wish.confirmed_at) >= start) & (col(Wish.confirmed_at) < end))
    )
    for wish in (await uow.session.exec(wishes)).all():
        row = row_for(wish.community_id, wish.grid_id)
        if row is None:
            continue
        row.wishes_made += _within(wish.created_at, start, end)
        row.wishes_fulfilled += _within(wish.fulfilled_at, start, end)
        if _within(wish.confirmed_at, start, end):
            row.volunteer_hours += wish.hours or 0
    result: list[Row] = []
    for community in all_communities:
        if communities is not None and community.id not in communities:
            continue
        total = Row("community", community.id, community.name)
        parts = [row for (cid, _gid), row in by_grid.items() if cid == community.id]
        parts.sort(key=lambda r: (r.level == "unrouted", r.id))
        for part in parts:
            total.add(part)
        result += [*parts, total]
    return result


def to_csv(rows: list[Row], month: str) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row.as_csv(month))
    return buffer.getvalue()
