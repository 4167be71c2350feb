"""The complaint form's questions, and the words that answer none of them (嗯, 返回, 不办了).

Each step asks again in the same words when what came is not its answer,
so the questions live in one place for every step that falls back to them.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services.deadlines import CATEGORIES
from handlers.common import goes_back, main_menu
from knowledge import intents
from knowledge.normalize import normalize

from handlers.cases.form_words import GOING_BACK_TO_IT, MOVING_ON, NEVER_MIND


def ask_category(ctx: Context, kept: str = "") -> Reply:
    buttons = [Button(ctx.t(f"cases.categories.{c}"), f"cs:cat:{c}") for c in CATEGORIES]
    key = "cases.ask_category_with_text" if ctx.dialog.data.get("description") else "cases.ask_category"
    return Reply((kept + "\n" if kept else "") + ctx.t(key), rows(*buttons, per_row=2))


def ask_where(ctx: Context) -> Reply:
    return Reply(ctx.t("cases.ask_where"), rows(Button(ctx.t("cases.where_home"), "cs:where:home"), *_recategorise(ctx)))


def ask_photo(ctx: Context) -> Reply:
    return Reply(ctx.t("cases.ask_photo"), rows(Button(ctx.t("cases.skip"), "cs:skip"), *_recategorise(ctx)))


def _recategorise(ctx: Context) -> list[Button]:
    """改类别, under the questions that follow a category the bot took from the description."""
    return [Button(ctx.t("cases.change_category"), "cs:recat")] if ctx.dialog.data.get("guessed") else []


def ask(ctx: Context, step: str) -> Reply:
    """The question of `step`, asked again."""
    if step == "category":
        return ask_category(ctx)
    if step == "description":
        return Reply(ctx.t("cases.ask_description"))
    return ask_where(ctx) if step == "where" else ask_photo(ctx)


def not_an_answer(ctx: Context, step: str) -> HandlerResult | None:
    """嗯, ？？？, 返回, 不办了, 继续, 刚才那个继续 typed at a step: what they mean, never kept as the answer (a case 地点：返回 was filed)."""
    norm = normalize(ctx.text)
    if NEVER_MIND.fullmatch(norm):
        return not_filed(ctx)
    if goes_back(ctx.text):
        back = {"description": "category", "where": "description", "photo": "where"}[step]
        ctx.dialog.goto(back)
        return ask(ctx, back)
    if GOING_BACK_TO_IT.fullmatch(norm):  # 刚才那个继续: on with the form, here; its question again
        asked = ask(ctx, step)
        return Reply(ctx.t("cases.going_on") + "\n" + asked.text, asked.buttons)
    if not norm or intents.thanks(norm) or MOVING_ON.fullmatch(norm):
        asked = ask(ctx, step)
        return Reply(ctx.t("cases.not_an_answer") + "\n" + asked.text, asked.buttons)
    return None


def not_filed(ctx: Context) -> Reply:
    """不办了, 不用了: the form ends, and the resident is told nothing was filed."""
    ctx.dialog.leave()
    return main_menu(ctx, ctx.t("cases.not_filed"))
