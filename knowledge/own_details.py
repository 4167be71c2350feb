"""The resident's own details asked about in words: erase them, change them, or a move that changes the address.

Read from the normalised text (see :mod:`knowledge.normalize`), like the
other cues of :mod:`knowledge.intents`, which re-exports these; the order
in which they win is decided in :mod:`knowledge.understanding`.
"""

from __future__ import annotations

import re


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


# The resident's own details: erase them (把俺的信息都删了吧, 别存我的电话了) or change them
# (改一下电话, 俺电话换了). Only short messages: a longer one asks about something else.
_DETAILS = r"(资料|信息|电话|手机|号码|住址|地址|名字|姓名|记录)"
FORGET = _rx(
    rf"(删|清除|清空|注销|抹掉|抹去).{{0,6}}{_DETAILS}", rf"{_DETAILS}.{{0,4}}(删|清除|清空|注销|抹掉)",
    r"(别|不要|不用|不想让你们?)再?(存|保存|留|记)着?(我|俺)",
)
# What is changed, and the profile field it is (None: all of them)
CHANGED_DETAIL = {"电话": "phone", "手机": "phone", "号码": "phone", "住址": "address", "地址": "address",
                  "名字": "name", "姓名": "name", "资料": None, "信息": None}
_CHANGED = "|".join(CHANGED_DETAIL)
CHANGE_DETAILS = _rx(
    rf"^(我|俺)?(想|要)?(改|修改|更改|更新|换)(一下|下|个)?(我|俺)?的?(个人)?({_CHANGED})",
    rf"^(我|俺)(的|家)?(新)?({_CHANGED})(号码|号)?(换|改|变)了",
    # 我的电话改成139…, 手机号换成139…: the new one said with it (a phone is kept, see handlers.profile)
    # 把电话改成139…, 帮我把手机号换成…, 麻烦把地址改为…: asked of the bot
    rf"^(请|麻烦)?(你|您)?(帮|给)?(我|俺)?(把)?(我|俺)?(的|家)?({_CHANGED})(号码|号)?(要)?(换|改|变|更新)(成|为)",
    # 我的新号码是139…, 新手机号139…, 新地址是…: the new one given, as people give it after getting it
    rf"^(我|俺)?(的|家)?(换了?个?)?新(的)?({_CHANGED})(号码|号)?(是|为|:|：)?(?=[\d一二三四五六七八九零〇幺])",
    # 电话改一下, 手机号变了, 地址要改: the detail first, no 我 before it
    rf"^({_CHANGED})(号码|号)?(要|得|想)?(换|改|变|更新)(了|一下|下)?(?=$|[\d一二三四五六七八九零〇幺])",
)
OWN_DETAILS_MAX_CHARS = 20
# 我搬家了, 我们家搬了, 俺家搬到建设路了: the address changed, said as a move (搬家 alone names 家政's removals:
# 想找个搬家公司 stays a service). The whole short message only.
MOVED_HOUSE = re.compile(
    r"^(我|俺|咱)(们)?(家)?(已经|刚|刚刚|前几天|上个月)?(搬家|搬走|搬新家|搬)(了|啦)(呀|啊|哈)?$"
    r"|^(我|俺|咱)(们)?(家)?(已经|刚|刚刚)?搬(到|去)(了)?(?P<to>.{1,24})(了|啦|住)$"
)
# Where to, when it is longer than a street's name: an address (文峰北苑5号楼1单元302), not a sentence
# (我搬到新家以后燃气一直没开通了 is a complaint).
_AN_ADDRESS = re.compile(r"\d|号楼|栋|单元|小区|家属院|花园")
MOVED_MAX_CHARS = 32


def moved_house(text: str) -> bool:
    """Saying one has moved house (我搬家了): a change of address for the profile, not 家政's removals."""
    if len(text) > MOVED_MAX_CHARS or "搬" not in text:
        return False
    said = MOVED_HOUSE.search(text)
    if said is None:
        return False
    to = said.group("to")
    return len(text) <= OWN_DETAILS_MAX_CHARS if to is None or len(to) <= 10 else _AN_ADDRESS.search(to) is not None


def forget(text: str) -> bool:
    """Asking to erase the details the bot keeps (the /forget command in words)."""
    return len(text) <= OWN_DETAILS_MAX_CHARS and FORGET.search(text) is not None


# Why the detail changed, said after the asking: 因为原来那个手机丢了, 以前的号不用了.
_WHY_CHANGED = re.compile(r"(?:了|吧|啊)?(?:因为|原来|之前|以前|那个|旧的|老的|现在)")
# A change made at an office, not here: 改名字需要带什么材料, 改地址要去派出所吗.
_PAPERWORK = re.compile(r"材料|手续|派出所|户口|身份证|证件|流程|怎么办理?|去哪|在哪")


def changed_detail(text: str) -> str | None:
    """Asking to change one's details: "" for all of them, else the field (phone, address, name); None if not."""
    if moved_house(text):
        return "address"
    if len(text) > MOVED_MAX_CHARS:
        return None
    match = CHANGE_DETAILS.search(text)
    if match is None:
        return None
    after = text[match.end():].removeprefix("号码").removeprefix("号")
    if len(text) > OWN_DETAILS_MAX_CHARS and not re.search(r"\d", after) and not _WHY_CHANGED.match(after):
        return None  # longer only with the new one (把地址改成…302室) or why (…因为原来那个手机丢了) after it
    if _PAPERWORK.search(after):
        return None  # 改名字需要带什么材料: changing one's legal name, a matter for the police station
    word = next(group for group in reversed(match.groups()) if group in CHANGED_DETAIL)
    return CHANGED_DETAIL[word] or ""
