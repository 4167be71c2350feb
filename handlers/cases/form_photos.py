"""Photos sent while the complaint form is open: every one the resident is told was received goes with the case.

WeChat sends the photos picked together as one message each. The form
kept only the last (照片收到了 said three times, one photo filed), so the
form's data holds the first as `photo_ref` (as it always has) and the rest
in `more_photos`, up to `MAX_FORM_PHOTOS`; one past that is refused in
words, never dropped silently.
"""

from __future__ import annotations

from typing import Any

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.services import cases, photos
from handlers.cases.basics import refuse_oversize, router
from handlers.common import back_button

MAX_FORM_PHOTOS = cases.MAX_CASE_PHOTOS  # nine (WeChat picks nine at once); 补充 adds up to the same for the whole case
HELD = "cs:held"  # 反映问题 under a photo held with no form open: the complaint that takes it
router.accepts_yes(HELD)  # 是, 对, 好的 under 这张照片是要反映问题吗

Photo = tuple[str, int | None]  # the platform's reference and the size in bytes, when known


def form_photos(data: dict[str, Any]) -> list[Photo]:
    """The photos the form holds, in the order sent."""
    first = data.get("photo_ref")
    if not first:
        return []
    more = [(str(ref), size) for ref, size in data.get("more_photos") or []]
    return [(first, data.get("photo_size")), *more]


def keep_photo(ctx: Context, photo: Photo) -> str:
    """Keep `photo` with the form and say so (with how many), or say plainly that it is one too many."""
    held = form_photos(ctx.dialog.data)
    if photo[0] in [ref for ref, _size in held]:  # the same photo again (a platform's retry): counted once
        return _kept(ctx, len(held))
    if len(held) >= MAX_FORM_PHOTOS:
        return ctx.t("cases.photos_full", limit=MAX_FORM_PHOTOS)
    if not held:
        ctx.dialog.goto(ctx.dialog.step or "", photo_ref=photo[0], photo_size=photo[1])
    else:
        more = [list(p) for p in held[1:]]
        ctx.dialog.goto(ctx.dialog.step or "", more_photos=[*more, list(photo)])
    return _kept(ctx, len(held) + 1)


def _kept(ctx: Context, count: int) -> str:
    return ctx.t("cases.photo_kept") if count == 1 else ctx.t("cases.photos_kept", n=count)


def photo_count_said(ctx: Context) -> str:
    """刚才发了照片了, typed at a step: how many photos the form holds, or that none came."""
    count = len(form_photos(ctx.dialog.data))
    if count == 0:
        return ctx.t("cases.no_photo_yet")
    return ctx.t("cases.photos_held", n=count)


def not_a_photo(ctx: Context, kind: str) -> Reply:
    """A video, a file or a voice message at the photo question: what came, and what is wanted."""
    return Reply(ctx.t(f"cases.not_a_photo.{kind}"), rows(Button(ctx.t("cases.skip"), "cs:skip")))


async def hold_loose_photo(ctx: Context, photo: Photo) -> Reply:
    """A photo with no form open and no case to join: held for the complaint begun next, and asked about.

    Answered 没有需要图片的事项, it was dropped, and the resident's 刚才发了照片了
    went into the description their neighbours are shown.
    """
    refused = refuse_oversize(ctx, photo[1])
    if refused is not None:
        return refused
    count = await photos.hold(ctx.uow, ctx.person, photo[0], photo[1])
    if count > MAX_FORM_PHOTOS:
        return Reply(ctx.t("cases.photos_full", limit=MAX_FORM_PHOTOS), _held_buttons(ctx))
    minutes = int(photos.HELD_FOR.total_seconds() // 60)
    return Reply(ctx.t("cases.photo_held", n=count, minutes=minutes), _held_buttons(ctx))


def _held_buttons(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    return rows(Button(ctx.t("cases.held_report"), HELD), back_button(ctx))


async def take_held_photos(ctx: Context, data: dict[str, Any]) -> None:
    """A complaint begun: the photos held for it (sent just before) join its form data, said so."""
    held = await photos.take_held(ctx.uow, ctx.person)
    if not held:
        return
    first, *more = held[:MAX_FORM_PHOTOS]
    data.update(photo_ref=first[0], photo_size=first[1], more_photos=[list(p) for p in more])
    ctx.own_words = True  # the form holds their photos: left, it is kept as a draft
    ctx.notes.append(ctx.t("cases.held_taken", n=len(held[:MAX_FORM_PHOTOS])))
