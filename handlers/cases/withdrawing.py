"""不用修了已经好了, 撤回诉求: the reporter withdraws a case still open, after one confirmation.

It got 答不上来, and the grid manager came to mend what was mended. The
words said are kept (as the dialog's data) and go to the handlers as the
reason; the service checks that the case is the person's and still open,
whatever button was pressed.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import is_id
from bot.models import Case
from bot.services import cases
from bot.services.cases.withdrawing import withdraw
from handlers.cases.basics import router, rules_of
from handlers.common import back_button

DIALOG = "case_withdraw"
PREFIX = "cw"  # cw:wd:N withdraws case N, cw:no keeps it
WITHDRAW = f"{PREFIX}:wd:"
router.accepts_yes(WITHDRAW)  # 好的, 是的 to 要撤回诉求 #1 吗 with one case shown: that one


@router.intent("drop_case")
async def drop_said(ctx: Context) -> HandlerResult:
    """The reporter's open cases to withdraw: one is asked about, several listed, none said so."""
    own = await cases.own_open(ctx.uow, ctx.person)
    if not own:
        return Reply(ctx.t("cases.withdraw_none"), rows(Button(ctx.t("cases.my_cases"), "cs:list"), back_button(ctx)))
    ctx.dialog.enter(DIALOG, "which", reason=ctx.text.strip()[:500])
    ctx.own_words = False  # a question about their case, not a form to keep as a draft
    keep = Button(ctx.t("cases.withdraw_keep"), f"{PREFIX}:no")
    if len(own) == 1:
        case = own[0]
        text = ctx.t("cases.withdraw_ask", id=case.id, what=_what(ctx, case))
        return Reply(text, rows(Button(ctx.t("cases.withdraw_button", id=case.id), f"{WITHDRAW}{case.id}"), keep, per_row=2))
    lines = [ctx.t("cases.withdraw_which")] + [f"#{c.id} {_what(ctx, c)}" for c in own[:8]]
    buttons = [Button(ctx.t("cases.withdraw_button", id=c.id), f"{WITHDRAW}{c.id}") for c in own[:8]]
    return Reply("\n".join(lines), rows(*buttons, keep, per_row=2))


@router.button(PREFIX)
async def withdraw_pressed(ctx: Context) -> HandlerResult:
    """cw:wd:N withdraws case N (the service checks it is theirs and open: a forged N is refused); cw:no keeps it."""
    payload = ctx.payload or ""
    chosen = payload[len(WITHDRAW):] if payload.startswith(WITHDRAW) else ""
    reason = None
    if ctx.dialog.name == DIALOG:
        reason = ctx.dialog.data.get("reason")
        ctx.dialog.leave()
    if not is_id(chosen):
        return Reply(ctx.t("cases.withdraw_kept"), rows(Button(ctx.t("cases.my_cases"), "cs:list"), back_button(ctx)))
    done = await withdraw(ctx.uow, ctx.person, int(chosen), rules_of(ctx), reason=reason or ctx.t("cases.withdraw_no_reason"))
    key = "cases.withdrawn" if done.closed else "cases.withdraw_followed"
    return Reply(ctx.t(key, id=done.case.id, n=done.followers), rows(back_button(ctx)))


@router.dialog(DIALOG)
async def withdraw_dialog(ctx: Context) -> HandlerResult:
    """Only its buttons answer it (and a yes, through accepts_yes); other words leave it, nothing withdrawn."""
    if (ctx.payload or "").startswith(f"{PREFIX}:"):
        return await withdraw_pressed(ctx)
    return None


def _what(ctx: Context, case: Case) -> str:
    return f"{ctx.t(f'cases.categories.{case.category}')} · {case.description[:20]}"
