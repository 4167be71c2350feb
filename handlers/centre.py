"""About the centre itself: when it is open (today first), where it is, its phone.

Residents ask 你们几点上班, 周末开门吗 or 社区电话多少 as often as about any
one service. The hours come from the opening plan the bookings use (so
holidays and make-up days are the same), the address and phone from the
community's record.
"""

from __future__ import annotations

from datetime import date

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.services import opening, org
from bot.services.opening import WEEKDAYS, OpeningPlan
from handlers.common import back_button
from handlers.handover import human_button

router = Router("centre")


@router.intent("centre")
async def about_the_centre(ctx: Context) -> HandlerResult:
    plan = opening.plan_for(ctx.app.settings)
    community = await org.community_of(ctx.uow, ctx.person)
    lines = [
        ctx.t("centre.title", name=community.name if community else ctx.t("centre.the_centre")),
        _today(ctx, plan, opening.local_today(ctx.now, ctx.app.settings.timezone)),
        ctx.t("centre.week", hours=_week(ctx, plan)),
    ]
    if community is not None and community.address:
        lines.append(ctx.t("centre.address", address=community.address))
    if community is not None and community.phone:
        lines.append(ctx.t("centre.phone", phone=community.phone))
    lines.append(ctx.t("centre.more"))
    buttons = (Button(ctx.t("menu.guide"), "guide"), human_button(ctx), back_button(ctx))
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


def _today(ctx: Context, plan: OpeningPlan, today: date) -> str:
    info = opening.day_info(plan, today)
    if info.holiday:
        return ctx.t("centre.today_holiday", holiday=info.holiday)
    if not info.open:
        return ctx.t("centre.today_closed")
    hours = _periods(ctx, info.periods)
    return ctx.t("centre.today_make_up", name=info.make_up, hours=hours) if info.make_up else ctx.t("centre.today_open", hours=hours)


def _week(ctx: Context, plan: OpeningPlan) -> str:
    """Weekdays with the same hours together: 周一、周三、周五 8:30-12:00、14:30-17:30；周日 休息."""
    names = dict(zip(WEEKDAYS, ctx.t("booking.weekdays").split(","), strict=True))
    groups: dict[str, list[str]] = {}
    for weekday in WEEKDAYS:
        periods = opening.weekday_periods(plan, weekday)
        groups.setdefault(_periods(ctx, periods) if periods else ctx.t("centre.closed"), []).append(names[weekday])
    return ctx.t("centre.separator").join(f"{'、'.join(days)} {hours}" for hours, days in groups.items())


def _periods(ctx: Context, periods: tuple[opening.Period, ...]) -> str:
    return "、".join(
        f"{p.start:%H:%M}-{p.end:%H:%M}" + (ctx.t("centre.extended") if p.extended else "") for p in periods
    )
