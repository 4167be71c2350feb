"""About the centre itself: when it is open (the day asked, or now), where it is, its phone.

Residents ask 你们几点上班, 明天开门吗, 现在开着门没 or 社区电话多少 as often
as about any one service. The hours come from the opening plan the bookings
use (so holidays and make-up days are the same), the address and phone from
the community's record. The day asked comes first: 明天几点开门 asked on a
Thursday night must not be answered with Thursday's evening hours.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from bot.clock import local
from bot.core import when
from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.models import Community
from bot.services import opening, org
from bot.services.booking import day_text
from bot.services.opening import WEEKDAYS, OpeningPlan
from handlers.common import back_button
from handlers.elsewhere import another_office
from handlers.guide_in_view import hours_of_the_service_in_view
from handlers.handover import human_button
from knowledge.normalize import normalize

router = Router("centre")

# 现在开着门没, 这会儿有人吗, 还开着吗: whether it is open at this moment.
_NOW = re.compile(r"现在|这会|这时候|这个点|眼下|此刻|还开着|还有人")
# What was asked besides (or instead of) the hours: where it is, its phone; 几点, 开门 keep the hours first.
_WHERE_ASKED = re.compile(r"在哪|哪里|哪儿|地址|怎么走|怎么去|位置|什么地方|啥地方")
_PHONE_ASKED = re.compile(r"电话|号码|联系方式|座机|怎么联系")
# 坐几路公交能到, 怎么走, 有地方停车吗, 轮椅能进去吗: how to get there, and in; answered first, from the directions.
_WAY_ASKED = re.compile(r"怎么走|怎么去|怎么过去|怎么来|坐几路|几路车|公交|地铁|打车|停车|车位|无障碍|轮椅|坡道|电梯|厕所|卫生间")
_WHEN_ASKED = re.compile(r"几点|开门|关门|上班|下班|开着|时间|周[一二三四五六日天末]|星期|礼拜|今天|明天|后天|节")
_LOOK_AHEAD_DAYS = 14  # a closed centre says when it opens next, within this


@router.intent("centre")
async def about_the_centre(ctx: Context) -> HandlerResult:
    office = another_office(ctx)  # 卫生站周日开门吗: not the centre's hours, whatever the words around
    if office is not None:
        return office
    in_view = await hours_of_the_service_in_view(ctx)  # 老年证咋办 ⏎ 周六上班不: that desk's hours
    if in_view is not None:
        return in_view
    plan = opening.plan_for(ctx.app.settings)
    community = await org.community_of(ctx.uow, ctx.person)
    text = normalize(ctx.text)
    found: list[str] = []  # the address and phone, as asked
    if _WAY_ASKED.search(text):  # 坐几路公交能到: the way there, or honestly that it is not written down
        found.append(_the_way(ctx, community))
    if community is not None and community.address:
        found.append(ctx.t("centre.address", address=community.address))
    if community is not None and community.phone:
        found.append(ctx.t("centre.phone", phone=community.phone))
    hours = [_asked(ctx, plan), ctx.t("centre.week", hours=_week(ctx, plan))]
    if _PHONE_ASKED.search(text) and len(found) == 2:
        found.reverse()  # 社区电话多少: the phone first
    # 社区在哪, 社区电话多少: what was asked first, the hours after it (an elderly reader stops at the first lines)
    asked = _WHERE_ASKED.search(text) or _PHONE_ASKED.search(text) or _WAY_ASKED.search(text)
    asked_first = bool(found) and asked and not _WHEN_ASKED.search(text)
    body = [*found, *hours] if asked_first else [*hours, *found]
    lines = [ctx.t("centre.title", name=community.name if community else ctx.t("centre.the_centre")), *body, ctx.t("centre.more")]
    buttons = (Button(ctx.t("menu.guide"), "guide"), human_button(ctx), back_button(ctx))
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


def _the_way(ctx: Context, community: Community | None) -> str:
    """The community's directions (buses, parking, the step-free way in); without them, that they are not written down."""
    if community is not None and community.directions:
        return ctx.t("centre.directions", directions=community.directions)
    return ctx.t("centre.no_directions")


def _asked(ctx: Context, plan: OpeningPlan) -> str:
    """The line answering the question itself: right now, the day named, or today."""
    wall = local(ctx.now, ctx.app.settings.timezone)
    today = wall.date()
    named = when.find_day(ctx.text, today)
    if named is not None and named != today:
        return _on(ctx, plan, named, _day_name(ctx, named, today))
    if _NOW.search(normalize(ctx.text)):
        return _now(ctx, plan, wall)
    return _on(ctx, plan, today, ctx.t("centre.today"))


def _day_name(ctx: Context, day: date, today: date) -> str:
    """明天 11月27日（周五）: the word the resident used is easier to trust with the date beside it."""
    near = {1: ctx.t("centre.tomorrow"), 2: ctx.t("centre.day_after")}.get((day - today).days)
    return f"{near} {day_text(ctx.texts, day)}" if near else day_text(ctx.texts, day)


def _on(ctx: Context, plan: OpeningPlan, day: date, name: str) -> str:
    info = opening.day_info(plan, day)
    if info.holiday:
        return ctx.t("centre.day_holiday", day=name, holiday=info.holiday)
    if not info.open:
        return ctx.t("centre.day_closed", day=name)
    hours = _periods(ctx, info.periods)
    return ctx.t("centre.day_make_up", day=name, name=info.make_up, hours=hours) if info.make_up else ctx.t("centre.day_open", day=name, hours=hours)


def _now(ctx: Context, plan: OpeningPlan, wall: datetime) -> str:
    """Open now (until when), or when it opens next: today later, or the next open day."""
    today, at = wall.date(), wall.time()
    for period in opening.day_info(plan, today).periods:
        if period.start <= at < period.end:
            return ctx.t("centre.open_now", end=f"{_last_end(plan, today, period):%H:%M}")
        if at < period.start:
            return ctx.t("centre.opens_later_today", start=f"{period.start:%H:%M}")
    for ahead in range(1, _LOOK_AHEAD_DAYS + 1):
        day = today + timedelta(days=ahead)
        periods = opening.day_info(plan, day).periods
        if periods:
            return ctx.t("centre.opens_next", day=_day_name(ctx, day, today), start=f"{periods[0].start:%H:%M}")
    return ctx.t("centre.closed_now")


def _last_end(plan: OpeningPlan, day: date, period: opening.Period) -> time:
    """The end of the opening that `period` starts or continues: 14:30-17:30 and 17:30-20:00 are one afternoon."""
    end = period.end
    for following in opening.day_info(plan, day).periods:
        if following.start == end:
            end = following.end
    return end


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
