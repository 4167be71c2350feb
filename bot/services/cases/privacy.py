"""What a case shows to someone who is neither its reporter nor handling it.

A neighbour who follows a case (or is offered it as a similar one) needs to
know what the problem is, where roughly, and how it goes: not the
reporter's door, name or phone. So the place is cut to the building (or
the shared place typed), and free text loses unit and door numbers, phone
numbers (in digits or in words), chat handles (微信wjg1950) and the
reporter's own name, phone and door. Free text is words,
not fields: this removes what such text usually holds, and the reporter's
own additions (补充信息) are not shown to others at all.
"""

from __future__ import annotations

import re

from sqlmodel import select

from bot.db.uow import UnitOfWork
from bot.models import Building, Case, Person

HIDDEN = "**"

_NUM = r"(?:\d+|[一二三四五六七八九十]+)"
_PATTERNS = (
    # phone numbers: mobiles, landlines with an area code, any other long run of digits
    re.compile(r"(?<!\d)(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8}|\d{7,})(?!\d)"),
    # 3单元502, 3单元502室, 二单元
    re.compile(rf"{_NUM}\s*单元\s*(?:\d{{1,4}}\s*(?:室|号房|房间|房|号|户)?)?"),
    # 2-502, 3-2-502 (not a date such as 3-15)
    re.compile(r"(?<!\d)\d{1,3}(?:\s*-\s*\d{1,3})?\s*-\s*\d{3,4}(?!\d)"),
    # 502室, 502号房, 1201户
    re.compile(r"(?<!\d)\d{3,4}\s*(?:室|号房|房间|房|户)"),
    # 北苑2号楼502: a door number straight after the building
    re.compile(r"(?:(?<=号楼)|(?<=栋)|(?<=座))\s*\d{3,4}(?!\d)"),
    # 301，楼道灯坏了; 我家301的水管; 住在1201: a door number alone, at the start or after 在/住/家/是/我
    # (not 100多个, 300米, 2026年, 120来了: a count, a length, a year, a number called)
    re.compile(
        r"(?:^|(?<=[\s，,。；;、：:（(在住家是我俺]))[1-9]\d{2,3}"
        r"(?![\d年元块米天个次号栋座层路公里斤分毫点多余来平岁辆只条张根盏台名位%:：.\-/])"
    ),
)
_DIGIT = r"[0-9０-９零〇○一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖]"
# Seven or more digits in a row, however written and spaced (一三九零零零零三三三三, as voice input
# writes a phone): a phone, whatever else it might be.
_SPOKEN_NUMBER = re.compile(rf"{_DIGIT}(?:[\s\-－]?{_DIGIT}){{6,}}")
# 微信wjg1950, VX: abc_123, QQ号 12345678, 加我微信是 wang-1950: the word stays, so the sense does.
_HANDLE = re.compile(
    r"(微信|威信|薇信|vx|wx|v信|weixin|wechat|qq|扣扣)(?:号码|号|名)?(?:是|为|:|：|\s)*[a-z0-9_\-]{4,}",
    re.IGNORECASE,
)
# What follows a building in an address built from a profile: unit and door, nothing a neighbour needs.
_DOOR_ONLY = re.compile(r"[\s\d\-#号室单元户房一二三四五六七八九十层楼]*")


def redact(text: str, reporter: Person | None) -> str:
    """`text` without the reporter's name, phone, unit and door, nor anything shaped like a phone, a chat
    handle or a door number."""
    text = _HANDLE.sub(lambda m: m.group(1) + HIDDEN, text)
    text = _SPOKEN_NUMBER.sub(HIDDEN, text)
    for pattern in _PATTERNS:
        text = pattern.sub(HIDDEN, text)
    if reporter is not None:
        for own in (reporter.name, reporter.phone, reporter.room):
            if own and len(own) >= 2:
                text = text.replace(own, HIDDEN)
    return re.sub(rf"(?:{re.escape(HIDDEN)}\s*)+", HIDDEN, text)


async def reporter_of(uow: UnitOfWork, case: Case) -> Person | None:
    return await uow.session.get(Person, case.person_id) if case.person_id else None


async def public_place(uow: UnitOfWork, case: Case) -> str | None:
    """The building of a home address ("北苑2号楼", not "北苑2号楼 3单元 502"); a shared place as typed, redacted."""
    if not case.address:
        return None
    query = select(Building.name)
    if case.community_id:
        query = query.where(Building.community_id == case.community_id)
    names = sorted((n for n in (await uow.session.exec(query)).all() if n in case.address), key=len, reverse=True)
    if names:
        building = names[0]
        rest = case.address.replace(building, "", 1)
        if _DOOR_ONLY.fullmatch(rest):
            return building
    return redact(case.address, await reporter_of(uow, case))


async def public_text(uow: UnitOfWork, case: Case, text: str) -> str:
    """A case's description or a handler's note as others than the reporter read it."""
    return redact(text, await reporter_of(uow, case))
