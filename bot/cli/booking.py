"""`resident-bot booking`: check the opening plan and see which days and slots it opens."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("booking", help="预约：检查开放安排、查看某天的时段", description="Bookings and the opening plan.")
    booking_sub = parser.add_subparsers(dest="booking_command", metavar="ACTION", required=True)
    check = booking_sub.add_parser(
        "check-plan",
        help="检查开放安排文件（默认：RESIDENT_BOT_OPENING_PLAN_FILE 或自带的 bot/data/opening_plan.yaml）",
        description="Validate the opening plan; prints every problem with file and field, exits 1 when invalid.",
    )
    check.add_argument("file", type=Path, nargs="?", help="the plan file (default: the configured one)")
    check.set_defaults(func=_check)
    day = booking_sub.add_parser("day", help="列出某天（YYYY-MM-DD）的预约时段和值班", description="Slots and duty rota of a day.")
    day.add_argument("date", type=date.fromisoformat, help="YYYY-MM-DD")
    day.add_argument("file", type=Path, nargs="?", help="the plan file (default: the configured one)")
    day.set_defaults(func=_day)


def _plan(file: Path | None):  # noqa: ANN202
    from bot.cli import CliError
    from bot.config import load_settings
    from bot.services.opening import OpeningPlanError, load_plan, plan_for

    try:
        return (load_plan(file) if file else plan_for(load_settings())), load_settings().timezone
    except OpeningPlanError as exc:
        raise CliError(f"开放安排有错误：\n{exc}", exit_code=1) from None


def _check(args: argparse.Namespace) -> int:
    plan, _ = _plan(args.file)
    print(
        f"开放安排检查通过：每段 {plan.slot_minutes} 分钟，可约 {plan.horizon_days} 天内，"
        f"{len(plan.holidays)} 个节假日，{len(plan.make_up_days)} 个调休上班日，{len(plan.rota)} 条值班"
    )
    return 0


def _day(args: argparse.Namespace) -> int:
    from bot.services import opening
    from bot.texts import Texts

    plan, timezone = _plan(args.file)
    info = opening.day_info(plan, args.date)
    if info.holiday:
        print(f"{args.date} {info.holiday}：不开放")
        return 0
    if info.make_up:
        print(f"{args.date} {info.make_up}（按 {info.weekday} 开放）")
    texts = Texts()
    for slot in opening.slots_on(plan, args.date, timezone):
        seats = "、".join(
            f"{_centre_name(texts, centre)} {opening.seats(plan, centre, slot)}" for centre in sorted({w.centre for w in plan.windows})
        )
        duty = ", ".join(f"{e.window} {e.staff}" for e in opening.on_duty(plan, args.date, slot.start.time(), slot.end.time()))
        mark = " 错时延时" if slot.extended else ""
        print(f"{slot.start:%H:%M}-{slot.end:%H:%M}{mark}  名额 {seats}  值班 {duty}")
    for slot in opening.home_slots_on(plan, args.date, timezone):
        print(f"上门 {slot.start:%H:%M}-{slot.end:%H:%M}  每网格 {plan.home_visits.capacity_per_grid} 户")
    return 0


def _centre_name(texts, centre: str) -> str:  # noqa: ANN001 - bot.texts.Texts
    """The centre's name; a plan may name a centre outside the catalogue (便民大厅), shown as written."""
    key = f"centres.{centre}"
    return texts.get(key) if texts.has(key) else centre
