"""Services whose work is itself done at the home (便民维修, 家政服务): asking them to come is asking for the service.

能上门吗 after 便民维修 opened the booking of a visit for the elderly and
the disabled (请问是哪种情况？老年人/残疾人/其他), whose question does not
suit a repair: the repairer always comes to the home, and the service says
in its own steps and online line how to ask for it (到5号窗口或打电话登记).
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from handlers.common import back_button
from knowledge.schema import Service


def works_at_home(service: Service) -> bool:
    """Whether the service's own work is done at the resident's home (its summary says 上门: a repairer, a cleaner).

    Only convenience services: an approval (高龄津贴) is done at the window,
    and going to the home for it is the visit booked for those who cannot come.
    """
    return service.kind == "convenience" and "上门" in service.summary


def comes_home(ctx: Context, service: Service) -> Reply:
    """The service comes to the home anyway, and how to ask for it: its first step and its online line."""
    ctx.dialog.leave()
    how = service.online.how or ""
    text = ctx.t("booking.works_at_home", service=service.name, summary=service.summary,
                 step=service.steps[0].rstrip("。"), how=how)
    guide = Button(ctx.t("booking.guide_button", service=service.name), f"svc:{service.id}")
    return Reply(text.rstrip(), rows(guide, back_button(ctx), per_row=1))
