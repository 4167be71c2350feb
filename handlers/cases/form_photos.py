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

MAX_FORM_PHOTOS = 9  # WeChat lets a resident pick nine at once; 看照片 shows them all (MAX_PHOTOS)

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


def keep_photos(ctx: Context, photos: list[Photo]) -> int:
    """Keep several photos with the form (those sent before it began); returns how many it holds now."""
    for photo in photos:
        keep_photo(ctx, photo)
    return len(form_photos(ctx.dialog.data))


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
