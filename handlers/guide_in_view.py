"""What residents ask next about the service whose answer they were just sent, and asking for a home visit.

After 居住证怎么办 they go on with 要带啥, 周六上班不 or 能上门办吗 without
naming it again, as they would at the window; 能上门办老年证吗 names it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import conversation
from handlers.booking.own_visits import works_at_home
from handlers.common import back_button
from handlers.guide_answers import ASKABLE, answer, answer_text, part, service_of
from handlers.guide_listing import PAGE, catalogue
from handlers.handover import human_button
from knowledge.asked_parts import asked_part
from knowledge.normalize import normalize
from knowledge.schema import Service
from knowledge.understanding import Understanding


async def service_in_view(ctx: Context) -> Service | None:
    """The service whose answer (or one of its parts) the bot sent last, if that is what was sent last.

    After 居住证怎么办, residents go on with 要带啥 or 在哪办 without naming
    it again, as they would at a window: the question is about that service.
    """
    shown = await services_in_view(ctx)
    return shown[0] if len(shown) == 1 else None


async def services_in_view(ctx: Context) -> list[Service]:
    """The services the bot's last message offered (its svc: buttons), in their order.

    An OK in between (居住证 ⏎ 嗯 ⏎ 在哪办) does not change the subject: the
    不客气 it got is passed over.
    """
    if ctx.turn_id is None:
        return []
    acknowledged = ctx.t("common.thanks")
    prompts = await conversation.recent_prompts(ctx.uow, ctx.person, ctx.turn_id)
    prompt = next((p for p in prompts[:3] if p.get("text") != acknowledged), None)
    if not prompt:
        return []
    ids = [b.payload.split(":")[1] for b in Reply.from_dict(prompt).flat_buttons if b.payload.startswith("svc:")]
    found = (service_of(ctx, service_id) for service_id in dict.fromkeys(ids))
    return [service for service in found if service is not None]


async def home_visits(ctx: Context) -> HandlerResult:
    """The matters staff can do at home (腿脚不好能不能上门办), also for the booking intent's bare 上门 request.

    Right after the answer about one service (高龄津贴 ⏎ 能上门办吗) the
    question is about that one: a service done at home opens its booking,
    one that is not says so above the list of those that are.
    """
    return await visit_for(ctx, await service_in_view(ctx))


async def visit_for(ctx: Context, service: Service | None) -> HandlerResult:
    """Whether `service` is done at home (能上门办老年证吗, or 能上门办吗 right after its answer), and how.

    One done at home opens its booking, where the home visit is chosen; one
    done at home but not booked here (老年助餐 brings meals) gets its answer,
    which says so (it was told 不能上门); one done only at the window says so
    above the list of those that are. No service: the list alone.
    """
    book = ctx.app.routes.buttons.get("book")
    if service is not None and service.home_visit:
        if not (service.bookable and book is not None):
            return answer(ctx, service)
        lead = ctx.t("guide.home_visit_of", service=service.name)  # the booking's question does not name it
        ctx.payload = f"book:{service.id}"
        booked = await book(ctx)
        if works_at_home(service):  # 便民维修: the answer says it comes anyway, not 可以预约工作人员上门
            return booked
        return replace(booked, text=f"{lead}\n{booked.text}") if isinstance(booked, Reply) else booked
    ctx.payload = "guide:home:home:0"
    listed = catalogue(ctx)
    if service is None or not isinstance(listed, Reply):
        return listed
    return replace(listed, text=ctx.t("guide.not_at_home", service=service.name) + "\n" + listed.text)


# 怎么办 asked besides (残疾证怎么办理，我妈腿脚不好能上门吗): the answer comes first, then the visit.
_HOW = re.compile(r"(怎么|怎样|如何|咋)样?(办|弄|申请|申领|认证|登记|领)")


async def visit_asked(ctx: Context, reading: Understanding, service: Service) -> HandlerResult:
    """能上门办老年证吗 with the service named: :func:`visit_for` that one.

    Asked with 怎么办理 too, the answer's text comes first, in a message of its own
    (the visit's buttons stay last, where a typed number answers them).
    """
    visit = await visit_for(ctx, service)
    if not _HOW.search(normalize(ctx.text)) or not isinstance(visit, Reply) or visit == answer(ctx, service):
        return visit
    return [Reply(answer_text(ctx, reading)), visit]


# The centre itself named (你们周六上班不, 社区几点开门): its hours, not those of the service just answered.
_THE_CENTRE = re.compile(r"社区|中心|你们|您们|大厅|服务站|居委会")


async def hours_of_the_service_in_view(ctx: Context) -> Reply | None:
    """周六上班不, right after the answer about 老年证: that service's place and hours, not the centre's.

    老年证 is served at the day-care centre's desk from Monday to Friday; the
    centre's Saturday hours sent the resident there on a Saturday. Only when
    the message does not name the centre itself (你们周六上班不).
    """
    if _THE_CENTRE.search(normalize(ctx.text)):
        return None
    in_view = await service_in_view(ctx)
    return part(ctx, in_view, "where") if in_view is not None else None


async def about_the_service_in_view(ctx: Context) -> Reply | None:
    """要带啥, 要钱不, right after the answer about 居住证: that part of it.

    After a choice of services (the bot was unsure which was meant), 在哪儿办
    asks that part of one of them: which one, with the part on each button.
    """
    asked = asked_part(normalize(ctx.text))
    if asked not in ASKABLE:
        return None
    in_view = await services_in_view(ctx)
    if len(in_view) == 1:
        return part(ctx, in_view[0], asked)
    if not 1 < len(in_view) <= PAGE:
        return None
    buttons = [Button(service.name, f"svc:{service.id}:{asked}") for service in in_view]
    return Reply(ctx.t("guide.which_part", part=ctx.t(f"guide.part.{asked}")), rows(*buttons, human_button(ctx), back_button(ctx)))
