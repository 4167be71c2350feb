"""`resident-bot db`: schema migrations."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("db", help="数据库结构升级与版本", description="Database schema migrations (Alembic).")
    db_sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_sub.add_parser("upgrade", help="升级到最新结构（或指定版本）", description="Apply migrations.")
    upgrade.add_argument("revision", nargs="?", default="head", help="target revision (default: head)")
    upgrade.set_defaults(func=_upgrade)
    current = db_sub.add_parser("current", help="显示当前结构版本", description="Show the current and latest revision.")
    current.set_defaults(func=_current)


def _upgrade(args: argparse.Namespace) -> int:
    from bot.cli import CliError
    from bot.cli.common import settings_or_exit
    from bot.db import migrate

    settings = settings_or_exit()
    try:
        migrate.upgrade(settings.database_url, args.revision)
    except Exception as exc:
        raise CliError(f"升级失败：{exc}") from None
    print(f"数据库已升级到 {args.revision}")
    return 0


def _current(args: argparse.Namespace) -> int:
    import asyncio

    from bot.clock import SystemClock
    from bot.cli.common import settings_or_exit
    from bot.db import migrate
    from bot.db.engine import create_engine
    from bot.db.uow import Database

    settings = settings_or_exit()

    async def read() -> str | None:
        db = Database(create_engine(settings.database_url), SystemClock())
        try:
            return await migrate.current_revision(db.engine)
        finally:
            await db.dispose()

    current = asyncio.run(read())
    head = migrate.head_revision(settings.database_url)
    print(f"当前版本 {current or '（空库）'}，最新版本 {head}")
    return 0 if current == head else 1
