"""What a volunteer asks about themselves: their hours (我的志愿时长), their tasks, saying 我是志愿者 again.

A volunteer asking for their hours got the guide to registering as one,
and 待办 told them they had no right to it; one already bound who said
我是志愿者 was told how to bind. Everyone else is answered as before.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.models import Role
from bot.services import roles
from bot.services.errors import PermissionDenied
from bot.services.wishes.served import hours_served
from handlers.common import as_understood, back_button

from handlers.wishes.actions import list_wishes
from handlers.wishes.basics import router

HOURS_WORDS = ("我的志愿时长", "我的服务时长", "我的志愿服务时长", "我的志愿者时长", "查志愿时长", "查询志愿时长", "志愿时长查询")


@router.command(keywords=HOURS_WORDS, takes_args=lambda _args: False)
async def my_hours(ctx: Context) -> HandlerResult:
    """The volunteer's confirmed hours, in all and this month; from anyone else the words are read as ever (the guide)."""
    try:
        served = await hours_served(ctx.uow, ctx.person, ctx.app.settings.timezone)
    except PermissionDenied:
        return await as_understood(ctx)
    said = ctx.t("wishes.my_hours", total=f"{served.total:g}", month=f"{served.this_month:g}", count=served.wishes)
    return Reply(said, rows(Button(ctx.t("wishes.wall"), "wish:wall"), back_button(ctx), per_row=2))


async def volunteer_tasks(ctx: Context) -> Reply | None:
    """待办 from a volunteer: their claims and the wall (as 我的认领 shows); None for someone who is no volunteer."""
    if not await roles.has_role(ctx.uow, ctx.person, Role.volunteer):
        return None
    listed = await list_wishes(ctx)
    assert isinstance(listed, Reply)
    return listed


async def already_volunteer(ctx: Context) -> Reply | None:
    """我是志愿者 from one already bound: what they can do now, not how to bind; None for anyone else."""
    if not await roles.has_role(ctx.uow, ctx.person, Role.volunteer):
        return None
    return Reply(
        ctx.t("wishes.already_volunteer"),
        rows(Button(ctx.t("wishes.wall"), "wish:wall"), back_button(ctx), per_row=2),  # the wall shows their claims too
    )
