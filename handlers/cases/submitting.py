"""The complaint form's end: similar open cases offered to follow, then the case filed with all it holds."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import cases
from handlers.common import back_button

from handlers.cases.basics import rules_of
from handlers.cases.form_photos import form_photos


def form_place(ctx: Context) -> cases.Place:
    """The place the form holds, as the service routes it."""
    data = ctx.dialog.data.get("place") or {}
    return cases.Place(text=data.get("text"), lat=data.get("lat"), lon=data.get("lon"), building=data.get("building"))


async def before_submit(ctx: Context) -> HandlerResult:
    """Similar open cases nearby offered to follow (once), else the case filed: never a duplicate unasked."""
    if not ctx.dialog.data.get("similar_checked"):
        ctx.dialog.goto("similar", similar_checked=True)
        found = await cases.similar(ctx.uow, ctx.dialog.data["category"], form_place(ctx), ctx.person, rules_of(ctx))
        if found:
            reached = ctx.app.settings.pushes_reach(ctx.message.channel)
            lines = [ctx.t("cases.similar_title" if reached else "cases.similar_title_unpushed")]
            # Someone else's cases: the reporter's door, name and phone stay out.
            lines += [
                f"#{c.id} {(await cases.public_text(ctx.uow, c, c.description))[:40]}（{ctx.t(f'cases.states.{c.state}')}）"
                for c in found
            ]
            ctx.dialog.goto("similar", offered=[c.id for c in found])  # the only cases this person may follow
            buttons = [Button(ctx.t("cases.follow", id=c.id), f"cs:follow:{c.id}") for c in found]
            buttons.append(Button(ctx.t("cases.file_new"), "cs:new"))
            return Reply("\n".join(lines), rows(*buttons))
    return await submit(ctx)


async def submit(ctx: Context) -> HandlerResult:
    """The case filed with every photo the form holds; the form ends."""
    data = ctx.dialog.data
    case = await cases.file_case(
        ctx.uow,
        ctx.person,
        category=data["category"],
        description=data.get("description", ""),
        place=form_place(ctx),
        rules=rules_of(ctx),
        photo_ref=data.get("photo_ref"),
        photo_size=data.get("photo_size"),
        more_photos=form_photos(data)[1:],
    )
    ctx.dialog.leave()
    due = cases.when(case.due_at, ctx.texts, ctx.app.settings.timezone)
    key = "cases.filed" if case.grid_id else "cases.filed_unrouted"
    # the grid, not "its manager": a grid with none (or none reachable) passes it to its leaders or the staff
    grid = await cases.place_label(ctx.uow, case, ctx.texts)
    return Reply(
        ctx.t(key, id=case.id, due=due, grid=grid, progress=_progress_promise(ctx)),
        rows(Button(ctx.t("cases.my_cases"), "cs:list"), back_button(ctx), per_row=2),
    )


def _progress_promise(ctx: Context) -> str:
    """每一步进展我都会告诉您, where the bot can send progress at all (not a passive-only WeChat account)."""
    return ctx.t("cases.told_of_progress") if ctx.app.settings.pushes_reach(ctx.message.channel) else ""
