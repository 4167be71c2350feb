"""Staff views: a grid manager's `/tasks` (overdue first) and `/stats` for the community and the street, also asked in words."""

from __future__ import annotations

import re
from datetime import date

from bot.clock import local
from bot.core.context import Context
from bot.core.numerals import arabic
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.models import Community, Role
from bot.services import cases, roles, stats, wishes
from bot.services.deadlines import rules_for
from bot.services.errors import PermissionDenied
from handlers.booking.staff import visit_tasks
from handlers.common import back_button
from handlers.handover import handover_section, waiting_for_reply
from handlers.cases import describe_task
from handlers.cases.mine import my_cases
from handlers.wishes.reviewing import review_section
from handlers.wishes.volunteers import volunteer_tasks
from knowledge.normalize import normalize

router = Router("staff")


@router.command("tasks", keywords=("待办", "我的任务", "待办任务", "任务"))
@router.button("tasks")  # the morning digest's 打开待办
async def tasks(ctx: Context) -> HandlerResult:
    try:
        open_cases = await cases.tasks(ctx.uow, ctx.person)
    except PermissionDenied:  # a volunteer handles no cases: their claims and the wall
        if (claims := await volunteer_tasks(ctx)) is not None:
            return claims
        raise
    reviews = await wishes.pending_reviews(ctx.uow, ctx.person)
    visit_lines, visit_buttons = await visit_tasks(ctx)
    questions = await waiting_for_reply(ctx)
    if not open_cases and not reviews and not visit_lines and not questions:
        return Reply(ctx.t("cases.no_tasks"))
    now = ctx.now
    lines: list[str] = []
    buttons: list[Button] = []
    if open_cases:
        lines.append(ctx.t("cases.tasks_title", count=len(open_cases)))
        lines += [describe_task(ctx, c, now) for c in open_cases]
        buttons += [Button(ctx.t("cases.view", id=c.id), f"case:view:{c.id}") for c in open_cases[:8]]
    if reviews:
        review_lines, review_buttons = await review_section(ctx, reviews)
        lines += review_lines
        buttons += review_buttons
    lines += visit_lines
    buttons += visit_buttons
    if questions:  # residents waiting for a person's answer (转人工): staff's to-do as much as a case
        question_lines, question_buttons = await handover_section(ctx, questions)
        lines += question_lines
        buttons += question_buttons
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


# 今天有啥任务, 有新任务吗, 还有待办吗, 看看待办, 今天的活儿: the to-do asked in one's own words (只有 待办 / 任务 were read).
_ASKS_TASKS = re.compile(
    r"(?:今天|今日|现在|最近|这周|本周)?的?我?的?还?(?:有没有|有|看看|看下|看一下|查看|查一下|查查)?(?:啥|什么|哪些)?(?:新的?)?"
    r"(?:任务|待办|活儿|活)(?:列表)?(?:吗|么|没|没有|呢|啊|不|了吗|了没)?[?？]*"
)
_TASK_ROLES = {Role.grid_manager.value, Role.grid_leader.value, Role.staff.value, Role.admin.value, Role.street_staff.value}


@router.words_anywhere
async def tasks_asked(ctx: Context) -> HandlerResult:
    """The to-do of a grid manager or staff member asking for it in words; None for anyone else (有啥活动 is no task)."""
    if ctx.message.attachment is not None or not ctx.text or len(ctx.text) > 16:
        return None
    if not _ASKS_TASKS.fullmatch(normalize(ctx.text)):  # the cheap test first: every message passes here
        return None
    if not any(held.role in _TASK_ROLES for held in await roles.roles_of(ctx.uow, ctx.person)):
        return None
    return await tasks(ctx)


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
    """统计 (this month), 统计 2026-03, 统计 上个月."""
    said = ctx.args.strip()
    if (numbered := _NUMBERED_MONTH.fullmatch(said)) is not None:  # 2026-3, 2026.3, 2026/03: the title says 2026-03
        said = f"{numbered.group(1)}-{int(numbered.group(2)):02d}"
    return await month_stats(ctx, (month_asked(said, _today(ctx)) or said) if said else _this_month(ctx))


_NUMBERED_MONTH = re.compile(r"(\d{4})\s*[-./／]\s*(\d{1,2})")


@router.intent("stats")
async def stats_in_words(ctx: Context) -> HandlerResult:
    """这个月诉求多少件, 本月统计, 上个月的统计: the month's figures for those who may see them.

    A resident asking the same words is shown their own complaints: the
    community's figures are not theirs to see (the service says who may).
    """
    try:
        return await month_stats(ctx, month_asked(ctx.text, _today(ctx)) or _this_month(ctx))
    except PermissionDenied:
        return await my_cases(ctx)


_MONTH = re.compile(r"(上上|上)个?月|这个?月|本月|(?:(\d{4})年)?(\d{1,2})月")


def month_asked(text: str, today: date) -> str | None:
    """The YYYY-MM a message names (这个月, 本月, 上个月, 3月份, 十月, 2025年12月), or None when it names none.

    A month without a year that is still to come is last year's: figures
    are of months gone by. A month that does not exist (13月) is kept, for
    the service to refuse with the usage.
    """
    found = _MONTH.search(arabic(normalize(text)))
    if found is None:
        return None
    if found.group(3):
        number = int(found.group(3))
        year = int(found.group(2)) if found.group(2) else today.year - (number > today.month)
        return f"{year:04d}-{number:02d}"
    months = today.year * 12 + today.month - 1 - {"上上": 2, "上": 1}.get(found.group(1) or "", 0)
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def _today(ctx: Context) -> date:
    return local(ctx.now, ctx.app.settings.timezone).date()


def _this_month(ctx: Context) -> str:
    return _today(ctx).strftime("%Y-%m")


async def month_stats(ctx: Context, month: str) -> HandlerResult:
    """The month's figures of the person's communities (PermissionDenied for anyone else)."""
    communities = await stats_communities(ctx)
    settings = ctx.app.settings
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
