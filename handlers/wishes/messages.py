"""Words for the other side of a wish: the resident to the volunteer who claimed it, and back.

跟志愿者说我下午三点以后在家 and 志愿者什么时候来 got the guide to
registering as a volunteer; a claimer's 问一下阿姨收音机要什么样的 the guide
to housekeeping. Said by the wish's maker or its claimer, such words are
passed on (bot.services.wishes.messages checks who may); the push carries a
button to answer, and words typed right under it are the answer. From
anyone else, or words that are not addressed so, they are read as ever.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.models import Person
from bot.services.errors import DomainError
from bot.services.wishes.records import volunteer_name
from bot.services.wishes import messages
from handlers.common import back_button
from knowledge.normalize import normalize

from handlers.wishes.addressed import (
    CALLS_RESIDENT,
    CALLS_VOLUNTEER,
    SOMEONE_COMING,
    VOLUNTEER_WHO,
    NICKNAME_COMING,
    REROUTED,
    TO_RESIDENT,
    TO_VOLUNTEER,
    VOLUNTEER_COMING,
    VOLUNTEER_CONTACT,
    called_by,
)
from handlers.wishes.basics import MESSAGE as DIALOG, router, wish_id_of

@router.words_anywhere
async def words_for_the_other_side(ctx: Context) -> Reply | None:
    """Words addressed to the volunteer (by the maker) or to the resident (by the claimer): passed on; else None."""
    if ctx.message.attachment is not None or not ctx.text:
        return None
    form = normalize(ctx.text)
    contact = VOLUNTEER_CONTACT.search(form) is not None
    nickname = NICKNAME_COMING.search(form)
    if not (TO_VOLUNTEER.search(form) or VOLUNTEER_COMING.search(form) or TO_RESIDENT.search(form) or contact or nickname):
        if VOLUNTEER_WHO.search(form) or SOMEONE_COMING.match(form):  # 小伙子叫什么名字, 他几点来
            return await _about_the_volunteer(ctx, asks_name=VOLUNTEER_WHO.search(form) is not None)
        return None  # the cheap test first: every message passes here
    if (own := await _wish_words(ctx)) is not None:  # 这个我弄不了，跟阿姨说一声: the claim is given back first
        return own
    to_volunteer = bool(TO_VOLUNTEER.search(form) or VOLUNTEER_COMING.search(form) or contact or nickname)
    to_resident = bool(TO_RESIDENT.search(form))
    me = ctx.person.id
    meant = [
        w for w in await messages.speakable(ctx.uow, ctx.person)
        if (to_volunteer and w.person_id == me) or (to_resident and w.claimed_by == me)
    ]
    if nickname and not (contact or VOLUNTEER_COMING.search(form) or TO_VOLUNTEER.search(form)):
        meant = [w for w in meant if await called_by(ctx.uow, w, nickname.group(1))]  # 小王: their claimer, not a grandson
        if not meant:
            return None
    if contact and meant:  # 志愿者电话多少: not given; what they want to say goes through the bot
        ctx.dialog.enter(DIALOG, "text", id=meant[-1].id)
        ctx.own_words = False  # a question asked, no form of theirs: moving on keeps no draft
        return Reply(ctx.t("wishes.msg_no_phone", id=meant[-1].id))
    if len(meant) == 1:
        return await _pass_on(ctx, meant[0].id, ctx.text)  # type: ignore[arg-type]
    if meant:  # several: the words wait for the choice of wish
        ctx.dialog.enter(DIALOG, "which", words=ctx.text)
        ctx.own_words = False  # a question asked, no form of theirs: moving on keeps no draft
        buttons = [Button(ctx.t("wishes.msg_for", id=w.id, what=w.what[:12]), f"wish:msg:{w.id}") for w in meant]
        return Reply(ctx.t("wishes.msg_which"), rows(*buttons, back_button(ctx)))
    if to_resident and (gone := await messages.withdrawn_from(ctx.uow, ctx.person)) is not None:
        return Reply(ctx.t("wishes.withdrawn_no_need", id=gone.id), rows(Button(ctx.t("wishes.wall"), "wish:wall"), back_button(ctx)))
    if to_volunteer:
        waiting = await messages.waiting_for_a_claimer(ctx.uow, ctx.person)
        if waiting:  # no volunteer yet: said so, not the guide to registering as one
            return Reply(
                ctx.t("wishes.msg_no_claimer", id=waiting[-1].id),
                rows(Button(ctx.t("wishes.my_wishes"), "wish:mine:0"), back_button(ctx)),
            )
    return None


async def _about_the_volunteer(ctx: Context, *, asks_name: bool) -> Reply | None:
    """小伙子叫什么名字 / 他几点来 from the maker of a claimed wish: the name they go by, or the words offered to them.

    Both got 答不上来. 他几点来 may be about someone else (a repairman), so
    it is offered with one tap, not sent. None for anyone without a claimed wish.
    """
    mine = [w for w in await messages.speakable(ctx.uow, ctx.person) if w.person_id == ctx.person.id]
    if not mine:
        return None
    wish = mine[-1]
    if asks_name:
        volunteer = await ctx.uow.session.get(Person, wish.claimed_by)
        name = volunteer_name(volunteer, ctx.texts) if volunteer is not None else ctx.t("wishes.volunteer_someone")
        named = name != ctx.t("wishes.volunteer_someone")  # “认领的是志愿者” tells her nothing: no name was left
        return Reply(
            ctx.t("wishes.claimer_is", id=wish.id, volunteer=name) if named else ctx.t("wishes.claimer_unnamed", id=wish.id),
            rows(Button(ctx.t("wishes.say_to_volunteer"), f"wish:msg:{wish.id}"), back_button(ctx)),  # words under it go to them
        )
    ctx.dialog.enter(DIALOG, "ask", words=ctx.text)
    ctx.own_words = False  # a question asked, no form of theirs: moving on keeps no draft
    return Reply(
        ctx.t("wishes.msg_is_it_volunteer", id=wish.id, words=ctx.text.strip()[:40]),
        rows(Button(ctx.t("wishes.msg_yes"), f"wish:msgyes:{wish.id}"), Button(ctx.t("wishes.msg_no"), "wish:msgno"), per_row=2),
    )


async def message_pressed(ctx: Context) -> HandlerResult:
    """回复志愿者 #3 / 回复居民 #3 / 给志愿者捎句话 (under 已由志愿者认领): checked by the service, then the words asked."""
    wish_id = wish_id_of(ctx.payload.split(":")[2] if ctx.payload and ctx.payload.count(":") >= 2 else "")
    await messages.check_speaker(ctx.uow, ctx.person, wish_id)
    ctx.dialog.enter(DIALOG, "text", id=wish_id)
    return Reply(ctx.t("wishes.ask_msg", id=wish_id))


