"""A handler's actions typed in words: 受理 #12, 收到, 处理好了, 修不了, 转给三网格, 查看 #2.

The words become the press they name (see task_buttons), on the case
named, else on the open cases offered as buttons; residents' identical
words are read as anything else they say.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core import validation
from bot.core.router import HandlerResult
from bot.core.validation import said_form
from bot.models import Case
from bot.services import cases
from bot.services.errors import PermissionDenied
from bot.services.cases.states import shown_state

from handlers.cases.basics import GOING_SAID, NOTE, case_looked_at, number_and_rest, result_said, router, said_action, without_case_named
from handlers.cases.mine import resident_button
from handlers.cases.task_buttons import on_case, show_case
from handlers.cases.transferring import grid_said, hold_transfer_words, transfer_buttons
from handlers.common import as_understood


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
        return await on_case(ctx, action, number, rest)
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
        return await on_case(ctx, action, number)
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



async def _on_the_one_case(ctx: Context, action: str) -> Reply:
    """The person's open cases that allow the action, as buttons to press (each press re-checked).

    For 转给三网格 (不归我们管) each choice goes straight to the grid named,
    and the reason said waits for the press (see `hold_transfer_words`).
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
