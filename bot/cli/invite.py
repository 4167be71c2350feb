"""`resident-bot invite`: a one-time code that grants a role."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "invite",
        help="生成一次性身份绑定码",
        description="Print a one-time binding code. The person sends `/bind CODE` (or 绑定 CODE) to get the role.",
    )
    parser.add_argument(
        "--role",
        required=True,
        help="volunteer, party_member, grid_manager, grid_leader, staff, admin or street_staff",
    )
    parser.add_argument("--grid", help="grid id (required for grid_manager and grid_leader)")
    parser.add_argument("--community", help="community id (needed only when there are several)")
    parser.add_argument("--street", help="street id for street_staff (needed only when there are several)")
    parser.add_argument("--hours", type=int, help="validity in hours (default: RESIDENT_BOT_INVITE_TTL_HOURS)")
    parser.add_argument("--note", help="who it is for, kept with the code")
    parser.set_defaults(func=_invite)


def _invite(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from bot.clock import local
    from bot.cli import CliError
    from bot.cli.common import run_with_app
    from bot.services import roles
    from bot.services.errors import DomainError
    from bot.texts import Texts

    async def body(app):  # noqa: ANN001, ANN202
        hours = app.settings.invite_ttl_hours if args.hours is None else args.hours  # 0 is refused, not the default
        if hours <= 0:
            raise CliError("--hours 必须是正数")
        async with app.db.uow() as uow:
            try:
                role = roles.parse_role(args.role)
                invite = await roles.create_invite(
                    uow, role, grid_id=args.grid, community_id=args.community, street_id=args.street, ttl=timedelta(hours=hours), note=args.note
                )
            except DomainError as err:
                raise CliError(Texts(app.settings.language).get(err.key, **err.params)) from None
            place = await roles.place_name(uow, invite, Texts(app.settings.language))
        expires = local(invite.expires_at, app.settings.timezone).strftime("%Y-%m-%d %H:%M")
        print(invite.code)
        print(f"身份：{Texts(app.settings.language).get(f'roles.names.{invite.role}')}（{place}），{expires} 前有效，只能用一次。")
        print(f"请对方向机器人发送：绑定 {invite.code}")

    run_with_app(body)
    return 0