@router.dialog(DIALOG)
async def message_dialog(ctx: Context) -> HandlerResult:
    """The words to pass on, or (words held) the wish they go with, or 不是 (the words read as any message)."""
    held = ctx.dialog.data.get("words")
    if ctx.payload is not None:
        ctx.dialog.leave()
        if held and ctx.payload.startswith(("wish:msg:", "wish:msgyes:")):
            return await _pass_on(ctx, wish_id_of(ctx.payload.split(":")[2]), held)
        if held and ctx.payload == "wish:msgno":  # not for the other side: answered as if typed alone
            return await _as_typed(ctx, held)
        return None
    if held or not ctx.text:
        ctx.dialog.leave()
        return None
    wish_id = ctx.dialog.data["id"]
    ctx.dialog.leave()
    return await _pass_on(ctx, wish_id, ctx.text)


# Read plainly as one of these, words under the other side's message are its answer (要能插卡的那种, 好的我明天去);
# read as a complaint, a booking or a service question they may be either: asked, one tap.
_ANSWER_LIKE = frozenset({"unknown", "thanks", "greeting"})
router.accepts_yes("wish:msgyes:")  # 好的 / 是的 under 这句话是要转告的吗


@router.accepts_words("wish:msg:")
async def words_under_a_message(ctx: Context) -> Reply | None:
    """Words typed right under a push from the other side (志愿者问…): passed on, or asked about when they read as a request."""
    if ctx.message.attachment is not None or not ctx.text or len(ctx.text) > 500:
        return None
    ids = {p.split(":")[2] for _label, p in ctx.shown if p.startswith("wish:msg:")}
    if len(ids) != 1:
        return None
    if (own := await _wish_words(ctx)) is not None:  # 这个我弄不了, 收音机收到了，谢谢: what they say, not a message
        return own
    wish_id = wish_id_of(ids.pop())
    try:
        wish = await messages.check_speaker(ctx.uow, ctx.person, wish_id)
    except DomainError:  # closed, or not theirs: the words are read as ever
        return None
    form = normalize(ctx.text)
    if wish.person_id == ctx.person.id and VOLUNTEER_WHO.search(form):  # 他叫什么名字 again: told, not passed on
        return await _about_the_volunteer(ctx, asks_name=True)
    addressed = TO_VOLUNTEER.search(form) or VOLUNTEER_COMING.search(form) or TO_RESIDENT.search(form)
    # 阿姨我明天上午一定到 read as a booking was asked about: opening by calling the other side, it answers them
    calls = CALLS_VOLUNTEER if wish.person_id == ctx.person.id else CALLS_RESIDENT
    addressed = addressed or calls.match(form)
    understood = ctx.app.understander.understand(ctx.text)
    if addressed or understood.intent.value in _ANSWER_LIKE or (understood.intent.value == "service" and understood.decision != "answer"):
        return await _pass_on(ctx, wish_id, ctx.text)
    # 我家楼道灯坏了 hours later, or 我白天都在家 read as a service: one tap says which
    ctx.dialog.enter(DIALOG, "ask", words=ctx.text)
    ctx.own_words = False  # a question asked, no form of theirs: moving on keeps no draft
    to = "wishes.msg_is_it_volunteer" if wish.person_id == ctx.person.id else "wishes.msg_is_it_resident"
    return Reply(
        ctx.t(to, id=wish_id, words=ctx.text.strip()[:40]),
        rows(Button(ctx.t("wishes.msg_yes"), f"wish:msgyes:{wish_id}"), Button(ctx.t("wishes.msg_no"), "wish:msgno"), per_row=2),
    )


