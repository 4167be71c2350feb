"""Whether a command opens a form the person already has: open, waiting behind the profile questions, or put aside.

Handlers say which form they open (Router.opens_form). 反映问题 said in the
middle of a complaint, at the name question asked for it, or with one put
aside, must not begin a second complaint and leave the first behind.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.forms import form_of
from bot.core.router import Handler, RouteTable


def opens_the_open_form(routes: RouteTable, ctx: Context, handler: Handler | None) -> bool:
    """Whether `handler` opens the very form that is open (Router.opens_form), with nothing said after it."""
    opens = routes.openers.get(handler) if handler is not None else None
    return opens is not None and not ctx.args and ctx.dialog.active and opens == form_of(ctx.dialog.name or "", ctx.dialog.data)


def opens_the_form_kept(routes: RouteTable, ctx: Context, handler: Handler) -> bool:
    """Whether `handler` opens the form put aside last (its draft), none open and nothing said after it."""
    kept, opens = ctx.dialog.draft, routes.openers.get(handler)
    if kept is None or opens is None or ctx.args or ctx.dialog.active:
        return False
    return opens == form_of(kept.get("dialog") or "", kept.get("data"))


def opens_the_form_behind(routes: RouteTable, ctx: Context, handler: Handler) -> bool:
    """Whether `handler` opens the form the open profile questions are asked for (投诉 at 怎么称呼您 of a complaint)."""
    behind = form_of(ctx.dialog.name or "", ctx.dialog.data)
    return ctx.dialog.active and behind != ctx.dialog.name and routes.openers.get(handler) == behind


def said_in_the_open_form(routes: RouteTable, ctx: Context, handler: Handler | None) -> Handler | None:
    """The open form's own handler for its opener said again with words (反映问题 楼道灯坏了 in a complaint); else None.

    It put the form aside and began a second one. A form that wants to
    read the words itself registers intent "form_open_said.<form>"; one
    that does not is left as before.
    """
    opens = routes.openers.get(handler) if handler is not None else None
    if opens is None or not ctx.args or not ctx.dialog.active or opens != ctx.dialog.name:
        return None
    return routes.intents.get(f"form_open_said.{opens}")
