"""Words typed in a form that are not its answer but another matter: 低保怎么办, 我要预约办居住证, a bare 4.

Every form (a complaint, a wish, the profile) asks for words; a resident
in the middle of one may ask something else, or type a number left over
from a list gone by. These say so, so the form can step aside (kept as a
draft) or ask again, instead of storing the words as its answer.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.numerals import arabic
from bot.core.validation import keyword_form
from knowledge import intents
from knowledge.normalize import normalize
from knowledge.understanding import Intent


# What makes words a question rather than an answer: 养老院 or 健身器材那 typed for "where" name
# a service too, but ask nothing. 好几次, 十几天 count and ask nothing either (灯还是不亮，修了好几次了 got 便民维修).
_ASKS = re.compile(r"[?？吗么嘛]|怎么|咋|如何|哪|什么|啥|多少|(?<![好十])几|能不能|可不可以|要不要")

# ... or a request: 我要预约办居住证, 想办个老年证, 帮我约一下, 预约体检, 我想约明天上午办居住证.
_ASKS_FOR = re.compile(
    r"^(?:我|俺|咱)?们?(?:想|要|想要|需要|得|打算|准备)?(?:预约|约一?下|约(?:个|一个)?(?:时间|号)|申请|办理?|咨询|问问?|了解|报名"
    r"|约(?=今天|明天|后天|大后天|这周|下周|周|星期|礼拜|上午|下午|早上|[0-9一二三四五六七八九十]+[月号日点]))"
    r"|^(?:请|麻烦)?(?:帮|给|替)(?:我|俺)(?:预约|约|办|申请|问|查)"
)
# 4, 201, 3号, 2个: a number alone answers no question of the form that asks for words (内容：4 was filed).
_BARE_NUMBER = re.compile(r"[0-9]{1,6}(?:号|个)?")


def bare_number(text: str) -> bool:
    """Whether the words are a number alone (4, 201, 3号, 四): never what happened, nor a wish."""
    return _BARE_NUMBER.fullmatch(arabic(keyword_form(text)).rstrip("。.!！")) is not None


# What is plainly not about a problem in the neighbourhood, when the understanding is confident.
_ELSEWHERE = (Intent.booking, Intent.party_day, Intent.human, Intent.forget, Intent.profile)


def another_matter(ctx: Context) -> bool:
    """Whether words typed in the form plainly ask about or for something else (低保怎么办, 我要预约办居住证), not this problem."""
    norm = normalize(ctx.text)
    asks = _ASKS.search(norm) is not None or intents.asked_part(norm) is not None
    # 我想许个愿 想要个老花镜: asking to make a wish is a request too (it was taken as the place)
    asks_for = _ASKS_FOR.search(norm) is not None or "预约" in norm or intents.wish(norm) is intents.Strength.strong
    if not (asks or asks_for):
        return False
    understood = ctx.app.understander.understand(ctx.text)
    if understood.intent in (Intent.complaint, Intent.unknown):
        return False
    if understood.intent is Intent.wish:
        return intents.wish(norm) is intents.Strength.strong  # 许个心愿; not 希望有人来修一下
    if understood.intent in _ELSEWHERE:
        return True
    return understood.intent != Intent.service or understood.decision == "answer"
