"""Filing a case: the category, what happened, where (在我家 is the registered address), a photo, similar cases."""

from __future__ import annotations

import re
from typing import Any

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.numerals import arabic
from bot.core.router import HandlerResult
from bot.services import cases, support
from bot.services.deadlines import CATEGORIES
from handlers.common import back_button, goes_back, main_menu
from handlers.handover import human_button
from handlers.profile import ask_profile
from knowledge import intents
from knowledge.intents import asks_progress, chases, describes_problem
from knowledge.normalize import normalize
from knowledge.understanding import Intent

from handlers.cases.basics import DIALOG, case_number, photo_of, refuse_oversize, router
from handlers.cases.categories import described_category, named_category
from handlers.cases.form_photos import form_photos, keep_photo, not_a_photo, photo_count_said, take_held_photos
from handlers.cases.submitting import before_submit, form_place, submit
from handlers.cases.form_words import (
    GOES_ON,
    MOVING_ON,
    NEVER_MIND,
    NO_CATEGORY,
    NOT_SAME_SAID,
    PHOTO_LATER,
    PHOTO_SENT,
    SAME_SAID,
    only_asks_to_report,
)
from handlers.asides import another_matter, bare_number
from handlers.cases.places import PLACE_MARK, means_home, only_a_place, place_in, place_refined
from handlers.cases.mine import my_cases


# ---------------------------------------------------------------- filing a case

@router.command("report", keywords=("反映问题", "我要反映", "投诉", "诉求", "报事", "我要投诉"))
@router.button("report")
@router.intent("complaint")
async def start(ctx: Context) -> HandlerResult:
    said = normalize(ctx.text) if ctx.understanding is not None else ""
    if said and asks_progress(said):
        if await cases.cases_of(ctx.uow, ctx.person):
            return await my_cases(ctx)  # 上次反映的楼道灯修好了没有: its progress, not a second report
        if chases(said) and not describes_problem(said):
            return await _nothing_to_chase(ctx)  # 上次说的事怎么样了, with no case here: not a report of that
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
    then = {"dialog": DIALOG, "step": "category", "data": data, "words": "description", "words_max": cases.MAX_DESCRIPTION}
    asked = await ask_profile(ctx, ("name", "phone"), then=then)
    if asked is None:
        ctx.dialog.enter(DIALOG, "category", **data)
        asked = await _category_or_ask(ctx)
    return _after(ctx, answers, asked)


def _questions_said_with_it(ctx: Context, text: str) -> tuple[str, str]:
    """The complaint's own words, and the answers to service questions said with it (not the grid's to read)."""
    from handlers.guide import answer_text  # the guide builds on the cases: imported late

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


async def _category_or_ask(ctx: Context) -> HandlerResult:
    """The category the description plainly is, said and taken (改类别 changes it); else the question."""
    category = described_category(ctx.dialog.data.get("description") or "")
    if category is None:
        return _ask_category(ctx)
    ctx.dialog.goto("description", category=category, guessed=True)
    ctx.notes.append(ctx.t("cases.category_taken", category=ctx.t(f"cases.categories.{category}")))
    return await _after_category(ctx)


def _ask_category(ctx: Context, kept: str = "") -> Reply:
    buttons = [Button(ctx.t(f"cases.categories.{c}"), f"cs:cat:{c}") for c in CATEGORIES]
    key = "cases.ask_category_with_text" if ctx.dialog.data.get("description") else "cases.ask_category"
    return Reply((kept + "\n" if kept else "") + ctx.t(key), rows(*buttons, per_row=2))


def _ask_where(ctx: Context) -> Reply:
    return Reply(ctx.t("cases.ask_where"), rows(Button(ctx.t("cases.where_home"), "cs:where:home"), *_recategorise(ctx)))


def _ask_photo(ctx: Context) -> Reply:
    return Reply(ctx.t("cases.ask_photo"), rows(Button(ctx.t("cases.skip"), "cs:skip"), *_recategorise(ctx)))


def _recategorise(ctx: Context) -> list[Button]:
    """改类别, under the questions that follow a category the bot took from the description."""
    return [Button(ctx.t("cases.change_category"), "cs:recat")] if ctx.dialog.data.get("guessed") else []


