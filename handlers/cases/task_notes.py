"""The note a handler's press asks for: the result (and its photo), the reason to escalate or transfer, the question for the resident.

A press on 已解决, 上报街道, 请居民补充 or a grid for 转其他网格 (see
task_buttons) enters the NOTE dialog; its "note" and "photo" steps are
here, and `finish_note` does the action once the words (and photo) are in.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import cases

from handlers.cases.basics import NOTE, photo_of, refuse_oversize, rules_of, said_action
from handlers.cases.transferring import transferred


def ask_result_photo(ctx: Context, note: str, added: str | None = None) -> Reply:
    ctx.dialog.goto("photo", note=note)
    said = ctx.t("cases.result_added", text=added[:60]) if added else ctx.t("cases.result_taken", note=note[:200])
    return Reply(said + "\n" + ctx.t("cases.ask_result_photo", id=ctx.dialog.data["id"]), rows(Button(ctx.t("cases.skip"), "cs:skip")))


async def ask_transfer_reason(ctx: Context, case_id: int, grid_id: str) -> Reply:
    """A grid pressed: ask why (optional, 跳过) once the service has agreed the case may go there.

    The payload is the client's: the service refuses a forged grid or case
    before anyone types a reason, and `act` checks it all again.
    """
    grid = await cases.check_transfer(ctx.uow, ctx.person, case_id, grid_id)
    name = grid.name if grid else ctx.t("cases.staff_target")
    ctx.dialog.enter(NOTE, "note", id=case_id, action="transfer", grid=grid.id if grid else cases.TO_STAFF, grid_name=name)
    return _ask_note(ctx)


def _ask_note(ctx: Context) -> Reply:
    """The NOTE dialog's question; a transfer's reason may be skipped."""
    data = ctx.dialog.data
    if data["action"] == "transfer":
        return Reply(
            ctx.t("cases.ask_note_transfer", id=data["id"], grid=data["grid_name"]),
            rows(Button(ctx.t("cases.skip"), "cs:skip")),
        )
    return Reply(ctx.t(f"cases.ask_note_{data['action']}", id=data["id"]))


# A note that says nothing: a number (a button of an earlier message pressed by its number), punctuation, an OK
# (好的收到, 收到收到, 嗯嗯好的 too: they were the result the resident read)
_NO_WORDS = re.compile(r"[#＃\d\s.,。，!！?？~、]*|看照片|查看照片|看看照片|(?:(?:好的?|好滴|好嘞|ok|嗯+|哦+|收到了?|行|知道了|明白了?)[\s,，.。!！~]*)+", re.IGNORECASE)


def _another_action(action: str, text: str) -> bool:
    """这个不归我管 typed at 请写一下处理结果 or a question for the resident: a transfer meant, not the words to pass on."""
    said = said_action(text)
    return action in ("resolve", "ask_info") and said is not None and said[0] == "transfer"


async def note_step(ctx: Context) -> HandlerResult:
    """The NOTE dialog's "note" and "photo" steps: the words (and photo) asked for after the press."""
    data = ctx.dialog.data
    action = data["action"]
    if ctx.dialog.step == "note":
        if action == "transfer" and ctx.payload == "cs:skip":
            return await finish_note(ctx, None, None, None)
        if ctx.payload is not None:
            return None
        if action == "resolve" and photo_of(ctx) is not None:
            return await _result_photo_first(ctx)
        if not ctx.text:
            return _ask_note(ctx)
        if _another_action(action, ctx.text):
            return None  # left as a draft; the words are the transfer they say
        if _NO_WORDS.fullmatch(ctx.text.strip()):  # 1, 。, ok: a press meant elsewhere, not what the resident is told
            asked = _ask_note(ctx)
            return Reply(ctx.t("cases.note_in_words") + "\n" + asked.text, asked.buttons)
        if action == "resolve" and data.get("photo_ref"):  # the photo came first: the case is resolved with both
            return await finish_note(ctx, ctx.text, data["photo_ref"], data.get("photo_size"))
        if action == "resolve":
            return ask_result_photo(ctx, ctx.text)
        return await finish_note(ctx, ctx.text, None, None)
    if ctx.dialog.step == "photo":
        if ctx.payload == "cs:skip":
            return await finish_note(ctx, data["note"], None, None)
        if ctx.payload is not None:
            return None
        photo = photo_of(ctx)
        if photo is None and ctx.text and _another_action(action, ctx.text):
            return None
        if photo is None and ctx.text and not _NO_WORDS.fullmatch(ctx.text.strip()):  # more of the result: kept, not dropped
            return ask_result_photo(ctx, f"{data['note']}，{ctx.text.strip()}"[: cases.MAX_DESCRIPTION], added=ctx.text.strip())
        if photo is None:
            return Reply(ctx.t("cases.ask_result_photo", id=data["id"]), rows(Button(ctx.t("cases.skip"), "cs:skip")))
        refused = refuse_oversize(ctx, photo[1])
        if refused:
            return refused
        return await finish_note(ctx, data["note"], photo[0], photo[1])
    return None


async def _result_photo_first(ctx: Context) -> HandlerResult:
    """A photo sent at 请写一下处理结果: with its caption (灯换好了) both are the result; alone, it is kept for the words.

    The caption was taken as the note and the photo dropped, then asked for
    again: a grid manager sends the new lamp's photo with a line, as anyone would.
    """
    photo = photo_of(ctx)
    assert photo is not None
    refused = refuse_oversize(ctx, photo[1])
    if refused:
        return refused
    if ctx.text and not _NO_WORDS.fullmatch(ctx.text.strip()):
        return await finish_note(ctx, ctx.text, photo[0], photo[1])
    ctx.dialog.goto("note", photo_ref=photo[0], photo_size=photo[1])
    return Reply(ctx.t("cases.result_photo_kept", id=ctx.dialog.data["id"]))


async def finish_note(ctx: Context, note: str | None, photo_ref: str | None, photo_size: int | None) -> HandlerResult:
    data = ctx.dialog.data
    case = await cases.act(
        ctx.uow,
        ctx.person,
        data["id"],
        data["action"],
        rules_of(ctx),
        note=note,
        photo_ref=photo_ref,
        photo_size=photo_size,
        grid_id=data.get("grid"),
    )
    ctx.dialog.leave()
    if data["action"] == "transfer":
        return await transferred(ctx, case)
    return Reply(ctx.t(f"cases.done_{data['action']}", id=case.id))
