"""Filing a case begins here: 反映问题 (or a problem described) opens the form, with what was said kept.

The form's steps are in form_steps (the dialog), form_category, form_where,
form_photo_step and similar_offer; form_asks holds its questions and
submitting its end.
"""

from __future__ import annotations

import re
from typing import Any

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import cases, support
from handlers.common import back_button
from handlers.handover import human_button
from handlers.profile_form import ask_profile
from knowledge.intents import asks_progress, chases, describes_problem
from knowledge.normalize import normalize

from handlers.cases import form_steps  # noqa: F401 - importing registers the form's dialog on the router
from handlers.cases.basics import DIALOG, router
from handlers.cases.form_category import category_or_ask
from handlers.cases.form_photos import take_held_photos
from handlers.cases.form_words import only_asks_to_report
from handlers.cases.mine import my_cases


# ---------------------------------------------------------------- filing a case

@router.opens_form(DIALOG)  # 反映问题 again inside the complaint: it is open (handlers.drafts.already_open)
@router.command("report", keywords=("反映问题", "我要反映", "投诉", "诉求", "报事", "我要投诉", "report", "report a problem", "complain", "i want to complain"))
@router.button("report")
@router.intent("complaint")
async def start(ctx: Context) -> HandlerResult:
    said = normalize(ctx.text) if ctx.understanding is not None else ""
    if said and asks_progress(said):
        if await cases.cases_of(ctx.uow, ctx.person):
            return await my_cases(ctx)  # 上次反映的楼道灯修好了没有: its progress, not a second report
        if chases(said) and not describes_problem(said):
            return await _nothing_to_chase(ctx)  # 上次说的事怎么样了, with no case here: not a report of that
    told = ctx.app.understander.referrals.get(ctx.understanding.elsewhere or "") if ctx.understanding is not None else None
    if told is not None:  # 电梯卡在三楼不动了: 119 / 96333 first, in case someone is inside (knowledge/told_first.py)
        ctx.notes.append(ctx.t("elsewhere.urgent_first", name=told.name, where=told.where))
    prefill = ctx.text if ctx.understanding is not None else ctx.args
    answers = ""
    if ctx.understanding is not None and prefill:  # 楼道灯坏了好几天了，还有低保怎么办: the question answered too
        prefill, answers = _questions_said_with_it(ctx, prefill)
    if only_asks_to_report(prefill):
        prefill = ""  # 我要反映问题 says what they want to do, not what happened: ask for that
        ctx.own_words = False  # nothing of theirs is in the form yet: left now, it is not kept as a draft
    data: dict[str, Any] = {"description": prefill.strip()[: cases.MAX_DESCRIPTION]} if prefill.strip() else {}
    await take_held_photos(ctx, data)  # sent just before, with no form open: this complaint's
    # The problem typed at the name or phone question (门口老有车乱停 for 怎么称呼您) is kept as the description.
    # Photos sent at those questions are held for it (photos=True), and taken when it resumes.
    then = {"dialog": DIALOG, "step": "category", "data": data, "words": "description", "words_max": cases.MAX_DESCRIPTION,
            "photos": True}
    asked = await ask_profile(ctx, ("name", "phone"), then=then)
    if asked is None:
        ctx.dialog.enter(DIALOG, "category", **data)
        asked = await category_or_ask(ctx)
    return _after(ctx, answers, asked)


def _questions_said_with_it(ctx: Context, text: str) -> tuple[str, str]:
    """The complaint's own words, and the answers to service questions said with it (not the grid's to read)."""
    from handlers.guide_answers import answer_text  # the guide builds on the cases: imported late

    beside = ctx.app.understander.questions_beside(text)
    if not beside:
        return text, ""
    rest = text
    for question in beside:
        rest = rest.replace(question.words, "")
    rest = re.sub(r"^[\s，,。？?！!、；;]+|[\s，,。？?！!、；;]+$", "", re.sub(r"(还有|另外|顺便问一?下?)[\s，,。？?！!、；;]*$", "", rest.strip()))
    return rest, "\n\n".join(answer_text(ctx, question.reading) for question in beside)


def _after(ctx: Context, answers: str, reply: HandlerResult) -> HandlerResult:
    """The answers to questions said with the complaint first, then the form's first question.

    The form's reply comes last, with what it notes (收到，我帮您登记成诉求…):
    its choices are the ones a typed number answers.
    """
    if not answers or not isinstance(reply, Reply):
        return reply
    form = Reply("\n".join([*ctx.notes, reply.text]), reply.buttons, reply.document)
    ctx.notes.clear()
    return [Reply(answers), form]


async def _nothing_to_chase(ctx: Context) -> Reply:
    """一直没人管 from someone with no case here: their 转人工 if one is open, else how to go on."""
    followed = await support.follow_up(ctx.uow, ctx.person, ctx.text)
    if followed is not None:
        return Reply(ctx.t("handover.follow_up_sent", id=followed.id), rows(back_button(ctx)))
    return Reply(
        ctx.t("cases.none_to_chase"),
        rows(Button(ctx.t("cases.menu_entry"), "report"), human_button(ctx), back_button(ctx), per_row=2),
    )
