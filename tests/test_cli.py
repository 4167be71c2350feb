"""The command line as an operator uses it: a fresh folder, environment variables, pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], cwd: Path, *, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env={**full_env, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def test_piped_chat_answers_every_line_and_exits_zero_at_end_of_input(tmp_path: Path):
    result = run(["chat"], tmp_path, stdin="你好\n帮助\n")
    assert result.returncode == 0, result.stderr
    assert "有什么可以帮您" in result.stdout
    assert "怎么用我" in result.stdout
    assert (tmp_path / "data" / "resident-bot.db").exists()  # the embedded default, created on first run
    assert "Traceback" not in result.stderr


def test_a_scripted_console_session_binds_a_grid_manager(tmp_path: Path):
    invite = run(["invite", "--role", "grid_manager", "--grid", "wenfeng-02"], tmp_path)
    assert invite.returncode == 0, invite.stderr
    code = invite.stdout.splitlines()[0].strip()
    assert len(code) == 8

    session = run(["chat", "--user", "wang"], tmp_path, stdin=f"绑定 {code}\n/me\n")
    assert session.returncode == 0, session.stderr
    assert "绑定成功" in session.stdout
    assert "网格管理员（文峰社区第二网格" in session.stdout

    listing = run(["roles", "list"], tmp_path)
    assert "网格管理员" in listing.stdout and "console:wang" in listing.stdout

    reused = run(["chat", "--user", "li"], tmp_path, stdin=f"绑定 {code}\n")
    assert "已经用过了" in reused.stdout


def test_an_invite_valid_for_no_time_is_refused_not_given_the_default(tmp_path: Path):
    for hours in ("0", "-5"):
        result = run(["invite", "--role", "volunteer", "--hours", hours], tmp_path)
        assert result.returncode != 0 and "--hours 必须是正数" in result.stderr and not result.stdout.strip()


def test_a_revocation_is_shown_to_the_console_user_as_a_push(tmp_path: Path):
    code = run(["invite", "--role", "volunteer"], tmp_path).stdout.splitlines()[0]
    run(["chat", "--user", "vol"], tmp_path, stdin=f"绑定 {code}\n")
    assignment_id = run(["roles", "list"], tmp_path).stdout.split("\t", 1)[0]
    revoked = run(["roles", "revoke", assignment_id], tmp_path)
    assert revoked.returncode == 0, revoked.stderr
    later = run(["chat", "--user", "vol"], tmp_path, stdin="")
    assert "【通知】" in later.stdout and "已被撤销" in later.stdout
    again = run(["roles", "revoke", assignment_id], tmp_path)
    assert again.returncode != 0 and "没有编号为" in again.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("RESIDENT_BOT_FLOOD_LIMIT_PER_MINUTE", "lots"),
        ("RESIDENT_BOT_DATABASE_URL", "mysql://root@localhost/bot"),
        ("RESIDENT_BOT_TIMEZONE", "Mars/Olympus"),
        ("RESIDENT_BOT_LANGUAGE", "fr"),
    ],
)
def test_a_wrong_setting_stops_with_one_line_naming_the_variable(tmp_path: Path, variable: str, value: str):
    result = run(["chat"], tmp_path, stdin="你好\n", env={variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0]


def test_settings_are_read_from_a_dotenv_file(tmp_path: Path):
    (tmp_path / ".env").write_text("RESIDENT_BOT_DATABASE_URL=sqlite+aiosqlite:///./elsewhere/bot.db\n")
    result = run(["chat"], tmp_path, stdin="你好\n")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere" / "bot.db").exists()


def test_every_command_has_help(tmp_path: Path):
    from bot.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        result = run([name, "--help"], tmp_path)
        assert result.returncode == 0, (name, result.stderr)
        assert "usage: resident-bot" in result.stdout


def test_org_import_validates_and_reports_each_problem(tmp_path: Path):
    bad = tmp_path / "org.yaml"
    bad.write_text(
        "district: {id: d1, name: 区}\n"
        "streets:\n"
        "  - id: s1\n"
        "    name: 街道\n"
        "    communities:\n"
        "      - id: c1\n"
        "        name: 社区\n"
        "        grids:\n"
        "          - {id: g1, name: 一格, households: 250, buildings: [1号楼]}\n"
        "          - {id: g1, name: 二格, buildings: [1号楼]}\n",
        encoding="utf-8",
    )
    result = run(["org", "import", str(bad)], tmp_path)
    assert result.returncode == 1
    assert "households" in result.stderr and "Field required" in result.stderr
    assert "Traceback" not in result.stderr

    broken = tmp_path / "broken.yaml"
    broken.write_text("district: [unclosed\n", encoding="utf-8")
    result = run(["org", "import", str(broken)], tmp_path)
    assert result.returncode == 1 and "YAML" in result.stderr


def test_org_import_adds_a_community_and_is_repeatable(tmp_path: Path):
    extra = tmp_path / "org.yaml"
    extra.write_text(
        "district: {id: weidu, name: 许昌市魏都区}\n"
        "streets:\n"
        "  - id: xidajie\n"
        "    name: 西大街街道\n"
        "    communities:\n"
        "      - id: heping\n"
        "        name: 和平社区\n"
        "        grids:\n"
        "          - {id: heping-01, name: 第一网格, households: 240, buildings: [和平里1号楼, 和平里2号楼]}\n",
        encoding="utf-8",
    )
    for _ in range(2):
        result = run(["org", "import", str(extra)], tmp_path)
        assert result.returncode == 0, result.stderr
        assert "1 个网格" in result.stdout
    shown = run(["org", "show"], tmp_path).stdout
    assert "heping-01" in shown and "wenfeng-06" in shown


def test_db_upgrade_and_current(tmp_path: Path):
    env = {"RESIDENT_BOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"}
    assert run(["db", "current"], tmp_path, env=env).returncode == 1  # empty database: behind head
    upgraded = run(["db", "upgrade"], tmp_path, env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert run(["db", "current"], tmp_path, env=env).returncode == 0


def test_the_bot_refuses_to_start_on_a_broken_knowledge_base_and_says_why(tmp_path: Path):
    broken = tmp_path / "kb.yaml"
    text = (ROOT / "knowledge" / "services" / "approval.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("centre: eldercare", "centre: spa", 1), encoding="utf-8")
    result = run(["chat"], tmp_path, stdin="你好\n", env={"RESIDENT_BOT_KNOWLEDGE_PATH": str(broken)})
    assert result.returncode == 2
    assert "知识库有错误" in result.stderr and "centre" in result.stderr
    assert "Traceback" not in result.stderr


def test_booking_day_shows_the_seats_by_centre_name(tmp_path: Path):
    import yaml

    from bot.services.opening import shipped_plan_path
    from tests.booking.helpers import write_plan

    day = run(["booking", "day", "2026-03-03"], tmp_path)
    assert day.returncode == 0, day.stderr
    assert "09:00-09:30  名额 便民服务中心 8" in day.stdout and "{" not in day.stdout, day.stdout
    windows = yaml.safe_load(shipped_plan_path().read_text(encoding="utf-8"))["windows"]
    plan = write_plan(tmp_path / "plan.yaml", windows=[{**w, "centre": "便民大厅"} for w in windows])
    own = run(["booking", "day", "2026-03-03", str(plan)], tmp_path)  # a centre named outside the catalogue
    assert own.returncode == 0 and "名额 便民大厅 8" in own.stdout, own.stderr