async def _as_typed(ctx: Context, words: str) -> HandlerResult:
    """The held words answered as the dispatcher would have answered them alone."""
    ctx.payload = None
    ctx.text = words
    ctx.understanding = ctx.app.understander.understand(words)
    handler = ctx.app.routes.intents.get(ctx.understanding.intent.value) or ctx.app.routes.intents["unknown"]
    rerouted = REROUTED.set(True)
    try:
        return await handler(ctx)
    finally:
        REROUTED.reset(rerouted)  # the next message may be news again


async def _wish_words(ctx: Context) -> Reply | None:
    """The wish's own words, read before any passing on: a claimer who cannot do it or says the time served (陪了三个小时),
    a resident's thanks or "not done"."""
    from handlers.wishes.resident_words import words_of_a_wish  # they build on the actions, which build on this module
    from handlers.wishes.said import time_served_said
    from handlers.wishes.volunteers import cannot_do_it

    return await cannot_do_it(ctx) or await time_served_said(ctx) or await words_of_a_wish(ctx)


# 回复居民 好的我明天去: the button's words typed before the answer are not part of it
_BUTTON_WORDS = re.compile(r"^\s*回复\s*(?:居民|志愿者)\s*(?:[#＃]?\s*\d+)?[\s:：,，]*")


async def _pass_on(ctx: Context, wish_id: int, words: str) -> Reply:
    words = _BUTTON_WORDS.sub("", words) or words
    passed = await messages.pass_on(ctx.uow, ctx.person, wish_id, words)
    key = "wishes.msg_sent_volunteer" if passed.to_volunteer else "wishes.msg_sent_resident"
    return Reply(ctx.t(key, id=passed.wish.id, words=words.strip()[:60]), rows(back_button(ctx)))

