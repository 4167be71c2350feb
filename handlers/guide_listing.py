"""The guide's lists of services: by kind, by centre, those done at home, a page at a time."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.validation import is_id
from handlers.common import back_button, main_menu
from knowledge.schema import Centre, Service

PAGE = 8


def catalogue(ctx: Context) -> Reply:
    """The list the payload asks for (guide:kind:approval:0, guide:home:home:0 …), or the guide's first page."""
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
