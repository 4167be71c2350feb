"""The `resident-bot` command line.

Each feature module under `bot.cli` registers its own subcommands through a
`register(subparsers)` function; imports of heavy libraries happen inside the
command functions so that `resident-bot --help` and quick commands such as
`understand` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Order here is the order shown in `resident-bot --help`.
COMMAND_MODULES = (
    "chat", "serve", "worker", "telegram", "wechat", "db", "org", "invite", "roles", "partyday", "announce", "report", "booking", "kb", "understand",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="resident-bot",
        description="社区居民服务机器人 resident-bot: 微信、Telegram 与本地控制台聊天。",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"bot.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output was piped into `head` or similar, which closed early
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CliError as exc:
        print(f"resident-bot: {exc}", file=sys.stderr)
        return exc.exit_code


class CliError(Exception):
    """An error the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
