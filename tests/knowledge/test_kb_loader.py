"""Loading the knowledge base: every mistake an operator can make is named by file, entry and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import KnowledgeBaseError, Problem, check, load
from knowledge.schema import Centre
from tests.knowledge import kb_fixture


@pytest.fixture()
def kb_dir(tmp_path: Path) -> Path:
    return kb_fixture.write(tmp_path / "services")


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def edit(folder: Path, kind: str, index: int, **changes) -> None:
    entries = kb_fixture.services(kind)
    for key, value in changes.items():
        if value is None:
            del entries[index][key]
        else:
            entries[index][key] = value
    kb_fixture.write(folder, **{kind: entries})


# --- the good cases ----------------------------------------------------------


def test_the_shipped_knowledge_base_is_valid():
    problems = check()
    assert problems == [], "\n".join(map(str, problems))
    kb = load()
    assert len(kb) == 40
    assert kb.summary() == "40 项服务（审批 25，便民 15）"


def test_a_valid_folder_loads_in_catalogue_order(kb_dir: Path):
    assert check(kb_dir) == []
    kb = load(kb_dir)
    catalogue = kb_fixture.catalogue()
    assert kb.ids == tuple(i["id"] for i in catalogue["approval"] + catalogue["convenience"])
    assert kb["residence-permit"].name == "居住证申领"
    assert kb.get("no-such-thing") is None
    assert "legal-aid" in kb
    assert len(kb.by_kind("approval")) == 25 and len(kb.by_kind("convenience")) == 15
    assert [s.id for s in kb.by_centre(Centre.culture)] == ["reading-room", "activity-room"]
    assert kb.by_centre("children") == kb.by_centre(Centre.children)


def test_one_file_is_checked_against_its_own_section_of_the_catalogue(kb_dir: Path):
    assert check(kb_dir / "convenience.yaml") == []
    kb = load(kb_dir / "convenience.yaml")
    assert len(kb) == 15


# --- schema mistakes -----------------------------------------------------------


def test_a_missing_field_names_file_entry_and_field(kb_dir: Path):
    edit(kb_dir, "approval", 0, materials=None)
    problem = only(check(kb_dir))
    assert problem.file.endswith("approval.yaml")
    assert (problem.entry, problem.field) == ("residence-permit", "materials")
    assert str(problem).endswith("approval.yaml: residence-permit.materials: 缺少此字段")


def test_an_empty_list_says_how_many_are_needed(kb_dir: Path):
    edit(kb_dir, "approval", 0, materials=[])
    assert str(only(check(kb_dir))).endswith("residence-permit.materials: 至少需要 1 项")


def test_too_few_examples_and_an_empty_string(kb_dir: Path):
    edit(kb_dir, "convenience", 1, examples=["打印在哪"], fee="  ")
    texts = sorted(str(p) for p in check(kb_dir))
    assert any("print-copy.examples: 至少需要 4 项" in t for t in texts)
    assert any("print-copy.fee: 不能为空" in t for t in texts)


def test_an_unknown_field_is_reported_as_a_typo(kb_dir: Path):
    edit(kb_dir, "convenience", 0, materail=["户号"])
    problem = only(check(kb_dir))
    assert (problem.entry, problem.field) == ("utility-payment", "materail")
    assert "未知字段" in problem.message


def test_wrong_types(kb_dir: Path):
    entries = kb_fixture.services("convenience")
    entries[2]["bookable"] = "maybe"
    entries[2]["where"]["hours"] = 540  # what YAML makes of an unquoted 9:00
    entries[2]["aliases"] = "快递"
    kb_fixture.write(kb_dir, convenience=entries)
    found = {(p.entry, p.field): p.message for p in check(kb_dir)}
    assert "应为 true 或 false" in found[("parcel-collection", "bookable")]
    assert "应为文本" in found[("parcel-collection", "where.hours")]
    assert "引号" in found[("parcel-collection", "where.hours")]
    assert "应为列表" in found[("parcel-collection", "aliases")]


def test_an_item_of_a_list_is_named_by_its_index(kb_dir: Path):
    edit(kb_dir, "approval", 3, steps=["第一步", ""])
    problem = only(check(kb_dir))
    assert (problem.entry, problem.field) == ("pension-eligibility-check", "steps[1]")


def test_an_unknown_centre(kb_dir: Path):
    entries = kb_fixture.services("approval")
    entries[4]["where"]["centre"] = "welfare"
    kb_fixture.write(kb_dir, approval=entries)
    problem = only(check(kb_dir))
    assert (problem.entry, problem.field) == ("minimum-living-allowance", "where.centre")
    assert "未知中心" in problem.message and "convenience" in problem.message


def test_a_bad_id_is_named_by_position(kb_dir: Path):
    edit(kb_dir, "approval", 2, id=None)
    problems = check(kb_dir)
    assert any(p.entry == "#3" and p.field == "id" and p.message == "缺少此字段" for p in problems)
    # and the catalogue id it should have had is now missing
    assert any(p.entry == "resident-pension-insurance" and "缺失" in p.message for p in problems)


# --- catalogue mistakes -------------------------------------------------------


def test_a_duplicate_id_in_the_same_file(kb_dir: Path):
    entries = kb_fixture.services("approval")
    entries.append(entries[0])
    kb_fixture.write(kb_dir, approval=entries)
    problem = only(check(kb_dir))
    assert (problem.entry, problem.field) == ("residence-permit", "id")
    assert "重复" in problem.message


def test_a_duplicate_id_across_files(kb_dir: Path):
    convenience = kb_fixture.services("convenience") + [kb_fixture.services("approval")[0]]
    kb_fixture.write(kb_dir, convenience=convenience)
    problem = only(check(kb_dir))
    assert problem.file.endswith("convenience.yaml")
    assert (problem.entry, problem.field) == ("residence-permit", "id")
    assert "approval.yaml" in problem.message


def test_an_id_not_in_the_catalogue(kb_dir: Path):
    entries = kb_fixture.services("convenience")
    extra = dict(entries[0], id="dog-walking", name="遛狗")
    kb_fixture.write(kb_dir, convenience=entries + [extra])
    problem = only(check(kb_dir))
    assert (problem.entry, problem.field) == ("dog-walking", "id")
    assert "不在服务目录" in problem.message


def test_a_catalogue_id_missing_from_the_knowledge_base(kb_dir: Path):
    entries = [e for e in kb_fixture.services("convenience") if e["id"] != "reading-room"]
    kb_fixture.write(kb_dir, convenience=entries)
    problem = only(check(kb_dir))
    assert problem.entry == "reading-room"
    assert "图书借阅" in problem.message and "缺失" in problem.message


def test_name_centre_and_kind_must_agree_with_the_catalogue(kb_dir: Path):
    entries = kb_fixture.services("convenience")
    entries[0]["name"] = "交水电费"
    entries[0]["where"]["centre"] = "governance"
    entries[0]["kind"] = "approval"
    kb_fixture.write(kb_dir, convenience=entries)
    found = {(p.entry, p.field): p.message for p in check(kb_dir)}
    assert "水电气暖费用代缴" in found[("utility-payment", "name")]
    assert "convenience" in found[("utility-payment", "where.centre")]
    assert "convenience" in found[("utility-payment", "kind")]


# --- files ----------------------------------------------------------------------


def test_a_yaml_syntax_error_gives_the_line(kb_dir: Path):
    path = kb_dir / "approval.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5] + ": [unclosed"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = only(check(kb_dir))
    assert problem.file.endswith("approval.yaml")
    assert "YAML 语法错误" in problem.message and "第 6 行" in problem.message


def test_a_key_written_twice_is_an_error(kb_dir: Path):
    path = kb_dir / "convenience.yaml"
    text = path.read_text(encoding="utf-8").replace("  fee: 免费\n", "  fee: 免费\n  fee: 两元\n", 1)
    path.write_text(text, encoding="utf-8")
    problem = only(check(kb_dir))
    assert "重复" in problem.message and "第" in problem.message


def test_a_file_without_services(kb_dir: Path):
    (kb_dir / "extra.yaml").write_text("- just a list\n", encoding="utf-8")
    problem = only(check(kb_dir))
    assert problem.file.endswith("extra.yaml") and "services" in problem.message


def test_a_path_that_does_not_exist(tmp_path: Path):
    problem = only(check(tmp_path / "nowhere"))
    assert "不存在" in problem.message


def test_load_raises_with_every_problem(kb_dir: Path):
    edit(kb_dir, "approval", 0, materials=None, fee=None)
    with pytest.raises(KnowledgeBaseError) as info:
        load(kb_dir)
    assert len(info.value.problems) == 2
    message = str(info.value)
    assert "2 处问题" in message
    assert "residence-permit.materials" in message and "residence-permit.fee" in message
