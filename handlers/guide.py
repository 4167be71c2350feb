"""办事指南: where service questions, the guide's buttons and what nothing fits arrive.

Confident → the answer with buttons for its parts; unsure → the top three
as buttons; nothing fits → say so honestly, offer the menu and a person,
and count the question for the staff who maintain the knowledge base.
Two to four questions in one message (低保怎么办理。高龄津贴呢) → each
answered, the unsure one asked about.

The modules: guide_answers (a service's answer and its parts),
guide_several (several questions in one message), guide_in_view (follow-ups
about the service just answered, and asking for a home visit),
guide_listing (the lists of services); this one routes to them.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.services import support
from handlers.cases.waiting import to_waiting_case
from handlers.common import back_button, main_menu
from handlers.guide_answers import ASKABLE, answer, part, service_of
from handlers.guide_in_view import about_the_service_in_view, home_visits, service_in_view, visit_asked
from handlers.guide_listing import PAGE, catalogue
from handlers.guide_several import several
from handlers.handover import human_button
from handlers.name_alone import name_alone, name_with_phone
from handlers.name_alone import offer_to_keep as offer_name
from handlers.phone_alone import offer_to_keep, phone_alone
from handlers.side_by_side import side_by_side
from handlers.wishes.resident_words import about_a_wish_done
from knowledge import intents
from knowledge.normalize import normalize

__all__ = ["browse", "nothing_fits", "router"]

router = Router("guide")
router.menu_entry("menu.guide", "guide", order=10)


@router.intent("service")
async def service_question(ctx: Context) -> HandlerResult:
    understanding = ctx.understanding
    assert understanding is not None
    about_a_wish = await about_a_wish_done(ctx)  # 志愿者根本没来: not 志愿者注册, for a resident awaiting one
    if about_a_wish is not None:
        return about_a_wish
    compared = [found for sid in understanding.compared if (found := service_of(ctx, sid)) is not None]
    if len(compared) == 2:  # 低保和低收入家庭有什么区别: side by side, not two overviews
        return side_by_side(ctx, compared)
    if understanding.parts:  # 低保怎么办理。我想问一下高龄津贴。: both, not the one named most strongly
        return await several(ctx, understanding.parts)
    service = service_of(ctx, understanding.service_id or "")
    asked = understanding.part if understanding.part in ASKABLE else None
    # 家属能代办吗 names no service: it asks about the one in view, not 退役军人优待证 (烈士家属) it resembles;
    # so does 手机上能弄不 (生育登记手机上能弄不 is an example of 生育登记: it was that answer after 高龄津贴)
    guessed = asked in ("proxy", "online") and not understanding.named
    if understanding.decision == "answer" and service is not None and not guessed:
        if understanding.named and not asked and intents.asks_visit_for(normalize(ctx.text)):
            return await visit_asked(ctx, understanding, service)  # 能上门办老年证吗: that one at home, not its general answer
        start_booking = ctx.app.routes.buttons.get("book")
        if understanding.book and service.bookable and start_booking is not None:
            ctx.payload = f"book:{service.id}"  # 预约办居住证: as if its 预约办理 button were pressed
            return await start_booking(ctx)
        # 要带什么材料 gets the materials at once; the overview is one tap back.
        return part(ctx, service, asked) if asked else answer(ctx, service)
    follow_up = await about_the_service_in_view(ctx)  # 要钱不 reads weakly as some service: it is about this one
    if follow_up is not None:
        return follow_up
    if intents.asks_home_visit(normalize(ctx.text)):  # 腿脚不好能不能上门办: which matters can be done at home
        return await home_visits(ctx)
    followed = await _to_the_staff_who_just_answered(ctx)
    if followed is not None:
        return followed
    question_id = await support.record_unanswered(ctx.uow, ctx.text, normalize(ctx.text), "choose")
    buttons = [
        Button(found.name, f"svc:{found.id}:{asked}" if asked else f"svc:{found.id}")
        for found in (service_of(ctx, c.service_id) for c in understanding.candidates[:3])
        if found is not None
    ]
    return Reply(ctx.t("guide.which"), rows(*buttons, human_button(ctx, question_id), back_button(ctx)))


@router.intent("audience")
async def for_whom(ctx: Context) -> HandlerResult:
    """老年人能办哪些事, 失业了社区能帮啥: the services for that group, best first, each opening its guide.

    The reading lists them (knowledge/audiences.py); the words asked are not
    recorded as unanswered, the list is the answer. Staff are a tap away for
    what the list does not cover.
    """
    understanding = ctx.understanding
    assert understanding is not None
    listed = [found for c in understanding.candidates if (found := service_of(ctx, c.service_id)) is not None][:PAGE]
    who = "、".join(ctx.app.understander.audiences.name(group) for group in understanding.audiences)
    buttons = [Button(service.name, f"svc:{service.id}") for service in listed]
    return Reply(ctx.t("guide.for_whom", who=who), rows(*buttons, human_button(ctx), back_button(ctx)))


async def _to_the_staff_who_just_answered(ctx: Context) -> Reply | None:
    """What the bot cannot answer for sure goes to staff waiting for it: a case's 请居民补充, or a 转人工."""
    answered = await to_waiting_case(ctx)
    if answered is not None:
        return answered
    followed = await support.follow_up(ctx.uow, ctx.person, ctx.text)
    return Reply(ctx.t("handover.follow_up_sent", id=followed.id), rows(back_button(ctx))) if followed else None


