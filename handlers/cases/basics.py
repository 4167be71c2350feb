"""The cases router, its dialogs' names and what every part of the cases feature shares."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import Router
from bot.services.deadlines import Rules, rules_for
from handlers.common import record_id

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
