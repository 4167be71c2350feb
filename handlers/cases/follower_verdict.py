"""没修好 from a resident who follows someone else's case now resolved: what they can do, not a leaflet.

A follower is told the case is 已办结待评价 like its reporter, but only the
reporter rates it. 没修好 还是不亮 from a follower was read alone as a repair
question and got the 便民维修 leaflet: the light still out, and nobody told
them how to say so. They are told the case is the reporter's to rate and
offered 反映问题 to report it again (and the case to look at).
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import cases
from handlers.cases.basics import router
from handlers.cases.mine import rating_in_words


@router.words_anywhere
async def not_fixed_said_by_a_follower(ctx: Context) -> HandlerResult:
    """没修好 / 还是不亮 from someone with no case of their own to rate, following one resolved: told what to do; else None."""
    if ctx.message.attachment is not None or not ctx.text or ctx.not_for_a_case:
        return None
    said = rating_in_words(ctx.text)
    if said is None or said[0] != "not_fixed":
        return None
    if await cases.awaiting_rating(ctx.uow, ctx.person, limit=1):
        return None  # their own case to rate: rating_said answers it
    followed = [c for c in await cases.cases_of(ctx.uow, ctx.person) if c.person_id != ctx.person.id and c.state == "resolved"]
    if not followed:
        return None
    case = followed[0]
    text = ctx.t("cases.follower_not_fixed", id=case.id)
    return Reply(text, rows(Button(ctx.t("cases.menu_entry"), "report"), Button(ctx.t("cases.view", id=case.id), f"cs:view:{case.id}"), per_row=2))
