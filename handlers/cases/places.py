"""Where a complaint is, read from the resident's words: a place typed, a place said in the description, home.

People name the place in every way and at every step (南苑2号楼301, 就在北苑3号楼东边那个路口,
北苑2号楼3单元楼道灯坏了, 在我家); the form takes it wherever it comes and never asks twice.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.numerals import arabic
from bot.db.uow import UnitOfWork
from bot.models import Person
from bot.services import org
from bot.services.cases.routing import (
    building_named,
    community_names,
    estate_said,
    estates,
    grid_by_text,
    place_form,
)
from handlers.addresses import NO_UNIT, door, unit_and_room, unit_step
from knowledge import english
from knowledge.intents import PROBLEM, complaint
from knowledge.normalize import normalize


# Places people name that are not buildings (北苑菜市场, 锦华园小区): a venue ...
_VENUES = (
    r"小区|家属院|大院|菜市场|农贸市场|市场|超市|公园|广场|学校|小学|中学|幼儿园|医院|卫生院|诊所"
    r"|停车场|车棚|垃圾站|公厕|厕所|活动中心|服务中心"
)
# ... and a spot at one: its gate, below a building, beside it.
_SPOTS = r"(?:[东西南北正后侧大]门口?|门口|楼下|楼前|楼后|楼道|楼顶|旁边|对面|附近|路口|拐角|入口|出口|[东西南北](?:侧|边|面)|里面?|内)"
# What makes a message a place: an address part, a spot, a venue where problems are seen (digits as arabic()
# writes them) ...
PLACE_MARK = re.compile(
    r"\d+(?:号楼|号院|栋|幢|座|单元|层|楼|室|号|户)|[a-z]座|小区|家属院|大院|门口|[东西南北正后侧大]门|楼下|楼前|楼后|楼道|楼梯"
    r"|路口|院里|院子|停车场|广场|垃圾站|菜市场|农贸市场|超市|公园|车棚|[东西南北]侧|[东西南北]边|旁边|附近|对面|中间|之间"
)
# ... and what is left around it: a door number (301), little words (就在我们楼下, 是那个门口)
_PLACE_FILLER = re.compile(r"\d+|[在就是我俺咱们家的这那个里边儿和跟到]")
_PLACE_MAX_CHARS = 30
_PLACE_REST_MAX_CHARS = 2  # 北苑 of 北苑东边停车场: a name, not words about a problem
# An estate the place list lacks, named before its building (幸福家园5号楼门口): a name too, however long.
_UNLISTED_ESTATE = re.compile(
    r"^[\u4e00-\u9fff]{1,10}?(?:小区|花园|家园|家属院|大院|苑|园|院|城|府|公寓)(?=\d+(?:号楼|号院|座|单元)|[a-z]座)"
)

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
    form = place_form(norm)
    building = await building_named(uow, norm, community_id)
    estate = await estate_said(uow, norm, community_id) if building is None else None
    if building is not None:
        form = form.replace(org.building_form(building.name), "", 1)
    elif estate is not None:  # 锦华园小区门口, 文峰北院5号楼门口: the estate is the name, as a building's would be
        form = form.replace(estate[2], "", 1)
    else:  # 幸福家园5号楼门口: an estate not on the list, named before its building
        form = _UNLISTED_ESTATE.sub("", form, count=1)
    for name in await community_names(uow, community_id):  # 文峰北苑: the community's name before its estate's
        if form.startswith(name):
            form = form[len(name) :]
            break
    rest = _PLACE_FILLER.sub("", PLACE_MARK.sub("", form))
    named_place = building is not None or estate is not None or PLACE_MARK.search(form) is not None
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

    A clause starting 在/就在 that names a place (…，就在北苑3号楼东边那个路口),
    or a description that begins with one, as people say it: a known
    building (北苑2号楼3单元楼道灯坏了), a building by its number
    (3号楼楼下的路灯不亮了), an estate or a venue at a spot
    (锦华园小区门口的路灯杆歪了, 北苑菜市场门口垃圾没人收). Which grid it is
    in is for the routing: the place is taken as said either way.
    """
    if english.in_english(description):  # the street light outside building 3: 3号楼门口, as said in Chinese
        description = english.place_said(description, tuple(await estates(uow, community_id))) or description
    clauses = _CLAUSE.split(description)
    for clause in clauses:
        where = _SAYS_WHERE.match(clause)
        if where is None or where.end() == len(clause):
            continue
        place = clause[where.end() :]
        if await building_named(uow, place, community_id) is not None:
            return place[:200]
        if (begun := await _place_begun(uow, community_id, place)) is not None:
            return begun
    first = place_form(clauses[0]) if clauses else ""
    building = await building_named(uow, first, community_id) if first else None
    if building is None or not first.startswith(org.building_form(building.name)):
        return await _place_begun(uow, community_id, clauses[0]) if first else None
    rest = first[len(org.building_form(building.name)) :]
    return building.name + _AFTER_BUILDING.match(rest).group(0)  # type: ignore[union-attr]


