"""Words typed at the complaint form's photo question: part of this problem, never dropped."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.router import HandlerResult
from bot.services import cases, org, support
from bot.services.cases.routing import building_named, estate_said
from handlers.asides import another_matter
from knowledge.normalize import normalize

from handlers.cases.form_asks import ask_photo, not_an_answer
from handlers.cases.form_photos import form_photos, not_a_photo, photo_count_said
from handlers.cases.form_where import where_step
from handlers.cases.basics import rules_of
from handlers.cases.form_words import GOES_ON, MOVING_ON, NOTHING_AT_PHOTO, PHOTO_HOW, PHOTO_LATER, PHOTO_SENT, PHOTO_YES, WHEN_HANDLED
from handlers.cases.places import estates_to_ask, in_estate, means_home, only_a_place, place_refined
from handlers.cases.submitting import before_submit


async def words_at_the_photo(ctx: Context) -> HandlerResult:
    """Words typed where a photo was asked: part of this problem, never dropped.

    A place (北苑1号楼门口, 在我家) is the place, typed again or corrected;
    other words are added to the description.
    """
    if GOES_ON.fullmatch(normalize(ctx.text)):  # 继续, 下一步, 就这些: the question's own 跳过, in words
        return await before_submit(ctx)
    norm = normalize(ctx.text)
    if NOTHING_AT_PHOTO.fullmatch(norm) and not MOVING_ON.fullmatch(norm):  # 不知道, 嗯, 啊 (not 好了): how to go on
        asked = ask_photo(ctx)
        return Reply(ctx.t("cases.photo_nothing_said"), asked.buttons)
    not_answered = not_an_answer(ctx, "photo")
    if not_answered is not None:
        return not_answered
    if PHOTO_SENT.fullmatch(normalize(ctx.text)):  # 刚才发了照片了: about the photo, not the problem
        return await _photo_said_sent(ctx)
    if support.shares_link(ctx.text):  # a forwarded article is neither a photo nor what happened
        return not_a_photo(ctx, "link")
    if PHOTO_YES.fullmatch(normalize(ctx.text)) or PHOTO_HOW.search(normalize(ctx.text)):
        # 有 (yes, there is one) or 怎么发照片: how to send it, and the question's 跳过 for when it will not go
        asked = ask_photo(ctx)
        return Reply(ctx.t("cases.photo_how"), asked.buttons)
    if PHOTO_LATER.search(normalize(ctx.text)):  # 等一下我去拍: the photo is coming, nothing to add
        if another_matter(ctx):  # 等一下我先问个事，低保怎么办: answered; the form waits as a draft
            return None
        asked = ask_photo(ctx)
        return Reply(ctx.t("cases.photo_later"), asked.buttons)
    if WHEN_HANDLED.search(normalize(ctx.text)):  # 你们什么时候来修: by when, were it filed now; the question again
        return _when_handled(ctx)
    kept = (ctx.dialog.data.get("place") or {}).get("text") or ""
    refined = await place_refined(ctx.uow, ctx.person.community_id, kept, ctx.text) if kept else None
    if refined is not None:  # 2单元, 301 after 北苑3号楼: more of the same place
        ctx.dialog.goto("photo", place={**ctx.dialog.data["place"], "text": refined})
        asked = ask_photo(ctx)
        return Reply(ctx.t("cases.place_refined", place=refined) + "\n" + asked.text, asked.buttons)
    if await only_a_place(ctx.uow, ctx.person.community_id, ctx.text):
        place = (
            await _a_spot_of_the_place_said(ctx, kept, ctx.text)
            or await _in_the_estate_said(ctx, kept, ctx.text)
            or ctx.text[:200]
        )
        ctx.notes.append(ctx.t("cases.place_taken", place=place))
        return await where_step(ctx, "", place)
    if another_matter(ctx):
        return None  # answered; the form waits as a draft
    description = f"{ctx.dialog.data.get('description') or ''}，{ctx.text}".lstrip("，")
    if len(description) > cases.MAX_DESCRIPTION:
        return Reply(ctx.t("cases.description_too_long", limit=cases.MAX_DESCRIPTION))
    ctx.dialog.goto("photo", description=description)
    asked = ask_photo(ctx)
    return Reply(ctx.t("cases.added_to_description", text=ctx.text[:60]) + "\n" + asked.text, asked.buttons)


def _when_handled(ctx: Context) -> Reply:
    """你们什么时候来修 before the case is filed: the time it would be due by, were it filed now, and the photo asked again."""
    rules = rules_of(ctx)
    category = ctx.dialog.data.get("category") or "other"
    urgent = rules.is_urgent(category, ctx.dialog.data.get("description") or "")
    due = cases.when(rules.due(category, urgent, ctx.uow.clock.now()), ctx.texts, ctx.app.settings.timezone)
    asked = ask_photo(ctx)
    return Reply(ctx.t("cases.when_handled", due=due) + "\n" + asked.text, asked.buttons)


async def _photo_said_sent(ctx: Context) -> HandlerResult:
    """刚才发了照片了 at the photo question: with photos held, on to submitting; else none came, asked again."""
    if form_photos(ctx.dialog.data):
        ctx.notes.append(photo_count_said(ctx))
        return await before_submit(ctx)
    asked = ask_photo(ctx)
    return Reply(photo_count_said(ctx) + "\n" + asked.text, asked.buttons)


# 就是, 就在: how a spot is said after the place (就是二楼到三楼那块), not part of it
_SPOT_LEAD = re.compile(r"^(?:就是|就在|是在|就|在|是)")
# A building said by its number (3号楼, 5栋, b座): the words name a place of their own, not a spot in the last one.
_BUILDING_NUMBER = re.compile(r"\d+(?:号楼|号院|座)|[a-z]座")


async def _a_spot_of_the_place_said(ctx: Context, kept: str, text: str) -> str | None:
    """A spot typed with no building or estate of its own (就是二楼到三楼那块, 楼道里) after a place that has one.

    It says where in that place, as a resident adds at the window: taken
    alone it replaced 北苑3号楼2单元, and the case lost its grid.
    """
    community_id = ctx.person.community_id
    if not kept or means_home(text):
        return None
    if _BUILDING_NUMBER.search(org.building_form(text)) or await estate_said(ctx.uow, text, community_id):
        return None  # a place of its own (3号楼2单元楼道, 南苑菜市场): a correction
    if not (await building_named(ctx.uow, kept, community_id) or await estate_said(ctx.uow, kept, community_id)):
        return None
    spot = _SPOT_LEAD.sub("", text.strip()) or text.strip()
    return f"{kept} {spot}"[:200]


async def _in_the_estate_said(ctx: Context, kept: str, text: str) -> str | None:
    """A place corrected without its estate (3号楼2单元楼道 after 北苑3号楼2单元401), in the estate said before; else None.

    The resident said the estate once: taken alone, the correction lost it,
    and the case its grid (or the resident was asked which 小区 again).
    """
    if not kept:
        return None
    names = await estates_to_ask(ctx.uow, ctx.person, text)
    said = org.building_form(kept)
    for name in sorted(names, key=len, reverse=True):
        if name in said:
            return in_estate(name, text)
    return None
