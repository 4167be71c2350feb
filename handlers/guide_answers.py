"""The answer about one service: its overview, its parts (要带的材料, 在哪办 …), and their buttons.

Every way of asking about a service ends here: a question typed, a
button pressed, a follow-up about the service in view, several questions
in one message. Who asks and how is in handlers/guide.py.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from handlers.common import back_button
from handlers.handover import human_button
from knowledge.schema import Service
from knowledge.understanding import Understanding

PARTS = ("materials", "steps", "eligibility", "where")  # the overview's buttons

# parts a question may ask for: fee and time are in the overview's own lines, and whether someone else
# may do it (proxy: 可以让我儿子代办吗) is told from the lines of the guide that speak of it
ASKABLE = (*PARTS, "cost", "proxy", "online")


def service_of(ctx: Context, service_id: str) -> Service | None:
    """The service of an id from the reading or a button, None for one no longer in the knowledge base."""
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
    elif name == "online":  # 那可以网上办吗: what the guide says of it, and where to go when it cannot
        online = ctx.t("guide.online_yes" if service.online.available else "guide.online_no", how=service.online.how)
        body = f"{online}\n{_where(ctx, service)}"
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
    service = service_of(ctx, reading.service_id or "")
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
