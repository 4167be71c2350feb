"""Binding a role with a one-time code from `resident-bot invite`."""

from __future__ import annotations

import re
import unicodedata

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.models import Invite
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


async def _answers_for_community(ctx: Context) -> bool:
    from bot.models import Role

    return await roles.has_role(ctx.uow, ctx.person, Role.staff)


@router.command(
    "invitehow", keywords=("生成绑定码", "发绑定码", "邀请网格员", "邀请志愿者", "邀请工作人员", "怎么邀请", "怎么生成绑定码"), only_for=_answers_for_community
)
async def how_to_invite(ctx: Context) -> HandlerResult:
    """邀请网格员 from staff or an admin: how codes are made (read as 转人工, their own question was pushed back to them)."""
    return Reply(ctx.t("roles.how_to_invite"), rows(back_button(ctx)))


# The code pasted alone from the group chat where it was handed out (F323TUSB, f323 tusb), or said
# with its name (我的绑定码是F323TUSB, 邀请码：F323TUSB): bound as 绑定 F323TUSB would be.
_NAMED = re.compile(r"(?:我的|这是)?(?:绑定码|邀请码|验证码|激活码)(?:是|为)?[:：\s]*([A-Za-z0-9 ]{8,12})")
_ALONE = re.compile(r"[A-Za-z0-9]{4}\s?[A-Za-z0-9]{4}")


@router.words_anywhere
async def code_alone(ctx: Context) -> HandlerResult:
    """A binding code without 绑定: a code named as one is bound (or refused); one alone only if it exists.

    Pasted alone it was 没看懂, and 我的绑定码是… went to the log of
    unanswered questions: the new staff member was stuck at the first step.
    Eight letters alone that are no issued code are left to be read as
    anything else (never 绑定码不对 to a resident's word).
    """
    text = unicodedata.normalize("NFKC", ctx.text or "").strip().rstrip("。.!！")
    named = _NAMED.fullmatch(text)
    if named is not None:
        return await bind_with_code(ctx, named.group(1))
    if _ALONE.fullmatch(text) is None:
        return None
    code = roles.normalise_code(text)
    if len(code) != roles.CODE_LENGTH or await ctx.uow.session.get(Invite, code) is None:
        return None
    return await bind_with_code(ctx, code)
