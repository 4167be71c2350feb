"""The complaint form's place: taken from words said earlier, typed, shared as a location, or 在我家."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.router import HandlerResult
from bot.services import cases
from handlers.profile import ask_profile

from handlers.cases.basics import DIALOG
from handlers.cases.form_asks import ask_photo, ask_where
from handlers.cases.places import means_home, place_in
from handlers.cases.submitting import before_submit, form_place


async def to_where(ctx: Context) -> HandlerResult:
    """Ask where, or take the place the resident typed at an earlier step or said in the description (never asked twice)."""
    ctx.dialog.goto("where")
    typed = ctx.dialog.data.get("typed_place") or await place_in(ctx.uow, ctx.person.community_id, ctx.dialog.data.get("description") or "")
    if typed:
        ctx.notes.append(ctx.t("cases.place_taken", place=typed))
        return await where_step(ctx, "", typed)
    return ask_where(ctx)


async def where_step(ctx: Context, payload: str, typed: str | None = None) -> HandlerResult:
    """The place: 在我家 (pressed or typed), a shared location, or a typed place (`typed`: kept from an earlier step)."""
    person = ctx.person
    text = typed if typed is not None else ctx.text
    typed_home = bool(text) and not payload and means_home(text)
    if payload == "cs:where:home" or ctx.dialog.step == "where_home" or typed_home:
        if not person.has_address:
            asked = await ask_profile(
                ctx, ("address",), then={"dialog": DIALOG, "step": "where_home", "data": dict(ctx.dialog.data)}
            )
            if asked is not None:
                ctx.notes.append(ctx.t("cases.home_needs_address"))
                return asked
        address = " ".join(p for p in (person.building, person.unit, person.room) if p)
        place = {"text": address, "building": person.building}
        ctx.dialog.goto("photo", place=place)
        return await _after_place(ctx)
    location = ctx.message.location if typed is None else None
    if location is not None:
        label = location.label or f"{location.latitude:.5f},{location.longitude:.5f}"
        ctx.dialog.goto("photo", place={"text": label, "lat": location.latitude, "lon": location.longitude})
        return await _after_place(ctx)
    if text and not payload:
        ctx.dialog.goto("photo", place={"text": text[:200]})
        return await _after_place(ctx)
    return ask_where(ctx)


async def _after_place(ctx: Context) -> HandlerResult:
    grid, _community = await cases.route(ctx.uow, form_place(ctx), ctx.person)
    if grid is None:
        key = "cases.outside_grids" if form_place(ctx).lat is not None else "cases.unknown_place"
        routed = ctx.t(key)
    else:
        routed = ctx.t("cases.routed_to", grid=grid.name)
    if ctx.dialog.data.get("photo_ref"):  # the photo came already: not asked for again
        ctx.notes.append(routed)
        return await before_submit(ctx)
    reply = ask_photo(ctx)
    return Reply(routed + "\n" + reply.text, reply.buttons)
