"""Asking for a home visit and nothing else: 我腿脚不好能不能上门给办, 你们能到家里来办吗.

Such a message names no matter: it asks that staff come to the home (预约上门),
and why (腿脚不好, 出不了门). Ranked against the services, its words met an
example of the elderly allowance that mentions legs, and it was read as that
allowance, unsure, while the chat listed the matters staff do at home. It is
read as asking to book a home visit, as 预约上门 is; the booking handler lists
those matters.

Only what is left once the visit, who, why and the asking are taken out
counts: 残疾证可以上门办吗 names its matter, 油烟机太脏了谁能上门清洗 and
政府能不能派人上门照顾 say what is to be done at home (家政, 居家养老), and
已上门 or 确认上门 are a grid manager's words about a visit, not a request.
"""

from __future__ import annotations

import re

from knowledge.intents import HOME_VISIT

# Who needs the visit: 我, 俺妈, 家里老人, 我家老伴.
_WHO = re.compile(
    r"(我|俺|咱|你们|社区|工作人员|网格员|同志)?(们)?(家)?(的|里)?"
    r"(老人家?|老妈|老爸|妈妈?|爸爸?|母亲|父亲|老伴儿?|老头子?|老太太?|爷爷|奶奶|姥姥|姥爷|婆婆|公公|娘|爹|她|他)?"
)
# Why they cannot come: 腿脚不好, 行动不便, 出不了门, 去不了, 瘫在床上, 年纪大了.
_WHY = re.compile(
    r"腿脚?(不好|不方便|不灵便|不利索|不行)|行动不便|身体不好|不方便(出门|来|去|下楼)?|走不了路?|走不动|出不了门|下不了楼"
    r"|(去|来)不了(社区|中心)?|瘫(痪|在床上|床上)?了?|卧床(不起)?|起不来|年纪大了|岁数大了|有病|残疾了?"
)
# The asking around the visit: 能不能…给办, 可以…来办吗, 派个人…帮我弄一下.
_ASKING = re.compile(
    r"能不能|可不可以|能否|能|可以|会|请|麻烦|派(个)?人|安排(个)?人|给|帮|替|办理?|弄|来|去|一下|下|吗|么|嘛|不|没|呢|啊|呀|吧|了"
)
_ASKS = re.compile(r"能|可以|可不可以|吗|么|嘛|不$|请|麻烦|派|安排|给办|来办|帮")


def asks_visit_only(norm: str) -> bool:
    """Whether a normalised message asks for a home visit and names nothing it is for (腿脚不好能不能上门办)."""
    if HOME_VISIT.search(norm) is None or _ASKS.search(norm) is None:
        return False
    rest = HOME_VISIT.sub("", norm)
    for pattern in (_WHY, _WHO, _ASKING):
        rest = pattern.sub("", rest)
    return rest == ""
