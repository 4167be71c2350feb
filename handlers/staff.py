"""Staff views: a grid manager's `/tasks` (overdue first) and `/stats` for the community and the street."""

from __future__ import annotations

from bot.clock import local
from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.models import Community, Role
from bot.services import cases, roles, stats, wishes
from bot.services.deadlines import rules_for
from bot.services.errors import PermissionDenied
from handlers.common import back_button
from handlers.cases import describe_task
from handlers.wishes.reviewing import review_lines
from handlers.wishes.volunteers import volunteer_tasks

router = Router("staff")


@router.command("tasks", keywords=("待办", "我的任务", "待办任务", "任务"))
async def tasks(ctx: Context) -> HandlerResult:
    try:
        open_cases = await cases.tasks(ctx.uow, ctx.person)
    except PermissionDenied:  # a volunteer handles no cases: their claims and the wall
        if (claims := await volunteer_tasks(ctx)) is not None:
            return claims
        raise
    reviews = await wishes.pending_reviews(ctx.uow, ctx.person)
    if not open_cases and not reviews:
        return Reply(ctx.t("cases.no_tasks"))
    now = ctx.now
    lines: list[str] = []
    buttons: list[Button] = []
    if open_cases:
        lines.append(ctx.t("cases.tasks_title", count=len(open_cases)))
        lines += [describe_task(ctx, c, now) for c in open_cases]
        buttons += [Button(ctx.t("cases.view", id=c.id), f"case:view:{c.id}") for c in open_cases[:8]]
    if reviews:
        lines.append(ctx.t("wishes.reviews_title", count=len(reviews)))
        lines += await review_lines(ctx, reviews[:5])
        for wish in reviews[:5]:
            buttons.append(Button(ctx.t("wishes.approve_n", id=wish.id), f"wish:ok:{wish.id}"))
            buttons.append(Button(ctx.t("wishes.decline_n", id=wish.id), f"wish:no:{wish.id}"))
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


async def stats_communities(ctx: Context) -> set[str]:
    """Staff see their communities; street staff every community of their street."""
    from sqlmodel import col, select

    held = await roles.roles_of(ctx.uow, ctx.person)
    communities = {a.community_id for a in held if a.role in (Role.staff.value, Role.admin.value) and a.community_id}
    streets = {a.street_id for a in held if a.role == Role.street_staff.value and a.street_id}
    if streets:
        query = select(Community.id).where(col(Community.street_id).in_(streets))
        communities |= set((await ctx.uow.session.exec(query)).all())
    if not communities:
        raise PermissionDenied()
    return communities


@router.command("stats", keywords=("统计", "数据统计", "工作统计"))
async def show_stats(ctx: Context) -> HandlerResult:
    communities = await stats_communities(ctx)
    settings = ctx.app.settings
    month = ctx.args.strip() or local(ctx.now, settings.timezone).strftime("%Y-%m")
    try:
        report = await stats.month_report(ctx.uow, month, rules_for(settings), communities=communities)
    except ValueError:
        return Reply(ctx.t("cases.stats_usage"))
    lines = [ctx.t("cases.stats_title", month=month)]
    for row in report:
        if row.level == "grid" and not (row.cases or row.wishes_made or row.wishes_fulfilled):
            continue
        lines.append(_stats_line(ctx, row))
    return Reply("\n".join(lines), rows(back_button(ctx)))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _stats_line(ctx: Context, row: stats.Row) -> str:
    states = "、".join(
        f"{ctx.t(f'cases.states.{s}')}{n}" for s, n in row.states.items() if n
    ) or "—"
    head = ctx.t("cases.stats_community" if row.level == "community" else "cases.stats_grid", name=row.name)
    return head + ctx.t(
        "cases.stats_line",
        cases=row.cases,
        states=states,
        on_time=_pct(row.on_time_rate),
        median=_num(row.median_hours),
        rating=_num(row.average_rating),
        reopen=_pct(row.reopen_rate),
        made=row.wishes_made,
        fulfilled=row.wishes_fulfilled,
        hours=f"{row.volunteer_hours:g}",
    )
