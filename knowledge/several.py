"""Several questions in one message: 低保怎么办理。我想问一下高龄津贴。

Residents ask the way they would at a window, two things in one breath
(居住证要带什么？还有老年卡在哪办). Read whole, such a message is about the
service it names most strongly and the other question is silently lost.
This module cuts a message into the questions it plainly holds, so that
:class:`knowledge.understanding.Understander` can read each on its own.

Cutting must not break what is one question said in several pieces:

* a statement is context, not a question (我八十多了。能领什么补贴？ is one
  question; 我是低保户 says who is asking): only a piece that *asks* —
  a question word or particle, a question mark, 申请/办理/问一下, asking to
  book (预约办居住证), or a service's bare name (还有高龄津贴) — can start
  a question of its own;
* a follow-up without a subject of its own (居住证要带啥，在哪办) belongs to
  the question before it; a statement belongs to the question after it;
* a question stands on its own only when its words alone read as a service
  (see :func:`split`); otherwise the message stays one question.

Everything here runs only for a message with a break in it (punctuation or
a space between words) that already reads as a service question: a message
without a break costs one regular-expression search.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from knowledge import intents
from knowledge.normalize import content_chunks, fold, normalize
from knowledge.reading import Intent

if TYPE_CHECKING:
    from knowledge.understanding import Understanding

# Where one sentence or clause ends: sentence and clause punctuation, an ellipsis or a tilde,
# a line break, and spaces (many residents type a space where a comma would go), but not the
# spaces between the words of English or pinyin.
BREAK = re.compile(r"\s*[。？！?!；;，,、…~～\n]+\s*|(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])")
_ENDS = " \t\r\n　。？！?!；;，,、…~～"
_QUESTION_MARK = re.compile(r"[？?]")

# Words that join a second question to the first (还有…, 另外…, 顺便问一下…): not part of what is asked.
CONNECTOR = re.compile(
    r"^(还有就是|还有|还想问问?|另外|另|再问问?|再请问|再就是|顺便问问?|顺便|对了|那么|那个|那|以及|并且|和|跟|还)(一下|下)?"
)
# Particles that may trail a bare name: 高龄津贴呢 is asking, and so is 还有低保吧.
_TRAILING = re.compile(r"(呢|吧|啊|呀|哈|嘛)+$")

# A piece that asks something: a question word or particle, or the words of asking for a service.
ASKS = re.compile(
    r"吗|么|呢|嘛|[不没]$|怎|咋|啥|什么|哪|多少|几[天点个时号岁月年]|如何|能否|是否|可不可以|能不能|可以.{0,8}[吗么不]"
    r"|有没有|要不要|需不需要|问|咨询|了解|打听|办理|申请|想办|要办|去办|能办|多久|多长时间"
)

MAX_ASKING = 5  # pieces that ask: more than this is a narrative or a list, read whole
MAX_QUESTIONS = 4  # questions answered from one message (低保？高龄津贴？居住证？残疾证？ all four)


@dataclass(frozen=True)
class Asked:
    """One of several questions in a message: the resident's words and how they were read."""

    words: str
    reading: Understanding


@dataclass(frozen=True)
class _Piece:
    words: str  # folded, without the break and a leading connector
    asks: bool
    subject: bool  # has a word that may name a service (two characters or more beyond the scaffolding)
    joined: bool = False  # a joining word led it (还有…, 和老年证…)


# Said in one breath (by voice, or typed without punctuation): 低保怎么申请还有高龄津贴怎么领. Where a
# question phrase ends with more words after it, or a joining word follows words, a break is read.
# What comes of it is checked as any other cut: two services standing on their own, or no split.
_ENDS_A_QUESTION = re.compile(
    r"(怎么|咋|如何)(申请|办理|办|领取|领|弄|交|报名)|在哪(里|儿)?(办|领|交)|要带(什么|啥)(材料|东西)?|(需要|要)(什么|啥)(材料|条件)|多少钱"
)
_JOINS = re.compile(r"还有就是|还有|另外|我还想问|还想问|顺便问")
_HAN = re.compile(r"[\u4e00-\u9fff]")


# 低保和老年证怎么办, 居住证跟老年卡在哪办: two services joined by 和/跟/与 share one question. Cut there
# only when the words before the join end with a service's name: 我和老伴, 跟社区说 join no services.
_AND = re.compile(r"[和跟与]")
_LONGEST_NAME = 8  # characters looked back for a name before 和


