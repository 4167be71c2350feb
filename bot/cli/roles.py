"""`resident-bot roles`: who holds which role, and revoking one."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("roles", help="查看、撤销身份", description="List and revoke roles.")
    roles_sub = parser.add_subparsers(dest="roles_command", metavar="ACTION", required=True)
    listing = roles_sub.add_parser("list", help="列出有效身份", description="List active role assignments.")
    listing.add_argument("--all", action="store_true", help="include revoked ones")
    listing.set_defaults(func=_list)
    revoke = roles_sub.add_parser(
        "revoke", help="撤销一个身份（编号见 roles list）", description="Revoke an assignment; the person is told."
    )
    revoke.add_argument("id", type=int, help="the assignment id shown by `roles list`")
    revoke.set_defaults(func=_revoke)


def _list(args: argparse.Namespace) -> int:
    from bot.cli.common import run_with_app
    from bot.services import people, roles
    from bot.texts import Texts

    async def body(app):  # noqa: ANN001, ANN202
        texts = Texts(app.settings.language)
        async with app.db.uow() as uow:
            holdings = await roles.list_assignments(uow, include_revoked=args.all)
            if not holdings:
                print("还没有任何人绑定身份。用 resident-bot invite 生成绑定码。")
            for h in holdings:
                a, p = h.assignment, h.person
                who = p.name or p.display_name or "-"
                state = " 已撤销" if a.revoked_at else ""
                place = await roles.place_name(uow, a, texts)
                print(
                    f"{a.id}\t{texts.get(f'roles.names.{a.role}')}\t{place}\t{who}\t"
                    f"{p.channel}:{p.channel_user_id}\t{people.mask_phone(p.phone)}{state}"
                )

    run_with_app(body)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from bot.cli.common import run_with_app
    from bot.services import roles

    async def body(app):  # noqa: ANN001, ANN202
        async with app.db.uow() as uow:
            holding = await roles.revoke(uow, args.id)
        print(f"已撤销 {holding.assignment.id}（{holding.person.channel}:{holding.person.channel_user_id}），已通知本人。")

    run_with_app(body)
    return 0
