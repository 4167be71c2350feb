"""Leaving the open dialog for another matter: a form holding the person's words waits as a draft.

Also the question asked when words typed after a push could be for it or
for the open form: which one they answer decides whether the form is left.
"""

from __future__ import annotations

from bot.core import interruption
from bot.core.context import Context
from bot.core.forms import form_name
from bot.core.messages import Button, Reply, rows
from bot.services import conversation, push_marks


async def step_out(ctx: Context) -> None:
    """Leave the open dialog for something else; a form holding the person's own words is kept as a draft.

    Asking something in the middle of a complaint must not cost the
    complaint: it waits, with the question last asked, for 继续.
    """
    if ctx.dialog.written and ctx.dialog.name is not None and ctx.turn_id is not None:
        form = form_name(ctx.texts, ctx.dialog.name, ctx.dialog.data)
        prompt = ctx.form_prompt or await conversation.last_prompt(ctx.uow, ctx.person, ctx.turn_id)
        ctx.dialog.put_aside(prompt)
        ctx.notes.append(ctx.t("common.form_put_aside", form=form))
        return
    if push_marks.without_shown(push_marks.strip(ctx.dialog.data)):  # under way, though nothing they wrote
        own = f"common.dialog_left_{ctx.dialog.name}"  # what was left, where 刚才的操作 says too little
        ctx.notes.append(ctx.t(own if ctx.texts.has(own) else "common.dialog_left"))
    ctx.dialog.leave()


def which_answer(ctx: Context, ask: interruption.Ask) -> Reply:
    """Whether words typed after a push answer it or the open form: asked, the words kept meanwhile."""
    form = form_name(ctx.texts, ctx.dialog.name or "", ctx.dialog.data)
    words = ask.words if len(ask.words) <= 20 else ask.words[:19] + "…"
    return Reply(
        ctx.t("common.which_answer", form=form, words=words),
        rows(
            Button(ctx.t("common.which_answer_form", form=form), interruption.TO_FORM),
            Button(ctx.t("common.which_answer_push"), interruption.TO_PUSH),
        ),
    )