@router.intent("unknown")
async def nothing_fits(ctx: Context) -> HandlerResult:
    if not normalize(ctx.text):  # only emoji or punctuation: nothing worth recording
        return main_menu(ctx, ctx.t("common.unknown"))
    about_a_wish = await about_a_wish_done(ctx)  # 收音机收到了，谢谢, typed after other messages
    if about_a_wish is not None:
        return about_a_wish
    follow_up = await about_the_service_in_view(ctx)
    if follow_up is not None:
        return follow_up
    if intents.asks_home_visit(normalize(ctx.text)):  # 你们能到家里来办吗
        return await home_visits(ctx)
    followed = await _to_the_staff_who_just_answered(ctx)
    if followed is not None:
        return followed
    if (phone := phone_alone(ctx.text)) is not None:  # 13912345678 alone: to be kept as theirs?
        return await offer_to_keep(ctx, phone)
    named = name_with_phone(ctx.text) or ((name, None) if (name := name_alone(ctx.text)) else None)
    if named is not None:  # 王建国, 王建国 13700001111: to be kept as theirs? (never logged: it is a name)
        return await offer_name(ctx, *named)
    if support.shares_link(ctx.text):  # a forwarded article: not a question the knowledge base lacks
        question_id = await support.record_unanswered(ctx.uow, ctx.text, normalize(ctx.text), support.LINK)
        return Reply(ctx.t("guide.shared_link"), rows(human_button(ctx, question_id), back_button(ctx)))
    return await unanswered(ctx)


async def unanswered(ctx: Context) -> Reply:
    """答不上来: the question recorded for the staff who keep the knowledge base, with the way to a person.

    Right after the answer about one service (便民维修 ⏎ 是我家里面的), the
    words not understood are most likely still about it: its own choices
    stay (预约办理 among them), not the main menu, which lost the subject.
    """
    question_id = await support.record_unanswered(ctx.uow, ctx.text, normalize(ctx.text), "none")
    in_view = await service_in_view(ctx)
    if in_view is not None:
        shown = answer(ctx, in_view)
        human = human_button(ctx, question_id)
        buttons = tuple(tuple(human if b.payload == "human" else b for b in row) for row in shown.buttons)
        return Reply(ctx.t("guide.not_found_in_view", service=in_view.name), buttons)
    menu = main_menu(ctx, ctx.t("guide.not_found"))
    human = human_button(ctx, question_id)  # the menu's own 找工作人员, carrying this question
    buttons = tuple(tuple(human if b.payload == "human" else b for b in row) for row in menu.buttons)
    return Reply(menu.text, buttons)


@router.button("svc")
async def service_button(ctx: Context) -> HandlerResult:
    _, service_id, part_name = ((ctx.payload or "") + ":").split(":", 2)
    service = service_of(ctx, service_id)
    part_name = part_name.rstrip(":")
    if service is None or (part_name and part_name not in ASKABLE):
        return main_menu(ctx, ctx.t("common.stale_button"))
    return part(ctx, service, part_name) if part_name else answer(ctx, service)


@router.command("guide", keywords=("办事指南", "服务目录", "办事", "service guide"))
@router.button("guide")
async def browse(ctx: Context) -> HandlerResult:
    return catalogue(ctx)
