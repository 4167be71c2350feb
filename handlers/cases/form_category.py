"""The complaint form's category: taken from the description when it plainly is one, chosen, named or passed."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.numerals import arabic
from bot.core.router import HandlerResult
from bot.services import cases
from bot.services.deadlines import CATEGORIES
from handlers.asides import bare_number
from knowledge import intents
from knowledge.intents import PROBLEM
from knowledge.normalize import normalize
from knowledge.understanding import Intent

from handlers.cases.categories import described_category, named_category
from handlers.cases.form_asks import ask_category, ask_photo, not_filed
from handlers.cases.form_photos import photo_count_said
from handlers.cases.form_where import to_where
from handlers.cases.form_words import GOES_ON, MOVING_ON, NEVER_MIND, NO_CATEGORY, PHOTO_SENT
from handlers.cases.places import only_a_place


async def category_or_ask(ctx: Context) -> HandlerResult:
    """The category the description plainly is, said and taken (改类别 changes it); else the question."""
    named = ctx.dialog.data.get("category_said")  # named at the name or phone question first (handlers/profile.py)
    if named in CATEGORIES:
        ctx.dialog.goto(ctx.dialog.step or "category", category_said=None)
        return await category_chosen(ctx, named)
    category = described_category(ctx.dialog.data.get("description") or "")
    if category is None:
        return ask_category(ctx)
    ctx.dialog.goto("description", category=category, guessed=True)
    ctx.notes.append(ctx.t("cases.category_taken", category=ctx.t(f"cases.categories.{category}")))
    return await after_category(ctx)


async def category_chosen(ctx: Context, category: str) -> HandlerResult:
    back_to = ctx.dialog.data.get("back_to")
    ctx.dialog.goto("description", category=category, back_to=None)
    if back_to == "photo":  # changed after the place was given: the photo is still to come
        ctx.dialog.goto("photo")
        return ask_photo(ctx)
    return await after_category(ctx)


async def after_category(ctx: Context) -> HandlerResult:
    """The category is known: ask what happened, unless the resident has already said it."""
    if not ctx.dialog.data.get("description"):
        return Reply(ctx.t("cases.ask_description"))
    return await to_where(ctx)


async def words_for_category(ctx: Context) -> HandlerResult:
    """Words typed where a category button was expected: never dropped.

    A category named in words is taken; a place (南苑2号楼301, 在我家) is
    kept for the place step; the problem itself is kept as the description.
    Anything else (a question about another matter) leaves the form, which
    the dispatcher keeps as a draft if it holds the resident's words.
    """
    text = ctx.text
    norm = normalize(text)
    if GOES_ON.fullmatch(norm) or NO_CATEGORY.fullmatch(norm):
        return await _category_passed(ctx)
    if PHOTO_SENT.fullmatch(norm):  # 刚才发了照片了: about the photo, not what happened
        return ask_category(ctx, kept=photo_count_said(ctx))
    if MOVING_ON.fullmatch(norm) or intents.thanks(norm):  # 好了, 好的, 谢谢 with nothing chosen: the question stands
        asked = ask_category(ctx)
        return Reply(ctx.t("cases.not_an_answer") + "\n" + asked.text, asked.buttons)
    if bare_number(text):  # 301, 12: a door number or no choice on the list, never what happened
        return _number_at_category(ctx, text)
    if not ctx.dialog.data.get("typed_place") and await only_a_place(ctx.uow, ctx.person.community_id, text):  # 北苑东边停车场: where, not 停车
        ctx.dialog.goto("category", typed_place=text[:200])
        return ask_category(ctx, kept=ctx.t("cases.kept_place", place=text[:200]))
    named = named_category(text)
    if named is not None:
        ctx.dialog.goto("description", category=named)
        if PROBLEM.search(norm) and not ctx.dialog.data.get("description"):
            ctx.dialog.goto("description", description=text)  # 路灯杆歪了 names 路灯 and says what happened: both kept
        return await after_category(ctx)
    if NEVER_MIND.fullmatch(norm):
        return not_filed(ctx)
    if ctx.app.understander.understand(text).intent not in (Intent.complaint, Intent.unknown):
        return None
    said = ctx.dialog.data.get("description")
    description = f"{said}，{text}" if said else text
    if len(description) > cases.MAX_DESCRIPTION:
        return Reply(ctx.t("cases.description_too_long", limit=cases.MAX_DESCRIPTION))
    ctx.dialog.goto("category", description=description)
    return await category_or_ask(ctx)


_DOOR_DIGITS = 3  # 301, 1201: a door; 9, 12 are a choice not on the list


def _number_at_category(ctx: Context, text: str) -> Reply:
    """A number alone at the category question: asked again, never kept as what happened.

    301 typed there was kept as the description (内容：301，楼道灯坏了好几天)
    and shown so to a neighbour offered the case as a similar one. A door
    number alone says no building, so it is not taken as the place either:
    the resident is told to give it with the building when asked where.
    """
    digits = re.sub(r"\D", "", arabic(text))
    key = "cases.door_at_category" if len(digits) >= _DOOR_DIGITS else "cases.not_an_answer"
    asked = ask_category(ctx)
    return Reply(ctx.t(key, number=text.strip()[:10]) + "\n" + asked.text, asked.buttons)


async def _category_passed(ctx: Context) -> HandlerResult:
    """跳过 (不知道, 随便) at the category question: the bot takes it from what happened, and says which.

    With the description still to come, it is asked first and the category
    read from it (其他 when none fits); with the description known and no
    category in it, 其他. Either way 改类别 is offered, as for a category
    the bot took itself. After 改类别, 跳过 keeps the category it had.
    """
    data = ctx.dialog.data
    if data.get("back_to") and data.get("category") in CATEGORIES:
        return await category_chosen(ctx, data["category"])
    if not data.get("description"):
        ctx.dialog.goto("description", category=None, guessed=True)
        return Reply(ctx.t("cases.ask_description"))
    ctx.dialog.goto("category", guessed=True)
    ctx.notes.append(ctx.t("cases.category_taken", category=ctx.t("cases.categories.other")))
    return await category_chosen(ctx, "other")