@router.dialog(DIALOG)
async def case_dialog(ctx: Context) -> HandlerResult:
    step = ctx.dialog.step
    payload = ctx.payload or ""
    if payload and payload != "resume" and not payload.startswith(
        ("cs:cat:", "cs:where:", "cs:skip", "cs:follow:", "cs:new", "cs:recat")
    ):
        return None
    if payload == "cs:recat" and ctx.dialog.data.get("guessed") and step in ("where", "photo"):
        ctx.dialog.goto("category", guessed=False, back_to=step)
        return _ask_category(ctx)
    if step == "category":
        if payload.startswith("cs:cat:") and payload[7:] in CATEGORIES:
            return await _category_chosen(ctx, payload[7:])
        if (photo := photo_of(ctx)) is not None:  # sent before the category: kept, the question stands
            return refuse_oversize(ctx, photo[1]) or _ask_category(ctx, kept=keep_photo(ctx, photo))
        if ctx.text and not payload:
            return await _words_for_category(ctx)
        if payload == "resume":  # back from the name and phone asked first
            return await _category_or_ask(ctx)
        return _ask_category(ctx)
    if step == "description":
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
        if photo is None and (not_an_answer := _not_an_answer(ctx, "description")) is not None:
            return not_an_answer
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
        return await _to_where(ctx)
    if step in ("where", "where_home"):
        photo = photo_of(ctx) if step == "where" else None
        if photo is not None:  # sent before it was asked: kept for the case, and the place asked again
            refused = refuse_oversize(ctx, photo[1])
            if refused:
                return refused
            asked = _ask_where(ctx)
            return Reply(keep_photo(ctx, photo) + "\n" + asked.text, asked.buttons)
        if step == "where" and ctx.text and not payload and ctx.message.location is None:
            if support.shares_link(ctx.text):  # a forwarded article is not where the problem is
                asked = _ask_where(ctx)
                return Reply(ctx.t("cases.link_not_a_place") + "\n" + asked.text, asked.buttons)
            if (not_an_answer := _not_an_answer(ctx, "where")) is not None:
                return not_an_answer
            if PHOTO_SENT.fullmatch(normalize(ctx.text)):  # 刚才发了照片了: not the place
                asked = _ask_where(ctx)
                return Reply(photo_count_said(ctx) + "\n" + asked.text, asked.buttons)
            if not PLACE_MARK.search(arabic(normalize(ctx.text))) and another_matter(ctx):
                return None  # 低保怎么办 typed at the place: answered, the form kept as a draft
        return await _where_step(ctx, payload)
    if step == "photo":
        if payload == "cs:skip":
            return await before_submit(ctx)
        photo = photo_of(ctx)
        if photo is None and ctx.text and not payload:
            return await _words_at_the_photo(ctx)
        if photo is None and ctx.message.attachment is not None:  # a video, a file, a voice not turned into words
            return not_a_photo(ctx, ctx.message.attachment.kind)
        if photo is None:
            return _ask_photo(ctx)
        refused = refuse_oversize(ctx, photo[1])
        if refused:
            return refused
        keep_photo(ctx, photo)
        return await before_submit(ctx)
    if step == "similar":
        offered = ctx.dialog.data.get("offered") or []
        if payload.startswith("cs:follow:"):
            case = await cases.follow(ctx.uow, ctx.person, case_number(payload[10:]), offered=offered)
            ctx.dialog.leave()
            return Reply(ctx.t("cases.following", id=case.id), rows(back_button(ctx)))
        if payload == "cs:new":
            return await submit(ctx)
        return await _at_the_offer(ctx, payload)
    return None


def _not_an_answer(ctx: Context, step: str) -> HandlerResult | None:
    """嗯, ？？？, 返回, 不办了, 继续 typed at a step: what they mean, never kept as the answer (a case 地点：返回 was filed)."""
    norm = normalize(ctx.text)
    if NEVER_MIND.fullmatch(norm):
        return _not_filed(ctx)
    if goes_back(ctx.text):
        back = {"description": "category", "where": "description", "photo": "where"}[step]
        ctx.dialog.goto(back)
        return _ask(ctx, back)
    if not norm or intents.thanks(norm) or MOVING_ON.fullmatch(norm):
        asked = _ask(ctx, step)
        return Reply(ctx.t("cases.not_an_answer") + "\n" + asked.text, asked.buttons)
    return None


router.accepts_said("cs:follow:", SAME_SAID)
router.accepts_said("cs:new", NOT_SAME_SAID)


async def _at_the_offer(ctx: Context, payload: str) -> HandlerResult:
    """Anything but the offer's own answers (关注 #…, 不是同一件事，继续提交) under the similar cases.

    A photo is kept and the offer shown again, and so it is for words that
    only move on or say nothing (跳过, 好的); 返回 goes back to the photo
    question, 不办了 ends the form. Other words (我要预约办居住证) are a
    message of their own: the dialog steps out and keeps the form as a
    draft. Nothing here files the case: a duplicate was filed for them.
    """
    photo = photo_of(ctx)
    note = ""
    if photo is not None:
        refused = refuse_oversize(ctx, photo[1])
        if refused:
            return refused
        note = keep_photo(ctx, photo)
    elif ctx.text and not payload:
        norm = normalize(ctx.text)
        if PHOTO_SENT.fullmatch(norm):  # 照片发了: how many are held, and the offer again
            note = photo_count_said(ctx)
        elif NEVER_MIND.fullmatch(norm):
            return _not_filed(ctx)
        elif goes_back(ctx.text):
            ctx.dialog.goto("photo", similar_checked=False, offered=[])
            return _ask_photo(ctx)
        elif norm and not intents.thanks(norm) and not MOVING_ON.fullmatch(norm):
            return None
        else:
            note = ctx.t("cases.not_an_answer")
    ctx.dialog.goto("similar", similar_checked=False)  # asked again, with the cases as they are now
    offer = await before_submit(ctx)
    if note and isinstance(offer, Reply) and ctx.dialog.active:  # still offered (else: none is similar now, filed)
        return Reply(note + "\n" + offer.text, offer.buttons)
    if photo is not None:
        ctx.notes.append(note)
    return offer


