"""Questions asking how two services differ: 低保和低收入家庭有什么区别.

Read as two questions, such a message got both services' full overviews,
one after the other, and the resident was left to find the difference in
twenty lines. What they asked for is the two side by side: what each is and
who qualifies. This module finds the two things compared; the
understanding reads each (knowledge/understanding.py) and the guide sets
them side by side (handlers/guide.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from knowledge.normalize import normalize

Reading = TypeVar("Reading")

# Asking the difference, or which to choose: 有什么区别, 有啥不一样, 哪个好, 是一回事吗.
DIFFERENCE = re.compile(
    r"区别|差别|差异|不同|不一样|一样吗|一样不|两样|一回事|哪个(好|更好|划算|合适|适合)|选哪个|办哪个|申请哪个"
)
# What is said between the two and the asking: 低保和低收入家庭(到底有什么)区别.
_BEFORE_ASKING = re.compile(r"(之间|到底|究竟|都|的|有|是|什么|啥|哪些|些|个|这两个|两个|两者|俩)+$")
# Words joining the two: 低保和低收入家庭, 低保跟特困, 高龄津贴与居家养老补贴. Not 同 (合同).
_JOINED = re.compile(r"和|跟|与|还是|以及|或者|或|比")


def compared(text: str) -> tuple[str, str] | None:
    """The words of the two things a question asks the difference between, in order; else None.

    Only a message that asks a difference and names exactly two things
    before it: 低保和低收入家庭有什么区别 → (低保, 低收入家庭). Whether each
    is a service is for the caller to read.
    """
    norm = normalize(text)
    asking = DIFFERENCE.search(norm)
    if asking is None:
        return None
    before = _BEFORE_ASKING.sub("", norm[: asking.start()])
    pieces = [piece for piece in _JOINED.split(before) if piece]
    if len(pieces) != 2:
        return None
    return pieces[0], pieces[1]


def side_by_side(
    text: str, read: Callable[[str], Reading], service_of: Callable[[Reading], str | None]
) -> tuple[Reading, tuple[str, str]] | None:
    """The first thing's reading and both services' ids, when a question asks how two services differ; else None.

    `read` reads words as one question; `service_of` is the service a
    reading names for sure, if any. Two readings of one service (低保和低保)
    compare nothing.
    """
    words = compared(text)
    if words is None:
        return None
    first, second = read(words[0]), read(words[1])
    ids = service_of(first), service_of(second)
    if ids[0] is None or ids[1] is None or ids[0] == ids[1]:
        return None
    return first, (ids[0], ids[1])
