"""`resident-bot kb check` and `resident-bot understand`, run as an operator runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.knowledge import kb_fixture

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def test_kb_check_passes_on_the_shipped_knowledge_base():
    result = run("kb", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "知识库检查通过：40 项服务（审批 25，便民 15）；其他部门办理的事项 37 项"


def test_kb_check_reports_each_problem_of_the_other_offices_file(tmp_path: Path):
    bad = tmp_path / "elsewhere.yaml"
    bad.write_text("elsewhere:\n  - {id: Bad, name: 护照, where: 出入境, when: [[护照], ['  ']]}\n", encoding="utf-8")
    result = run("kb", "check", "--elsewhere", str(bad))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.strip().splitlines() == [
        f"{bad}: elsewhere[0].id: 只能用小写字母、数字和连字符（如 residence-permit）",
        f"{bad}: elsewhere[0].when[1][0]: 不能为空",
    ]


def test_kb_check_accepts_one_file(tmp_path: Path):
    folder = kb_fixture.write(tmp_path / "kb")
    result = run("kb", "check", str(folder / "approval.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "25 项服务" in result.stdout


def test_kb_check_lists_each_problem_and_exits_1(tmp_path: Path):
    folder = kb_fixture.write(tmp_path / "kb")
    entries = kb_fixture.services("approval")
    del entries[0]["materials"]
    entries[1]["where"]["centre"] = "nowhere"
    kb_fixture.write(folder, approval=entries)
    result = run("kb", "check", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines == [
        "kb/approval.yaml: residence-permit.materials: 缺少此字段",
        lines[1],
    ]
    assert lines[1].startswith("kb/approval.yaml: resident-medical-insurance.where.centre: 未知中心 'nowhere'")


def test_kb_check_reports_a_yaml_syntax_error(tmp_path: Path):
    folder = kb_fixture.write(tmp_path / "kb")
    (folder / "convenience.yaml").write_text("services:\n  - id: [oops\n", encoding="utf-8")
    result = run("kb", "check", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert "kb/convenience.yaml: YAML 语法错误" in result.stdout
    assert "Traceback" not in result.stderr


def test_understand_prints_one_json_object():
    result = run("understand", "--json", "低保怎么办")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["intent"] == "service"
    assert data["service_id"] == "minimum-living-allowance"
    assert "低保" not in result.stdout or "\\u" not in result.stdout  # ensure_ascii=False


def test_understand_reads_stdin_one_json_per_line_in_order():
    questions = ["居住正怎么办", "你好", "", "👍👍", "小区路灯坏了没人管", "預約家政服務"]
    result = run("understand", "--json", "-", stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(questions)
    got = [json.loads(line) for line in lines]
    assert [g["intent"] for g in got] == ["service", "greeting", "unknown", "thanks", "complaint", "service"]
    assert got[0]["service_id"] == "residence-permit"
    assert got[5]["service_id"] == "housekeeping"


def test_understand_human_readable():
    result = run("understand", "居住正怎么办")
    assert result.returncode == 0, result.stderr
    assert "residence-permit" in result.stdout and "居住证申领" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1


def test_understand_shows_each_question_of_a_message_with_two():
    """Why a resident got two answers: each question's words and what it was read as."""
    result = run("understand", "--json", "低保怎么办理。我想问一下高龄津贴。")
    assert result.returncode == 0, result.stderr
    parts = json.loads(result.stdout)["parts"]
    assert [(p["words"], p["service_id"], p["decision"]) for p in parts] == [
        ("低保怎么办理", "minimum-living-allowance", "answer"),
        ("我想问一下高龄津贴", "elderly-allowance", "answer"),
    ]
    assert "parts" not in json.loads(run("understand", "--json", "低保怎么办").stdout)
    human = run("understand", "低保怎么办理。我想问一下高龄津贴。").stdout.strip().splitlines()
    assert len(human) == 3 and human[2].strip().startswith("问题 2：我想问一下高龄津贴 → elderly-allowance"), human


def test_understand_with_an_invalid_kb_exits_1_without_traceback(tmp_path: Path):
    folder = kb_fixture.write(tmp_path / "kb")
    (folder / "extra.yaml").write_text("services:\n  - id: dog-walking\n", encoding="utf-8")
    result = run("understand", "--kb", str(folder), "--json", "低保")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "dog-walking" in result.stderr
    assert "Traceback" not in result.stderr


def test_understand_with_another_kb(tmp_path: Path):
    folder = kb_fixture.write(tmp_path / "kb")
    result = run("understand", "--kb", str(folder), "--json", "图书借阅")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["service_id"] == "reading-room"
