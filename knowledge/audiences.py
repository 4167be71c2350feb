"""Asked by who one is: 老年人能办哪些事, 我是残疾人能享受什么, 失业了社区能帮啥.

Residents often ask what there is for people like them, not about one
service. 我想问问老年人能办哪些事 was read as asking what the bot can do
(能办哪些事) and got the help text; 60岁以上有什么福利 got the old-age
allowance alone. Such a question gets the services for that group, best
first, each opening its guide.

The groups and the words residents use for them live in
``knowledge/audiences.yaml``; which services are for which group is the
``audiences`` field of each service in ``knowledge/services/*.yaml``.
Both are read once, when the :class:`~knowledge.understanding.Understander`
is built.

A question is about a group when it names one (老年人, 60岁以上, 失业了) and
ends by asking what there is (有哪些, 能享受什么, 有啥活动, 有福利吗). A
question that names a service besides (老年人助餐怎么申请, 老年证在哪办,
我有残疾证了每个月还能领啥补贴) is about that service: the reader checks
what is left once the group's words and the asking are taken out
(:meth:`Audiences.asked`). 80岁 and 90岁 are not the old's words here: they
ask about the old-age allowance (我八十多了。能领什么补贴？).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from knowledge.loader import KnowledgeBase, KnowledgeBaseError, Problem, _display, _loc_path, _message
from knowledge.normalize import normalize
from knowledge.schema import AudienceId, NonEmpty, Strict

DEFAULT_PATH = Path(__file__).resolve().parent / "audiences.yaml"

MAX_CHARS = 30  # normalised characters: a longer message tells a story, and asks about one matter in it


class Audience(Strict):
    """A group of residents, as the YAML describes it."""

    id: AudienceId
    name: NonEmpty  # shown to residents: 适合老年人的服务
    words: list[NonEmpty] = Field(min_length=1)  # how residents say they are one of them


class _File(Strict):
    audiences: list[Audience] = Field(min_length=1)


# What there is, asked at the end of the message: 能办哪些事, 有什么福利, 能享受什么, 有啥活动, 要办什么手续.
# Not 补贴 and the like: 老人有啥补贴 asks about money, and the allowances it names are offered to choose from.
_WHAT = r"(?:哪些|哪几[样项个种类]?|哪样|哪种|什么|啥子?)"
_GOODS = r"(?:事情?儿?|服务|福利|待遇|政策|优惠|活动|照顾|帮助|帮扶|好处|项目|手续|证件?|业务|东西|保障|优待)"
_GENERIC = r"(?:福利|待遇|政策|优惠|优待|好处|照顾|帮扶)"  # what 有…吗 may ask of without 什么: 60岁以上有福利吗
_END = r"(?:可以|能)?(?:办|享受|申请|领|参加)?(?:的)?(?:啊|呀|呢|吗|么|嘛|哇|吧|不|没有|没)*$"
_ASKS = re.compile(
    rf"(?:{_WHAT}(?:样的|的)?(?:好的)?{_GOODS}*|(?:有没有|有)(?:什么)?{_GENERIC}+){_END}"
)


@dataclass(frozen=True)
class Asked:
    """A question about groups of residents: which groups, and the words left once theirs and the asking are out."""

    audiences: tuple[str, ...]  # ids, in the order named
    rest: str  # what may still name a service (老年人助餐有什么优惠: 助餐)


@dataclass(frozen=True)
class Audiences:
    """The groups, their words, and the services tagged for each (in catalogue order)."""

    groups: tuple[Audience, ...]
    services: dict[str, tuple[str, ...]]  # audience id → service ids
    _words: re.Pattern[str]
    _of_word: dict[str, str]  # normalised word → audience id

    @classmethod
    def of(cls, kb: KnowledgeBase, groups: tuple[Audience, ...]) -> Audiences:
        of_word = {normalize(word): group.id for group in groups for word in group.words if normalize(word)}
        ordered = sorted(of_word, key=len, reverse=True)  # 生了孩子 is a birth, not 孩子
        words = re.compile("|".join(map(re.escape, ordered)) or "(?!)")
        services = {group.id: tuple(s.id for s in kb if group.id in s.audiences) for group in groups}
        return cls(groups, services, words, of_word)

    def name(self, audience_id: str) -> str:
        return next((group.name for group in self.groups if group.id == audience_id), audience_id)

    def spans(self, norm: str) -> list[tuple[int, int]]:
        """Where the groups' words are in a normalised text."""
        return [found.span() for found in self._words.finditer(norm)]

    def asked(self, norm: str) -> Asked | None:
        """Whether a normalised question names a group and asks what there is for it; the rest of its words to check."""
        if len(norm) > MAX_CHARS:
            return None
        asking = _ASKS.search(norm)
        if asking is None:
            return None
        named = list(dict.fromkeys(self._of_word[m.group()] for m in self._words.finditer(norm[: asking.start()])))
        named = [audience for audience in named if self.services.get(audience)]
        if not named:
            return None
        rest = self._words.sub("", norm[: asking.start()])
        return Asked(tuple(named), rest)


def read(path: Path | str = DEFAULT_PATH) -> tuple[Audience, ...]:
    """The groups of ``path``; raises :class:`KnowledgeBaseError` naming what is wrong."""
    path = Path(path)
    shown = _display(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError([Problem(shown, None, None, f"无法读取：{exc}")]) from exc
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeBaseError(
            Problem(shown, None, _loc_path(err["loc"]) or None, _message(err)) for err in exc.errors(include_url=False)
        ) from exc
    seen: set[str] = set()
    problems = []
    for group in parsed.audiences:
        if group.id in seen:
            problems.append(Problem(shown, group.id, "id", "id 重复"))
        seen.add(group.id)
    if problems:
        raise KnowledgeBaseError(problems)
    return tuple(parsed.audiences)


def load(kb: KnowledgeBase, path: Path | str = DEFAULT_PATH) -> Audiences:
    """The groups of ``path`` with the services of ``kb`` tagged for each."""
    return Audiences.of(kb, read(path))
