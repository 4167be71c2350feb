"""A handler's words and photos away from a task's push: said before they are read as a question.

The actions themselves are in task_buttons and task_notes; their words under a push in task_words.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import said_form
from bot.services import cases, photos
from bot.services.errors import PermissionDenied
from handlers.cases.basics import NOTE, case_photos, refuse_oversize, result_said, router, said_action
from handlers.cases.form_photos import HELD
from handlers.cases.task_words import choice_label, on_said_action


@router.words_anywhere
async def said_anywhere(ctx: Context) -> HandlerResult:
    """A handler's words for a task's action typed away from its push, before they are read as a question.

    #1 修好了 换了个新灯泡 and 3号的事办完了 were answered with the 便民维修
    leaflet or 答不上来: the knowledge base read 修 as a repair question.
    Cheap for everyone else: the words are matched before the roles are read.
    """
    return await on_said_action(ctx) or await _photos_asked(ctx)


_SEE_PHOTOS = re.compile(r"(?:我要|我想)?(?:看|查看|看看|看下|看一下|瞧瞧)(?:一下)?(?:现场|居民的?|他的|她的)?(?:照片|图片|相片)(?:呢|吧)?|(?:照片|图片)(?:呢|在哪)")


async def _photos_asked(ctx: Context) -> Reply | None:
    """看照片 typed away from the 📷 看照片 button (was 答不上来): the photos of the case on screen, else of their one case with photos."""
    if ctx.message.attachment is not None or not _SEE_PHOTOS.fullmatch(said_form(ctx.text or "")):
        return None
    if not await cases.handles_cases(ctx.uow, ctx.person):
        return await _own_photos(ctx)
    try:
        listed = await cases.tasks(ctx.uow, ctx.person, limit=50)
    except PermissionDenied:
        return None
    with_photos = [case for case in listed if await cases.photo_refs(ctx.uow, case, reader="handler")]
    on_screen = {payload.rsplit(":", 1)[-1] for _label, payload in ctx.shown if payload.startswith("case:")}
    with_photos = [case for case in with_photos if str(case.id) in on_screen] or with_photos
    if not with_photos:
        return Reply(ctx.t("cases.no_photos_open"))
    if len(with_photos) == 1:
        case = with_photos[0]
        return await case_photos(ctx, case, "handler", Button(ctx.t("cases.view", id=case.id), f"case:view:{case.id}"))  # type: ignore[return-value]
    buttons = [Button(f"📷 {choice_label(ctx, case)}", f"case:photo:{case.id}") for case in with_photos[:8]]
    return Reply(ctx.t("cases.which_photos"), rows(*buttons))


async def _own_photos(ctx: Context) -> Reply | None:
    """A resident's 看照片 away from the 📷 button (the result photo their push offered): their case's photos; else None."""
    own = [*await cases.awaiting_rating(ctx.uow, ctx.person, limit=5), *await cases.own_open(ctx.uow, ctx.person)]
    with_photos = [case for case in own if await cases.photo_refs(ctx.uow, case, reader="reporter")]
    on_screen = {payload.split(":")[2] for _label, payload in ctx.shown if payload.startswith("cs:") and payload.count(":") >= 2}
    with_photos = [case for case in with_photos if str(case.id) in on_screen] or with_photos
    if not with_photos:
        return None
    if len(with_photos) == 1:
        case = with_photos[0]
        return await case_photos(ctx, case, "reporter", Button(ctx.t("cases.view", id=case.id), f"cs:view:{case.id}"))  # type: ignore[return-value]
    buttons = [Button(f"📷 #{case.id} {case.description[:12]}", f"cs:photo:{case.id}") for case in with_photos[:8]]
    return Reply(ctx.t("cases.which_photos"), rows(*buttons))


async def result_photo(ctx: Context, photo: tuple[str, int | None]) -> Reply | None:
    """A handler's photo away from any form, alone or with done words (井盖已经固定好了): a task's result, offered.

    It was held as a resident's photo and answered 是要反映问题吗. Each case
    it may be the result of is offered (已解决 #N, the photo and words kept
    server-side); the photo is held for a complaint too (反映问题), should
    it show a new problem. A caption saying something else (楼道堆了杂物)
    is a problem of their own: None.
    """
    caption = (ctx.text or "").strip()
    said = said_action(caption) if caption else None
    if caption and (said is None or said[0] != "resolve"):
        return None
    if not await cases.handles_cases(ctx.uow, ctx.person):
        return None
    found = await cases.tasks_for_action(ctx.uow, ctx.person, "resolve")
    if said is not None and said[1] is not None:
        found = [case for case in found if case.id == said[1]]
    on_screen = {payload.rsplit(":", 1)[-1] for _label, payload in ctx.shown if payload.startswith("case:")}
    found = [case for case in found if str(case.id) in on_screen] or found
    if not found:
        return None
    refused = refuse_oversize(ctx, photo[1])
    if refused is not None:
        return refused
    await photos.hold(ctx.uow, ctx.person, photo[0], photo[1])
    ctx.dialog.enter(NOTE, "said", action="resolve", note=result_said(caption) if caption else None, photo_ref=photo[0], photo_size=photo[1])
    label = ctx.t("cases.actions.resolve")
    buttons = [Button(f"{label} #{case.id}", f"case:resolve:{case.id}") for case in found[:8]]
    listed = "\n".join(choice_label(ctx, case) for case in found[:8])
    return Reply(ctx.t("cases.result_photo_offer", cases=listed), rows(*buttons, Button(ctx.t("cases.held_report"), HELD)))
