"""Binding a role with a one-time code from `resident-bot invite`."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.services import roles
from handlers.common import back_button
from handlers.wishes.volunteers import already_volunteer

router = Router("roles")


# Staff, grid managers and volunteers announcing themselves are told how to bind.
@router.command("bind", keywords=("绑定", "綁定", "绑定码", "我是网格员", "我是网格长", "我是工作人员", "我是社区工作人员", "我是志愿者"))
async def bind(ctx: Context) -> HandlerResult:
    if not ctx.args:
        if "志愿者" in ctx.text and (known := await already_volunteer(ctx)) is not None:
            return known  # 我是志愿者 from one already bound: what they can do, not how to bind
        return Reply(ctx.t("roles.bind_usage"))
    return await bind_with_code(ctx, ctx.args)


async def bind_with_code(ctx: Context, code: str) -> HandlerResult:
    """Also reached from a deep link (`/start bind_CODE`) and a WeChat QR scene."""
    assignment = await roles.bind(ctx.uow, ctx.person, code)
    place = await roles.place_name(ctx.uow, assignment, ctx.texts)
    return Reply(
        ctx.t("roles.bound", role=ctx.t(f"roles.names.{assignment.role}"), place=place),
        rows(Button(ctx.t("menu.me"), "me"), back_button(ctx), per_row=2),
    )
