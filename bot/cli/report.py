"""`resident-bot report --month YYYY-MM --csv FILE`: the month's figures per grid and community."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "report",
        help="导出月度诉求与微心愿统计（CSV）",
        description="The figures of /stats for one month, per grid and community: cases by state, on-time rate, "
        "median working hours to resolve, average rating, reopen rate, wishes made and fulfilled, volunteer hours.",
    )
    parser.add_argument("--month", required=True, help="YYYY-MM, on the local clock (RESIDENT_BOT_TIMEZONE)")
    parser.add_argument("--csv", dest="csv_file", help="write CSV (UTF-8) to this file; '-' or omitted: standard output")
    parser.set_defaults(func=_report)


def _report(args: argparse.Namespace) -> int:
    import re
    import sys
    from pathlib import Path

    from bot.cli import CliError
    from bot.cli.common import run_with_app
    from bot.services import stats
    from bot.services.deadlines import rules_for

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.month or ""):
        raise CliError(f"--month 应为 YYYY-MM，例如 2026-03（收到 {args.month!r}）")

    async def body(app):  # noqa: ANN001, ANN202
        async with app.db.uow() as uow:
            rows = await stats.month_report(uow, args.month, rules_for(app.settings))
        return stats.to_csv(rows, args.month)

    text = run_with_app(body)
    if not args.csv_file or args.csv_file == "-":
        sys.stdout.write(text)
    else:
        try:
            Path(args.csv_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CliError(f"写不了文件 {args.csv_file}：{exc.strerror}") from None
        print(f"已写入 {args.csv_file}")
    return 0
