"""A form put aside: taken up again with 继续, or discarded.

A form left longer than RESIDENT_BOT_FORM_TIMEOUT_HOURS is not dropped: the
dispatcher keeps it as the person's draft (bot.services.conversation.park)
and tells them. Here they carry on with it — the same question, the same
choices — or throw it away.
"""

from __future__ import annotations

import re

from bot.core import validation
from bot.core.context import Context
from bot.core.forms import asked_again, bare_question, form_name, form_of, question_of
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.services import conversation
from handlers.common import as_understood, main_menu

router = Router("drafts")
router.accepts_yes("draft:go")  # "好的" under "已经为您保存…" takes it up again


@router.keyword("不要了", "不填了", "不用了", "删掉吧", "不要这个了", "那个不要了", yielding=True)
async def drop_in_words(ctx: Context) -> HandlerResult:
    """不要了 after a form was put aside (…已经为您保存，想接着填就发送“继续”): the draft goes, as 不要了 pressed.

    Without a draft the words are read as any other message; inside a form
    they are the form's (yielding): its own never-mind.
    """
    if ctx.dialog.draft is None:
        return await as_understood(ctx)
    ctx.payload = "draft:drop"
    return await draft(ctx)


# 刚才那个继续, 接着刚才的, 继续刚才那个吧, 接着填刚才的表: 继续 said of the form kept, pointing back at it.
# Both a word going on and a word pointing back: 刚才那个问题我还想问 points back, and goes on with no form.
_BEFORE = r"(?:刚才|刚刚|之前|前面|上面|原来)(?:的|那个|那份|那张|填的|没填完的)?(?:表|事|问题)?"
_GO_ON = r"(?:继续|接着)(?:填写?|写|弄|来|办)?"
_POINTING_BACK = re.compile(
    rf"(?:我|那|那就|还是|就)?(?:要|想)?(?:{_BEFORE}{_GO_ON}|{_GO_ON}{_BEFORE}(?:填写?|写|弄|来)?)(?:吧|啊|呀|哈|了|呢)*"
)


@router.words_anywhere
async def resume_in_words(ctx: Context) -> HandlerResult:
    """继续 in the words of someone back from an aside (刚才那个继续): the form kept is taken up; None without one."""
    if ctx.dialog.draft is None or _POINTING_BACK.fullmatch(validation.keyword_form(ctx.text)) is None:
        return None
    return await draft(ctx)


@router.command("resume", keywords=("继续", "继续填写", "接着填", "接着填写", "continue"))
@router.button("draft")
async def draft(ctx: Context) -> HandlerResult:
    saved = ctx.dialog.draft
    if saved is None:
        return main_menu(ctx, ctx.t("common.no_draft"))
    form = form_name(ctx.texts, saved["dialog"], saved.get("data"))
    if ctx.payload == "draft:new":  # 反映新问题 over the one kept (kept_or_new): begun afresh, the kept one still waits
        return await _begin_another(ctx, saved)
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
    question = question_of(prompt)  # where the form stands, not what was said once on the way there
    return Reply(lead + "\n" + question.text, question.buttons, question.document, lead=lead.count("\n") + 1)


@router.intent("form_open")
async def already_open(ctx: Context) -> HandlerResult:
    """反映问题 said or pressed in the middle of a complaint: it is open, with its question; nothing is begun twice.

    Beginning a second one put the first aside, and a resident who only
    wanted to be sure it was still there had two forms, one of them a draft.
    """
    form = form_name(ctx.texts, ctx.dialog.name or "", ctx.dialog.data)
    note = ctx.t("common.form_open", form=form)
    prompt = ctx.form_prompt or await conversation.last_prompt(ctx.uow, ctx.person, ctx.turn_id or 0)
    if not prompt:
        return Reply(note + "\n" + ctx.t("common.draft_resumed_no_question"), lead=note.count("\n") + 1)
    question = bare_question(ctx, prompt)
    return Reply(note + "\n" + question.text, question.buttons, question.document, lead=note.count("\n") + 1)


@router.command("anew", keywords=("重新填", "重新填写", "重填", "从头填", "从头再填", "重新开始填", "start over"))
@router.about_the_form
async def anew(ctx: Context) -> HandlerResult:
    """重新填 in an open form: begun again from its first question, what was written in it dropped.

    Said only when they say so: 反映问题 inside the form keeps it (already_open).
    A form no command opens again (a booking's) asks its question again.
    """
    if not ctx.dialog.active:
        return main_menu(ctx, ctx.t("common.no_form_open"))
    opened = form_of(ctx.dialog.name or "", ctx.dialog.data)
    opener = ctx.app.routes.opener(opened)
    if opener is None:
        return asked_again(ctx, ctx.form_prompt or await conversation.last_prompt(ctx.uow, ctx.person, ctx.turn_id or 0))
    ctx.notes.append(ctx.t("common.form_anew", form=form_name(ctx.texts, ctx.dialog.name or "", ctx.dialog.data)))
    ctx.dialog.leave()
    ctx.text, ctx.args, ctx.own_words = "", "", False
    return await opener(ctx)


@router.intent("form_kept")
async def kept_or_new(ctx: Context) -> HandlerResult:
    """反映问题 with a complaint put aside and no form open: the one kept (its first words shown), or a new one.

    It began a new complaint, and the resident who meant the one half
    written was never told it was there. Typing the new problem instead of
    a number still begins a new one (any words are read as usual).
    """
    saved = ctx.dialog.draft or {}
    dialog = saved.get("dialog") or ""
    form = form_name(ctx.texts, dialog, saved.get("data"))
    words = _first_words(saved)
    go_on = ctx.t("common.draft_go_on_said", words=words) if words else ctx.t("common.draft_go_on")
    new_key = f"common.form_new.{form_of(dialog, saved.get('data'))}"
    new = ctx.t(new_key) if ctx.texts.has(new_key) else ctx.t("common.form_new.other", form=form)
    return Reply(ctx.t("common.form_kept_or_new", form=form), rows(Button(go_on, "draft:go"), Button(new, "draft:new")))


async def _begin_another(ctx: Context, saved: dict[str, object]) -> HandlerResult:
    """A new form of the kind kept, begun by its opener as if from the menu; the draft stays for 继续."""
    data = saved.get("data") if isinstance(saved.get("data"), dict) else None
    opener = ctx.app.routes.opener(form_of(str(saved.get("dialog") or ""), data))
    if opener is None:
        return main_menu(ctx, ctx.t("common.no_form_open"))
    ctx.payload, ctx.text, ctx.args, ctx.own_words = None, "", "", False
    return await opener(ctx)


# Where a form keeps the person's words: the complaint's description, the wish.
_WORDS = ("description", "what")


def _first_words(saved: dict[str, object]) -> str:
    """The first words written in the form kept (楼道里堆满纸箱子…), to know it by; "" if none."""
    data = saved.get("data") if isinstance(saved.get("data"), dict) else {}
    then = data.get("then")
    if isinstance(then, dict):  # the profile asked on the way in: the words are kept for the form behind it
        data = then.get("data") if isinstance(then.get("data"), dict) else {}
    said = next((data[key] for key in _WORDS if isinstance(data.get(key), str) and data[key].strip()), "")
    return said if len(said) <= 16 else said[:15] + "…"
