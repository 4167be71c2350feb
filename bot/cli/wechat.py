"""`resident-bot wechat …`: publish the Official Account's custom menu."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("wechat", help="微信公众号：发布自定义菜单", description="WeChat Official Account setup.")
    wx = parser.add_subparsers(dest="wechat_command", metavar="ACTION", required=True)
    menu = wx.add_parser(
        "create-menu",
        help="发布自定义菜单（默认 bot/data/wechat_menu.yaml 或 RESIDENT_BOT_WECHAT_MENU_FILE）",
        description="Validate the menu file (3 top-level entries, up to 5 each) and publish it with menu/create.",
    )
    menu.add_argument("file", nargs="?", type=Path, help="a menu YAML file instead of the configured one")
    menu.add_argument("--check", action="store_true", help="only validate the file")
    menu.set_defaults(func=_create_menu)


def _create_menu(args: argparse.Namespace) -> int:
    import asyncio

    from bot.channels.wechat.menu import MenuError, read_menu
    from bot.cli import CliError
    from bot.cli.common import settings_or_exit

    settings = settings_or_exit()
    path = args.file or settings.wechat_menu_file
    try:
        menu = read_menu(path)
    except MenuError as exc:
        raise CliError(f"菜单文件有错误：{exc}", exit_code=1) from None
    if args.check:
        print("菜单检查通过")
        return 0
    if not settings.wechat_appid or settings.wechat_secret is None:
        raise CliError("请先设置 RESIDENT_BOT_WECHAT_APPID 和 RESIDENT_BOT_WECHAT_SECRET")

    async def publish() -> None:
        from bot.app import build_app
        from bot.channels.wechat.api import WeChatApi, WeChatApiError

        app = await build_app(settings)
        api = WeChatApi.create(settings, app.db)
        try:
            await api.create_menu(menu)
        except WeChatApiError as exc:
            raise CliError(f"微信拒绝了菜单：{exc}") from None
        finally:
            await api.close()
            await app.close()

    asyncio.run(publish())
    print(f"已发布菜单：{'、'.join(b['name'] for b in menu['button'])}")
    return 0
