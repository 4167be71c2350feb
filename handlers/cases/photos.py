"""A case's photos, shown to those who may see them (看照片 under a case)."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.models import Case
from bot.services import cases, photos


def photo_button(ctx: Context, case: Case, prefix: str) -> Button:
    """`case:photo:<id>` for its handlers, `cs:photo:<id>` for the reporter and followers."""
    return Button(ctx.t("photos.see"), f"{prefix}:photo:{case.id}")


async def case_photos(ctx: Context, case: Case, reader: cases.Reader, back: Button) -> list[Reply]:
    """One message per photo, each with who sent it and when; a photo that cannot be shown says why.

    The caller has checked that the person may read the case as `reader`.
    """
    refs = await cases.photo_refs(ctx.uow, case, reader=reader)
    if not refs:
        return [Reply(ctx.t("photos.none", id=case.id), rows(back))]
    replies = [Reply(ctx.t("photos.of_case", id=case.id, n=len(refs)))]
    shown = await photos.shown(ctx.uow, ctx.person, refs)
    timezone = ctx.app.settings.timezone
    for n, ((ref, sender), one) in enumerate(zip(refs, shown, strict=True), start=1):
        if sender is None and ref.startswith(("https://", "http://")):  # a link from the street's platform
            replies.append(Reply(ctx.t("photos.link", n=n, url=ref)))
        elif one.picture is None:
            replies.append(Reply(ctx.t(one.missing or "photos.lost", n=n)))
        else:
            who = ctx.t("photos.by_resident" if sender is not None and sender.id == case.person_id else "photos.by_staff")
            at = cases.when(one.picture.taken_at, ctx.texts, timezone) if one.picture.taken_at else "—"
            replies.append(Reply(ctx.t("photos.caption", n=n, who=who, at=at), picture=one.picture))
    last = replies[-1]
    replies[-1] = Reply(last.text, rows(back), picture=last.picture)
    return replies
