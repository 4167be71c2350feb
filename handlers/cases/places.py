"""Where a complaint is, read from the resident's words: a place typed, a place said in the description, home.

People name the place in every way and at every step (南苑2号楼301, 就在北苑3号楼东边那个路口,
北苑2号楼3单元楼道灯坏了, 在我家); the form takes it wherever it comes and never asks twice.
"""

from __future__ import annotations

import re
import unicodedata

from bot.db.uow import UnitOfWork
from bot.services import org
from bot.services.cases.routing import building_named
from handlers.addresses import NO_UNIT, door, unit_and_room, unit_step
from knowledge.intents import PROBLEM, complaint
from knowledge.normalize import normalize


# What makes a message a place: an address part, a spot (digits as arabic() writes them) ...
PLACE_MARK = re.compile(
    r"\d+(?:号楼|号院|栋|幢|座|单元|层|楼|室|号|户)|[a-z]座|小区|家属院|大院|门口|楼下|楼前|楼后|楼道|楼梯|路口|院里|院子"
    r"|停车场|广场|垃圾站|[东西南北]侧|[东西南北]边|旁边|附近|对面|中间|之间"
)
# ... and what is left around it: a door number (301), little words (就在我们楼下, 是那个门口)
_PLACE_FILLER = re.compile(r"\d+|[在就是我俺咱们家的这那个里边儿和跟到]")
_PLACE_MAX_CHARS = 30
_PLACE_REST_MAX_CHARS = 2  # 北苑 of 北苑东边停车场: a name, not words about a problem

async def only_a_place(uow: UnitOfWork, community_id: str | None, text: str) -> bool:
    """Whether a message says where (南苑2号楼301, 3单元门口, 在我家) and nothing about what happened.

    北苑2号楼半夜装修声音很大 names a building too, but says what happened:
    that is the description.
    """
    if means_home(text):
        return True
    norm = normalize(text)
    if not norm or len(norm) > _PLACE_MAX_CHARS or complaint(norm) or PROBLEM.search(norm):
        return False
    form = org.building_form(norm)
    building = await building_named(uow, norm, community_id)
    if building is not None:
        form = form.replace(org.building_form(building.name), "", 1)
    rest = _PLACE_FILLER.sub("", PLACE_MARK.sub("", form))
    named_place = building is not None or PLACE_MARK.search(form) is not None
    return named_place and len(rest) <= _PLACE_REST_MAX_CHARS


# "…，就在北苑3号楼东边那个路口": the place, said in the description as a clause of its own
_CLAUSE = re.compile(r"[，。,.！!？?；;\s]+")
_SAYS_WHERE = re.compile(r"^(?:就|也|是|就是)?(?:在|位于|位置在|地点在|地方在|具体在|具体位置在?)")


# What may follow a building's name at the start of a description and still be the place:
# 北苑2号楼3单元楼道灯坏了 → 北苑2号楼3单元楼道.
_AFTER_BUILDING = re.compile(
    r"(?:\d+单元)?(?:\d+(?:室|号|层|楼)?)?"
    r"(?:楼道|楼梯|门口|楼下|楼前|楼后|楼顶|电梯|车库|[东西南北](?:侧|边|面)|旁边|对面)?"
)


async def place_in(uow: UnitOfWork, community_id: str | None, description: str) -> str | None:
    """The place a description states, else None.

    A clause starting 在/就在 that names a known building (…，就在北苑3号楼东边那个路口),
    or a description that begins with one (北苑2号楼3单元楼道灯坏了, as people say it).
    """
    clauses = _CLAUSE.split(description)
    for clause in clauses:
        where = _SAYS_WHERE.match(clause)
        if where is None or where.end() == len(clause):
            continue
        place = clause[where.end() :]
        if await building_named(uow, place, community_id) is not None:
            return place[:200]
    first = org.building_form(clauses[0]) if clauses else ""
    building = await building_named(uow, first, community_id) if first else None
    if building is None or not first.startswith(org.building_form(building.name)):
        return None
    rest = first[len(org.building_form(building.name)) :]
    return building.name + _AFTER_BUILDING.match(rest).group(0)  # type: ignore[union-attr]


# What a resident types for "at my home" at the place step: the registered address, as the button.
_FILLER_BEFORE = re.compile(r"^(?:就是|就在|是在|就|是|在)+")
_FILLER_AFTER = re.compile(r"(?:啊|呀|吧|呢|哦|啦|了|的)+$")
_HOME = re.compile(
    r"(?:我|俺|咱)?(?:们)?(?:自己)?(?:的)?(?:家|家里|家中|屋里|住处|住的地方)?"
    r"(?:用)?(?:我的)?(?:登记的)?(?:家庭)?(?:住址|地址)?"
)
_HOME_NOUN = re.compile(r"家|屋里|住处|住的地方|住址|地址")
_HOME_EN = re.compile(r"(?:at )?(?:my )?(?:home|house|registered address|address)")


def means_home(text: str) -> bool:
    """Whether a typed place is the resident's home: 在我家, 我家, 家里, 就在我家, the button's own words, "at home".

    Only the whole message: 我家楼下的路灯 names a shared place, kept as typed.
    """
    form = unicodedata.normalize("NFKC", text).lower().strip()
    if _HOME_EN.fullmatch(" ".join(form.split())):
        return True
    bare = "".join(ch for ch in form if unicodedata.category(ch)[0] in "LN")
    bare = _FILLER_AFTER.sub("", _FILLER_BEFORE.sub("", bare))
    return _HOME.fullmatch(bare) is not None and _HOME_NOUN.search(bare) is not None


async def place_refined(uow: UnitOfWork, community_id: str | None, kept: str, text: str) -> str | None:
    """The kept place with the unit or door typed after it (北苑3号楼, then 2单元, then 301), else None.

    People give an address a piece at a time, and the pieces come at the
    photo question. Taken as the whole place, 2单元 replaced 北苑3号楼 and
    the case lost its grid. A unit or door already in the place is
    corrected (2单元301, then 302); words after the building that are not a
    unit or door (东边停车场) are kept and the new piece follows them.
    """
    said = unit_step(text)
    if said is None:
        typed_door = door(text)
        said = {"room": typed_door.strip()} if typed_door else None
    if not said or said.get("unit") == NO_UNIT:
        return None  # 没有 (no unit), 跳过: nothing to add to a place
    building = await building_named(uow, kept, community_id)
    if building is None or await building_named(uow, text, community_id) is not None:
        return None  # no building to add to, or a new place altogether
    form, name = org.building_form(kept), org.building_form(building.name)
    rest = form[form.index(name) + len(name):] if name in form else ""
    parts = unit_and_room(rest)
    if rest and not parts:
        return f"{kept} {text.strip()}"[:200]  # 北苑3号楼东边停车场 2单元
    parts.update(said)
    return building.name + "".join(parts[key] for key in ("unit", "room") if key in parts)
