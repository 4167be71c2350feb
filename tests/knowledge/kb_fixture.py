"""A small, valid knowledge base built from the catalogue, for tests that break it on purpose.

It does not depend on the shipped knowledge/services/*.yaml, so a test of
the loader's error messages keeps meaning the same thing while operators
edit the real data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "knowledge" / "catalogue.yaml"


def catalogue() -> dict[str, list[dict[str, str]]]:
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


def entry(item: dict[str, str], kind: str) -> dict[str, Any]:
    name = item["name"]
    return {
        "id": item["id"],
        "kind": kind,
        "name": name,
        "aliases": [name[:4]],
        "keywords": [name[:2], name[-2:]],
        "examples": [f"{name}怎么办", f"{name}要带什么", f"{name}在哪办", f"{name}要多久"],
        "summary": f"{name}的说明。",
        "eligibility": "本社区居民。",
        "materials": ["身份证"],
        "steps": ["到窗口提交材料"],
        "time_limit": "当场办结",
        "fee": "免费",
        "where": {"centre": item["centre"], "window": "一楼大厅 1号窗口", "hours": "工作日 9:00-17:00"},
        "online": {"available": False, "how": "只能到窗口办理"},
        "bookable": True,
        "home_visit": False,
    }


def services(kind: str) -> list[dict[str, Any]]:
    return [entry(item, kind) for item in catalogue()[kind]]


def write(folder: Path, approval: list[dict] | None = None, convenience: list[dict] | None = None) -> Path:
    """Write approval.yaml and convenience.yaml into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, entries in (("approval", approval), ("convenience", convenience)):
        entries = services(kind) if entries is None else entries
        text = yaml.safe_dump({"services": entries}, allow_unicode=True, sort_keys=False)
        (folder / f"{kind}.yaml").write_text(text, encoding="utf-8")
    return folder
