"""A handler's press on a task (`case:<action>:<id>`), re-checked by the services, and the case card they see.

What the press asks for next (the result, the reason) is in task_notes;
the same actions typed in words are in task_words.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply
from bot.core import validation
from bot.core.router import HandlerResult
from bot.models import Case
from bot.services import cases, photos
from bot.services.errors import Conflict

from handlers.cases.basics import NOTE, case_number, case_photos, photo_of, result_said, router, rules_of, said_action
from handlers.cases.mine import history
from handlers.cases.task_notes import ask_result_photo, ask_transfer_reason, finish_note, note_step
from handlers.cases.transferring import grid_pressed, hold_transfer_words, offer_grids, offers_grids
from handlers.photos import photo_button


async def on_case(ctx: Context, action: str, number: int, note: str = "") -> Reply:
    """As if `case:<action>:<number>` was pressed; a note typed with it (the reason to escalate) answers its question.

    转其他网格 #3 不归我们管: the grids are offered, and the reason waits
    for the grid chosen (see `hold_transfer_words`).
    """
    ctx.payload = f"case:{action}:{number}"
    reply = await handler_button(ctx)
    if note and action in cases.NOTE_REQUIRED and ctx.dialog.name == NOTE and ctx.dialog.data.get("id") == number:
        ctx.payload, ctx.text = None, note
        reply = await note_dialog(ctx)
    elif note and action == "transfer" and isinstance(reply, Reply) and offers_grids(reply):
        hold_transfer_words(ctx, note)
    return reply  # type: ignore[return-value]


@router.button("case")
async def handler_button(ctx: Context, result: str | None = None, photo: tuple[str, int | None] | None = None) -> HandlerResult:
    """`case:<action>:<id>` (and `case:to:<id>:<grid>`): every press is re-checked by the services.

    `result`: what the manager said was done (灯已经换好了), held from the
    words that offered the press: not asked for again; `photo`: the result
    photo they sent first, held the same way.
    """
    parts = (ctx.payload or "").split(":")
    if len(parts) < 3:
        return await ctx.app.routes.intents["stale_button"](ctx)
    action, case_id = parts[1], case_number(parts[2])
    named = _other_case_named(ctx, case_id)
    if named is not None:  # 转给二网格 #1 under #2's push: case #1, as said, not the push's
        return await on_case(ctx, named[0], named[1])
    rules = rules_of(ctx)
    if action == "view":
        return await show_case(ctx, case_id)
    if action == "photo":
        case = await cases.case_for_viewer(ctx.uow, ctx.person, case_id)
        return await case_photos(ctx, case, "handler", Button(ctx.t("cases.view", id=case.id), f"case:view:{case.id}"))
    if action == "to" and len(parts) == 4:
        return await ask_transfer_reason(ctx, case_id, parts[3])
    if action not in cases.STAFF_ACTIONS:
        return await ctx.app.routes.intents["stale_button"](ctx)
    case = await cases.case_for_handler(ctx.uow, ctx.person, case_id)
    if action == "resolve" and case.state == "submitted" and not validation.keyword_form(ctx.text or "").startswith("已解决"):
        # Fixed before it was taken (修好了 typed for a new task): 受理 first, on record, then the result. Was
        # 现在是“待受理”，不能做这个操作, and the manager had to go back for 受理 then say it all again.
        # The button's own words typed (已解决 #2) stay the button: refused, as a press on a new task would be.
        case = await cases.act(ctx.uow, ctx.person, case_id, "accept", rules)
    if case.state not in cases.TRANSITIONS[action][0]:
        raise Conflict("cases.wrong_state", id=case.id, state=ctx.t(f"cases.states.{case.state}"))
    if action in ("accept", "start"):
        case = await cases.act(ctx.uow, ctx.person, case_id, action, rules)
        return Reply(ctx.t(f"cases.done_{action}", id=case.id), await cases.buttons_for(ctx.uow, ctx.person, case, ctx.texts))
    if action == "transfer":
        return await offer_grids(ctx, case)
    if action == "escalate":
        await cases.check_escalation(ctx.uow, ctx.person, case)  # before asking for a reason nobody would read
    ctx.dialog.enter(NOTE, "note", id=case.id, action=action)
    if action == "resolve" and result is None and ctx.message.payload is None and ctx.text:
        result = result_said(ctx.text)
    if action == "resolve" and photo is None and ctx.message.payload is None:
        photo = photo_of(ctx)  # 井盖已经固定好了 as a photo's caption under the task: the words and the photo
    if action == "resolve" and photo is not None:  # the photo came first, away from any form, or with the words
        await photos.take_held(ctx.uow, ctx.person)  # the task's photo, not one for a complaint of their own
        if result is not None:
            return await finish_note(ctx, result, photo[0], photo[1])
        ctx.dialog.goto("note", photo_ref=photo[0], photo_size=photo[1])
        return Reply(ctx.t("cases.result_photo_kept", id=case.id))
    if action == "resolve" and result is not None:  # 灯已经换好了 typed under the task: that is the result, not asked for again
        return ask_result_photo(ctx, result)
    return Reply(ctx.t(f"cases.ask_note_{action}", id=case.id))


def _other_case_named(ctx: Context, case_id: int) -> tuple[str, int] | None:
    """(action, case) when typed words chose a push's button but name another case (#1 or 1号); else None.

    Under #2's push, 转给二网格 #1 不归我们管 moved #2: the words chose the
    push's one 转其他网格 button, whatever case they named.
    """
    if ctx.message.payload is not None or not ctx.text:
        return None
    said = said_action(ctx.text)
    if said is None or said[1] is None or said[1] == case_id or said[0] in ("cannot", "property"):
        return None
    return said[0], said[1]


@router.dialog(NOTE)
async def note_dialog(ctx: Context) -> HandlerResult:
    """The NOTE dialog: a grid or the case awaited for words already said; else the note and photo steps (task_notes)."""
    data = ctx.dialog.data
    if ctx.dialog.step == "grid":  # words said for a transfer, waiting for the case's grid to be pressed
        return await grid_pressed(ctx)
    if ctx.dialog.step == "said":  # the result said with 已解决 (or its photo sent), waiting for the case to be pressed
        ctx.dialog.leave()
        if (ctx.payload or "").startswith("case:resolve:"):
            held = (data["photo_ref"], data.get("photo_size")) if data.get("photo_ref") else None
            return await handler_button(ctx, result=data.get("note"), photo=held)
        return None
    return await note_step(ctx)


async def show_case(ctx: Context, case_id: int) -> HandlerResult:
    """The case as its handler sees it: card, history, and the buttons the service allows them."""
    case = await cases.case_for_viewer(ctx.uow, ctx.person, case_id)
    text = await cases.card(ctx.uow, case, ctx.texts, ctx.app.settings.timezone, reader="handler")
    buttons = await cases.buttons_for(ctx.uow, ctx.person, case, ctx.texts)
    shown = any(button.payload == f"case:photo:{case.id}" for row in buttons for button in row)
    if not shown and await cases.photo_refs(ctx.uow, case, reader="handler"):  # a result photo only
        buttons = (*buttons, (photo_button(ctx, f"case:photo:{case.id}"),))
    return Reply(text + "\n\n" + await history(ctx, case, "handler"), buttons)


def describe_task(ctx: Context, case: Case, now) -> str:  # noqa: ANN001
    overdue = ctx.t("cases.overdue_mark") if case.due_at <= now and case.state in cases.CLOCK_STATES else ""
    due = cases.when(case.due_at, ctx.texts, ctx.app.settings.timezone)
    return f"{overdue}#{case.id} {ctx.t(f'cases.categories.{case.category}')} · {ctx.t(f'cases.states.{case.state}')} · {ctx.t('cases.due_short', due=due)} · {case.description[:24]}"