def soft_breaks(text: str, names: Collection[str] = ()) -> str:
    """``text`` with a comma where a question said in one breath ends, or "" when there is none.

    Only for text with no break of its own (see :func:`has_break`); the
    cost for most messages is three regular-expression searches.
    """
    cuts = {m.end() for m in _ENDS_A_QUESTION.finditer(text) if m.end() < len(text) and _HAN.match(text, m.end())}
    cuts |= {m.start() for m in _JOINS.finditer(text) if m.start() > 0 and _HAN.match(text, m.start() - 1)}
    cuts |= names_joined(text, names)
    return _with_commas(text, cuts) if cuts else ""


def names_joined(text: str, names: Collection[str]) -> set[int]:
    """Where 和/跟/与 joins a service's name to what follows (低保|和老年证怎么办): the places to cut."""
    if not names:
        return set()
    return {
        m.start()
        for m in _AND.finditer(text)
        if 0 < m.start() < len(text) - 1
        and any(text[m.start() - n : m.start()].lower() in names for n in range(2, min(_LONGEST_NAME, m.start()) + 1))
    }


def split_joined_names(text: str, names: Collection[str]) -> str:
    """``text`` with a comma where two services' names are joined by 和/跟 (低保，和老年证怎么办); else ``text``."""
    cuts = names_joined(text, names)
    return _with_commas(text, cuts) if cuts else text


def _with_commas(text: str, cuts: set[int]) -> str:
    return "".join(f"，{char}" if index in cuts else char for index, char in enumerate(text))


def has_break(text: str) -> bool:
    """Whether ``text`` has a break inside it (one at either end does not count); the only cost for most messages."""
    return BREAK.search(text.strip(_ENDS)) is not None


def pieces(text: str, names: Collection[str]) -> list[_Piece]:
    """The non-empty pieces of ``text`` between breaks, each marked as asking or not.

    ``names`` are the services' names, aliases and keywords, normalised: a
    piece that is only one of them (还有低保, 高龄津贴呢) asks about it.
    """
    folded = fold(text)
    cut = BREAK.split(folded)
    seps = BREAK.findall(folded)
    found: list[_Piece] = []
    for index, raw in enumerate(cut):
        words = CONNECTOR.sub("", raw.strip())
        norm = normalize(words, folded=True)
        if not norm:
            continue
        questioned = index < len(seps) and _QUESTION_MARK.search(seps[index]) is not None
        bare = _TRAILING.sub("", norm) in names
        subject = bare or any(len(chunk) >= 2 for chunk in content_chunks(norm))
        asks = questioned or bare or ASKS.search(norm) is not None or intents.booking(norm)  # 我想预约办居住证 asks too
        found.append(_Piece(words, asks, subject, words != raw.strip()))
    return found


def split(
    text: str,
    read: Callable[[str], Understanding],
    names: Collection[str],
    stands: Callable[[Understanding], bool],
    follows: Callable[[Understanding, str], bool],
    *,
    named_unless_joined: bool = False,
) -> list[Asked]:
    """The separate questions in ``text``, in the order asked; [] when it is one question.

    ``read`` reads words as one question; ``stands`` says whether a reading
    is about a service firmly enough to be a question of its own (the
    Understander's bar); ``follows`` whether words that name no service
    ask about what the question before is about (its materials).
    ``named_unless_joined`` (the message was said in one breath, cut where a
    question seemed to end): a service question after the first stands only
    if it names its service or a joining word (还有, 和) leads it. 医保那个今年
    是多少钱一个人我们家五口人都要交的话去哪里交啊可以在手机上交吗 was cut after
    多少钱 and its rest, naming nothing, answered as 养老保险's place. Two to
    :data:`MAX_QUESTIONS` questions about different services come back; the
    caller decides what to do with an unsure one.
    """
    found = pieces(text, names)
    asking = [i for i, piece in enumerate(found) if piece.asks]
    if not 2 <= len(asking) <= MAX_ASKING:
        return []
    readings = _read_asking(found, asking, read, stands)
    own = [i for i, reading in readings.items() if stands(reading) and not (named_unless_joined and _unnamed_after(found, i, reading))]
    if len(own) < 2 or len({_subject(readings[i]) for i in own}) < 2:
        return []
    questions: list[Asked] = []
    for group, first in zip(_groups(found, own), own, strict=True):
        asked = _read_group(found, group, readings[first], read)
        if questions and not readings[first].named and follows(questions[-1].reading, found[first].words):
            # 需要带老人身份证还是户口本 after 高龄津贴: what that allowance needs, not 打印复印
            questions[-1] = Asked(f"{questions[-1].words}，{asked.words}", questions[-1].reading)
        elif all(_subject(q.reading) != _subject(asked.reading) for q in questions):
            questions.append(asked)
    if not 2 <= len(questions) <= MAX_QUESTIONS:
        return []
    return _part_shared(questions)


