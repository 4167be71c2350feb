"""/stats and `resident-bot report --csv` come from one service and show the month's loop."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from bot.models import Role
from bot.services import stats
from bot.services.deadlines import rules_for
from tests.grid.test_wishes import make_wish
from tests.helpers import bind
from tests.grid.util import file_complaint, resident

ROOT = Path(__file__).resolve().parents[2]


async def _month_of_work(app):  # noqa: ANN001, ANN202
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    staff = await bind(app, "shequ", Role.staff)
    volunteer = await bind(app, "v1", Role.volunteer)
    li = await resident(app, "li")
    number = await file_complaint(li)
    for stars in (2, 4):
        await manager.press(f"case:accept:{number}")
        await manager.press(f"case:resolve:{number}")
        await manager.say("已处理")
        await manager.press("cs:skip")
        await li.press(f"cs:rate:{number}:{stars}" + (":sure" if stars < 3 else ""))
    second = await file_complaint(li, category="noise", text="夜里装修")
    await manager.press(f"case:accept:{second}")
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    wish = await make_wish(grandma)
    await staff.press(f"wish:ok:{wish}")
    await volunteer.press(f"wish:claim:{wish}")
    await volunteer.press(f"wish:hrs:{wish}:3")
    await grandma.press(f"wish:confirm:{wish}")
    return staff, manager


async def test_stats_and_the_csv_report_show_the_same_figures(app):
    staff, manager = await _month_of_work(app)
    async with app.db.uow() as uow:
        rows = await stats.month_report(uow, "2026-03", rules_for(app.settings))
    grid = next(r for r in rows if r.id == "wenfeng-01")
    total = next(r for r in rows if r.level == "community")
    assert grid.cases == 2 and grid.states["closed"] == 1 and grid.states["accepted"] == 1
    assert grid.resolved == 1 and grid.on_time_rate == 1.0 and grid.reopen_rate == 1.0
    assert grid.average_rating == 4 and grid.wishes_made == 1 and grid.wishes_fulfilled == 1 and grid.volunteer_hours == 3
    assert total.cases == 2 and total.volunteer_hours == 3

    await staff.say("统计")
    assert "2026-03 工作统计" in staff.text and "【文峰社区合计】" in staff.text
    assert "第一网格（文峰北苑）" in staff.text and "诉求 2 件" in staff.text and "平均满意度 4.0" in staff.text
    assert "重办率 100%" in staff.text and "志愿服务 3 小时" in staff.text
    await manager.say("统计")
    assert "没有权限" in manager.text
    await staff.say("统计 2026-13")
    assert "用法" in staff.text

    out = Path(app.settings.database_url.split("///", 1)[1]).parent / "march.csv"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
    env.update({"RESIDENT_BOT_DATABASE_URL": app.settings.database_url, "PYTHONPATH": str(ROOT)})
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "report", "--month", "2026-03", "--csv", str(out)],
        capture_output=True, text=True, env=env, cwd=out.parent, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    line = next(r for r in table if r["id"] == "wenfeng-01")
    assert line["cases"] == "2" and line["state_closed"] == "1" and line["average_rating"] == "4.00"
    assert line["on_time_rate"] == "1.000" and line["reopen_rate"] == "1.000"
    assert line["wishes_made"] == "1" and line["wishes_fulfilled"] == "1" and line["volunteer_hours"] == "3"
    assert stats.to_csv(rows, "2026-03") == out.read_text(encoding="utf-8")

    bad = subprocess.run(
        [sys.executable, "-m", "bot.cli", "report", "--month", "March"], capture_output=True, text=True, env=env, cwd=out.parent, timeout=120
    )
    assert bad.returncode == 2 and "YYYY-MM" in bad.stderr
