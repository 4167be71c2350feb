"""The similar open cases offered before filing: followed instead, or passed to file a new one."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Reply, rows
from bot.core.router import HandlerResult
from bot.services import cases
from handlers.common import back_button, goes_back
from knowledge import intents
from knowledge.normalize import normalize

from handlers.cases.basics import case_number, photo_of, refuse_oversize, router, rules_of
from handlers.cases.form_asks import ask_photo, not_filed
from handlers.cases.form_photos import form_photos, keep_photo, photo_count_said
from handlers.cases.form_words import MOVING_ON, NEVER_MIND, NOT_SAME_SAID, PHOTO_SENT, SAME_SAID
from handlers.cases.submitting import before_submit, submit

router.accepts_said("cs:follow:", SAME_SAID)
router.accepts_said("cs:new", NOT_SAME_SAID)


async def similar_step(ctx: Context, payload: str) -> HandlerResult:
    """关注 #N follows that case and ends the form; 不是同一件事 files the new one; anything else, `at_the_offer`."""
    offered = ctx.dialog.data.get("offered") or []
    if payload.startswith("cs:follow:"):
        sent = form_photos(ctx.dialog.data)
        followed = await cases.follow(
            ctx.uow, ctx.person, case_number(payload[10:]), offered=offered, photos=sent, rules=rules_of(ctx)
        )
        ctx.dialog.leave()
        lines = [ctx.t("cases.following", id=followed.case.id), *_photos_said(ctx, followed)]
        return Reply("\n".join(lines), rows(back_button(ctx)))
    if payload == "cs:new":
        return await submit(ctx)
    return await at_the_offer(ctx, payload)


def _photos_said(ctx: Context, followed: cases.Followed) -> list[str]:
    """What became of the photos sent with the form: on the followed case for its handlers, or why not."""
    number, added, left = followed.case.id, followed.photos_added, followed.photos_left
    if added and left:
        return [ctx.t("cases.follow_photos_some_left", id=number, n=added, left=left)]
    if added:
        return [ctx.t("cases.follow_photos_added", id=number, n=added)]
    if left:
        return [ctx.t("cases.follow_photos_left", id=number, n=left)]
    return []


async def at_the_offer(ctx: Context, payload: str) -> HandlerResult:
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
            return not_filed(ctx)
        elif goes_back(ctx.text):
            ctx.dialog.goto("photo", similar_checked=False, offered=[])
            return ask_photo(ctx)
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
