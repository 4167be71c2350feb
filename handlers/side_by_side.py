"""Two services set side by side, for a question asking how they differ (低保和低收入家庭有什么区别).

Answered as two questions, it got both full overviews, twenty lines in
which the difference had to be found. Side by side, each says in two lines
what it is and who qualifies, in the services' own words; the rest of each
guide is a tap away.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from handlers.common import back_button
from handlers.handover import human_button
from knowledge.schema import Service


def side_by_side(ctx: Context, services: list[Service]) -> Reply:
    blocks = [ctx.t("guide.compare_intro")]
    for service in services:
        blocks.append(
            "\n".join(
                [
                    f"【{service.name}】",
                    ctx.t("guide.compare_what", summary=service.summary),
                    ctx.t("guide.compare_who", eligibility=service.eligibility),
                ]
            )
        )
    blocks.append(ctx.t("guide.several_more"))
    details = [Button(service.name, f"svc:{service.id}") for service in services]
    return Reply("\n\n".join(blocks), rows(*details, human_button(ctx), back_button(ctx)))
