"""`resident-bot kb …`: the knowledge base of services.

    resident-bot kb check [FILE_OR_DIR]   validate the YAML (default: knowledge/services/)
    resident-bot kb unanswered            questions the bot could not answer, most asked first
    resident-bot kb handovers             questions handed over to staff, with their replies
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "kb",
        help="知识库（服务事项）工具",
        description="知识库（knowledge/services/*.yaml）工具。",
    )
    kb_sub = parser.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)

    check = kb_sub.add_parser(
        "check",
        help="检查知识库 YAML（格式、字段、与服务目录是否一致）",
        description="检查知识库：YAML 语法、字段与类型、重复 id、与 knowledge/catalogue.yaml 是否一致。"
        "有问题时逐行列出并以状态码 1 退出。",
    )
    check.add_argument(
        "path",
        nargs="?",
        default=None,
        metavar="FILE_OR_DIR",
        help="一个 YAML 文件或目录（默认 knowledge/services/）",
    )
    check.add_argument(
        "--kb",
        dest="kb_path",
        default=None,
        metavar="PATH",
        help="同 FILE_OR_DIR（与 resident-bot understand --kb 一致）",
    )
    check.add_argument(
        "--elsewhere",
        default=None,
        metavar="FILE",
        help="其他部门办理事项的文件（默认 knowledge/elsewhere.yaml），一并检查",
    )
    check.set_defaults(func=run_check)

    unanswered = kb_sub.add_parser(
        "unanswered",
        help="列出机器人答不上来或拿不准的问题（按次数排序）",
        description="Questions the bot could not answer (none) or was unsure about (choose), most asked first, "
        "so the knowledge base is improved where residents need it.",
    )
    unanswered.add_argument("--limit", type=int, default=50, help="how many to list (default 50)")
    unanswered.set_defaults(func=run_unanswered)

    handovers = kb_sub.add_parser(
        "handovers",
        help="列出转人工的问答记录",
        description="Recent questions handed over to staff (转人工) with the staff's replies.",
    )
    handovers.add_argument("--limit", type=int, default=20, help="how many to list (default 20)")
    handovers.set_defaults(func=run_handovers)


def run_check(args: argparse.Namespace) -> int:
    import sys

    from knowledge import elsewhere
    from knowledge.loader import inspect

    if args.path and args.kb_path and args.path != args.kb_path:
        from bot.cli import CliError

        raise CliError("FILE_OR_DIR 与 --kb 只能给一个")
    kb, problems = inspect(args.path or args.kb_path)
    referral_problems = elsewhere.check(args.elsewhere or elsewhere.DEFAULT_PATH)
    if kb is None or referral_problems:
        for problem in [*problems, *referral_problems]:
            print(problem)
        print(f"知识库检查未通过：共 {len(problems) + len(referral_problems)} 处问题。", file=sys.stderr)
        return 1
    referrals = elsewhere.load(args.elsewhere or elsewhere.DEFAULT_PATH)
    print(f"知识库检查通过：{kb.summary()}；其他部门办理的事项 {len(referrals.entries)} 项")
    return 0


def run_unanswered(args: argparse.Namespace) -> int:
    from bot.clock import local
    from bot.cli.common import run_with_app
    from bot.services import support

    async def body(app):  # noqa: ANN001, ANN202
        async with app.db.uow() as uow:
            questions = await support.unanswered(uow, limit=args.limit)
        if not questions:
            print("还没有答不上来的问题。")
        for q in questions:
            kind = "答不上" if q.intent == "none" else "拿不准"
            print(f"{q.count}\t{kind}\t{local(q.last_asked_at, app.settings.timezone):%Y-%m-%d}\t{q.text}")

    run_with_app(body)
    return 0


def run_handovers(args: argparse.Namespace) -> int:
    from bot.clock import local
    from bot.cli.common import run_with_app
    from bot.services import support

    async def body(app):  # noqa: ANN001, ANN202
        async with app.db.uow() as uow:
            found = await support.exchanges(uow, limit=args.limit)
        if not found:
            print("还没有转人工的记录。")
        for handover, lines in found:
            print(f"#{handover.id} {local(handover.created_at, app.settings.timezone):%Y-%m-%d %H:%M} [{handover.status}]")
            for line in lines:
                print(f"  {'工作人员' if line.from_staff else '居民'}：{line.text}")

    run_with_app(body)
    return 0
