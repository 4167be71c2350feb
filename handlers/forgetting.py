"""删除我的资料: erasing what the bot keeps of a person, after one confirmation typed or pressed.

Its own dialog, so the question stays open for a typed answer (确定删除,
不删了); a plain yes is never enough to erase.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.core.validation import YES_WORDS, keyword_form
from bot.services import people, roles, wishes
from handlers.common import back_button
from knowledge.normalize import normalize

router = Router("forget")

DIALOG = "forget"


@router.command("forget", keywords=("删除我的资料", "删除资料"))
@router.button("forget")
@router.intent("forget")
async def forget(ctx: Context, note: str | None = None) -> HandlerResult:
    if ctx.payload == "forget:yes":
        await people.forget(ctx.uow, ctx.person)
        ctx.dialog.discard_draft()  # a form put aside holds what they typed, too
        return Reply(await _forgotten(ctx), rows(back_button(ctx)))
    ctx.dialog.enter(DIALOG, "confirm")  # the question stays open for a typed answer (确定删除, 不删了)
    under_way = await wishes.withdrawable(ctx.uow, ctx.person)
    also = ctx.t("profile.forget_wishes", ids="、".join(f"#{w.id}" for w in under_way)) if under_way else None
    return Reply(
        "\n".join(filter(None, [note, ctx.t("profile.forget_confirm"), also])),
        rows(Button(ctx.t("profile.forget_yes"), "forget:yes"), Button(ctx.t("common.cancel"), "menu")),
    )


async def _forgotten(ctx: Context) -> str:
    """Erased; a role they hold is named as kept (a plain resident was told of 网格员, a role they never had)."""
    held = sorted({assignment.role for assignment in await roles.roles_of(ctx.uow, ctx.person)})
    if not held:
        return ctx.t("profile.forgotten")
    names = "、".join(ctx.t(f"roles.names.{role}") for role in held)
    return ctx.t("profile.forgotten") + ctx.t("profile.forgotten_roles", roles=names)


_KEEP = re.compile(r"不|别|算了|先留着")
# A whole answer that says to erase (确定删除, 删吧, 删掉我的资料); 删了以后还能预约吗 is a question, not that.
_ERASE = re.compile(r"(确定|确认|是|对|好)?的?(要)?(删除?|删掉)(吧|了吧|掉吧|掉)?(我的)?(资料|信息|全部|吧)?")


@router.dialog(DIALOG)
async def answer(ctx: Context) -> HandlerResult:
    """A typed answer to 确定删除…吗: 确定删除 erases, 不删了 keeps, a bare 确定 is asked again.

    A plain yes never deletes anything; it is told what to reply instead of
    "I cannot answer that". Whatever else is typed leaves the question.
    """
    if ctx.payload:
        return None  # a button, this one's included: left and routed as pressed
    ctx.own_words = False  # an answer to a yes/no question: nothing to keep as a draft
    text = normalize(ctx.text)
    if _ERASE.fullmatch(text) and not _KEEP.search(text):
        ctx.dialog.leave()
        ctx.payload = "forget:yes"
        return await forget(ctx)
    if _KEEP.search(text):
        ctx.dialog.leave()
        return Reply(ctx.t("profile.kept"), rows(back_button(ctx)))
    if keyword_form(ctx.text) in YES_WORDS:
        return await forget(ctx, ctx.t("profile.forget_how"))
    return None
