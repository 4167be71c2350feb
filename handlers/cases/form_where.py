"""The complaint form's place: taken from words said earlier, typed, shared as a location, or 在我家.

A place that does not say which estate (小区门口, or 3号楼楼下 from someone
with no address on file) is asked about: which 小区, the estates offered as
choices, the words said kept. A question typed instead (超市几点开门) is not
taken as the place.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import cases
from bot.core import validation
from bot.services.cases.routing import building_named, estate_named
from handlers.profile_form import ask_profile
from knowledge.normalize import normalize

from handlers.cases.basics import DIALOG
from handlers.cases.form_asks import ask_photo, ask_where
from handlers.cases.form_words import NO_CATEGORY, NO_PHOTO_SAID, NO_PLACE_SAID
from handlers.cases.places import PLACE_MARK, asks_instead, estates_to_ask, in_estate, means_home, only_a_place, place_in
from handlers.cases.submitting import before_submit, form_place


async def to_where(ctx: Context) -> HandlerResult:
    """Ask where, or take the place the resident typed at an earlier step or said in the description (never asked twice)."""
    ctx.dialog.goto("where", estate_for=None)  # no estate question left over from an earlier pass
    typed = ctx.dialog.data.get("typed_place") or await place_in(ctx.uow, ctx.person.community_id, ctx.dialog.data.get("description") or "")
    if typed:
        ctx.notes.append(ctx.t("cases.place_taken", place=typed))
        return await where_step(ctx, "", typed)
    return ask_where(ctx)


async def where_step(ctx: Context, payload: str, typed: str | None = None) -> HandlerResult:
    """The place: 在我家 (pressed or typed), a shared location, or a typed place (`typed`: kept from an earlier step)."""
    person = ctx.person
    if typed is None and ctx.dialog.data.get("estate_for"):
        answered = await _estate_answer(ctx, payload)
        if answered is not None:
            return answered
        ctx.dialog.goto("where", estate_for=None)  # 在我家, a location or another place instead: taken as such
    text = typed if typed is not None else ctx.text
    typed_home = bool(text) and not payload and means_home(text)
    if payload == "cs:where:home" or ctx.dialog.step == "where_home" or typed_home:
        if not person.has_address:
            asked = await ask_profile(
                ctx, ("address",), then={"dialog": DIALOG, "step": "where_home", "data": dict(ctx.dialog.data)}
            )
            if asked is not None:
                ctx.notes.append(ctx.t("cases.home_needs_address"))
                return asked
        address = " ".join(p for p in (person.building, person.unit, person.room) if p)
        place = {"text": address, "building": person.building}
        ctx.dialog.goto("photo", place=place)
        return await _after_place(ctx)
    location = ctx.message.location if typed is None else None
    if location is not None:
        label = location.label or f"{location.latitude:.5f},{location.longitude:.5f}"
        ctx.dialog.goto("photo", place={"text": label, "lat": location.latitude, "lon": location.longitude})
        return await _after_place(ctx)
    if text and not payload:
        if typed is None and await asks_instead(ctx.uow, person.community_id, text):
            asked = ask_where(ctx)  # 超市几点开门 is not where the problem is: the form waits for that
            return Reply(ctx.t("cases.place_is_a_question", text=text[:30]) + "\n" + asked.text, asked.buttons)
        names = await estates_to_ask(ctx.uow, person, text)
        if names:
            return _ask_estate(ctx, text[:200], names)
        ctx.dialog.goto("photo", place={"text": text[:200]})
        return await _after_place(ctx)
    return ask_where(ctx)


def not_a_place(ctx: Context) -> Reply | None:
    """没有照片, 不知道, 好的 typed at 问题在哪里: not the place; what is needed asked again, else None.

    Kept as the place (地点：没有照片), the case went to nobody's grid. Words
    about the photo are its answer, given early: remembered, the photo
    question is not asked later. 在我家 is offered in words when an address
    is on file: the place the resident most likely means.
    """
    norm = normalize(ctx.text)
    if ctx.dialog.data.get("estate_for") or not norm:
        return None  # 不知道 at 哪个小区 is 都不是: answered there
    photo_said = NO_PHOTO_SAID.fullmatch(norm) is not None
    if not (photo_said or NO_PLACE_SAID.fullmatch(norm) or validation.says_yes(ctx.text)):
        return None
    if photo_said:
        ctx.dialog.goto("where", no_photo=True)
    person = ctx.person
    said = [ctx.t("cases.no_photo_noted") if photo_said else ctx.t("cases.place_needed", text=ctx.text[:20])]
    if person.has_address:
        address = " ".join(p for p in (person.building, person.unit, person.room) if p)
        said.append(ctx.t("cases.place_needed_home", address=address))
    asked = ask_where(ctx)
    return Reply("\n".join(said) + "\n" + asked.text, asked.buttons)


_ESTATE_PAYLOAD = "cs:where:estate:"
# 都不是, 没有, 别的小区: none of the estates offered (不知道, 不清楚 as at the category question).
_NONE_OF_THEM = re.compile(r"(?:都不是|不是|都没有|没有|别的|其他|其它)(?:的|小区|地方)?(?:吧|啊|呀)*")
# 幸福小区, 是在锦绣花园的: an estate's name alone, one the place list may not know.
_ESTATE_NAME = re.compile(r"(?:是|在|就是|就在)*(?P<name>[\u4e00-\u9fffa-z\d]{1,10}?(?:小区|花园|家属院|大院|苑|园|院))(?:的|吧|啊|呀|里)*")

_ESTATE_WORDS = re.compile(r"小区|家属院|大院")  # an estate's own word, not a spot in it (东门, 楼下)


def _ask_estate(ctx: Context, said: str, names: list[str]) -> Reply:
    """Which 小区 the place said is in, the estates as choices (and 都不是: the staff route it)."""
    ctx.dialog.goto("where", estate_for=said, estates=names)
    # by its place in the list: a long estate name would not fit a button's payload (64 bytes)
    buttons = [Button(name, f"{_ESTATE_PAYLOAD}{i}") for i, name in enumerate(names)]
    buttons.append(Button(ctx.t("cases.estate_none"), f"{_ESTATE_PAYLOAD}none"))
    return Reply(ctx.t("cases.which_estate", place=said), rows(*buttons, per_row=2))


async def _estate_answer(ctx: Context, payload: str) -> HandlerResult | None:
    """The answer to which 小区: an estate pressed or named, or none of them; None for another place given instead."""
    said, names = ctx.dialog.data["estate_for"], ctx.dialog.data.get("estates") or []
    if payload.startswith(_ESTATE_PAYLOAD):
        index = payload[len(_ESTATE_PAYLOAD) :]
        chosen = int(index) if index.isdigit() and int(index) < len(names) else None
        return await _placed(ctx, in_estate(names[chosen], said) if chosen is not None else said)
    if payload or ctx.message.location is not None or not ctx.text or means_home(ctx.text):
        return None
    community_id = ctx.person.community_id
    if await building_named(ctx.uow, ctx.text, community_id) is not None:
        return None  # 北苑3号楼门口: a whole place, taken as the place
    norm = normalize(ctx.text)
    if NO_CATEGORY.fullmatch(norm) or _NONE_OF_THEM.fullmatch(norm):
        return await _placed(ctx, said)
    estate = await estate_named(ctx.uow, ctx.text, community_id)
    named = _ESTATE_NAME.fullmatch(norm)
    if estate is not None and not PLACE_MARK.search(_ESTATE_WORDS.sub("", norm)):
        return await _placed(ctx, in_estate(estate[0], said))  # 北苑, 北苑小区, 是北苑的, 北苑那边
    if named is not None:
        return await _placed(ctx, in_estate(named["name"], said))  # 幸福小区: not on the list, the staff route it
    if await only_a_place(ctx.uow, community_id, ctx.text):
        return None  # 锦华园东门垃圾桶旁边: another place altogether
    asked = _ask_estate(ctx, said, names)
    return Reply(ctx.t("cases.not_an_answer") + "\n" + asked.text, asked.buttons)


async def _placed(ctx: Context, place: str) -> HandlerResult:
    """The place, now with its estate (北苑3号楼楼下) or as said, taken and routed."""
    ctx.dialog.goto("photo", place={"text": place}, estate_for=None)
    ctx.notes.append(ctx.t("cases.place_refined", place=place))
    return await _after_place(ctx)


async def _after_place(ctx: Context) -> HandlerResult:
    grid, _community = await cases.route(ctx.uow, form_place(ctx), ctx.person)
    if grid is None:
        key = "cases.outside_grids" if form_place(ctx).lat is not None else "cases.unknown_place"
        routed = ctx.t(key)
    else:
        routed = ctx.t("cases.routed_to", grid=grid.name)
    if ctx.dialog.data.get("photo_ref") or ctx.dialog.data.get("no_photo"):
        # the photo came already, or 没有照片 was said at the place question: not asked for again
        ctx.notes.append(routed)
        return await before_submit(ctx)
    reply = ask_photo(ctx)
    return Reply(routed + "\n" + reply.text, reply.buttons)
