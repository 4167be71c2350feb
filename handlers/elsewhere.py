"""A matter another office handles (身份证丢了, 驾照换证): say where to go.

Answering with the nearest of the centre's own services would send an
elderly resident to the wrong window; saying "I don't know" would leave
them where they were. The offices come from knowledge/elsewhere.yaml.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Reply, rows
from bot.core.router import HandlerResult, Router
from handlers.common import back_button
from handlers.guide import nothing_fits
from handlers.handover import human_button

router = Router("elsewhere")


@router.intent("elsewhere")
async def handled_elsewhere(ctx: Context) -> HandlerResult:
    understanding = ctx.understanding
    referral = ctx.app.understander.referrals.get(understanding.elsewhere or "") if understanding else None
    if referral is None:
        return await nothing_fits(ctx)
    key = "elsewhere.urgent" if referral.urgent else "elsewhere.answer"
    lines = [ctx.t(key, name=referral.name, where=referral.where)]
    if referral.tip:
        lines.append(ctx.t("elsewhere.tip", tip=referral.tip))
    lines.append(ctx.t("elsewhere.more"))
    return Reply("\n".join(lines), rows(human_button(ctx), back_button(ctx), per_row=2))
