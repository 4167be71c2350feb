"""超时的诉求, 有超时的吗: a case handler asking which of their cases are past their time limit.

A grid leader or the street's staff, told of overdue cases by a push, ask
after them in words (哪些超时了, 超期的诉求有哪些): these were 答不上来. They
are the overdue part of 待办, or a plain "none", for those who handle cases;
for anyone else the words are read as any other message.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import cases
from handlers.cases.basics import router
from handlers.cases.task_buttons import describe_task
from knowledge.normalize import normalize

# Past the limit (超时, 超期, 逾期, 过了时限), asked of cases: short, and nothing else said.
_OVERDUE = re.compile(r"超时|超期|逾期|过了?(?:时限|期限)|超过(?:时限|期限)|没按时办")
_ABOUT_CASES = re.compile(
    r"(?:有没有|有|哪些|哪几件|几件|多少件?|的|了|吗|么|没|呢|诉求|案子|任务|事|件|待办|我们|我|网格|里|看看|查查|查一下|看一下|列一下|\s)*"
)


def asks_overdue(text: str) -> bool:
    """Whether the words ask which cases are overdue (超时的诉求, 有超时的吗, 哪些超时了), and nothing else."""
    norm = normalize(text)
    found = _OVERDUE.search(norm)
    if found is None or len(norm) > 20:
        return False
    return _ABOUT_CASES.fullmatch(norm[: found.start()]) is not None and _ABOUT_CASES.fullmatch(norm[found.end() :]) is not None


@router.words_anywhere
async def overdue_asked(ctx: Context) -> HandlerResult:
    """The person's overdue cases, as 待办 lists them; None for someone who handles none, or other words."""
    if ctx.message.attachment is not None or not ctx.text or not asks_overdue(ctx.text):
        return None
    if not await cases.handles_cases(ctx.uow, ctx.person):
        return None
    now = ctx.now
    late = [c for c in await cases.tasks(ctx.uow, ctx.person, limit=1000) if c.due_at <= now and c.state in cases.CLOCK_STATES]
    if not late:
        return Reply(ctx.t("cases.no_overdue"), rows(Button(ctx.t("cases.open_tasks"), "tasks")))
    lines = [ctx.t("cases.overdue_title", count=len(late))] + [describe_task(ctx, c, now) for c in late[:20]]
    buttons = [Button(ctx.t("cases.view", id=c.id), f"case:view:{c.id}") for c in late[:8]]
    return Reply("\n".join(lines), rows(*buttons, per_row=2))
