"""`resident-bot org`: load the community structure."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("org", help="导入、查看社区结构（区-街道-社区-网格-楼栋）", description="Community structure.")
    org_sub = parser.add_subparsers(dest="org_command", metavar="ACTION", required=True)
    imp = org_sub.add_parser(
        "import",
        help="从 YAML 文件导入（新增和更新，不删除）",
        description="Validate FILE and import it: places are added or updated by id, never deleted.",
    )
    imp.add_argument("file", type=Path, help="the org file (see bot/data/sample_org.yaml)")
    imp.add_argument("--check", action="store_true", help="only validate, do not import")
    imp.set_defaults(func=_import)
    show = org_sub.add_parser("show", help="列出社区和网格", description="List communities and grids with their ids.")
    show.set_defaults(func=_show)


def _import(args: argparse.Namespace) -> int:
    from bot.cli import CliError
    from bot.cli.common import run_with_app
    from bot.services import org

    try:
        spec = org.read_org_file(args.file)
    except org.OrgFileError as exc:
        raise CliError(f"组织结构文件有错误：\n{exc}", exit_code=1) from None
    for warning in spec.warnings():
        print(f"提醒：{warning}")
    if args.check:
        print("文件检查通过")
        return 0

    async def body(app):  # noqa: ANN001, ANN202
        async with app.db.uow() as uow:
            return await org.import_org(uow, spec)

    counts = run_with_app(body)
    print(
        f"已导入：{counts['streets']} 个街道，{counts['communities']} 个社区，"
        f"{counts['grids']} 个网格，{counts['buildings']} 栋楼"
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    from bot.cli.common import run_with_app
    from bot.services import org

    async def body(app):  # noqa: ANN001, ANN202
        async with app.db.uow() as uow:
            for community in await org.communities(uow):
                print(f"{community.id}\t{community.name}")
                for grid in await org.grids(uow, community.id):
                    print(f"  {grid.id}\t{grid.name}\t{grid.households} 户")

    run_with_app(body)
    return 0
