"""The complaint form's dialog: each message goes to the step it answers (category, description, where, photo, the offer)."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.numerals import arabic
from bot.core.router import HandlerResult
from bot.services import cases, photos, support
from bot.services.deadlines import CATEGORIES
from handlers.asides import another_matter, bare_number
from knowledge.normalize import normalize

from handlers.cases.basics import DIALOG, photo_of, refuse_oversize, router
from handlers.cases.categories import described_category
from handlers.cases.form_asks import ask_category, ask_photo, ask_where, not_an_answer
from handlers.cases.form_category import category_chosen, category_or_ask, words_for_category
from handlers.cases.form_photo_step import words_at_the_photo
from handlers.cases.form_photos import keep_photo, not_a_photo, photo_count_said
from handlers.cases.form_where import not_a_place, to_where, where_step
from handlers.cases.form_words import MOVING_ON, PHOTO_SENT
from handlers.cases.said_again import SAID_PAYLOAD, said_choice
from handlers.cases.places import PLACE_MARK, only_a_place
from handlers.cases.similar_offer import similar_step
from handlers.cases.submitting import before_submit

_FORM_BUTTONS = ("cs:cat:", "cs:where:", "cs:skip", "cs:follow:", "cs:new", "cs:recat", SAID_PAYLOAD)


@router.dialog(DIALOG)
async def case_dialog(ctx: Context) -> HandlerResult:
    step = ctx.dialog.step
    payload = ctx.payload or ""
    if payload and payload != "resume" and not payload.startswith(_FORM_BUTTONS):
        return None
    if payload.startswith(SAID_PAYLOAD):  # 反映问题 楼道灯坏了 said in the form: which one was meant (said_again)
        return await said_choice(ctx, payload)
    if payload == "cs:recat" and ctx.dialog.data.get("guessed") and step in ("where", "photo"):
        ctx.dialog.goto("category", guessed=False, back_to=step)
        return ask_category(ctx)
    if step == "category":
        return await _category_step(ctx, payload)
    if step == "description":
        return await _description_step(ctx, payload)
    if step in ("where", "where_home"):
        return await _where_step(ctx, step, payload)
    if step == "photo":
        return await _photo_step(ctx, payload)
    if step == "similar":
        return await similar_step(ctx, payload)
    return None


async def _category_step(ctx: Context, payload: str) -> HandlerResult:
    if payload.startswith("cs:cat:") and payload[7:] in CATEGORIES:
        return await category_chosen(ctx, payload[7:])
    if (photo := photo_of(ctx)) is not None:  # sent before the category: kept, the question stands
        return refuse_oversize(ctx, photo[1]) or ask_category(ctx, kept=keep_photo(ctx, photo))
    if ctx.text and not payload:
        return await words_for_category(ctx)
    if payload == "resume":  # back from the name and phone asked first
        for photo in await photos.take_held(ctx.uow, ctx.person):  # sent at those questions (handlers/profile.py)
            keep_photo(ctx, photo)
        return await category_or_ask(ctx)
    return ask_category(ctx)


async def _description_step(ctx: Context, payload: str) -> HandlerResult:
    if payload.startswith("cs:cat:") and payload[7:] in CATEGORIES:  # chosen after all (跳过 first): taken
        ctx.dialog.goto("description", category=payload[7:], guessed=False)
        return Reply(ctx.t("cases.ask_description"))
    photo = photo_of(ctx)
    kept = ""
    if photo is not None:
        refused = refuse_oversize(ctx, photo[1])
        if refused:
            return Reply(refused.text)
        kept = keep_photo(ctx, photo)
    if not ctx.text or (photo is not None and MOVING_ON.fullmatch(normalize(ctx.text))):
        return Reply(kept + ctx.t("cases.describe_after_photo") if photo is not None else ctx.t("cases.empty"))
    if photo is None and PHOTO_SENT.fullmatch(normalize(ctx.text)):  # 刚才发了照片了: not what happened
        return Reply(photo_count_said(ctx) + "\n" + ctx.t("cases.ask_description_again"))
    if photo is None and (not_answered := not_an_answer(ctx, "description")) is not None:
        return not_answered
    if photo is None and bare_number(ctx.text):  # 4 (a choice from the category list gone by): not what happened
        return Reply(ctx.t("cases.not_an_answer") + "\n" + ctx.t("cases.ask_description_again"))
    if photo is None and another_matter(ctx):
        # 我想约明天上午办居住证 typed at the description: that is done; the form, its category chosen, waits as a draft
        if ctx.dialog.data.get("category"):
            ctx.dialog.mark_written()
        return None
    if len(ctx.text) > cases.MAX_DESCRIPTION:  # never cut silently: the step waits for the whole text, shorter
        return Reply(ctx.t("cases.description_too_long", limit=cases.MAX_DESCRIPTION))
    if photo is None and not ctx.dialog.data.get("typed_place") and await only_a_place(ctx.uow, ctx.person.community_id, ctx.text):
        # 南苑2号楼301 answers "where", asked next: keep it there and ask again what happened
        ctx.dialog.goto("description", typed_place=ctx.text[:200])
        return Reply(ctx.t("cases.kept_place", place=ctx.text[:200]) + "\n" + ctx.t("cases.ask_description_again"))
    ctx.dialog.goto("where", description=ctx.text)
    if not ctx.dialog.data.get("category"):  # 跳过 at the category question: read from what happened
        category = described_category(ctx.text) or "other"
        ctx.dialog.goto("where", category=category, guessed=True)
        ctx.notes.append(ctx.t("cases.category_taken", category=ctx.t(f"cases.categories.{category}")))
    return await to_where(ctx)


async def _where_step(ctx: Context, step: str, payload: str) -> HandlerResult:
    photo = photo_of(ctx) if step == "where" else None
    if photo is not None:  # sent before it was asked: kept for the case, and the place asked again
        refused = refuse_oversize(ctx, photo[1])
        if refused:
            return refused
        asked = ask_where(ctx)
        return Reply(keep_photo(ctx, photo) + "\n" + asked.text, asked.buttons)
    if step == "where" and ctx.text and not payload and ctx.message.location is None:
        if support.shares_link(ctx.text):  # a forwarded article is not where the problem is
            asked = ask_where(ctx)
            return Reply(ctx.t("cases.link_not_a_place") + "\n" + asked.text, asked.buttons)
        if (not_answered := not_an_answer(ctx, "where")) is not None:
            return not_answered
        if PHOTO_SENT.fullmatch(normalize(ctx.text)):  # 刚才发了照片了: not the place
            asked = ask_where(ctx)
            return Reply(photo_count_said(ctx) + "\n" + asked.text, asked.buttons)
        if (no_place := not_a_place(ctx)) is not None:  # 没有照片, 不知道, 好的: not where it is
            return no_place
        if not PLACE_MARK.search(arabic(normalize(ctx.text))) and another_matter(ctx):
            return None  # 低保怎么办 typed at the place: answered, the form kept as a draft
    return await where_step(ctx, payload)


async def _photo_step(ctx: Context, payload: str) -> HandlerResult:
    if payload == "cs:skip":
        return await before_submit(ctx)
    photo = photo_of(ctx)
    if photo is None and ctx.text and not payload:
        return await words_at_the_photo(ctx)
    if photo is None and ctx.message.attachment is not None:  # a video, a file, a voice not turned into words
        return not_a_photo(ctx, ctx.message.attachment.kind)
    if photo is None:
        return ask_photo(ctx)
    refused = refuse_oversize(ctx, photo[1])
    if refused:
        return refused
    # Said, not only kept: the case is filed at once, and a resident who sent a photo
    # must read that it went with it (the ones sent after it are each said to be added).
    ctx.notes.append(keep_photo(ctx, photo))
    return await before_submit(ctx)