def _not_filed(ctx: Context) -> Reply:
    """不办了, 不用了: the form ends, and the resident is told nothing was filed."""
    ctx.dialog.leave()
    return main_menu(ctx, ctx.t("cases.not_filed"))


def _ask(ctx: Context, step: str) -> Reply:
    if step == "category":
        return _ask_category(ctx)
    if step == "description":
        return Reply(ctx.t("cases.ask_description"))
    return _ask_where(ctx) if step == "where" else _ask_photo(ctx)


async def _words_at_the_photo(ctx: Context) -> HandlerResult:
    """Words typed where a photo was asked: part of this problem, never dropped.

    A place (北苑1号楼门口, 在我家) is the place, typed again or corrected;
    other words are added to the description.
    """
    if GOES_ON.fullmatch(normalize(ctx.text)):  # 继续, 下一步, 就这些: the question's own 跳过, in words
        return await before_submit(ctx)
    not_an_answer = _not_an_answer(ctx, "photo")
    if not_an_answer is not None:
        return not_an_answer
    if PHOTO_SENT.fullmatch(normalize(ctx.text)):  # 刚才发了照片了: about the photo, not the problem
        return await _photo_said_sent(ctx)
    if support.shares_link(ctx.text):  # a forwarded article is neither a photo nor what happened
        return not_a_photo(ctx, "link")
    if PHOTO_LATER.search(normalize(ctx.text)):  # 等一下我去拍: the photo is coming, nothing to add
        asked = _ask_photo(ctx)
        return Reply(ctx.t("cases.photo_later"), asked.buttons)
    kept = (ctx.dialog.data.get("place") or {}).get("text") or ""
    refined = await place_refined(ctx.uow, ctx.person.community_id, kept, ctx.text) if kept else None
    if refined is not None:  # 2单元, 301 after 北苑3号楼: more of the same place
        ctx.dialog.goto("photo", place={**ctx.dialog.data["place"], "text": refined})
        asked = _ask_photo(ctx)
        return Reply(ctx.t("cases.place_refined", place=refined) + "\n" + asked.text, asked.buttons)
    if await only_a_place(ctx.uow, ctx.person.community_id, ctx.text):
        ctx.notes.append(ctx.t("cases.place_taken", place=ctx.text[:200]))
        return await _where_step(ctx, "", ctx.text)
    if another_matter(ctx):
        return None  # answered; the form waits as a draft
    description = f"{ctx.dialog.data.get('description') or ''}，{ctx.text}".lstrip("，")
    if len(description) > cases.MAX_DESCRIPTION:
        return Reply(ctx.t("cases.description_too_long", limit=cases.MAX_DESCRIPTION))
    ctx.dialog.goto("photo", description=description)
    asked = _ask_photo(ctx)
    return Reply(ctx.t("cases.added_to_description", text=ctx.text[:60]) + "\n" + asked.text, asked.buttons)


async def _photo_said_sent(ctx: Context) -> HandlerResult:
    """刚才发了照片了 at the photo question: with photos held, on to submitting; else none came, asked again."""
    if form_photos(ctx.dialog.data):
        ctx.notes.append(photo_count_said(ctx))
        return await before_submit(ctx)
    asked = _ask_photo(ctx)
    return Reply(photo_count_said(ctx) + "\n" + asked.text, asked.buttons)


async def _category_chosen(ctx: Context, category: str) -> HandlerResult:
    back_to = ctx.dialog.data.get("back_to")
    ctx.dialog.goto("description", category=category, back_to=None)
    if back_to == "photo":  # changed after the place was given: the photo is still to come
        ctx.dialog.goto("photo")
        return _ask_photo(ctx)
    return await _after_category(ctx)


async def _after_category(ctx: Context) -> HandlerResult:
    """The category is known: ask what happened, unless the resident has already said it."""
    if not ctx.dialog.data.get("description"):
        return Reply(ctx.t("cases.ask_description"))
    return await _to_where(ctx)


