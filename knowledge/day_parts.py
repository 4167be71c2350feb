"""A part of the day said (下午, 上午, 中午, 晚上) says when, not what: it names no service.

大约下午到 — someone saying when they will come — was answered with the
activity room: 下午到 sounds like 舞蹈 (xia *wu dao*), one of its keywords,
and a homophone counts as naming the service. The part of the day is taken
out of the words the services are ranked on, so that a time never makes or
joins a homophone. The time itself is still read from the message by the
booking dialog (bot/core/when.py); a service named beside it (下午能约活动室吗,
下午想去看看报纸) is still named.
"""

from __future__ import annotations

import re

# 上午, 下午, 中午, 早上, 晚上, 傍晚 and the Henan 前晌/后晌 (the same words bot/core/when.py reads as a part of the day)
PART_OF_DAY = re.compile(r"上午|下午|中午|早上|早晨|晚上|傍晚|前晌|后晌|午后|过午")


def without_parts_of_day(text: str) -> str:
    """A normalised text without the parts of the day said in it."""
    return PART_OF_DAY.sub("", text) if ("午" in text or "晚" in text or "早" in text or "晌" in text) else text
