"""Every user-facing sentence, from one catalogue per language.

A language is a folder, `bot/locales/<language>/`, with one YAML file per
feature (common.yaml, guide.yaml, …) whose top-level keys no other file
uses. Simplified Chinese is the reference; another language only has to
provide the same keys (a test checks they match). A key missing from a
second language falls back to Chinese rather than failing in front of a
resident.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

DEFAULT_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")


@cache
def catalogue(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    folder = files("bot") / "locales" / language
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        part = _flatten(yaml.safe_load(entry.read_text(encoding="utf-8")) or {})
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"locales/{language}/{entry.name} repeats keys: {sorted(clash)[:5]}")
        merged.update(part)
    return merged


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value).rstrip("\n")
    return flat


class Texts:
    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._own = catalogue(self.language)
        self._fallback = catalogue(DEFAULT_LANGUAGE)

    def get(self, key: str, **kwargs: Any) -> str:
        template = self._own.get(key)
        if template is None:
            template = self._fallback[key]  # a missing Chinese key is a programming error
        return template.format(**kwargs) if kwargs else template

    def has(self, key: str) -> bool:
        return key in self._own or key in self._fallback
