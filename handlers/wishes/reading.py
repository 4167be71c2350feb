"""What a wish said in one message holds: the wish itself, and the reason when it came with it.

我想许个愿 希望有人帮我把旧衣服捐了 我腿不好拿不动 was kept whole as the
wish (the volunteers read 我想许个愿 in it), and the resident was then asked
why, though they had just said. The words asking to make a wish are left
out, and the clauses that give the reason (因为…, 腿脚不好, 一个人住, 拿不动)
become the reason, so the next question is by when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.normalize import normalize, pinyin

# 我想许个愿, 想提个微心愿: wanting to make a wish, with nothing said yet about what it is
ONLY_ASKS_TO_WISH = re.compile(
    r"(?:我|俺)?(?:也)?(?:想|要|想要)?(?:许|提|有|说|报)?(?:个|一个|下)?(?:微)?(?:心愿|愿望|愿)(?:吧|啊|呀)?"
    # I want to make a micro-wish, as normalised (no spaces): the English menu's words, nothing said yet
    r"|(?:i)?(?:want|wouldlike|d?liketo|wanna)?(?:to)?(?:make|have|submit)(?:a|my)?(?:micro)?wish(?:please)?"
)
_CLAUSE = re.compile(r"[，,。；;！!？?、：:\s]+")
# In English the words are spaced: clauses end at punctuation only, and "because …" gives the reason.
_CLAUSE_EN = re.compile(r"\s*[,.;!?:]+\s*|\s+(?=because\b)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_BECAUSE = ("因为", "由于", "因")
# Why someone needs a hand, as residents say it; a clause holding one of these is the reason.
_REASON_WORDS = re.compile(
    "腿不好|腿脚不好|腿脚不便|腿脚不方便|行动不便|行动不方便|拿不动|搬不动|提不动|走不动|下不了楼|下不去楼|"
    "一个人住|独居|一个人在家|孩子不在身边|儿女不在身边|子女不在身边|子女在外地|孩子在外地|"
    "年纪大|岁数大|年龄大|身体不好|眼睛不好|看不清|耳朵背|听不见|不会用|在住院|刚出院|生病了|瘫痪|残疾|没人帮"
)


@dataclass(frozen=True)
class SaidWish:
    what: str
    why: str = ""


def read_wish(said: str) -> SaidWish:
    """The wish and its reason in `said`; the reason "" when none was given, the wish "" when only asked to make one."""
    english = _CJK.search(said) is None
    clauses = [clause for clause in (_CLAUSE_EN if english else _CLAUSE).split(said.strip()) if clause]
    comma = ", " if english else "，"
    if clauses and ONLY_ASKS_TO_WISH.fullmatch(normalize(clauses[0])):
        clauses = clauses[1:]  # 我想许个愿 before the wish
    reasons = [clause for clause in clauses if _is_reason(clause)]
    wanted = [clause for clause in clauses if not _is_reason(clause)]
    if not wanted:  # all reason, or nothing left: the words as said are the wish (asked for shorter if need be)
        return SaidWish(comma.join(clauses))
    return SaidWish(comma.join(wanted), comma.join(reasons))


def _is_reason(clause: str) -> bool:
    return clause.startswith(_BECAUSE) or clause.lower().startswith("because ") or _REASON_WORDS.search(clause) is not None


# 我的心愿怎么样了, 心愿审核了吗, 我的心愿有人认领了吗, 我许的愿咋样了, 心愿进展: asking after wishes made, not a wish.
# Read as a wish, they became one (心愿：我的心愿怎么样了) that staff reviewed and volunteers were offered.
_HOW_IT_GOES = re.compile(
    r"(?:心愿|愿望|许的愿|提的愿)\S{0,6}?(?:"
    r"怎么样|咋样|如何了|怎样了|审核(?:了|过)?(?:吗|没|没有|了没)|通过(?:了|审核)?(?:吗|没|没有|了没)|"
    r"(?:有人)?认领(?:了)?(?:吗|没|没有|了没)|有人(?:管|理|接|来)?(?:了)?(?:吗|没|没有)|进展|进度|到哪(?:一)?步|"
    r"有(?:消息|回音|动静)(?:了)?(?:吗|没)?|什么时候(?:能)?(?:实现|审核|通过|有人)|咋还没|怎么还没|还没(?:有)?(?:消息|动静|人)"
    r")"
    # 谁认领的我的心愿, 有人认领我的愿望了吗: the asking first, the wish after
    r"|(?:谁|哪个|哪位|有人|有没有人)(?:志愿者)?(?:认领|接)(?:了|的)?(?:我的|我那个)?(?:心愿|愿望)"
)


def asks_how_wishes_go(text: str) -> bool:
    """Whether the words ask how the person's wishes are getting on (心愿审核了吗), rather than say a wish."""
    return _HOW_IT_GOES.search(normalize(text or "")) is not None


# 心愿强, 新愿墙, 心原墙: 心愿墙 as a pinyin keyboard gives it. Read as a wish (心愿：心愿强) or 答不上来.
_WALL_SOUNDS = ("xin", "yuan", "qiang")
_LOOKING = ("kan", "cha", "da")  # 看 / 查 / 打开 before it: 看看心愿强


def sounds_like_the_wall(text: str) -> bool:
    """Whether the words, short and nothing else, sound like 心愿墙 (but are not: the keyword takes that)."""
    form = normalize(text or "")
    if not 3 <= len(form) <= 7:
        return False
    sounds = pinyin(form)
    while sounds and sounds[0] in _LOOKING + ("kai",):
        sounds = sounds[1:]
    return tuple(sounds) == _WALL_SOUNDS


# 有啥心愿可以认领, 我想认领心愿, 能认领个愿望吗: asking for wishes to claim, not making one of those words.
_WANTS_TO_CLAIM = re.compile(r"(?:想|要|可以|能|来|去|好)认领|认领(?:一|个|哪|什么|啥)|可认领")


def wants_to_claim(text: str) -> bool:
    return _WANTS_TO_CLAIM.search(normalize(text)) is not None