# A building by its number alone, at the start (3号楼楼下, 我们3号楼的电梯): in the resident's own estate.
_NUMBER = r"(?:\d+(?:号楼|号院|座)|[a-z]座)"
_BARE_BUILDING = re.compile(r"(?:我们|咱们|俺们)?(?P<place>" + _NUMBER + _AFTER_BUILDING.pattern + ")")
# A venue by its name: a few characters before the venue's own word (北苑 of 北苑菜市场), never 我们小区,
# 这个小区 (which one is not said).
_VENUE_NAME = rf"(?![我咱俺你他她这那本])[\u4e00-\u9fffa-z\d]{{1,6}}?(?:{_VENUES})"


async def _place_begun(uow: UnitOfWork, community_id: str | None, said: str) -> str | None:
    """The place `said` begins with, when it is said as a place, in the resident's words; else None.

    An estate of the place list or a venue must come with a spot (门口, 东门,
    楼下) or be followed by 的: 垃圾站三天没清运了 names what is wrong, not where.
    An estate with a building's number (文峰北苑5号楼门口, the community's name
    before it, a building the list lacks, 北院 typed for 北苑) is a place too.
    """
    form = place_form(said)
    place = _BARE_BUILDING.match(form)
    if place is None:
        names = sorted(await estates(uow, community_id), key=len, reverse=True)
        if (typo := await estate_said(uow, form, community_id)) is not None and typo[2] not in names:
            names.insert(0, typo[2])  # 北院 of 文峰北院5号楼: 北苑 by its sound
        estate = "|".join(re.escape(name) + r"(?:小区|花园)?" for name in names)
        head = "|".join([estate, _VENUE_NAME] if estate else [_VENUE_NAME])
        prefix = "|".join(re.escape(name) for name in await community_names(uow, community_id))
        own = rf"(?:我们|咱们|俺们)?(?P<place>(?:{prefix})?" if prefix else r"(?:我们|咱们|俺们)?(?P<place>"
        place = re.match(rf"{own}(?:{head}){_SPOTS}(?:{_VENUES})?)", form) or re.match(rf"{own}(?:{head}))(?=的)", form)
        if place is None and estate:
            place = re.match(rf"{own}(?:{estate}){_NUMBER}{_AFTER_BUILDING.pattern})", form)
        if place is None or PROBLEM.search(place["place"]) or complaint(place["place"]):
            return None
    if len(form) == len(said):  # 三号楼楼下, A座门口 as typed, not as compared (3号楼楼下, a座门口)
        return said[place.start("place") : place.end("place")][:200]
    return place["place"][:200]


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


# An estate said without its name (小区门口, 这个小区东门, 我们院里): which one, the words do not say.
_UNNAMED_ESTATE = re.compile(r"(?:我们|咱们|俺们|这个|那个|本)?的?(?:小区|家属院|大院|院里|院子)")
_NUMBER_SAID = re.compile(r"\d+(?:号楼|号院|座)|[a-z]座")
_OWNER = re.compile(r"^(?:我们|咱们|俺们|这个|那个|本)的?")


async def estates_to_ask(uow: UnitOfWork, person: Person, text: str) -> list[str]:
    """The estates a typed place may be in, to ask which, when neither it nor the person's home says; else [].

    3号楼楼下 from someone with no address on file: the estates that have a
    3号楼 (taken without a grid, it went to the centre by hand). 小区门口:
    every estate, the person's own first. A place the routing finds (锦华园东门,
    我们小区门口 from 北苑's resident), one named but not listed (幸福小区东门)
    or a building that the person's own estate lacks (8号楼) is not asked about.
    """
    if await grid_by_text(uow, text, person.community_id, person) is not None:
        return []
    form = place_form(text)
    names = list(await estates(uow, person.community_id))
    bare = _BARE_BUILDING.match(form)
    if bare is not None:
        if person.building:
            return []  # the number is of their own estate, which has no such building: the staff route it
        number = _NUMBER_SAID.match(bare["place"]).group(0)  # type: ignore[union-attr]
        return [name for name in names if await building_named(uow, name + number, person.community_id) is not None]
    if _UNNAMED_ESTATE.match(form):
        home = org.building_form(person.building or "")
        return sorted(names, key=lambda name: not (home and home.startswith(name)))
    return []


def in_estate(estate: str, said: str) -> str:
    """The place said (3号楼楼下, 我们小区门口) in the estate named after it: 北苑3号楼楼下, 北苑小区门口."""
    rest = _OWNER.sub("", said.strip())
    if estate.endswith("小区") and rest.startswith("小区"):
        rest = rest[2:]
    return (estate + rest)[:200]


# What asks rather than says where (超市几点开门, 公园开不开?): a question mark, a question's words.
_QUESTION = re.compile(
    r"[吗嘛么呢]$|几点|几时|什么时候|啥时候|多久|多长时间|怎么|咋|如何|为什么|为啥|哪里|哪儿|在哪|哪个|哪家|多少"
    r"|能不能|可不可以|有没有|是不是|要不要|开不开|[?？]"
)


async def asks_instead(uow: UnitOfWork, community_id: str | None, text: str) -> bool:
    """Whether words typed for "where" ask something (超市几点开门) instead of saying a place.

    A place with a question after it (3号楼楼下，怎么还没人修) and a place
    whose words only look like a question's are the place, as before.
    """
    if not _QUESTION.search(text) and not _QUESTION.search(arabic(normalize(text))):
        return False
    return await place_in(uow, community_id, text) is None and not await only_a_place(uow, community_id, text)
