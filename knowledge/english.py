"""Questions about services written in English: matched by the English names residents use.

Foreign residents and their families write to the centre in English. The
knowledge base's index is built for Chinese (characters, pinyin, homophones),
and English words added to it shifted the scores of vague Chinese questions;
so English has its own small table (``knowledge/english.yaml``), read only
for a question with no Chinese in it, before anything else.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent / "english.yaml"
_CJK = re.compile(r"[\u3400-\u9fff]")


class EnglishNames:
    def __init__(self, names: dict[str, list[str]]) -> None:
        phrases = sorted(((p.lower(), sid) for sid, ps in names.items() for p in ps), key=lambda x: -len(x[0]))
        self.service_ids = set(names)
        self._patterns = [(re.compile(rf"(?<![a-z]){re.escape(p)}(?![a-z])"), sid) for p, sid in phrases]

    def service_of(self, text: str) -> str | None:
        """The service a question in English names, longest phrase first; None for Chinese or no match."""
        if not text or _CJK.search(text):
            return None
        lowered = text.lower()
        return next((sid for pattern, sid in self._patterns if pattern.search(lowered)), None)


def load(path: Path = DEFAULT_PATH) -> EnglishNames:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return EnglishNames({str(k): [str(p) for p in v] for k, v in data.items()})
