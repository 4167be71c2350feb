"""The custom menu, as configuration: validated against WeChat's limits before publishing."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml


class MenuError(Exception):
    pass


def read_menu(path: Path | None = None) -> dict[str, Any]:
    source = path.read_text(encoding="utf-8") if path else (files("bot") / "data" / "wechat_menu.yaml").read_text(encoding="utf-8")
    try:
        menu = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise MenuError(f"YAML 格式错误：{exc}") from None
    buttons = menu.get("button") if isinstance(menu, dict) else None
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
        raise MenuError("button 需要 1 到 3 个一级菜单")
    for top in buttons:
        _check(top, limit=16, where="一级菜单")
        subs = top.get("sub_button")
        if subs is None:
            _action(top)
            continue
        if not isinstance(subs, list) or not 1 <= len(subs) <= 5:
            raise MenuError(f"“{top.get('name')}”的子菜单需要 1 到 5 个")
        for sub in subs:
            _check(sub, limit=60, where=f"“{top.get('name')}”的子菜单")
            _action(sub)
    return {"button": buttons}


def _check(button: Any, *, limit: int, where: str) -> None:
    if not isinstance(button, dict) or not button.get("name"):
        raise MenuError(f"{where}缺少 name")
    if len(str(button["name"]).encode()) > limit:
        raise MenuError(f"{where}“{button['name']}”太长（最多 {limit} 字节）")


def _action(button: dict[str, Any]) -> None:
    kind = button.get("type")
    if kind == "click":
        key = str(button.get("key") or "")
        if not key or len(key.encode()) > 64:
            raise MenuError(f"“{button['name']}”的 key 需要 1 到 64 字节")
    elif kind == "view":
        if not str(button.get("url") or "").startswith(("http://", "https://")):
            raise MenuError(f"“{button['name']}”需要以 http(s):// 开头的 url")
    else:
        raise MenuError(f"“{button['name']}”的 type 只能是 click 或 view")
