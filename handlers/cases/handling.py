"""What grid managers, leaders and street staff do with a case: take it, note, resolve, pass it on."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core import validation
from bot.core.router import HandlerResult
from bot.models import Case
from bot.services import cases, org
from bot.services.errors import Conflict

from handlers.cases.basics import NOTE, case_number, case_photos, photo_of, refuse_oversize, router, rules_of
from handlers.cases.mine import as_understood, history
from handlers.photos import photo_button


# ---------------------------------------------------------------- handlers' actions

# A task's buttons typed with its number (受理 #12, 已解决12): when two pushes both showed
# 【1】受理, a number alone means the newest one, and staff name the case to be sure.
TYPED_ACTIONS = {"受理": "accept", "开始办理": "start", "请居民补充": "ask_info", "已解决": "resolve", "上报街道": "escalate", "转其他网格": "transfer"}


@router.keyword(*TYPED_ACTIONS, leading=tuple(TYPED_ACTIONS))
async def typed_action(ctx: Context) -> HandlerResult:
    form = validation.keyword_form(ctx.text)
    word = next(w for w in sorted(TYPED_ACTIONS, key=len, reverse=True) if form.startswith(w))
    number = validation.record_number(ctx.args)
    if number is None:
        if not ctx.args and await cases.handles_cases(ctx.uow, ctx.person):
            return Reply(ctx.t("cases.name_the_case", action=word))
        return await as_understood(ctx)  # 开始办理居住证要带什么, 已解决了谢谢: a resident's words, not a task's action
    ctx.payload = f"case:{TYPED_ACTIONS[word]}:{number}"
    return await handler_button(ctx)



@router.button("case")
async def handler_button(ctx: Context) -> HandlerResult:
    """`case:<action>:<id>` (and `case:to:<id>:<grid>`): every press is re-checked by the services."""
    parts = (ctx.payload or "").split(":")
    if len(parts) < 3:
        return await ctx.app.routes.intents["stale_button"](ctx)
    action, case_id = parts[1], case_number(parts[2])
    rules = rules_of(ctx)
    if action == "view":
        return await show_case(ctx, case_id)
    if action == "photo":
        case = await cases.case_for_viewer(ctx.uow, ctx.person, case_id)
        return await case_photos(ctx, case, "handler", Button(ctx.t("cases.view", id=case.id), f"case:view:{case.id}"))
    if action == "to" and len(parts) == 4:
        case = await cases.act(ctx.uow, ctx.person, case_id, "transfer", rules, grid_id=parts[3])
        return Reply(ctx.t("cases.done_transfer", id=case.id, grid=await cases.place_label(ctx.uow, case, ctx.texts)))
    if action not in cases.STAFF_ACTIONS:
        return await ctx.app.routes.intents["stale_button"](ctx)
    case = await cases.case_for_handler(ctx.uow, ctx.person, case_id)
    if case.state not in cases.TRANSITIONS[action][0]:
        raise Conflict("cases.wrong_state", id=case.id, state=ctx.t(f"cases.states.{case.state}"))
    if action in ("accept", "start"):
        case = await cases.act(ctx.uow, ctx.person, case_id, action, rules)
        return Reply(ctx.t(f"cases.done_{action}", id=case.id), await cases.buttons_for(ctx.uow, ctx.person, case, ctx.texts))
    if action == "transfer":
        # An escalated case may go back to the grid it came from.
        grids = [g for g in await org.grids(ctx.uow, case.community_id) if g.id != case.grid_id or case.state == "escalated"]
        buttons = [Button(g.name, f"case:to:{case.id}:{g.id}") for g in grids]
        named = _grid_named(ctx, buttons)
        if named is not None:  # 转给三网格: the words chose the grid too
            ctx.payload = named
            return await handler_button(ctx)
        return Reply(ctx.t("cases.pick_grid", id=case.id), rows(*buttons, per_row=2))
    if action == "escalate":
        await cases.check_escalation(ctx.uow, ctx.person, case)  # before asking for a reason nobody would read
    ctx.dialog.enter(NOTE, "note", id=case.id, action=action)
    return Reply(ctx.t(f"cases.ask_note_{action}", id=case.id))


def _grid_named(ctx: Context, buttons: list[Button]) -> str | None:
    """The grid typed after 转给 (转给三网格, 转到第三网格), when the transfer came from words; else None."""
    if ctx.message.payload is not None or not ctx.text:
        return None
    _, turn, named = ctx.text.partition("转")
    named = named.lstrip("给到交")
    if not turn or not named:
        return None
    return validation.chosen_label(named, [[b.label, b.payload] for b in buttons])


@router.dialog(NOTE)
async def note_dialog(ctx: Context) -> HandlerResult:
    data = ctx.dialog.data
    action = data["action"]
    if ctx.dialog.step == "note":
        if ctx.payload is not None:
            return None
        if not ctx.text:
            return Reply(ctx.t(f"cases.ask_note_{action}", id=data["id"]))
        if action == "resolve":
            ctx.dialog.goto("photo", note=ctx.text)
            return Reply(ctx.t("cases.ask_result_photo"), rows(Button(ctx.t("cases.skip"), "cs:skip")))
        return await _finish_note(ctx, ctx.text, None, None)
    if ctx.dialog.step == "photo":
        if ctx.payload == "cs:skip":
            return await _finish_note(ctx, data["note"], None, None)
        if ctx.payload is not None:
            return None
        photo = photo_of(ctx)
        if photo is None:
            return Reply(ctx.t("cases.ask_result_photo"), rows(Button(ctx.t("cases.skip"), "cs:skip")))
        refused = refuse_oversize(ctx, photo[1])
        if refused:
            return refused
        return await _finish_note(ctx, data["note"], photo[0], photo[1])
    return None


async def _finish_note(ctx: Context, note: str, photo_ref: str | None, photo_size: int | None) -> HandlerResult:
    data = ctx.dialog.data
    case = await cases.act(
        ctx.uow, ctx.person, data["id"], data["action"], rules_of(ctx), note=note, photo_ref=photo_ref, photo_size=photo_size
    )
    ctx.dialog.leave()
    return Reply(ctx.t(f"cases.done_{data['action']}", id=case.id))


async def show_case(ctx: Context, case_id: int) -> HandlerResult:
    case = await cases.case_for_viewer(ctx.uow, ctx.person, case_id)
    text = await cases.card(ctx.uow, case, ctx.texts, ctx.app.settings.timezone, reader="handler")
    buttons = await cases.buttons_for(ctx.uow, ctx.person, case, ctx.texts)
    if not case.photo_ref and await cases.photo_refs(ctx.uow, case, reader="handler"):  # a result photo only
        buttons = (*buttons, (photo_button(ctx, f"case:photo:{case.id}"),))
    return Reply(text + "\n\n" + await history(ctx, case, "handler"), buttons)


def describe_task(ctx: Context, case: Case, now) -> str:  # noqa: ANN001
    overdue = ctx.t("cases.overdue_mark") if case.due_at <= now and case.state in cases.CLOCK_STATES else ""
    due = cases.when(case.due_at, ctx.texts, ctx.app.settings.timezone)
    return f"{overdue}#{case.id} {ctx.t(f'cases.categories.{case.category}')} · {ctx.t(f'cases.states.{case.state}')} · {ctx.t('cases.due_short', due=due)} · {case.description[:24]}"