async def _to_where(ctx: Context) -> HandlerResult:
    """Ask where, or take the place the resident typed at an earlier step or said in the description (never asked twice)."""
    ctx.dialog.goto("where")
    typed = ctx.dialog.data.get("typed_place") or await place_in(ctx.uow, ctx.person.community_id, ctx.dialog.data.get("description") or "")
    if typed:
        ctx.notes.append(ctx.t("cases.place_taken", place=typed))
        return await _where_step(ctx, "", typed)
    return _ask_where(ctx)


async def _words_for_category(ctx: Context) -> HandlerResult:
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
        return _ask_category(ctx, kept=photo_count_said(ctx))
    if MOVING_ON.fullmatch(norm) or intents.thanks(norm):  # 好了, 好的, 谢谢 with nothing chosen: the question stands
        asked = _ask_category(ctx)
        return Reply(ctx.t("cases.not_an_answer") + "\n" + asked.text, asked.buttons)
    if not ctx.dialog.data.get("typed_place") and await only_a_place(ctx.uow, ctx.person.community_id, text):  # 北苑东边停车场: where, not 停车
        ctx.dialog.goto("category", typed_place=text[:200])
        return _ask_category(ctx, kept=ctx.t("cases.kept_place", place=text[:200]))
    named = named_category(text)
    if named is not None:
        ctx.dialog.goto("description", category=named)
        return await _after_category(ctx)
    if NEVER_MIND.fullmatch(norm):
        return _not_filed(ctx)
    if ctx.app.understander.understand(text).intent not in (Intent.complaint, Intent.unknown):
        return None
    said = ctx.dialog.data.get("description")
    description = f"{said}，{text}" if said else text
    if len(description) > cases.MAX_DESCRIPTION:
        return Reply(ctx.t("cases.description_too_long", limit=cases.MAX_DESCRIPTION))
    ctx.dialog.goto("category", description=description)
    return await _category_or_ask(ctx)


async def _category_passed(ctx: Context) -> HandlerResult:
    """跳过 (不知道, 随便) at the category question: the bot takes it from what happened, and says which.

    With the description still to come, it is asked first and the category
    read from it (其他 when none fits); with the description known and no
    category in it, 其他. Either way 改类别 is offered, as for a category
    the bot took itself. After 改类别, 跳过 keeps the category it had.
    """
    data = ctx.dialog.data
    if data.get("back_to") and data.get("category") in CATEGORIES:
        return await _category_chosen(ctx, data["category"])
    if not data.get("description"):
        ctx.dialog.goto("description", category=None, guessed=True)
        return Reply(ctx.t("cases.ask_description"))
    ctx.dialog.goto("category", guessed=True)
    ctx.notes.append(ctx.t("cases.category_taken", category=ctx.t("cases.categories.other")))
    return await _category_chosen(ctx, "other")


async def _where_step(ctx: Context, payload: str, typed: str | None = None) -> HandlerResult:
    """The place: 在我家 (pressed or typed), a shared location, or a typed place (`typed`: kept from an earlier step)."""
    person = ctx.person
    text = typed if typed is not None else ctx.text
    typed_home = bool(text) and not payload and means_home(text)
    if payload == "cs:where:home" or ctx.dialog.step == "where_home" or typed_home:
        if not person.has_address:
            asked = await ask_profile(
                ctx, ("address",), then={"dialog": DIALOG, "step": "where_home", "data": dict(ctx.dialog.data)}
            )
            if asked is not None:
                ctx.notes.append(ctx.t("cases.home_needs_address"))
                return asked
        address = " ".join(p for p in (person.building, person.unit, person.room) if p)
        place = {"text": address, "building": person.building}
        ctx.dialog.goto("photo", place=place)
        return await _after_place(ctx)
    location = ctx.message.location if typed is None else None
    if location is not None:
        label = location.label or f"{location.latitude:.5f},{location.longitude:.5f}"
        ctx.dialog.goto("photo", place={"text": label, "lat": location.latitude, "lon": location.longitude})
        return await _after_place(ctx)
    if text and not payload:
        ctx.dialog.goto("photo", place={"text": text[:200]})
        return await _after_place(ctx)
    return _ask_where(ctx)


async def _after_place(ctx: Context) -> HandlerResult:
    grid, _community = await cases.route(ctx.uow, form_place(ctx), ctx.person)
    if grid is None:
        key = "cases.outside_grids" if form_place(ctx).lat is not None else "cases.unknown_place"
        routed = ctx.t(key)
    else:
        routed = ctx.t("cases.routed_to", grid=grid.name)
    if ctx.dialog.data.get("photo_ref"):  # the photo came already: not asked for again
        ctx.notes.append(routed)
        return await before_submit(ctx)
    reply = _ask_photo(ctx)
    return Reply(routed + "\n" + reply.text, reply.buttons)
