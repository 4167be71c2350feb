"""How residents type their address: 我住北苑3号楼, 北苑小区3栋2单元501, 二单元, 没有单元, 501室.

The profile form (handlers/profile.py) asks for the building, the unit and
the door one at a time, but people give them together, in a sentence, or
the door when asked for the unit; these read what was typed.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz, process

from bot.core.numerals import arabic
from bot.core.validation import keyword_form
from bot.services import org

NO_UNIT = "-"  # a building without units: stored as no unit, not asked again


def building_named_in(form: str, buildings: list[Any]) -> tuple[Any, str] | None:
    """The one building whose name is inside what was typed (in building form), and the words after it.

    People give the whole address at once, or in a sentence: 我住北苑3号楼,
    北苑小区3栋2单元501. The longest name found wins (北苑13号楼 over 北苑1号楼);
    two different buildings found as long as each other are no answer.
    """
    for text in dict.fromkeys((form, form.replace("小区", ""))):
        found = [(b, org.building_form(b.name)) for b in buildings if org.building_form(b.name) in text]
        if not found:
            continue
        longest = max(len(name) for _b, name in found)
        best = [(b, name) for b, name in found if len(name) == longest]
        if len(best) == 1:
            building, name = best[0]
            return building, text.split(name, 1)[1]
    return None


def building_meant(typed: str, buildings: list[Any]) -> tuple[Any, str] | None:
    """The one building a typed answer means, and the words after it (the unit and door said with it).

    Its own spelling (北苑二号楼 for 北苑2号楼), the one name it is part of
    (烟厂 for 烟厂家属院3号楼 when there is one), or one named inside a
    sentence (我住北苑3号楼2单元501). None when it fits none, or several.
    """
    form = org.building_form(typed)
    if not form:
        return None
    same = [b for b in buildings if org.building_form(b.name) == form]
    if len(same) == 1:
        return same[0], ""
    containing = [b for b in buildings if form in org.building_form(b.name)]
    if len(containing) == 1:
        return containing[0], ""
    return building_named_in(form, buildings) if not containing else None


def nearest_buildings(typed: str, buildings: list[Any]) -> tuple[list[Any], bool]:
    """The buildings to offer for a name that fits none: those it is part of (北苑: which one; True), else the likeliest.

    None is likely for words that share nothing with any name (是, 好的): an
    empty list, and the question is asked again rather than answered with
    six buildings picked at random.
    """
    form = org.building_form(typed)
    containing = [b for b in buildings if form and form in org.building_form(b.name)]
    if containing:
        return containing, True
    forms = [org.building_form(b.name) for b in buildings]
    found = process.extract(form, forms, scorer=fuzz.WRatio, limit=6, score_cutoff=LIKELY)
    return [buildings[i] for _name, _score, i in found], False


LIKELY = 50  # rapidfuzz WRatio: 北院 scores 60 against 北苑1号楼, 文峰北苑 44, 是 and 1单元 below 31

# A building's number at the end of its name (北苑3号楼, 锦华园b座, 建设路12号院): what is left is its estate.
_ESTATE_OF = re.compile(r"(?:\d+(?:号楼|号院|座)|[a-z]座)$")
# The number a resident gives for a building of an estate already said: 2号楼, 2栋, 二号楼, b座.
_NUMBER_ONLY = re.compile(r"(?:\d+(?:号楼|号院|座)|[a-z]座)")


def estate_named(typed: str, buildings: list[Any]) -> tuple[str, list[Any]] | None:
    """The estate a typed answer names without a building of it (文峰北苑, 北苑小区), with its buildings.

    Residents say where they live by the estate first; the list names
    buildings (北苑1号楼 …), so 文峰北苑 matched none of them. The longest
    estate found wins (烟厂家属院 over 烟厂).
    """
    form = org.building_form(typed).replace("小区", "")
    stems: dict[str, list[Any]] = {}
    for building in buildings:
        name = org.building_form(building.name)
        stem = _ESTATE_OF.sub("", name)
        if stem != name and len(stem) >= 2 and stem in form:
            stems.setdefault(stem, []).append(building)
    if not stems:
        return None
    stem = max(stems, key=len)
    return stem, stems[stem]


def building_of_estate(typed: str, estate: str, buildings: list[Any]) -> tuple[Any, str] | None:
    """The building of `estate` a bare number names (2号楼 after 文峰北苑), and the words after it (2单元301)."""
    form = org.building_form(typed)
    if re.fullmatch(r"\d{1,3}", form):  # 2, asked which building of the estate
        form += "号楼"
    said = _NUMBER_ONLY.match(form)
    if said is None:
        return None
    wanted = estate + said.group()
    found = [b for b in buildings if org.building_form(b.name) == wanted]
    return (found[0], form[said.end():]) if len(found) == 1 else None


def unit_or_door_only(typed: str) -> bool:
    """Whether the answer to 哪一栋 is a unit or a door alone (1单元, 402): the building is still to come."""
    form = arabic(keyword_form(typed)).rstrip("。.!！")
    return bool(unit_and_room(form)) and _NUMBER_ONLY.search(form) is None


# 我住, 我家在, 俺家是: how a sentence giving the address opens.
_LIVES_AT = re.compile(r"^(?:我|俺)(?:们)?(?:家)?(?:住在?|在|是)|^住在?")
# A building named by its estate and number, or the number alone (北苑2号楼, 锦华园b座, 3号楼), and nothing else.
_BUILDING_ALONE = re.compile(r"[\u4e00-\u9fffa-z]{0,8}?(?:\d+(?:号楼|号院|座)|[a-z]座)")
ADDRESS_ALONE_MAX = 24


def address_alone(typed: str) -> bool:
    """Whether the message is an address and nothing else (北苑2号楼, 我住北苑2号楼1单元302, 1单元, 302室).

    Typed at a question that is not about the address (the consent, before
    the form's questions), it is the answer to one still to come.
    """
    form = _LIVES_AT.sub("", arabic(keyword_form(typed)).rstrip("。.!！"))
    if len(form) > ADDRESS_ALONE_MAX or re.fullmatch(r"\d{0,2}", form):  # 3: a choice typed, not a door
        return False
    if unit_or_door_only(form):
        return True
    building, rest = building_and_rest(form)
    return _BUILDING_ALONE.fullmatch(building) is not None and (not rest or bool(unit_and_room(rest)))


# A building by its number, then what follows it (3号楼 | 2单元301): the unit and door said with a building
# that is not named enough to be one (which estate's 3号楼?) are kept for when it is chosen.
_BUILDING_THEN = re.compile(r"^(?P<building>.*?(?:\d+号楼|\d+号院|\d+座|[a-z]座))(?P<rest>.+)$")


def building_and_rest(typed: str) -> tuple[str, str]:
    """The building part of a typed address and the words after it: 3号楼2单元301 → (3号楼, 2单元301)."""
    form = org.building_form(typed)
    said = _BUILDING_THEN.match(form)
    return (said["building"], said["rest"]) if said and unit_and_room(said["rest"]) else (form, "")


_UNIT = re.compile(r"^(\d{1,3})(?:单元|门洞|门)")
_ROOM = re.compile(r"^(?:\d{1,2}楼)?\d{1,2}(?:楼|层)?[东西南北中]?(?:户|边)?$|^\d{1,5}(?:室|号|房)?$")


# What a sentence puts after the door (我搬到北苑3号楼2单元501了, …501住): no part of it.
_SAID_AFTER = re.compile(r"(?:了|啦|呀|啊|吧|呢|哈|住|那儿|那里|这儿|。|\.|!|！)+$")


def unit_and_room(rest: str) -> dict[str, str]:
    """The unit and room said after the building (2单元501, 2单元5楼东户, 501室); what is unclear is asked."""
    parts: dict[str, str] = {}
    rest = _SAID_AFTER.sub("", rest.strip("，,、 ")).strip("，,、 ")  # 2单元501了, 501住: the door is 501
    unit = _UNIT.match(rest)
    if unit:
        parts["unit"] = f"{unit.group(1)}单元"
        rest = rest[unit.end():].strip("，,、 ")
    if rest and (unit or rest[0].isdigit()) and _ROOM.match(rest):
        parts["room"] = rest
    return parts


_NO_UNIT = ("没有", "没", "无", "没有单元", "没单元", "无单元", "不分单元", "跳过", "不知道", "none", "no")


def skips_unit(text: str) -> bool:
    return keyword_form(text).rstrip("。.!！") in _NO_UNIT


# What a unit is called where it has no number: 东单元, A座, 甲单元, 二门洞. A date, a time or a
# sentence is not one (12月1日 typed at the unit question reached the grid as the address).
_UNIT_NAME = re.compile(r"[0-9a-z一二三四五六七八九十甲乙丙丁东西南北中左右前后]{1,4}(?:单元|门洞|门|座|号|栋)?")


def looks_like_a_unit(text: str) -> bool:
    return _UNIT_NAME.fullmatch(arabic(keyword_form(text)).rstrip("。.!！")) is not None


# 2-301, 1—201: the unit and the door, as people write them
_UNIT_DASH_ROOM = re.compile(r"(\d{1,2})\s*[-—－–]\s*(\d{3,4})")


def unit_step(text: str) -> dict[str, str] | None:
    """What people type when asked for the unit: 2, 二单元, 2单元501, 没有 — or the door (301) instead.

    A bare small number is the unit (the question asked for it); a door
    number typed here is kept as the door, and the unit asked again.
    """
    if skips_unit(text):
        return {"unit": NO_UNIT}
    form = arabic(keyword_form(text)).rstrip("。.!！")
    if re.fullmatch(r"\d{1,2}", form):
        return {"unit": f"{form}单元"}
    dashed = _UNIT_DASH_ROOM.fullmatch(form)  # 2-301, 1—201: the unit and the door, as people write them
    if dashed:
        return {"unit": f"{dashed.group(1)}单元", "room": dashed.group(2)}
    said = unit_and_room(form)
    if "unit" in said:
        return said
    if re.fullmatch(r"\d{3,5}(?:室|号)?", form):
        return {"room": form}
    return None


# What a door number is made of: 301, 501室, 3-501, 5楼东户, 12层西边, b座1502, 东户.
_DOOR = re.compile(r"[0-9a-z#\-—座栋]*[0-9][0-9a-z#\-—室号楼层户东西南北中边门间房座栋侧左右]*(?:那户|那家)?|[东西南北中左右]边?(?:户|门|那户|那家)")
DOOR_MAX = 12
_DOOR_LEAD = re.compile(r"(?:我|俺)?(?:们)?(?:家)?(?:是|在|住在?|住的是)")


def door(text: str) -> str | None:
    """The door as typed when asked for it (301, 501室, 5楼东户; 三零一 said to voice input is 301), else None.

    Words that are not a door (想要一台收音机, 跳过) are None: 想要1台收音机 was
    stored as the door. What a door holds besides digits is short: 室, 号,
    楼, 层, 户, 东, 西 …
    """
    said = arabic(text.strip()).rstrip("。.!！")
    form = arabic(keyword_form(text)).rstrip("。.!！").replace(" ", "")
    lead = _DOOR_LEAD.match(form)
    if lead is not None and lead.end() < len(form) and _DOOR.fullmatch(form[lead.end():]):
        form = said = form[lead.end():]  # 我家是1楼, 住在501: the door, not the sentence
    if not form or len(form) > DOOR_MAX or not _DOOR.fullmatch(form):
        return None
    return said
