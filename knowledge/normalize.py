"""Text normalisation shared by the knowledge base index and the questions.

Both sides of a match go through the same steps, so that what a resident
types and what an operator wrote in the YAML meet in one form:

1. Unicode NFKC (full-width letters and digits become half-width, ㈱-style
   compatibility characters are unfolded);
2. traditional → simplified Chinese (OpenCC ``t2s``, created once, lazily);
3. lower case;
4. a code of letters mixed with digits (an invite code GA4HLBD8, an order
   number) goes whole: it is an identifier, and the A4 inside it is not the
   paper size;
5. everything that is not a letter or a digit goes: punctuation, emoji,
   symbols, control characters, whitespace;
6. a character repeated three times or more collapses to one (哈哈哈哈 → 哈),
   and so does a short run repeated three times or more (低保低保低保 → 低保);
7. the result is capped (``MAX_CHARS``): matching looks at the start of a
   message only, so a 10 000-character paste costs as little as a line.

On top of that: pinyin without tones (for homophone typos: 居住正 → 居住证)
and character n-grams.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, wraps
from typing import TypeVar

MAX_CHARS = 200  # characters kept after normalisation
_RAW_CHARS = MAX_CHARS * 8  # characters of raw input looked at, at most

_NOT_WORD = re.compile(r"[\W_]+")
_IDENTIFIER = re.compile(r"(?<![a-z0-9])(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[0-9])[a-z0-9]{5,}(?![a-z0-9])")
_REPEAT = re.compile(r"(.)\1{2,}")
_REPEAT_RUN = re.compile(r"(.{2,6}?)\1{2,}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

_converter = None
_converter_lock = threading.Lock()


def _t2s():
    """The OpenCC traditional→simplified converter, built on first use."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter


_Result = TypeVar("_Result")
_CACHED_CHARS = 300  # a message longer than this is rare and is not kept: a few pasted articles must not fill memory


def _recent(maxsize: int) -> Callable[[Callable[..., _Result]], Callable[..., _Result]]:
    """Keep the results for the most recent short texts (the first argument); longer ones are computed each time."""

    def wrap(function: Callable[..., _Result]) -> Callable[..., _Result]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text, *args, **kwargs):  # type: ignore[no-untyped-def]
            if text is not None and len(text) > _CACHED_CHARS:
                return function(text, *args, **kwargs)
            return cached(text, *args, **kwargs)

        return call

    return wrap



@_recent(maxsize=4096)
def to_simplified(text: str) -> str:
    """Traditional → simplified; text without CJK characters is returned as is.

    Kept for the most recent texts: each reader that may claim a message
    (commands, a task's words, the Party day, the wishes) converts it again.
    """
    if not _CJK.search(text):
        return text
    return _t2s().convert(text)


@_recent(maxsize=2048)
def fold(text: str, limit: int = _RAW_CHARS) -> str:
    """NFKC, simplified, lower case — but punctuation and spaces are kept.

    Useful where word boundaries matter (English small talk). Kept for the
    most recent texts, as :func:`normalize` is: several readers fold the
    same message each turn.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text[:limit])
    return to_simplified(text).lower()


@_recent(maxsize=2048)
def normalize(text: str | None, max_chars: int = MAX_CHARS, *, folded: bool = False) -> str:
    """The compact matching form of ``text`` (see the module docstring).

    Kept for the most recent texts: one message is normalised some ten times
    a turn, by each reader that may claim it (the Party day, the wishes, the
    cases, the understanding), and its conversion to simplified characters is
    the dear part.

    ``folded``: ``text`` already went through :func:`fold` (a piece of a
    folded message, see :mod:`knowledge.several`): steps 1-3 are skipped,
    the traditional→simplified conversion being the dear one.
    """
    if not text:
        return ""
    text = text[: max(max_chars * 8, 64)] if folded else fold(text, limit=max(max_chars * 8, 64))
    text = _IDENTIFIER.sub(" ", text)
    text = _NOT_WORD.sub("", text)
    text = _REPEAT.sub(r"\1", text)
    text = _REPEAT_RUN.sub(r"\1", text)
    return text[:max_chars]


# --- pinyin -----------------------------------------------------------------

_pinyin_cache: dict[str, str] = {}


def _syllable(char: str) -> str:
    """The toneless pinyin of one character (the character itself if it has none)."""
    syl = _pinyin_cache.get(char)
    if syl is None:
        if _CJK.match(char):
            from pypinyin import Style, lazy_pinyin

            syl = lazy_pinyin(char, style=Style.NORMAL, errors="default")[0] or char
        else:
            syl = char
        _pinyin_cache[char] = syl
    return syl


def pinyin(text: str) -> list[str]:
    """One toneless syllable per character of (already normalised) ``text``.

    Characters are read one at a time, each with its most common reading:
    polyphones may come out "wrong", but always the same way on both sides
    of a match, which is what homophone matching needs (低宝 and 低保 both
    read ``di bao``). Letters and digits stand for themselves.
    """
    return [_syllable(c) for c in text]


# --- question scaffolding ---------------------------------------------------

# Words every question is built with — asking, wanting, particles, pronouns,
# the generic verbs of paperwork. They say nothing about *which* service is
# meant, yet an example sentence that happens to share "怎么报名" with a
# question would otherwise look like a match. Matching cuts the text at
# these words (see :func:`content_chunks`). Single characters are limited
# to particles and pronouns: 地 or 得 may be a homophone typo (地保 → 低保).
SCAFFOLDING = (
    "怎么办 怎么样 怎么弄 怎么 怎样 如何 咋办 咋弄 咋整 咋样 咋 啥样 啥东西 什么东西 哪些东西 啥 什么样 什么 "
    "哪里 哪儿 在哪 哪个 哪些 哪 "
    "多少钱 多少 多久 多长时间 几天 能不能 能否 可不可以 可以 是不是 有没有 需不需要 需要 要不要 "
    "请问 问一下 问问 想问 一下 我想 我要 俺想 俺要 我们 俺们 咱们 你们 他们 "
    "办理 申请 手续 材料 条件 流程 带 社区 窗口 现在 今年 已经 一个 "
    "吗 呢 吧 啊 呀 嘛 哦 了 的 么 我 俺 你 您 他 她"
).split()
_SCAFFOLDING = re.compile("|".join(sorted(map(re.escape, SCAFFOLDING), key=len, reverse=True)))


def content_chunks(text: str) -> list[str]:
    """``text`` (normalised) cut at scaffolding words; the non-empty pieces in order."""
    return [chunk for chunk in _SCAFFOLDING.split(text) if chunk]


# --- n-grams ----------------------------------------------------------------


def char_ngrams(text: str, sizes: Iterable[int] = (1, 2, 3)) -> list[str]:
    """Character n-grams of ``text`` for each size in ``sizes``, in order."""
    grams: list[str] = []
    n = len(text)
    for size in sizes:
        grams.extend(text[i : i + size] for i in range(n - size + 1))
    return grams


def syllable_ngrams(syllables: Sequence[str], sizes: Iterable[int] = (2, 3)) -> list[str]:
    """N-grams of pinyin syllables, each joined with a space (``"di bao"``)."""
    grams: list[str] = []
    n = len(syllables)
    for size in sizes:
        grams.extend(" ".join(syllables[i : i + size]) for i in range(n - size + 1))
    return grams
