"""Matters another office handles, the offices residents ask about, and how a question is recognised.

Residents do not know which office does what, and they ask the centre about
everything. Without these entries "身份证丢了怎么办" was read as the nearest
of the centre's own services (打印复印, through 复印身份证) and answered with
confidence: wrong, and worse than "I don't know". The entries live in
``knowledge/elsewhere.yaml`` (see its header for the format); each line of
``when`` is a set of words the question must all contain, ``a|b`` meaning
either word.

The file's ``offices`` are the places residents ask the hours, address or
phone of as if they were the centre's (卫生站周日开门吗, 派出所几点上班):
answered with the centre's own hours, such a question sent an elderly
resident to a closed door. Each says what is known of it, and only that.
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
    # a question holding one of these words is not about it, whatever line it meets: 摔倒了 is a fall
    # happening, 摔倒险 and 老人摔倒了有补贴吗 are questions about insurance and money
    unless: list[Words] = Field(default_factory=list)


class Office(Strict):
    """A place that is not the centre, with what is known of it (its hours only when they are known)."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    name: NonEmpty
    words: list[Words] = Field(min_length=1)  # the names residents use for it
    where: NonEmpty | None = None
    hours: NonEmpty | None = None
    phone: NonEmpty | None = None
    tip: NonEmpty | None = None


class _File(Strict):
    elsewhere: list[Referral]
    offices: list[Office] = Field(default_factory=list)


# Asked of some other place by the kind of its name (银行几点开门, 邮局周六上班吗): a name ending as
# offices' names end, right before the words asking when, whether or where it is open. 服务站 is left
# out: the centre's own (志愿服务站, 退役军人服务站) are called so.
_SOME_OFFICE = re.compile(
    r"(银行|邮局|医院|诊所|药店|药房|超市|市场|商场|公司|(?<!服务)站|所|局|院|馆|处|队)的?"
    r"(今天|明天|后天|周末|周[一二三四五六日天末]|星期|礼拜|现在|这会|还|几点|上班|下班|开门|关门|营业|办公|开放|有人|电话|地址|在哪)"
)


# What is asked of an office named: how to reach it or when (物业电话多少, 卫生站在哪, 派出所几点上班, 社保局怎么走).
_ASKS_OF_OFFICE = re.compile(r"电话|号码|联系|在哪|在什么地方|地址|位置|几点|怎么走|怎么去|咋走|咋去|怎么找")
_PARTICLE_AFTER = re.compile(r"(的|呢|啊|呀|吗|嘛)+$")
OFFICE_QUESTION_MAX_CHARS = 20  # longer messages say something more (a complaint about the 物业, a matter to handle)


@dataclass(frozen=True)
class Asked:
    """An office a question asks how to reach or when, and the name it was called by."""

    office: Office
    word: str  # normalised, as found in the question


class Offices:
    """The offices of the file, found by the names residents use, with one search per question."""

    def __init__(self, offices: list[Office]) -> None:
        self.entries = tuple(offices)
        self._by_word = {normalize(word): office for office in offices for word in office.words}
        words = sorted(self._by_word, key=len, reverse=True)  # 卫生服务站 before 卫生站
        self._any = re.compile("|".join(map(re.escape, words))) if words else None

    def named(self, norm: str) -> Office | None:
        """The office the normalised question names, if one."""
        found = self._any.search(norm) if self._any is not None else None
        return self._by_word[found.group()] if found else None

    def asked(self, norm: str) -> Asked | None:
        """The office a short normalised question names and asks the phone, place or hours of (物业电话多少), or names alone (物业).

        Two searches of a short text, before any service is looked for:
        物业电话多少 was read as 就业创业证 (物业 sounds like 就业), and
        卫生站在哪 as nothing at all.
        """
        alone = _PARTICLE_AFTER.sub("", norm)
        if alone in self._by_word:  # 物业, 物业公司呢: only its name, which was read as 就业 too
            return Asked(self._by_word[alone], alone)
        if len(norm) > OFFICE_QUESTION_MAX_CHARS or self._any is None or _ASKS_OF_OFFICE.search(norm) is None:
            return None
        found = self._any.search(norm)
        return Asked(self._by_word[found.group()], found.group()) if found else None


def names_some_office(norm: str) -> bool:
    """Whether the normalised question asks about a place by an office's kind of name (银行, 邮局), known or not."""
    return _SOME_OFFICE.search(norm) is not None


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

    def __init__(self, referrals: list[Referral], offices: list[Office] | None = None) -> None:
        self.entries = tuple(referrals)
        self.offices = Offices(offices or [])
        self._by_id = {r.id: r for r in referrals}
        self._lines = [
            (referral, _Line(tuple(_group(words) for words in line)))
            for referral in referrals
            for line in referral.when
        ]
        self._unless = {referral.id: tuple(w for words in referral.unless for w in _group(words)) for referral in referrals}
        # Most questions hold none of these words: one search says so (every line needs its first group).
        firsts = sorted({word for _, line in self._lines for word in line.groups[0]}, key=len, reverse=True)
        self._any_first = re.compile("|".join(map(re.escape, firsts))) if firsts else None

    def __getitem__(self, referral_id: str) -> Referral:
        return self._by_id[referral_id]

    def get(self, referral_id: str) -> Referral | None:
        return self._by_id.get(referral_id)

    def match(self, norm: str, *, urgent: bool = False) -> Hit | None:
        """The first entry one of whose lines the normalised question contains (with `urgent`, of the urgent ones only)."""
        if self._any_first is None or self._any_first.search(norm) is None:
            return None
        for referral, line in self._lines:
            if urgent and not referral.urgent:
                continue
            words = line.match(norm)
            if words is not None and not any(word in norm for word in self._unless[referral.id]):
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
    file = _read(Path(path))
    return Referrals(file.elsewhere, file.offices)


def _read(path: Path) -> _File:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    file = _File.model_validate(raw)
    seen: set[str] = set()
    for referral in file.elsewhere:
        if referral.id in seen:
            raise ValueError(f"{referral.id}: 重复的 id")
        seen.add(referral.id)
        for line in referral.when:
            if not all(_group(words) for words in line):
                raise ValueError(f"{referral.id}.when: 有一组词规范化后是空的：{line}")
        if not all(_group(words) for words in referral.unless):
            raise ValueError(f"{referral.id}.unless: 有一个词规范化后是空的：{referral.unless}")
    _check_offices(file.offices)
    for office in file.offices:  # an understanding names either by its id: one id, one meaning
        if office.id in seen:
            raise ValueError(f"offices.{office.id}: 与 elsewhere 的 id 重复")
    return file


def _check_offices(offices: list[Office]) -> None:
    """Each office once, and each of its names one office's: a name of two would answer for either."""
    ids: set[str] = set()
    names: dict[str, str] = {}
    for office in offices:
        if office.id in ids:
            raise ValueError(f"offices.{office.id}: 重复的 id")
        ids.add(office.id)
        for word in office.words:
            norm = normalize(word)
            if not norm:
                raise ValueError(f"offices.{office.id}.words: “{word}”规范化后是空的")
            if names.setdefault(norm, office.id) != office.id:
                raise ValueError(f"offices.{office.id}.words: “{word}”也是 {names[norm]} 的名字")
