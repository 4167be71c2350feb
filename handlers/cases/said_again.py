"""反映问题 楼道灯坏了 (the command with words) typed inside an open complaint form.

It put the open form aside and began a second complaint. The words are the
open form's description when it has none yet; when it has one, the
resident is asked which they mean: 1 接着填刚才的 (its first words shown) or
2 反映新问题 (the open one put aside for 继续, a new one begun with the words).
The bare 反映问题 inside the form is handlers.drafts.already_open.
"""

from __future__ import annotations

from typing import Any

from bot.core.context import Context
from bot.core.forms import bare_question, form_name
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import cases, conversation

from handlers.cases.basics import DIALOG, router
from handlers.cases.form_asks import ask
from handlers.cases.form_category import after_category, category_or_ask

SAID_PAYLOAD = "cs:said:"  # cs:said:go, cs:said:new: the answers to which one
_SHOWN_CHARS = 16
_ASKED = ("category", "description", "where", "photo")  # the steps form_asks.ask asks


@router.intent(f"form_open_said.{DIALOG}")
async def said_in_the_form(ctx: Context) -> HandlerResult:
    """反映问题 with words, the complaint form open: its description if it has none, else which one is meant."""
    words = ctx.args.strip()[: cases.MAX_DESCRIPTION]
    ctx.args = ""
    ctx.own_words = True
    if not ctx.dialog.data.get("description"):  # 反映问题 at 哪一类问题, then 反映问题 楼道灯坏了: what happened
        ctx.text = words
        result = await ctx.app.routes.dialogs[DIALOG](ctx)
        return result if result is not None else await _described(ctx, words)
    prompt = ctx.form_prompt or await conversation.last_prompt(ctx.uow, ctx.person, ctx.turn_id or 0)
    ctx.dialog.goto(ctx.dialog.step or "category", said_new=words, prompt_before=prompt)
    kept = _shown(ctx.dialog.data["description"])
    return Reply(
        ctx.t("cases.said_again", kept=kept, new=_shown(words)),
        rows(Button(ctx.t("common.draft_go_on_said", words=kept), f"{SAID_PAYLOAD}go"), Button(ctx.t("common.form_new.case"), f"{SAID_PAYLOAD}new")),
    )


async def said_choice(ctx: Context, payload: str) -> HandlerResult:
    """接着填刚才的: the open form's question again; 反映新问题: it waits for 继续, and the new words begin a new one."""
    data = ctx.dialog.data
    words, prompt = data.get("said_new") or "", data.get("prompt_before")
    ctx.dialog.goto(ctx.dialog.step or "category", said_new=None, prompt_before=None)
    if payload != f"{SAID_PAYLOAD}new" or not words:
        lead = ctx.t("cases.going_on")
        if words and _added(ctx, words):  # the words said with 反映问题 belong to this one: kept with it, not dropped
            lead = ctx.t("cases.said_added", text=words[:60]) + "\n" + lead
        asked = _the_question(ctx, prompt)
        return Reply(lead + "\n" + asked.text, asked.buttons, asked.document)
    ctx.dialog.mark_written()
    ctx.notes.append(ctx.t("common.form_put_aside", form=form_name(ctx.texts, DIALOG, data)))
    ctx.dialog.put_aside(prompt)
    opener = ctx.app.routes.opener(DIALOG)
    ctx.payload, ctx.text, ctx.args, ctx.understanding, ctx.own_words = None, "", words, None, True
    return await opener(ctx) if opener is not None else None


def _added(ctx: Context, words: str) -> bool:
    """The words joined to the open form's description, unless it says them already or would grow too long."""
    said = ctx.dialog.data.get("description") or ""
    joined = f"{said}，{words}"
    if words in said or len(joined) > cases.MAX_DESCRIPTION:
        return False
    ctx.dialog.goto(ctx.dialog.step or "category", description=joined)
    return True


async def _described(ctx: Context, words: str) -> HandlerResult:
    """Words the step would not take (a question, 反映问题 低保补贴没发): said after 反映问题, they are what happened.

    As 反映问题 with words said away from any form, which begins a complaint with them.
    """
    if ctx.dialog.data.get("category"):
        ctx.dialog.goto("description", description=words)
        return await after_category(ctx)
    ctx.dialog.goto("category", description=words)
    return await category_or_ask(ctx)


def _the_question(ctx: Context, prompt: dict[str, Any] | None) -> Reply:
    """The open step's question alone; the prompt as last sent for the steps form_asks does not ask (the offer)."""
    step = ctx.dialog.step or "category"
    if step in _ASKED or not prompt:
        return ask(ctx, step if step in _ASKED else "category")
    return bare_question(ctx, prompt)


def _shown(words: str) -> str:
    return words if len(words) <= _SHOWN_CHARS else words[: _SHOWN_CHARS - 1] + "…"
