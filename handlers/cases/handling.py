"""What grid managers, leaders and street staff do with a case: take it, note, resolve, pass it on."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core import validation
from bot.core.router import HandlerResult
from bot.core.validation import said_form
from bot.models import Case
from bot.services import cases, photos
from bot.services.errors import Conflict, PermissionDenied
from bot.services.cases.states import shown_state

from handlers.cases.basics import (
    GOING_SAID,
    NOTE,
    case_looked_at,
    without_case_named,
    case_number,
    case_photos,
    number_and_rest,
    photo_of,
    refuse_oversize,
    result_said,
    router,
    rules_of,
    said_action,
)
from handlers.cases.mine import history, resident_button
from handlers.cases.transferring import (
    grid_pressed,
    grid_said,
    hold_transfer_words,
    offer_grids,
    offers_grids,
    transfer_buttons,
    transferred,
)
from handlers.common import as_understood
from handlers.photos import photo_button


# ---------------------------------------------------------------- handlers' actions

# A task's buttons typed with its number (受理 #12, 已解决12): when two pushes both showed
# 【1】受理, a number alone means the newest one, and staff name the case to be sure.
TYPED_ACTIONS = {"受理": "accept", "开始办理": "start", "请居民补充": "ask_info", "已解决": "resolve", "上报街道": "escalate", "转其他网格": "transfer"}


@router.keyword(*TYPED_ACTIONS, leading=tuple(TYPED_ACTIONS))
async def typed_action(ctx: Context) -> HandlerResult:
    form = validation.keyword_form(ctx.text)
    word = next(w for w in sorted(TYPED_ACTIONS, key=len, reverse=True) if form.startswith(w))
    action = TYPED_ACTIONS[word]
    number, rest = number_and_rest(ctx.args)
    if number is not None:  # 上报街道 #3 垃圾清运车进不来: that case, and the reason with it
        return await _on_case(ctx, action, number, rest)
    if not await cases.handles_cases(ctx.uow, ctx.person):
        return await as_understood(ctx)  # 开始办理居住证要带什么, 已解决了谢谢: a resident's words, not a task's action
    said = said_action(ctx.text)
    if not ctx.args or (said is not None and said[0] == action):  # 受理, 已解决了
        return await _on_the_one_case(ctx, action)
    return await as_understood(ctx)  # 请居民补充是什么意思: a question, not the action


# What people who handle cases type to say they took one, finished one or it is not theirs
# (收到, 好的我去看看, 处理好了, 转给三网格), away from the task's push. The words the
# knowledge base takes as an OK must be caught before it answers 不客气: the OK words
# themselves (the first word of 好的，我去看看) and the OKs with what one will do, as typed.
_OK_WORDS = ("收到", "收到了", "好", "好的", "好滴", "好嘞", "行", "ok", "知道了", "明白", "明白了", "没问题")


def _said_forms() -> tuple[str, ...]:
    particles = ("", "了", "啦", "哈", "吧", "啊")
    acks = ("好", "好的", "好滴", "好嘞", "行", "收到", "收到了", "知道了", "明白了", "ok")
    forms = {f"{a}{b}{p}" for a in acks for b in ("", *acks) for p in particles}
    forms |= {f"{a}{me}{go}{look}{p}" for a in ("", *acks) for me in ("", "我") for go in ("", "去", "马上去", "这就去") for look in ("看看", "看一下") for p in particles}
    taken = {w for w in forms if said_action(w) == ("accept", None)}
    return tuple(sorted((taken | set(_OK_WORDS)) - set(TYPED_ACTIONS)))


@router.keyword(*_said_forms(), yielding=True)
async def typed_words(ctx: Context) -> HandlerResult:
    """收到 and the like: a task taken by a case handler; from anyone else (or a bare 好的) what it was before.

    Away from the task's push, 收到 may answer anything (a Party-day
    notice): the one case it could take is asked about, not taken.
    """
    acted = await on_said_action(ctx)
    if acted is not None:
        return acted
    return await as_understood(ctx)


async def on_said_action(ctx: Context) -> Reply | None:
    """A case handler's own words for a task's action (收到, 处理好了, 转给三网格) typed anywhere; else None.

    With a case named (收到 #3) that case; else the open cases on which the
    action may be done are offered as buttons, even just one: away from the
    task's push the words may answer something else. Residents' identical
    words are not actions: None, and they are answered as before.
    """
    if ctx.message.attachment is not None or not ctx.text:
        return None
    said = said_action(ctx.text)
    if said is None or not await cases.handles_cases(ctx.uow, ctx.person):
        return None
    action, number = said
    if action in ("cannot", "property"):
        return await _what_can_be_done(ctx, number, property_said=action == "property")
    if number is not None:
        return await _on_case(ctx, action, number)
    if action == "accept" and not await cases.tasks_for_action(ctx.uow, ctx.person, "accept"):
        if _going(ctx.text) and await cases.tasks_for_action(ctx.uow, ctx.person, "start"):
            return await _on_the_one_case(ctx, "start")  # 马上去 with the task already taken: work on it begins
        if not _going(ctx.text):  # 好的收到 to a resident's 补充: an OK, not "nothing to 受理" (nor 不客气)
            open_cases = await cases.tasks(ctx.uow, ctx.person, limit=1000)
            if open_cases:
                return Reply(ctx.t("cases.ok_cases_open", count=len(open_cases)))
    return await _on_the_one_case(ctx, action)


async def _what_can_be_done(ctx: Context, number: int | None, *, property_said: bool = False) -> Reply | None:
    """修不了, 处理不了: the case's 上报街道 and 转其他网格, as buttons (were 答不上来).

    这个归物业管 too, said first that the property company is asked and the
    case resolved with what it did, as the grid still answers for the case.

    The case named, else the one whose push or card is on screen, else each
    open case; every press is checked again by the service.
    """
    if number is not None:
        found = [await cases.case_for_handler(ctx.uow, ctx.person, number)]
    else:
        found = await cases.tasks_for_action(ctx.uow, ctx.person, "transfer")
        on_screen = {payload.rsplit(":", 1)[-1] for _label, payload in ctx.shown if payload.startswith("case:")}
        found = [case for case in found if str(case.id) in on_screen] or found
    if not found:
        return None
    escalating = {case.id for case in await cases.tasks_for_action(ctx.uow, ctx.person, "escalate")}
    buttons = []
    for case in found[:4]:
        if case.id in escalating:
            buttons.append(Button(f"{ctx.t('cases.actions.escalate')} #{case.id}", f"case:escalate:{case.id}"))
        if case.state in cases.TRANSITIONS["transfer"][0]:
            buttons.append(Button(f"{ctx.t('cases.actions.transfer')} #{case.id}", f"case:transfer:{case.id}"))
    if not buttons:
        return None
    key = "cases.cannot_offer" if escalating & {case.id for case in found[:4]} else "cases.cannot_offer_transfer"
    lead = ctx.t("cases.property_first") + "\n" if property_said else ""
    return Reply(lead + ctx.t(key), rows(*buttons, per_row=2))


def _going(text: str) -> bool:
    """马上去, 我这就过去: the handler is on their way (not only 收到)."""
    return GOING_SAID.fullmatch(said_form(without_case_named(text))) is not None


async def on_case_named(ctx: Context) -> HandlerResult:
    """A case only named, to see it (查看 #2, #2, 看一下2号诉求, 诉求 #2) away from any list; else None.

    Someone who handles cases sees it as a handler, if the service lets them
    view it; otherwise (a resident, or a handler's own complaint) it is
    opened as the resident's own or followed case, which the service checks
    too: anyone else's case is refused, not shown.
    """
    if ctx.message.attachment is not None or not ctx.text:
        return None
    number = case_looked_at(ctx.text, handler=True)
    if number is None:  # asked of every message nobody answered: the words first, the roles only then
        return None
    handler = await cases.handles_cases(ctx.uow, ctx.person)
    if not handler and case_looked_at(ctx.text) is None:  # 看一下3号 from a resident: not a case
        return None
    if handler:
        try:
            return await show_case(ctx, number)
        except PermissionDenied:
            pass  # not theirs to handle: perhaps their own complaint, or one they follow
    ctx.payload = f"cs:view:{number}"
    return await resident_button(ctx)


async def _on_case(ctx: Context, action: str, number: int, note: str = "") -> Reply:
    """As if `case:<action>:<number>` was pressed; a note typed with it (the reason to escalate) answers its question.

    转其他网格 #3 不归我们管: the grids are offered, and the reason waits
    for the grid chosen (see `_hold_transfer_words`).
    """
    ctx.payload = f"case:{action}:{number}"
    reply = await handler_button(ctx)
    if note and action in cases.NOTE_REQUIRED and ctx.dialog.name == NOTE and ctx.dialog.data.get("id") == number:
        ctx.payload, ctx.text = None, note
        reply = await note_dialog(ctx)
    elif note and action == "transfer" and isinstance(reply, Reply) and offers_grids(reply):
        hold_transfer_words(ctx, note)
    return reply  # type: ignore[return-value]


async def _on_the_one_case(ctx: Context, action: str) -> Reply:
    """The person's open cases that allow the action, as buttons to press (each press re-checked).

    For 转给三网格 (不归我们管) each choice goes straight to the grid named,
    and the reason said waits for the press (see `_hold_transfer_words`).
    """
    found = await cases.tasks_for_action(ctx.uow, ctx.person, action)
    if action == "resolve":  # 修好了 for a task never taken: taken and resolved on the press (see handler_button)
        found += [case for case in await cases.tasks_for_action(ctx.uow, ctx.person, "accept") if case.state == "submitted"]
    label = ctx.t(f"cases.actions.{action}")
    if not found:
        return await _none_for_action(ctx, label)
    choices = [(case, *await _choice(ctx, action, case)) for case in found[:8]]
    if any(payload.startswith("case:to:") for _case, payload, _reason in choices):
        hold_transfer_words(ctx, next((reason for *_, reason in choices if reason), None))
    result = result_said(ctx.text) if action == "resolve" else None
    if result is not None:  # 灯已经换好了: the result, kept (server-side) for the press
        ctx.dialog.enter(NOTE, "said", action=action, note=result)
    if len(choices) == 1:
        case, payload, _reason = choices[0]
        return Reply(
            ctx.t("cases.this_case", action=label, case=choice_label(ctx, case)),
            rows(Button(f"{label} #{case.id}", payload)),
        )
    buttons = [Button(choice_label(ctx, case), payload) for case, payload, _reason in choices]
    return Reply(ctx.t("cases.which_case", count=len(found), action=label), rows(*buttons))


async def _none_for_action(ctx: Context, label: str) -> Reply:
    """No case allows the action: with cases open, which state each is in (搞定 on a case not taken yet), to open them.

    您现在没有可以“已解决”的诉求 read as if the manager had no case at all.
    """
    try:
        open_cases = await cases.tasks(ctx.uow, ctx.person, limit=8)
    except PermissionDenied:
        open_cases = []
    if not open_cases:
        return Reply(ctx.t("cases.none_for_action", action=label))
    listed = "\n".join(choice_label(ctx, case) for case in open_cases)
    buttons = [Button(ctx.t("cases.view", id=case.id), f"case:view:{case.id}") for case in open_cases]
    return Reply(ctx.t("cases.none_for_action_open", action=label, cases=listed), rows(*buttons, per_row=2))


def choice_label(ctx: Context, case: Case) -> str:
    return ctx.t(
        "cases.case_choice",
        id=case.id,
        category=ctx.t(f"cases.categories.{case.category}"),
        state=ctx.t(f"cases.states.{shown_state(case.state, case.first_resolved_at)}"),
        description=case.description[:12],
    )


async def _choice(ctx: Context, action: str, case: Case) -> tuple[str, str | None]:
    """(`case:<action>:<id>`, None); for 转给三网格 the grid the words named, when that grid can take this case, and the reason."""
    if action == "transfer":
        said = grid_said(ctx, await transfer_buttons(ctx, case))
        if said is not None:
            return f"case:to:{case.id}:{said[0]}", said[1]
    return f"case:{action}:{case.id}", None


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
        return await _on_case(ctx, named[0], named[1])
    rules = rules_of(ctx)
    if action == "view":
        return await show_case(ctx, case_id)
    if action == "photo":
        case = await cases.case_for_viewer(ctx.uow, ctx.person, case_id)
        return await case_photos(ctx, case, "handler", Button(ctx.t("cases.view", id=case.id), f"case:view:{case.id}"))
    if action == "to" and len(parts) == 4:
        return await _ask_transfer_reason(ctx, case_id, parts[3])
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
            return await _finish_note(ctx, result, photo[0], photo[1])
        ctx.dialog.goto("note", photo_ref=photo[0], photo_size=photo[1])
        return Reply(ctx.t("cases.result_photo_kept", id=case.id))
    if action == "resolve" and result is not None:  # 灯已经换好了 typed under the task: that is the result, not asked for again
        return _ask_result_photo(ctx, result)
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


def _ask_result_photo(ctx: Context, note: str, added: str | None = None) -> Reply:
    ctx.dialog.goto("photo", note=note)
    said = ctx.t("cases.result_added", text=added[:60]) if added else ctx.t("cases.result_taken", note=note[:200])
    return Reply(said + "\n" + ctx.t("cases.ask_result_photo", id=ctx.dialog.data["id"]), rows(Button(ctx.t("cases.skip"), "cs:skip")))


async def _ask_transfer_reason(ctx: Context, case_id: int, grid_id: str) -> Reply:
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


@router.dialog(NOTE)
async def note_dialog(ctx: Context) -> HandlerResult:
    data = ctx.dialog.data
    action = data["action"]
    if ctx.dialog.step == "grid":  # words said for a transfer, waiting for the case's grid to be pressed
        return await grid_pressed(ctx)
    if ctx.dialog.step == "said":  # the result said with 已解决 (or its photo sent), waiting for the case to be pressed
        ctx.dialog.leave()
        if (ctx.payload or "").startswith("case:resolve:"):
            held = (data["photo_ref"], data.get("photo_size")) if data.get("photo_ref") else None
            return await handler_button(ctx, result=data.get("note"), photo=held)
        return None
    if ctx.dialog.step == "note":
        if action == "transfer" and ctx.payload == "cs:skip":
            return await _finish_note(ctx, None, None, None)
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
            return await _finish_note(ctx, ctx.text, data["photo_ref"], data.get("photo_size"))
        if action == "resolve":
            return _ask_result_photo(ctx, ctx.text)
        return await _finish_note(ctx, ctx.text, None, None)
    if ctx.dialog.step == "photo":
        if ctx.payload == "cs:skip":
            return await _finish_note(ctx, data["note"], None, None)
        if ctx.payload is not None:
            return None
        photo = photo_of(ctx)
        if photo is None and ctx.text and _another_action(action, ctx.text):
            return None
        if photo is None and ctx.text and not _NO_WORDS.fullmatch(ctx.text.strip()):  # more of the result: kept, not dropped
            return _ask_result_photo(ctx, f"{data['note']}，{ctx.text.strip()}"[: cases.MAX_DESCRIPTION], added=ctx.text.strip())
        if photo is None:
            return Reply(ctx.t("cases.ask_result_photo", id=data["id"]), rows(Button(ctx.t("cases.skip"), "cs:skip")))
        refused = refuse_oversize(ctx, photo[1])
        if refused:
            return refused
        return await _finish_note(ctx, data["note"], photo[0], photo[1])
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
        return await _finish_note(ctx, ctx.text, photo[0], photo[1])
    ctx.dialog.goto("note", photo_ref=photo[0], photo_size=photo[1])
    return Reply(ctx.t("cases.result_photo_kept", id=ctx.dialog.data["id"]))


async def _finish_note(ctx: Context, note: str | None, photo_ref: str | None, photo_size: int | None) -> HandlerResult:
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


async def show_case(ctx: Context, case_id: int) -> HandlerResult:
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

