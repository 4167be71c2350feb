"""What every cue module of :mod:`knowledge.intents` builds on.

A cue's strength says whether it wins over a service match; a pattern is a set
of alternative parts; some cues count only in a short message, since a longer
one says something else too.
"""

from __future__ import annotations

import re
from enum import IntEnum


class Strength(IntEnum):
    none = 0
    weak = 1  # loses to a confident service match
    strong = 2  # wins over a service match


def rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


def briefly(text: str, pattern: re.Pattern[str], limit: int) -> bool:
    """A cue that counts only in a short message: a longer one says something else too."""
    return len(text) <= limit and pattern.search(text) is not None


# Particles that may end a message asked whole: 明天的预约呢, 本月统计啊.
TAIL = r"(啊|呀|呢|哈)*$"
