"""What the bot keeps of a person, as 我的资料 shows it, with the buttons to change or erase it."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, rows
from bot.services import org, roles
from handlers.common import back_button


def me_buttons(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    return rows(
        Button(ctx.t("profile.edit"), "me:edit"),
        Button(ctx.t("profile.forget"), "forget"),
        back_button(ctx),
        per_row=2,
    )


async def describe(ctx: Context) -> str:
    person = ctx.person
    dash = ctx.t("profile.none")
    address = dash
    if person.community_id:
        community = next((c for c in await org.communities(ctx.uow) if c.id == person.community_id), None)
        parts = [community.name if community else person.community_id, person.building or "", person.unit or "", person.room or ""]
        address = " ".join(p for p in parts if p)
    held = await roles.roles_of(ctx.uow, person)
    role_lines = [
        f"{ctx.t(f'roles.names.{a.role}')}（{await roles.place_name(ctx.uow, a, ctx.texts)}）" for a in held
    ]
    return ctx.t(
        "profile.summary",
        name=person.name or dash,
        phone=person.phone or dash,
        address=address,
        roles="、".join(role_lines) or ctx.t("roles.names.resident"),
    )
