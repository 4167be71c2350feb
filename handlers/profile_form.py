"""The profile form's course: which detail to ask next, the consent first, saving, and back to the flow that asked.

Other flows call `ask_profile` (or `keep_details` for details offered
unasked); when the person has given what is needed, the dialog returns to
the flow that asked (its dialog name and step are kept in `then`), so each
feature asks for personal data the same way. The answers to each question
are read in handlers.profile.
"""

from __future__ import annotations

from typing import Any

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.models import Person
from bot.services import org, people
from handlers.addresses import NO_UNIT
from handlers.my_details import describe, me_buttons

DIALOG = "profile"
FIELDS = ("name", "phone", "address")


def missing(person: Person, need: tuple[str, ...]) -> list[str]:
    have = {"name": bool(person.name), "phone": bool(person.phone), "address": person.has_address}
    return [field for field in need if not have[field]]


async def ask_profile(ctx: Context, need: tuple[str, ...], then: dict[str, Any] | None = None) -> HandlerResult:
    """Start collecting what `need` lacks; None when the profile already has it."""
    lacking = missing(ctx.person, need)
    if not lacking:
        return None
    return await begin(ctx, lacking, then)


async def begin(
    ctx: Context,
    need: list[str],
    then: dict[str, Any] | None,
    collected: dict[str, str] | None = None,
    address_said: str | None = None,
) -> HandlerResult:
    """`address_said`: the new address given with the asking (把地址改成北苑3号楼…), read at the building step."""
    ctx.dialog.enter(DIALOG, "consent", need=need, then=then, collected=collected or {}, address_said=address_said)
    if ctx.person.consent_at is None:
        return consent(ctx)
    return await next_field(ctx)


async def keep_details(ctx: Context, details: dict[str, str]) -> HandlerResult:
    """Keep details the person offered (a number typed alone, then 是): consent asked first when not given."""
    return await begin(ctx, list(details), None, collected=dict(details))


def consent(ctx: Context) -> Reply:
    return Reply(
        ctx.t("profile.consent"),
        rows(Button(ctx.t("profile.agree"), "pf:agree"), Button(ctx.t("profile.decline"), "pf:decline")),
    )


async def next_field(ctx: Context) -> HandlerResult:
    need: list[str] = ctx.dialog.data.get("need", [])
    collected: dict[str, Any] = ctx.dialog.data.get("collected", {})
    for field in need:
        if field == "address":
            if "community_id" not in collected:
                return await ask_community(ctx)
            if "building" not in collected:
                said = ctx.dialog.data.get("address_said")
                ctx.dialog.goto("building", address_said=None)
                if isinstance(said, str) and said:  # given with the asking: read as typed at the question
                    ctx.text, ctx.payload = said, None
                    return await ctx.app.routes.dialogs[DIALOG](ctx)
                return Reply(ctx.t("profile.ask_building"))
            if "unit" not in collected:
                # No numbered choice here: a typed "1" or "2" is the unit, not choice 1 (see unit_step).
                ctx.dialog.goto("unit")
                return Reply(ctx.t("profile.ask_unit"))
            if "room" not in collected:
                ctx.dialog.goto("room")
                return Reply(ctx.t("profile.ask_room"))
        elif field not in collected:
            ctx.dialog.goto(field)
            return Reply(ctx.t(f"profile.ask_{field}"))
    return await finish(ctx, collected)


async def ask_community(ctx: Context) -> HandlerResult:
    communities = await org.communities(ctx.uow)
    if len(communities) == 1:
        return await collect(ctx, community_id=communities[0].id)
    if not communities:
        return Reply(ctx.t("profile.no_communities"))
    ctx.dialog.goto("community")
    buttons = [Button(c.name, f"pf:c:{c.id}") for c in communities]
    return Reply(ctx.t("profile.ask_community"), rows(*buttons))


async def collect(ctx: Context, **values: Any) -> HandlerResult:
    collected = {**ctx.dialog.data.get("collected", {}), **values}
    ctx.dialog.goto(ctx.dialog.step or "consent", collected=collected)
    return await next_field(ctx)


async def finish(ctx: Context, collected: dict[str, Any]) -> HandlerResult:
    then = ctx.dialog.data.get("then")
    unit = collected.get("unit")
    await people.save_profile(
        ctx.uow,
        ctx.person,
        people.ProfileUpdate(
            name=collected.get("name"),
            phone=collected.get("phone"),
            community_id=collected.get("community_id"),
            building=collected.get("building"),
            unit=None if unit == NO_UNIT else unit,
            room=collected.get("room"),
        ),
    )
    ctx.dialog.leave()
    saved = ctx.t("profile.saved")
    if then:
        ctx.dialog.enter(then["dialog"], then["step"], **then.get("data", {}))
        ctx.notes.append(saved)
        resume = ctx.app.routes.dialogs[then["dialog"]]
        ctx.payload, ctx.text = "resume", ""
        return await resume(ctx)
    return Reply(saved + "\n\n" + await describe(ctx), me_buttons(ctx))
