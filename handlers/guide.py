"""办事指南: answers about the 40 services, browsing them, and what to do when unsure.

Confident → the answer with buttons for its parts; unsure → the top three
as buttons; nothing fits → say so honestly, offer the menu and a person,
and count the question for the staff who maintain the knowledge base.
Two to four questions in one message (低保怎么办理。高龄津贴呢) → each
answered, the unsure one asked about (see :func:`_several`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.core.validation import is_id
from bot.services import conversation, support
from handlers.cases.waiting import to_waiting_case
from handlers.common import back_button, main_menu
from handlers.handover import human_button
from handlers.name_alone import name_alone, name_with_phone
from handlers.name_alone import offer_to_keep as offer_name
from handlers.phone_alone import offer_to_keep, phone_alone
from handlers.side_by_side import side_by_side
from handlers.wishes.resident_words import about_a_wish_done
from knowledge import intents
from knowledge.asked_parts import asked_part
from knowledge.normalize import normalize
from knowledge.several import Asked
from knowledge.understanding import Intent, Understanding
from knowledge.schema import Centre, Service

router = Router("guide")
router.menu_entry("menu.guide", "guide", order=10)

PAGE = 8
PARTS = ("materials", "steps", "eligibility", "where")  # the overview's buttons
# parts a question may ask for: fee and time are in the overview's own lines, and whether someone else
# may do it (proxy: 可以让我儿子代办吗) is told from the lines of the guide that speak of it
ASKABLE = (*PARTS, "cost", "proxy")


def _service(ctx: Context, service_id: str) -> Service | None:
    return ctx.app.knowledge.get(service_id)


def answer(ctx: Context, service: Service) -> Reply:
    """The short answer that fits a phone screen; the details are one tap away."""
    lines = [_overview(ctx, service), ctx.t("guide.more")]
    buttons = [
        Button(ctx.t("guide.part.materials"), f"svc:{service.id}:materials"),
        Button(ctx.t("guide.part.steps"), f"svc:{service.id}:steps"),
        Button(ctx.t("guide.part.eligibility"), f"svc:{service.id}:eligibility"),
        Button(ctx.t("guide.part.where"), f"svc:{service.id}:where"),
        *[b for b in booking_buttons(ctx, service)],
        human_button(ctx),
        back_button(ctx),
    ]
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


def _overview(ctx: Context, service: Service) -> str:
    """What the service is, where and when, what it costs: the answer without its buttons."""
    lines = [
        f"【{service.name}】",
        service.summary,
        ctx.t("guide.where_line", centre=ctx.t(f"centres.{service.where.centre.value}"), window=service.where.window),
        ctx.t("guide.hours_line", hours=service.where.hours),
        ctx.t("guide.fee_line", fee=service.fee, time_limit=service.time_limit),
        ctx.t("guide.online_yes" if service.online.available else "guide.online_no", how=service.online.how),
    ]
    if service.home_visit:
        lines.append(ctx.t("guide.home_visit"))
    return "\n".join(lines)


def booking_buttons(ctx: Context, service: Service) -> list[Button]:
    """Booking buttons, offered once the booking feature is installed."""
    if "book" not in ctx.app.routes.buttons or not service.bookable:
        return []
    return [Button(ctx.t("guide.book"), f"book:{service.id}")]


def part(ctx: Context, service: Service, name: str) -> Reply:
    """One part of the answer (要带的材料, 在哪办 …), with the other parts a tap away."""
    others = [Button(ctx.t(f"guide.part.{other}"), f"svc:{service.id}:{other}") for other in PARTS if other != name]
    person = [human_button(ctx)] if name == "proxy" else []  # what the guide does not say, staff can
    return Reply(
        _part_text(ctx, service, name),
        rows(*others, *booking_buttons(ctx, service), *person,
             Button(ctx.t("guide.back_to", name=service.name[:10]), f"svc:{service.id}"), per_row=2),
    )


def _part_text(ctx: Context, service: Service, name: str) -> str:
    if name == "materials":
        body = _numbered(service.materials)
    elif name == "steps":
        body = _numbered(service.steps)
    elif name == "eligibility":
        body = service.eligibility
    elif name == "cost":
        body = ctx.t("guide.fee_line", fee=service.fee, time_limit=service.time_limit)
    elif name == "proxy":
        body = _for_someone_else(ctx, service)
    else:
        body = _where(ctx, service)
    notes = "\n".join(f"※ {note}" for note in service.notes) if name in ("materials", "steps") else ""
    return f"【{service.name}】{ctx.t(f'guide.part.{name}')}\n{body}" + (f"\n{notes}" if notes else "")


# Lines of a service's guide that say whether someone else may do it, or that one must come oneself.
_SAYS_WHO_GOES = re.compile(r"代办|代为|代领|委托|家属|亲友|监护人|本人到|亲自")


def _for_someone_else(ctx: Context, service: Service) -> str:
    """可以让我儿子代办吗: what the guide says of it (who may apply, materials, steps, doing it online), and whom to ask.

    Where the guide says nothing, it is said so: the rule is never made up,
    the resident is told where to ask before going.
    """
    texts = [service.eligibility, *service.materials, *service.steps, service.online.how]
    clauses = (clause.strip() for text in texts for clause in re.split(r"[；;。]", text))
    said = list(dict.fromkeys(clause for clause in clauses if clause and _SAYS_WHO_GOES.search(clause)))
    told = ctx.t("guide.proxy_said", lines="\n".join(f"· {clause}" for clause in said)) if said else ctx.t("guide.proxy_unsaid")
    return "\n".join([told, _where(ctx, service), ctx.t("guide.proxy_ask")])


def answer_text(ctx: Context, reading: Understanding) -> str:
    """The answer to one service question, as asked (要带什么: the materials), for a reply that says more."""
    service = _service(ctx, reading.service_id or "")
    if service is None:
        return ""
    return _part_text(ctx, service, reading.part) if reading.part in ASKABLE else _overview(ctx, service)


def _where(ctx: Context, service: Service) -> str:
    """Where the service is done and when: the 地点和时间 part, also the way to ask what the guide does not say."""
    return "\n".join(
        [
            ctx.t("guide.where_line", centre=ctx.t(f"centres.{service.where.centre.value}"), window=service.where.window),
            ctx.t("guide.hours_line", hours=service.where.hours),
        ]
    )


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))


@router.intent("service")
async def service_question(ctx: Context) -> HandlerResult:
    understanding = ctx.understanding
    assert understanding is not None
    about_a_wish = await about_a_wish_done(ctx)  # 志愿者根本没来: not 志愿者注册, for a resident awaiting one
    if about_a_wish is not None:
        return about_a_wish
    compared = [found for sid in understanding.compared if (found := _service(ctx, sid)) is not None]
    if len(compared) == 2:  # 低保和低收入家庭有什么区别: side by side, not two overviews
        return side_by_side(ctx, compared)
    if understanding.parts:  # 低保怎么办理。我想问一下高龄津贴。: both, not the one named most strongly
        return await _several(ctx, understanding.parts)
    service = _service(ctx, understanding.service_id or "")
    asked = understanding.part if understanding.part in ASKABLE else None
    # 家属能代办吗 names no service: it asks about the one in view, not 退役军人优待证 (烈士家属) it resembles
    guessed = asked == "proxy" and not understanding.named
    if understanding.decision == "answer" and service is not None and not guessed:
        if understanding.named and not asked and intents.asks_visit_for(normalize(ctx.text)):
            return await visit_for(ctx, service)  # 能上门办老年证吗: that one at home, not its general answer
        start_booking = ctx.app.routes.buttons.get("book")
        if understanding.book and service.bookable and start_booking is not None:
            ctx.payload = f"book:{service.id}"  # 预约办居住证: as if its 预约办理 button were pressed
            return await start_booking(ctx)
        # 要带什么材料 gets the materials at once; the overview is one tap back.
        return part(ctx, service, asked) if asked else answer(ctx, service)
    follow_up = await _about_the_service_in_view(ctx)  # 要钱不 reads weakly as some service: it is about this one
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
        for found in (_service(ctx, c.service_id) for c in understanding.candidates[:3])
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
    listed = [found for c in understanding.candidates if (found := _service(ctx, c.service_id)) is not None][:PAGE]
    who = "、".join(ctx.app.understander.audiences.name(group) for group in understanding.audiences)
    buttons = [Button(service.name, f"svc:{service.id}") for service in listed]
    return Reply(ctx.t("guide.for_whom", who=who), rows(*buttons, human_button(ctx), back_button(ctx)))


async def _several(ctx: Context, asked: tuple[Asked, ...]) -> HandlerResult:
    """Two to four questions in one message: every one answered, none dropped.

    The confident ones are answered together in one reply, each as it would
    be alone (要带什么 gets the materials), with a button per service for
    the rest of its answer. A question the bot is unsure of gets a reply of
    its own after them, asking which service was meant, or offering staff:
    the last reply's buttons are the ones a typed number answers. Asking to
    book one (我想预约办居住证。低保要带啥) starts that booking last.
    """
    sure = [(found, q.reading) for q in asked if q.reading.decision == "answer" and (found := _service(ctx, q.reading.service_id or ""))]
    unsure = [q for q in asked if q.reading.decision != "answer"]
    start_booking = ctx.app.routes.buttons.get("book")
    to_book = next((service for service, r in sure if r.book and service.bookable), None) if start_booking else None
    texts = []
    for q in asked:  # in the order asked
        found = _service(ctx, q.reading.service_id or "") if q.reading.decision == "answer" else None
        if found is not None and found is not to_book:
            texts.append(answer_text(ctx, q.reading))
        elif found is None and q.reading.decision == "answer":  # the centre's hours, another office's matter
            texts.append(await _answered_as(ctx, q))
    answers = "\n\n".join(texts)
    if to_book is not None and start_booking is not None:
        if unsure:  # the booking's question comes last: the unsure ones are said, not asked about
            answers = "\n\n".join([*texts, (await _unsure_of(ctx, unsure, set())).text])
        ctx.payload = f"book:{to_book.id}"  # as if its 预约办理 button were pressed
        booking = await start_booking(ctx)
        return [Reply(answers), *([booking] if isinstance(booking, Reply) else booking or [])]
    if not unsure:
        # 低保怎么办。老年人有啥福利: the services listed for the group get a button too
        listed = [c.service_id for q in asked if q.reading.intent is Intent.audience for c in q.reading.candidates]
        shown = dict.fromkeys([*(service.id for service, _ in sure), *listed])
        details = [Button(found.name, f"svc:{found.id}") for found in map(lambda sid: _service(ctx, sid), shown) if found]
        return Reply(f"{answers}\n\n{ctx.t('guide.several_more')}", rows(*details, human_button(ctx), back_button(ctx)))
    return [Reply(answers), await _unsure_of(ctx, unsure, {service.id for service, _ in sure})]


async def _answered_as(ctx: Context, question: Asked) -> str:
    """The text the question's own intent answers it with (你们几点上班: the centre's hours), as if asked alone."""
    handler = ctx.app.routes.intents.get(question.reading.intent.value)
    if handler is None:
        return ""
    text, understanding = ctx.text, ctx.understanding
    ctx.text, ctx.understanding = question.words, question.reading
    try:
        replies = await handler(ctx)
    finally:
        ctx.text, ctx.understanding = text, understanding
    return "\n".join(r.text for r in ([replies] if isinstance(replies, Reply) else replies or []))


async def _unsure_of(ctx: Context, unsure: list[Asked], answered: set[str]) -> Reply:
    """What to say about the questions of a message the bot could not place for sure.

    One: which of its likely services was meant (the part asked kept on the
    buttons; not the services just answered). More: their words, and the
    way to staff. Either way they are
    recorded for the staff who maintain the knowledge base, like any
    question answered with a choice.
    """
    ids = [await support.record_unanswered(ctx.uow, q.words, normalize(q.words), "choose") for q in unsure]
    quoted = "、".join(f"“{q.words}”" for q in unsure)
    if len(unsure) > 1:
        return Reply(ctx.t("guide.also_unsure", words=quoted), rows(human_button(ctx, ids[0]), back_button(ctx)))
    reading = unsure[0].reading
    asked = reading.part if reading.part in ASKABLE else None
    buttons = [
        Button(found.name, f"svc:{found.id}:{asked}" if asked else f"svc:{found.id}")
        for found in (_service(ctx, c.service_id) for c in reading.candidates[:3] if c.service_id not in answered)
        if found is not None
    ]
    return Reply(ctx.t("guide.also_which", words=quoted), rows(*buttons, human_button(ctx, ids[0]), back_button(ctx)))


async def _to_the_staff_who_just_answered(ctx: Context) -> Reply | None:
    """What the bot cannot answer for sure goes to staff waiting for it: a case's 请居民补充, or a 转人工."""
    answered = await to_waiting_case(ctx)
    if answered is not None:
        return answered
    followed = await support.follow_up(ctx.uow, ctx.person, ctx.text)
    return Reply(ctx.t("handover.follow_up_sent", id=followed.id), rows(back_button(ctx))) if followed else None


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
    found = (_service(ctx, service_id) for service_id in dict.fromkeys(ids))
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
        return replace(booked, text=f"{lead}\n{booked.text}") if isinstance(booked, Reply) else booked
    ctx.payload = "guide:home:home:0"
    listed = await browse(ctx)
    if service is None or not isinstance(listed, Reply):
        return listed
    return replace(listed, text=ctx.t("guide.not_at_home", service=service.name) + "\n" + listed.text)


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