def _unnamed_after(found: list[_Piece], i: int, reading: Understanding) -> bool:
    """Whether a piece after the first, not led by a joining word, is a service question that names no service."""
    return i > 0 and not found[i].joined and reading.intent is Intent.service and not reading.named


# Words that ask something of their own: a name said bare (低保 of 低保和老年证要带什么材料) asks nothing.
_ASKS_OWN = re.compile(r"[?？吗么呢]|怎么|咋|啥|什么|哪|几|多少|能不能|可不可以|如何")


def _part_shared(questions: list[Asked]) -> list[Asked]:
    """低保和老年证要带什么材料: the part the last question asks (the materials) is asked of the names said bare before it.

    Read alone, 低保 asked for nothing and got its overview while 老年证 got
    its materials; the resident asked the materials of both.
    """
    part = questions[-1].reading.part
    if part is None:
        return questions
    return [
        Asked(q.words, replace(q.reading, part=part))
        if q.reading.part is None and q.reading.service_id and not _ASKS_OWN.search(q.words)
        else q
        for q in questions
    ]


def _subject(reading: Understanding) -> str:
    """What a question is about: its service, the other office's matter, or the centre itself."""
    return reading.service_id or reading.elsewhere or reading.intent.value


def _read_asking(
    found: list[_Piece], asking: list[int], read: Callable[[str], Understanding], stands: Callable[[Understanding], bool]
) -> dict[int, Understanding]:
    """The readings of the pieces that ask, read only while two of them may still stand on their own.

    A piece with no word of two characters beyond the scaffolding (要带什么,
    在哪办, 咋弄) cannot name a service: it is not read at all. Reading is
    what costs, and most messages with a comma in them are one question.
    The last pieces are read first: a follow-up (一年交多少, 能批下来不)
    comes after the question it follows, and once it fails to stand in a
    two-piece message the first need not be read.
    """
    subjects = [i for i in reversed(asking) if found[i].subject]
    readings: dict[int, Understanding] = {}
    standing = 0
    for done, i in enumerate(subjects):
        if standing + len(subjects) - done < 2:
            break
        readings[i] = reading = read(found[i].words)
        standing += stands(reading)
    return dict(sorted(readings.items()))


def _groups(found: list[_Piece], own: list[int]) -> list[list[int]]:
    """The pieces of each question: its own, the statements just before it, the follow-ups just after.

    我八十多了 before 能领什么补贴 says who asks; 在哪办 after 居住证要带啥 asks
    more about the same service. Pieces before the first question and after
    the last go with those.
    """
    groups: list[list[int]] = [[i] for i in own]
    owner = 0
    for i, piece in enumerate(found):
        if i in own:
            owner = own.index(i)
            continue
        if i < own[0]:
            groups[0].append(i)
        elif piece.asks or i > own[-1]:  # a follow-up (在哪办), or what trails the last question
            groups[owner].append(i)
        else:  # a statement between two questions: context for the next one
            groups[owner + 1].append(i)
    return [sorted(group) for group in groups]


def _read_group(
    found: list[_Piece],
    group: list[int],
    alone: Understanding,
    read: Callable[[str], Understanding],
) -> Asked:
    """One question with its context, read together (我八十多了，能领什么补贴 is about 高龄津贴).

    ``alone`` is the reading of the question's own words: it decides unless
    the words read together are answered for sure, and about the service
    the question's own words name, if they name one.
    """
    words = "，".join(found[i].words for i in group)
    if len(group) == 1:
        return Asked(words, alone)
    together = read(words)
    if together.decision != "answer" or (alone.named and together.service_id != alone.service_id):
        return Asked(words, alone)
    return Asked(words, together)
