"""An announcement said in one message: 发通知给第一网格：明天停水, 给党员发个通知, 通知全体居民明天停水.

Staff type who and what together, as they would tell a colleague. Read as
words, 通知全体居民明天停水 was a complaint about the water (a form asking
the secretary's phone number) and 给党员发个通知 was 答不上来; 群发 明天停水
asked 发给谁 and then for the text again. This reads the audience and the
text out of such a message; the announcement dialog takes them from there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.numerals import arabic
from bot.db.uow import UnitOfWork
from bot.models import Role
from bot.services import notices, org
from bot.services.cases.routing import estates
from knowledge.normalize import to_simplified

# Whether a message may be one at all, before anything is looked up: most messages stop here.
MAY_BE = re.compile(r"通知|公告|群发|推送")

_ROLES = {
    "党员": Role.party_member,
    "志愿者": Role.volunteer,
    "网格管理员": Role.grid_manager,
    "网格员": Role.grid_manager,
    "网格长": Role.grid_leader,
    "工作人员": Role.staff,
    "同事": Role.staff,
}
_ROLE = "(?P<role>" + "|".join(sorted(_ROLES, key=len, reverse=True)) + ")(?:们)?"
_EVERYONE = r"(?:全社区|整个社区|社区全体|全体居民|所有居民|全部居民|社区居民|全体|所有人|大家|各位居民|居民们|居民)(?:们)?"
_PEOPLE = r"(?:的)?(?:居民|住户|全体|所有人|大家)?(?:们)?"
_ANY = r"(?:全体|所有|全部)?(?:的)?"
_SEP = r"[\s:：，,。.！!、]*(?:说|一下)?[\s:：，,。.！!、]*"
_KIND = r"(?:一?个|一?条|一下|下)?(?:通知|公告|消息)"
_SEND = r"(?:发|群发|推送|推|发布)"
_POLITE = r"(?:帮我|我要|我想|麻烦|请|要)?"
# Words that end a named audience on their own, so the text may follow unspaced (通知全体居民明天停水);
# 党员 is not among them: 通知党员大会改到周五 names a meeting, not who is told.
_ENDS_AUDIENCE = re.compile(r"(?:居民|住户|们|大家|所有人|全体|志愿者|网格员|网格管理员|网格长|工作人员|同事)$")


@dataclass(frozen=True)
class Said:
    """What an announcement message says: who (None: not said, or not a known audience) and the text (None: not yet)."""

    audience: notices.Audience | None
    text: str | None
    unknown: str | None = None  # the words naming an audience the bot does not know (北苑3号楼)


async def read(uow: UnitOfWork, community_id: str, message: str, *, command_args: bool = False) -> Said | None:
    """The announcement `message` asks for, or None when it asks for none.

    With `command_args` the message is what followed 发通知 or 群发: an
    audience named first (给第一网格 明天停水, 党员：周五开会), or the text alone.
    """
    written = message.strip()
    simple, origin = _folded(written)
    audiences = await _audiences(uow, community_id)
    aud = f"(?:{audiences}|(?P<other>[^\\s:：，,。！!]{{1,12}}?))"
    # (form, whether the text may follow the audience unspaced when the audience's own words end it)
    forms = (
        [(rf"(?:给|向|对|发给)?{aud}(?P<sep>{_SEP})(?P<text>.*)", True)]
        if command_args
        else [
            (rf"{_POLITE}(?:给|向|对){aud}(?:都)?{_SEND}{_KIND}?(?P<sep>{_SEP})(?P<text>.*)", False),
            (rf"{_POLITE}{_SEND}{_KIND}(?:给|到){aud}(?P<sep>{_SEP})(?P<text>.*)", False),
            (rf"{_POLITE}通知(?:一下)?(?:{audiences})(?P<sep>{_SEP})(?P<text>.+)", True),
            (rf"{_POLITE}(?:发|群发|发布){_KIND}(?P<sep>[\s:：，,。！!]+)(?P<text>.+)", False),
        ]
    )
    for form, unspaced in forms:
        found = re.fullmatch(form, simple, re.S)
        if found is None:
            continue
        named = found.group(0)[: found.start("sep")]
        other = found.groupdict().get("other")
        if found.group("text") and not found.group("sep") and not (unspaced and _ENDS_AUDIENCE.search(named)):
            continue  # 给居民发通知的时候…, 党员大会周五开: the words go on about something else
        if other is not None and (command_args or "通知" not in named and "公告" not in named):
            continue  # 给他发个消息, 群发 明天停水: no audience the words name
        start = found.start("text")
        text = (written[origin[start] :].strip() if start < len(origin) else "") or None  # as typed: ，not ,
        return Said(await _audience(uow, community_id, found), text, other)
    if command_args:
        return Said(None, written or None)  # as typed
    return None


def _folded(written: str) -> tuple[str, list[int]]:
    """`written` as its words are matched (width-folded, simplified), and which character of it each one comes from.

    Only the command's and the audience's words are matched loosely: the
    notice is cut from the message as typed, so residents read ， and ９
    as the staff wrote them (NFKC gave them , and 9).
    """
    pieces = [unicodedata.normalize("NFKC", char) for char in written]
    origin = [at for at, piece in enumerate(pieces) for _ in piece]
    joined = "".join(pieces)
    simple = to_simplified(joined)
    if len(simple) != len(joined):  # not one for one: each character simplified alone
        simple = "".join(to_simplified(piece) for piece in pieces)
        origin = [at for at, piece in enumerate(pieces) for _ in to_simplified(piece)]
    return simple, origin


async def _audiences(uow: UnitOfWork, community_id: str) -> str:
    """The pattern of the audiences staff name: a grid (by number or estate), with a role or not, a role, everyone."""
    names = sorted(await estates(uow, community_id), key=len, reverse=True)
    place = "|".join(re.escape(name) for name in names)
    grid = r"(?:第?(?P<number>[一二三四五六七八九十\d]{1,3})网格" + (rf"|(?:文峰)?(?P<estate>{place})(?:小区)?" if place else "") + ")"
    return rf"(?:{grid}(?:的)?{_ROLE.replace('role', 'grid_role')}|{grid.replace('number', 'n2').replace('estate', 'e2')}{_PEOPLE}|{_ANY}{_ROLE}|(?P<everyone>{_EVERYONE}))"


async def _audience(uow: UnitOfWork, community_id: str, found: re.Match[str]) -> notices.Audience | None:
    """The audience a match names; None for words naming none the bot knows (第九网格)."""
    said = found.groupdict()
    role = said.get("grid_role") or said.get("role")
    number, estate = said.get("number") or said.get("n2"), said.get("estate") or said.get("e2")
    grid_id = None
    if number or estate:
        grid_id = await _grid(uow, community_id, number, estate)
        if grid_id is None:
            return None
    if said.get("other") is not None:
        return None
    if role is None and grid_id is None and said.get("everyone") is None:
        return None
    role_value = _ROLES[role].value if role else None
    if grid_id is not None:
        return await notices.resolve_audience(uow, grid_id=grid_id, role=role_value)
    return await notices.resolve_audience(uow, community_id=community_id, role=role_value)


async def _grid(uow: UnitOfWork, community_id: str, number: str | None, estate: str | None) -> str | None:
    if estate:
        return (await estates(uow, community_id)).get(estate)
    wanted = arabic(number or "")
    for grid in await org.grids(uow, community_id):
        short = arabic(grid.name.split("（")[0])
        if re.fullmatch(rf"第?{re.escape(wanted)}网格", short):
            return grid.id
    return None