async def _about_the_service_in_view(ctx: Context) -> Reply | None:
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


@router.intent("unknown")
async def nothing_fits(ctx: Context) -> HandlerResult:
    if not normalize(ctx.text):  # only emoji or punctuation: nothing worth recording
        return main_menu(ctx, ctx.t("common.unknown"))
    about_a_wish = await about_a_wish_done(ctx)  # 收音机收到了，谢谢, typed after other messages
    if about_a_wish is not None:
        return about_a_wish
    follow_up = await _about_the_service_in_view(ctx)
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
    service = _service(ctx, service_id)
    part_name = part_name.rstrip(":")
    if service is None or (part_name and part_name not in ASKABLE):
        return main_menu(ctx, ctx.t("common.stale_button"))
    return part(ctx, service, part_name) if part_name else answer(ctx, service)


@router.command("guide", keywords=("办事指南", "服务目录", "办事", "service guide"))
@router.button("guide")
async def browse(ctx: Context) -> HandlerResult:
    payload = ctx.payload or "guide"
    kind, _, rest = payload.partition(":")[2].partition(":")
    if kind == "kind":
        return _listing(ctx, rest, [s for s in ctx.app.knowledge if s.kind == rest.split(":")[0]])
    if kind == "centre":
        centre = rest.split(":")[0]
        if centre not in {c.value for c in Centre}:
            return main_menu(ctx, ctx.t("common.stale_button"))
        return _listing(ctx, rest, list(ctx.app.knowledge.by_centre(centre)))
    if kind == "home":  # the services staff can do at home (home_visit: true in the knowledge base)
        visits = [s for s in ctx.app.knowledge if s.home_visit]
        return _listing(ctx, rest or "home:0", visits, kind="home", intro=ctx.t("guide.home_visits"))
    if kind == "centres":
        buttons = [Button(ctx.t(f"centres.{c.value}"), f"guide:centre:{c.value}:0") for c in Centre if ctx.app.knowledge.by_centre(c)]
        return Reply(ctx.t("guide.pick_centre"), rows(*buttons, Button(ctx.t("menu.back"), "guide"), per_row=2))
    return Reply(
        ctx.t("guide.title", count=len(ctx.app.knowledge)),
        rows(
            Button(ctx.t("guide.approval", count=len(ctx.app.knowledge.by_kind("approval"))), "guide:kind:approval:0"),
            Button(ctx.t("guide.convenience", count=len(ctx.app.knowledge.by_kind("convenience"))), "guide:kind:convenience:0"),
            Button(ctx.t("guide.by_centre"), "guide:centres"),
            back_button(ctx),
        ),
    )


def _listing(ctx: Context, rest: str, services: list[Service], *, kind: str | None = None, intro: str = "") -> Reply:
    """One page of services; `rest` is "<group>:<page>" from the payload."""
    group, _, raw_page = rest.partition(":")
    kind = kind or ("kind" if group in ("approval", "convenience") else "centre")
    pages = max(1, -(-len(services) // PAGE))
    page = int(raw_page) if is_id(raw_page) else 0
    page = min(page, pages - 1)
    shown = services[page * PAGE : (page + 1) * PAGE]
    buttons = [Button(s.name, f"svc:{s.id}") for s in shown]
    if page > 0:
        buttons.append(Button(ctx.t("guide.prev"), f"guide:{kind}:{group}:{page - 1}"))
    if page < pages - 1:
        buttons.append(Button(ctx.t("guide.next"), f"guide:{kind}:{group}:{page + 1}"))
    buttons.append(Button(ctx.t("guide.back"), "guide"))
    page_line = ctx.t("guide.page", page=page + 1, pages=pages)
    return Reply(f"{intro}\n{page_line}" if intro else page_line, rows(*buttons))

