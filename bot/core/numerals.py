"""Chinese numerals as digits: what voice input and elderly typists write.

Speech recognition writes 十二月一日, 九点半, 北苑二号楼 and phone numbers
read out digit by digit (一三九…, with 幺 for one), where the bot expects
12月1日, 9点半, 北苑2号楼 and 139…
"""

from __future__ import annotations

import re

_DIGITS = {"零": "0", "〇": "0", "幺": "1", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
           "六": "6", "七": "7", "八": "8", "九": "9"}
_NUMERAL = re.compile(r"[零〇幺一二两三四五六七八九十]+")


def arabic(text: str) -> str:
    """Every run of Chinese numerals as digits: 十二 → 12, 二十一 → 21, 一三九 → 139, 零三七四 → 0374.

    A run with 十 is read as a number up to 99; a run without it digit by
    digit (years, phone numbers, house numbers), keeping leading zeros.
    Hundreds are not read: 一百二十 becomes 1百20 (no date, time, phone or
    house number needs them).
    """
    return _NUMERAL.sub(lambda m: _digits(m.group()) or m.group(), text)


def _digits(numeral: str) -> str | None:
    if "十" not in numeral:
        return "".join(_DIGITS[ch] for ch in numeral)
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones or tens in ("零", "〇") or ones in ("零", "〇"):
        return None
    return str(int(_DIGITS[tens] if tens else "1") * 10 + int(_DIGITS[ones] if ones else "0"))
