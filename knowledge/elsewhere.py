"""Matters another office handles, and how a question is recognised as one of them.

Residents do not know which office does what, and they ask the centre about
everything. Without these entries "身份证丢了怎么办" was read as the nearest
of the centre's own services (打印复印, through 复印身份证) and answered with
confidence: wrong, and worse than "I don't know". The entries live in
``knowledge/elsewhere.yaml`` (see its header for the format); each line of
``when`` is a set of words the question must all contain, ``a|b`` meaning
either word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field, StringConstraints, ValidationError

from knowledge.loader import _loc_path, _message  # the KB's own wording of a problem
from knowledge.normalize import normalize
from knowledge.schema import NonEmpty, Strict

DEFAULT_PATH = Path(__file__).resolve().parent / "elsewhere.yaml"

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Referral(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    name: NonEmpty
    where: NonEmpty
    tip: NonEmpty | None = None
    urgent: bool = False  # said first and plainly: call 110 now
    when: list[Annotated[list[Words], Field(min_length=1)]] = Field(min_length=1)


class _File(Strict):
    elsewhere: list[Referral]


@dataclass(frozen=True)
class Hit:
    referral: Referral
    words: tuple[str, ...]  # the words of the question that matched, normalised


@dataclass(frozen=True)
class _Line:
    groups: tuple[tuple[str, ...], ...]  # every group must have one of its words in the question

    def match(self, norm: str) -> tuple[str, ...] | None:
        found = []
        for group in self.groups:
            word = next((w for w in group if w in norm), None)
            if word is None:
                return None
            found.append(word)
        return tuple(found)


class Referrals:
    """The entries, with their `when` lines normalised once."""

    def __init__(self, referrals: list[Referral]) -> None:
        self.entries = tuple(referrals)
        self._by_id = {r.id: r for r in referrals}
        self._lines = [
            (referral, _Line(tuple(_group(words) for words in line)))
            for referral in referrals
            for line in referral.when
        ]
        # Most questions hold none of these words: one search says so (every line needs its first group).
        firsts = sorted({word for _, line in self._lines for word in line.groups[0]}, key=len, reverse=True)
        self._any_first = re.compile("|".join(map(re.escape, firsts))) if firsts else None

    def __getitem__(self, referral_id: str) -> Referral:
        return self._by_id[referral_id]

    def get(self, referral_id: str) -> Referral | None:
        return self._by_id.get(referral_id)

    def match(self, norm: str) -> Hit | None:
        """The first entry one of whose lines the normalised question contains."""
        if self._any_first is None or self._any_first.search(norm) is None:
            return None
        for referral, line in self._lines:
            words = line.match(norm)
            if words is not None:
                return Hit(referral, words)
        return None


def _group(words: str) -> tuple[str, ...]:
    return tuple(w for w in (normalize(part) for part in words.split("|")) if w)


def check(path: Path | str = DEFAULT_PATH) -> list[str]:
    """Every problem with the file, in words an operator can act on (empty: fine)."""
    try:
        _read(Path(path))
    except ValidationError as exc:
        return [f"{path}: {_loc_path(err['loc'])}: {_message(err)}" for err in exc.errors()]
    except (OSError, yaml.YAMLError, ValueError) as exc:
        return [f"{path}: {exc}"]
    return []


def load(path: Path | str = DEFAULT_PATH) -> Referrals:
    return Referrals(_read(Path(path)))


def _read(path: Path) -> list[Referral]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    referrals = _File.model_validate(raw).elsewhere
    seen: set[str] = set()
    for referral in referrals:
        if referral.id in seen:
            raise ValueError(f"{referral.id}: 重复的 id")
        seen.add(referral.id)
        for line in referral.when:
            if not all(_group(words) for words in line):
                raise ValueError(f"{referral.id}.when: 有一组词规范化后是空的：{line}")
    return referrals
