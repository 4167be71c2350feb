"""`resident-bot chat`: talk to the bot in the terminal as one person."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "chat",
        help="在终端里以某个用户身份和机器人聊天（可用管道输入脚本）",
        description="Console chat as one person. Buttons show as numbered choices; answer with the number. "
        "Reads piped standard input line by line and exits 0 at end of input.",
    )
    parser.add_argument("--user", default="resident", help="the console user's id (default: resident)")
    parser.set_defaults(func=_chat)


def _chat(args: argparse.Namespace) -> int:
    from bot.channels.console import run_console
    from bot.cli.common import run_with_app

    run_with_app(lambda app: run_console(app, args.user))
    return 0
