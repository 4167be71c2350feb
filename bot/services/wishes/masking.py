"""Contacts a resident writes into a wish in ways the shared redaction does not catch.

`redact` (bot.services.cases.privacy) takes out phone numbers written in
digits and door numbers. A wish is pushed to every volunteer before anyone
claims it, and residents also write a phone in Chinese numerals
(一三九零零零零三三三三) or leave a WeChat or QQ handle (微信wjg1950):
those are masked here first. The claimer gets the contact details from the
proper fields.
"""

from __future__ import annotations

import re

from bot.services.cases.privacy import HIDDEN

_DIGIT = r"[0-9０-９零〇○一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖]"
# seven or more digits in a row, however written and spaced: a phone, whatever else it might be
_SPOKEN_NUMBER = re.compile(rf"{_DIGIT}(?:[\s\-－]?{_DIGIT}){{6,}}")
# 微信wjg1950, VX: abc_123, QQ号 12345678, 加我微信是 wang-1950
_HANDLE = re.compile(
    r"(微信|威信|薇信|vx|wx|v信|weixin|wechat|qq|扣扣)(?:号码|号|名)?(?:是|为|:|：|\s)*[a-z0-9_\-]{4,}",
    re.IGNORECASE,
)


def mask_contacts(text: str) -> str:
    """`text` with spoken-numeral phones and chat handles masked; the word 微信 stays, so the sense does."""
    text = _HANDLE.sub(lambda m: m.group(1) + HIDDEN, text)
    return _SPOKEN_NUMBER.sub(HIDDEN, text)
