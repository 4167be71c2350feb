"""The cases router, its dialogs' names and what every part of the cases feature shares."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import Router
from bot.models import Case
from bot.services import cases
from bot.services.deadlines import Rules, rules_for
from handlers.common import record_id
from handlers.photos import photo_replies

router = Router("cases")
router.menu_entry("cases.menu_entry", "report", order=30)

DIALOG = "case"
NOTE = "case_note"
INFO = "case_info"


def rules_of(ctx: Context) -> Rules:
    return rules_for(ctx.app.settings)


def case_number(raw: str) -> int:
    return record_id(raw, "cases.no_such")


def photo_of(ctx: Context) -> tuple[str, int | None] | None:
    attachment = ctx.message.attachment
    if attachment is None or attachment.kind != "photo":
        return None
    return attachment.ref, attachment.size


def refuse_oversize(ctx: Context, size: int | None) -> Reply | None:
    rules = rules_of(ctx)
    if size is not None and size > rules.max_photo_bytes:
        return Reply(
            ctx.t("cases.photo_too_big", limit=rules.max_photo_bytes // (1024 * 1024)),
            rows(Button(ctx.t("cases.skip"), "cs:skip")),
        )
    return None


async def case_photos(ctx: Context, case: Case, reader: cases.Reader, back: Button) -> list[Reply]:
    """看照片 under a case; the caller has checked that the person may read it as `reader`."""
    refs = await cases.photo_refs(ctx.uow, case, reader=reader)
    if not refs:
        return [Reply(ctx.t("photos.none", id=case.id), rows(back))]
    return await photo_replies(ctx, ctx.t("photos.of_case", id=case.id, n=len(refs)), refs, case.person_id, back)
