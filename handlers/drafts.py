"""A form put aside: taken up again with 继续, or discarded.

A form left longer than RESIDENT_BOT_FORM_TIMEOUT_HOURS is not dropped: the
dispatcher keeps it as the person's draft (bot.services.conversation.park)
and tells them. Here they carry on with it — the same question, the same
choices — or throw it away.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.dispatcher import form_name
from bot.core.messages import Reply
from bot.core.router import HandlerResult, Router
from handlers.common import main_menu

router = Router("drafts")
router.accepts_yes("draft:go")  # "好的" under "已经为您保存…" takes it up again


@router.command("resume", keywords=("继续", "继续填写", "接着填", "接着填写", "continue"))
@router.button("draft")
async def draft(ctx: Context) -> HandlerResult:
    saved = ctx.dialog.draft
    if saved is None:
        return main_menu(ctx, ctx.t("common.no_draft"))
    form = form_name(ctx.texts, saved["dialog"], saved.get("data"))
    if ctx.payload == "draft:drop":
        older = ctx.dialog.drop_newest_draft()
        said = ctx.t("common.draft_dropped", form=form)
        if older is not None:  # put aside before it: still kept, and they should know
            said += "\n" + ctx.t("common.draft_older_waits", form=form_name(ctx.texts, older["dialog"], older.get("data")))
        return main_menu(ctx, said)
    prompt = ctx.dialog.take_up_draft()
    lead = ctx.t("common.draft_resumed", form=form)
    if not prompt:
        return Reply(lead + "\n" + ctx.t("common.draft_resumed_no_question"))
    question = Reply.from_dict(prompt)
    return Reply(lead + "\n" + question.text, question.buttons, question.document)
