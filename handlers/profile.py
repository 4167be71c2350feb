"""The profile form's questions, each answer read as people give it, and /me's changes (erased in handlers.forgetting).

Where the form goes next, and back to the flow that asked, is in
handlers.profile_form: other flows call its `ask_profile`.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.numerals import arabic
from bot.core.router import HandlerResult, Router
from bot.services import org, people, photos
from bot.core.validation import keyword_form
from bot.services.errors import InvalidInput
from handlers.common import back_button
from handlers.my_details import describe, me_buttons
from handlers.profile_form import DIALOG, FIELDS, ask_community, begin, collect, consent, next_field
from handlers.handover import human_button
from knowledge import english, intents, small_talk
from knowledge.intents import PROBLEM, changed_detail, complaint
from knowledge.normalize import normalize
from knowledge.understanding import Intent

from handlers.asides import another_matter, bare_number
from handlers.addresses import (
    NO_UNIT,
    address_alone,
    building_and_rest,
    building_meant,
    building_of_estate,
    door,
    estate_named,
    looks_like_a_unit,
    nearest_buildings,
    skips_unit,
    unit_and_room,
    unit_or_door_only,
    unit_step,
)

router = Router("profile")
router.accepts_yes("pf:agree")  # "好的" to the consent question is consent
router.menu_entry("menu.me", "me", order=80)


# 我不同意, 不同意吧, 不想留信息, 不太想给: no, as people say it to the consent question.
_DECLINES = re.compile(
    r"(?:我|俺)?(?:还是)?(?:不同意|不(?:太|大|怎么|是很)?(?:愿意|想(?:留|填|登记|说|给))|不留|不填|不给)"
    r"(?:了|吧|啊|呀)?(?:信息|资料|电话|名字)?(?:了|吧|啊|呀)?"
)


async def _declined(ctx: Context) -> Reply:
    """No consent: nothing is kept, and the matter can still reach a person (the centre's phone, 找工作人员)."""
    from handlers.handover import human_button  # handover builds on the profile: imported late

    ctx.dialog.leave()
    community = await org.community_of(ctx.uow, ctx.person)
    phone = community.phone if community is not None and community.phone else ctx.t("handover.no_phone")
    return Reply(ctx.t("profile.declined", phone=phone), rows(human_button(ctx), back_button(ctx)))


@router.dialog(DIALOG)
async def profile_dialog(ctx: Context) -> HandlerResult:
    step = ctx.dialog.step
    payload = ctx.payload or ""
    if payload and not payload.startswith("pf:"):
        return None  # a button from elsewhere: leave the dialog
    if ctx.message.attachment is not None or ctx.message.location is not None:
        return await _sent_at_a_question(ctx)
    if step == "consent":
        if payload == "pf:agree":
            return await next_field(ctx)
        if payload == "pf:decline" or (not payload and _DECLINES.fullmatch(normalize(ctx.text))):
            return await _declined(ctx)
        offered = _offered_detail(ctx.text) if not payload else None
        if offered:  # 王秀英 or a phone number typed straight away: kept for after the 同意, not saved before it
            collected = {**ctx.dialog.data.get("collected", {}), **offered}
            ctx.dialog.goto("consent", collected=collected)
            asked = consent(ctx)
            detail = "、".join(offered[field] for field in ("name", "phone") if field in offered)
            return Reply(ctx.t("profile.consent_first", detail=detail) + "\n" + asked.text, asked.buttons)
        if not payload and address_alone(ctx.text):  # 北苑2号楼, 1单元, 302: the address questions' answers, ahead
            return _address_before_consent(ctx)
        if not payload and _passes(ctx.text):
            # 跳过, 下一步, or a number with no choice behind it (3): the question cannot be passed; asked again
            asked = consent(ctx)
            return Reply(ctx.t("profile.consent_needed") + "\n" + asked.text, asked.buttons)
        if not payload and (noted := _said_again(ctx)) is not None:  # 噪音 with the problem kept: not a second complaint
            asked = consent(ctx)
            return Reply(noted + "\n" + asked.text, asked.buttons)
        if not payload and _kept_for_then(ctx):
            # 楼道灯坏了 typed before answering: kept for the form that asked (it was said to be dropped, and kept)
            asked = consent(ctx)
            return Reply(_kept_note(ctx) + "\n" + asked.text, asked.buttons)
        if ctx.text.strip() and not payload:
            return None  # neither yes nor no (我想找工作人员): leave the form, answer that
        return consent(ctx)
    if step == "community":
        if payload.startswith("pf:c:"):
            community_id = payload[5:]
            if any(c.id == community_id for c in await org.communities(ctx.uow)):
                return await collect(ctx, community_id=community_id)
        return await ask_community(ctx)
    if step == "building":
        return await _building_step(ctx, payload)
    if step == "unit":
        if payload == "pf:nounit":  # the button of earlier versions, still in old chats
            return await collect(ctx, unit=NO_UNIT)
        said = unit_step(ctx.text)
        if said:
            if "unit" not in said:  # 502 at the unit question: kept as the door, and the unit asked again, saying so
                ctx.notes.append(ctx.t("profile.door_kept", room=said["room"]))
            return await collect(ctx, **said)
        if not ctx.payload and (noted := _said_again(ctx)) is not None:
            return Reply(noted + "\n" + ctx.t("profile.ask_unit"))
        if not ctx.payload and _kept_for_then(ctx):  # the wish or the problem, typed here: kept, not the unit
            return Reply(_kept_note(ctx) + "\n" + ctx.t("profile.ask_unit"))
        if not ctx.payload and another_matter(ctx):
            return None
        if not ctx.payload and not looks_like_a_unit(ctx.text):  # 12月1日 was stored as the unit
            return Reply(ctx.t("profile.bad_unit"))
        return await _short_text_step(ctx, "unit", max_length=16)
    if step == "room":
        return await _room_step(ctx)
    if step == "name":
        return await _name_step(ctx)
    if step == "phone":
        if not ctx.text:
            return Reply(ctx.t("profile.ask_phone"))
        try:
            phone = people.normalise_phone(ctx.text)
        except InvalidInput as err:
            said = people.phone_in(ctx.text)  # 没有手机 用我儿子的138…, 138…（我儿子）: the number in the sentence
            if said is not None:
                return await collect(ctx, phone=said)
            if (noted := _said_again(ctx)) is not None:
                return Reply(noted + "\n" + ctx.t("profile.ask_phone"))
            if _kept_for_then(ctx):
                return Reply(_kept_note(ctx) + "\n" + ctx.t("profile.ask_phone"))
            if another_matter(ctx):
                return None
            return Reply(ctx.t(err.key))
        return await collect(ctx, phone=phone)
    return None


async def _sent_at_a_question(ctx: Context) -> HandlerResult:
    """A photo, a location or a file sent at a profile question: said what became of it, and asked again.

    The photo of the problem sent at 您同意吗 or 怎么称呼您 was dropped
    without a word. For a flow that takes photos (a complaint: ``photos`` in
    its `then`) it is held for it (bot.services.photos.hold), and the flow
    takes it when it resumes; otherwise the person is told to type.
    """
    then = ctx.dialog.data.get("then") or {}
    attachment = ctx.message.attachment
    if attachment is not None and attachment.kind == "photo" and then.get("photos"):
        held = await photos.hold(ctx.uow, ctx.person, attachment.ref, attachment.size)
        note = ctx.t("profile.photo_held", n=held)
    else:
        note = ctx.t("profile.type_please")
    asked = await _ask_again(ctx)
    return Reply(note + "\n" + asked.text, asked.buttons) if isinstance(asked, Reply) else asked


async def _ask_again(ctx: Context) -> HandlerResult:
    """The question of the step the person is at, as first asked."""
    step = ctx.dialog.step
    if step == "consent":
        return consent(ctx)
    if step == "community":
        return await ask_community(ctx)
    if step in ("building", "unit", "room", "name", "phone"):
        return Reply(ctx.t(f"profile.ask_{step}"))
    return await next_field(ctx)


async def _name_step(ctx: Context) -> HandlerResult:
    """怎么称呼您: a name (in a sentence too), the name and the phone together, never 继续 or the matter itself.

    王桂兰 13900001111 gives both, and the phone is not asked; 继续, 好的, 嗯
    ask again; the problem or the wish typed here is kept for the form that
    asked; another matter (我想约明天上午办居住证) leaves the form to be answered.
    """
    if not ctx.text.strip() or ctx.payload:
        return Reply(ctx.t("profile.ask_name"))
    if (noted := _said_again(ctx)) is not None:  # 乱停车, 噪音: the complaint's, never a name
        return Reply(noted + "\n" + ctx.t("profile.ask_name"))
    try:
        both = people.name_and_phone(ctx.text)
        if both is not None:
            name, phone = both
            return await collect(ctx, phone=phone, **({"name": name} if name else {}))
        name = people.normalise_name(ctx.text)
    except InvalidInput as err:
        if err.key == "profile.name_needed":
            return Reply(ctx.t(err.key))
        if _kept_for_then(ctx):
            return Reply(_kept_note(ctx) + "\n" + ctx.t("profile.ask_name"))
        if another_matter(ctx):
            return None
        return Reply(ctx.t(err.key, **err.params))
    return await collect(ctx, name=name)


async def _room_step(ctx: Context) -> HandlerResult:
    """The door: 301, 501室, 5楼东户, 三零一 (stored as 301); other words are not a door and are asked again.

    想要一台收音机 was stored as the door (住址 北苑2号楼 3单元 想要1台收音机) and the
    wish lost: words that are the wish or the problem are kept for the form
    that asked, as at the name question.
    """
    if ctx.payload or not ctx.text.strip():
        return Reply(ctx.t("profile.ask_room"))
    if skips_unit(ctx.text) or _DOOR_FORGOTTEN.search(normalize(ctx.text)):
        return Reply(ctx.t("profile.room_needed"))
    room = door(ctx.text)
    if room is not None:
        return await collect(ctx, room=room)
    if (noted := _said_again(ctx)) is not None:
        return Reply(noted + "\n" + ctx.t("profile.ask_room"))
    if _kept_for_then(ctx):
        return Reply(_kept_note(ctx) + "\n" + ctx.t("profile.ask_room"))
    if another_matter(ctx):
        return None
    return Reply(ctx.t("profile.bad_room"))


# 不知道门牌号, 记不清了: the floor and side will do, as the question then says.
_DOOR_FORGOTTEN = re.compile(r"^(?:我|俺)?(?:也)?(?:不知道|不清楚|记不清|记不住|不记得|忘了|搞不清)")


def _passes(text: str) -> bool:
    """跳过, 下一步, 继续, or a bare number: passing a question that has to be answered."""
    return _passing_word(text) or bare_number(text)


def _passing_word(text: str) -> bool:
    """跳过, 下一步, 继续 said (not a number: 502 at the building question is a door)."""
    return bool(_PASSING.fullmatch(keyword_form(text).rstrip("。.!！")))


_PASSING = re.compile(r"(?:跳过|略过|下一步|下一个|往下|继续|接着来|skip|next|continue)(?:吧|了|啊|呀|哈|哦|的)*")


def _kept_note(ctx: Context) -> str:
    then = ctx.dialog.data.get("then") or {}
    key = "profile.wish_kept" if then.get("words_kind") == "wish" else "profile.words_kept"
    return ctx.t(key, text=ctx.text.strip()[:60])


def _kept_for_then(ctx: Context) -> bool:
    """The matter itself, typed at a profile question (门口老有车乱停 for 怎么称呼您): kept for the flow that asked.

    A flow that takes such words names the field in its `then` (``words``,
    with ``words_max``, as filing a complaint does for its description); it is
    filled only while empty, only with words that describe a problem, and
    never becomes the name or the phone. Whether kept or not, the question
    is asked again.
    """
    then = ctx.dialog.data.get("then") or {}
    field, data, text = then.get("words"), then.get("data") or {}, ctx.text.strip()
    if not field or data.get(field) or len(text) > then.get("words_max", 0):
        return False
    if then.get("words_kind") == "wish":  # 想要一台收音机 for a wish (``words_kind``); else the problem
        if not intents.wish(normalize(text)) and ctx.app.understander.understand(text).intent is not Intent.wish:
            return False
    elif not complaint(normalize(text)):
        return False
    ctx.dialog.goto(ctx.dialog.step or "name", then={**then, "data": {**data, field: text}})
    return True


def _said_again(ctx: Context) -> str | None:
    """The complaint waiting behind the question, said again (噪音, 我要投诉 楼上, the problem anew): noted; else None.

    噪音 at 您同意吗, its problem already kept, left the profile and began a
    second complaint whose description was 噪音, the real one put aside as
    a draft. Now a category named is kept for the complaint (its category
    question is not asked), words it already holds are said to be kept, and
    new words about the problem are added to it: nothing lost, nothing twice.
    The caller asks its question again.
    """
    then = ctx.dialog.data.get("then") or {}
    field, data, text = then.get("words"), then.get("data") or {}, ctx.text.strip()
    said = data.get(field) if field else None
    if not field or not text or then.get("words_kind") == "wish":
        return None
    from handlers.cases.categories import named_category  # the cases build on the profile: imported late

    category = named_category(text)
    if category is not None and (said or not PROBLEM.search(normalize(text))):  # 噪音 alone is no description
        ctx.dialog.goto(ctx.dialog.step or "name", then={**then, "data": {**data, "category_said": category}})
        key = "profile.category_kept" if said else "profile.category_kept_alone"
        return ctx.t(key, category=ctx.t(f"cases.categories.{category}"))
    if not said:
        return None
    if not complaint(normalize(text)) and ctx.app.understander.understand(text).intent is not Intent.complaint:
        return None
    added = f"{said}，{text}"
    if text in said or normalize(text) in normalize(said) or len(added) > then.get("words_max", 0):
        return ctx.t("profile.words_noted", text=_first_words(said))
    ctx.dialog.goto(ctx.dialog.step or "name", then={**then, "data": {**data, field: added}})
    return ctx.t("profile.words_added", text=text[:60])


def _first_words(said: str) -> str:
    """The first words of what was kept, to show it is the same matter (楼上天天半夜剁饺子馅…)."""
    return said if len(said) <= 16 else said[:15] + "…"


async def _short_text_step(ctx: Context, field: str, *, max_length: int) -> HandlerResult:
    """A short answer as typed."""
    value = ctx.text.strip()
    if not value or ctx.payload:
        return Reply(ctx.t(f"profile.ask_{field}"))
    if len(value) > max_length:
        return Reply(ctx.t("profile.too_long", limit=max_length))
    return await collect(ctx, **{field: value})


async def _building_step(ctx: Context, payload: str) -> HandlerResult:
    community_id = ctx.dialog.data["collected"]["community_id"]
    buildings = await org.buildings(ctx.uow, community_id)
    if payload.startswith("pf:b:"):
        chosen = next((b.name for b in buildings if str(b.id) == payload[5:]), None)
        if chosen:  # with the unit and door typed beside the building (3号楼2单元301), not asked again
            return await collect(ctx, building=chosen, **unit_and_room(ctx.dialog.data.get("building_rest") or ""))
    typed = ctx.text.strip()
    if not typed:
        return Reply(ctx.t("profile.ask_building"))
    meant = building_meant(typed, buildings)  # the building's own spelling is stored
    kept = ctx.dialog.data.get("building_rest") or ""  # 1单元402 said before the building
    if meant is not None:  # 北苑三号楼二单元501, 我住北苑3号楼: the building, and the unit and room said with it
        building, rest = meant
        return await collect(ctx, building=building.name, **unit_and_room(rest or kept))
    estate = ctx.dialog.data.get("building_estate")
    of_estate = building_of_estate(typed, estate, buildings) if isinstance(estate, str) else None
    if of_estate is not None:  # 文峰北苑 ⏎ 2号楼(2单元301): that estate's 2号楼
        building, rest = of_estate
        return await collect(ctx, building=building.name, **unit_and_room(rest or kept))
    named = estate_named(typed, buildings)
    if named is not None:  # 文峰北苑, 北苑小区: which of its buildings
        stem, its_buildings = named
        ctx.dialog.goto(ctx.dialog.step, building_estate=stem)
        buttons = [Button(b.name, f"pf:b:{b.id}") for b in its_buildings[:12]]
        return Reply(ctx.t("profile.which_building_of", estate=stem), rows(*buttons, human_button(ctx), per_row=2))
    if _passing_word(typed):  # 继续: the question again, not "没看懂“继续”是哪一栋"
        return Reply(ctx.t("profile.ask_building"))
    if not payload and (noted := _said_again(ctx)) is not None:
        return Reply(noted + "\n" + ctx.t("profile.ask_building"))
    if not payload and _kept_for_then(ctx):  # the wish or the problem typed here: kept for the form that asked
        return Reply(_kept_note(ctx) + "\n" + ctx.t("profile.ask_building"))
    if not payload and another_matter(ctx):
        return None  # 我先问问低保怎么办: left to be answered (the form is put aside for 继续)
    if unit_or_door_only(typed):  # 1单元, 402: kept for when the building is said
        said = arabic(keyword_form(typed))
        both = kept + said  # 2单元 ⏎ 502: both kept, not the door in the unit's place
        ctx.dialog.goto(ctx.dialog.step, building_rest=both if kept and len(unit_and_room(both)) == 2 else said)
        return Reply(ctx.t("profile.building_first"), rows(human_button(ctx)))
    building, rest = building_and_rest(typed)
    ctx.dialog.goto(ctx.dialog.step, building_rest=rest or kept)
    suggestions, _containing = nearest_buildings(building, buildings)
    if not suggestions:  # 是, 好的: nothing like a building's name
        return Reply(ctx.t("profile.building_again", typed=typed[:12]), rows(human_button(ctx)))
    buttons = [Button(b.name, f"pf:b:{b.id}") for b in suggestions[:8]]
    # A building missing from the community's list (a new block) must not keep the resident asking for
    # ever: staff can add it, and reach them meanwhile.
    return Reply(ctx.t("profile.pick_building", typed=typed), rows(*buttons, human_button(ctx), per_row=2))


def _address_before_consent(ctx: Context) -> Reply:
    """An address typed at the consent question: kept for after the 同意 and read at the building question.

    Elderly residents answer the questions they expect (name, phone, then
    北苑2号楼, 1单元, 302, each on its own line); the address went on to be
    答不上来 and was lost. The parts are kept building first, so the building
    question reads them as one address.
    """
    parts = [*ctx.dialog.data.get("address_parts", []), ctx.text.strip()]
    parts.sort(key=lambda part: 0 if _NAMES_A_BUILDING.search(part) else 1 if "单元" in part else 2)
    need = list(ctx.dialog.data.get("need", []))
    if "address" not in need:  # offered unasked: kept, as a name or a phone typed here is
        need.append("address")
    ctx.dialog.goto("consent", address_parts=parts, address_said=" ".join(parts), need=need)
    asked = consent(ctx)
    return Reply(ctx.t("profile.consent_first", detail=ctx.text.strip()) + "\n" + asked.text, asked.buttons)


_NAMES_A_BUILDING = re.compile(r"号楼|号院|座|栋|幢|楼(?!层)")


# A bare 2–3 character answer starting with one of the commonest surnames is taken for a name.
_SURNAMES = set(people.COMMON_SURNAMES)
_NAMED = re.compile(r"^(我|俺)(的名字)?(叫|姓)|^叫我|^名字叫")


def _offered_detail(text: str) -> dict[str, str] | None:
    """A phone number or a name typed at the consent question, before answering it (the next questions' answers)."""
    raw = text.strip()
    try:
        return {"phone": people.normalise_phone(raw)}
    except InvalidInput:
        pass
    bare = re.fullmatch(r"[\u4e00-\u9fff]{2,3}", raw) is not None and raw[0] in _SURNAMES
    if not (bare or _NAMED.search(raw)):
        return None
    try:
        return {"name": people.normalise_name(raw)}
    except InvalidInput:
        return None


@router.command("me", keywords=("我的资料", "我的信息", "个人信息", "my profile", "my details", "profile"))
async def me(ctx: Context) -> HandlerResult:
    return Reply(await describe(ctx), me_buttons(ctx))


@router.button("me")
async def me_button(ctx: Context) -> HandlerResult:
    if ctx.payload == "me:edit":
        return await begin(ctx, list(FIELDS), None)
    if ctx.payload == "me:address":  # 登记住址 under 网格员是谁: the address alone, as 改地址 asks it
        return await begin(ctx, ["address"], None)
    return await me(ctx)


@router.intent("profile")
async def change_details(ctx: Context) -> HandlerResult:
    """改一下电话, 俺电话换了，新号是139…: ask for that detail only (all of them for 改资料); a number said with it is kept.

    In English the same ("change my phone number", "my new number is 139…", "change my address").

    我登记的电话是多少, 我叫什么 ask what is kept, not to change it: shown as 我的资料.
    """
    said = changed_detail(normalize(ctx.text))
    if said is None:  # change my phone number, my new number is 139…: as 改手机号
        said = english.changed_detail(ctx.text)
    if said is None and (small_talk.asks_own_details(normalize(ctx.text)) or english.asks_own_details(ctx.text)):
        return await me(ctx)
    field = said or ""
    need = [field] if field else list(FIELDS)
    offered: dict[str, str] = {}
    if field == "phone" and (typed := people.phone_in(ctx.text)) is not None:
        offered["phone"] = typed
    address = _NEW_ADDRESS.search(ctx.text) if field == "address" else None
    return await begin(ctx, need, None, collected=offered, address_said=address.group(1) if address else None)


# 把地址改成北苑3号楼2单元501, 我搬到北苑3号楼了, 新地址是…: the new address, given with the asking.
_NEW_ADDRESS = re.compile(r"(?:改成|改为|换成|变成|搬到了?|搬去了?|搬进了?|新地址(?:是|为|:|：)?|新家在)\s*(.*?\d.*)$")
