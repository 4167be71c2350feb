"""催一下 from a resident with an open case: its handlers are reminded (bot.services.cases.chasing), the resident told so.

It showed the resident's list and reminded nobody. Now the one open case
is chased; with several, the resident picks which (`cs:chase:<id>`, a
press the service re-checks: their own case or one they follow, still open).
A neighbour who follows a case (关注) chases it as its reporter does: the
same handlers reminded, in the same 12 hours.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.models import Case
from bot.services import cases
from bot.services.cases.chasing import CHASE_EVERY, chase
from bot.services.cases.privacy import public_text
from handlers.cases.basics import INFO, rules_of
from handlers.common import back_button

CHASE = "cs:chase"  # cs:chase:<id>, handled in mine.resident_button


async def chase_said(ctx: Context, candidates: list[Case]) -> Reply:
    """The one open case chased; with several, which one (each a button: a followed one without the reporter's door)."""
    if len(candidates) == 1:
        return await chase_case(ctx, candidates[0].id)  # type: ignore[arg-type]
    buttons = []
    for c in candidates[:8]:
        description = c.description if c.person_id == ctx.person.id else await public_text(ctx.uow, c, c.description)
        buttons.append(Button(ctx.t("cases.chase_button", id=c.id, description=description[:10]), f"{CHASE}:{c.id}"))
    return Reply(ctx.t("cases.which_to_chase", count=len(candidates)), rows(*buttons, back_button(ctx)))


async def chase_case(ctx: Context, case_id: int) -> Reply:
    """Chase the case, and say whom it reminded, or when it did already, or that it waits for an answer (theirs, the reporter's)."""
    chased = await chase(ctx.uow, ctx.person, case_id, rules_of(ctx))
    case, who = chased.case, ctx.t(f"cases.chase_who.{chased.who}")
    if chased.outcome == "needs_you":  # 请居民补充 waits for them: their next words are the answer
        ctx.dialog.enter(INFO, "text", id=case.id)
        return Reply(ctx.t("cases.chase_needs_you", id=case.id, who=who))
    if chased.outcome == "needs_reporter":
        said = ctx.t("cases.chase_needs_reporter", id=case.id, who=who)
    elif chased.outcome == "recently":
        at = cases.when(chased.last_at, ctx.texts, ctx.app.settings.timezone)  # type: ignore[arg-type]
        said = ctx.t("cases.chased_recently", id=case.id, who=who, at=at, hours=int(CHASE_EVERY.total_seconds() // 3600))
    else:
        key = "cases.chased_followed" if chased.follower else "cases.chased"
        said = ctx.t(key, id=case.id, who=who, description=chased.description[:20])
    return Reply(said, rows(Button(ctx.t("cases.view", id=case.id), f"cs:view:{case.id}"), back_button(ctx), per_row=2))
