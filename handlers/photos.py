"""看照片: the photos of a case or a wish, one message each, for those who may see them."""

from __future__ import annotations

from collections.abc import Collection

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.models import Person
from bot.services import cases, photos


def photo_button(ctx: Context, payload: str) -> Button:
    return Button(ctx.t("photos.see"), payload)


async def photo_replies(
    ctx: Context,
    title: str,
    refs: list[tuple[str, Person | None]],
    owner_id: int | None,
    back: Button,
    followers: Collection[int] = (),
) -> list[Reply]:
    """The title, then each photo with who sent it and when; a photo that cannot be shown says why.

    The caller has checked that the person may see these photos; `owner_id`
    is the resident whose case or wish it is (their photos say 居民);
    `followers` are residents following it, whose photos are not staff's.
    """
    replies = [Reply(title)]
    shown = await photos.shown(ctx.uow, ctx.person, refs)
    timezone = ctx.app.settings.timezone
    for n, ((ref, sender), one) in enumerate(zip(refs, shown, strict=True), start=1):
        if sender is None and ref.startswith(("https://", "http://")):  # a link from the street's platform
            replies.append(Reply(ctx.t("photos.link", n=n, url=ref)))
        elif one.picture is None:
            replies.append(Reply(ctx.t(one.missing or "photos.lost", n=n)))
        else:
            who = ctx.t(_sent_by(sender, owner_id, followers))
            at = cases.when(one.picture.taken_at, ctx.texts, timezone) if one.picture.taken_at else "—"
            replies.append(Reply(ctx.t("photos.caption", n=n, who=who, at=at), picture=one.picture))
    last = replies[-1]
    replies[-1] = Reply(last.text, rows(back), picture=last.picture)
    return replies


def _sent_by(sender: Person | None, owner_id: int | None, followers: Collection[int]) -> str:
    if sender is not None and sender.id == owner_id:
        return "photos.by_resident"
    return "photos.by_follower" if sender is not None and sender.id in followers else "photos.by_staff"
