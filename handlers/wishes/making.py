"""Making a wish: what, why, by when, a photo; what was said with the request is kept."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.clock import local
from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.numerals import arabic
from bot.core.router import HandlerResult
from bot.core.validation import command_parts, is_id, record_number
from bot.services import wishes
from handlers.asides import bare_number
from handlers.common import NO_PHOTO, back_button, goes_back, main_menu
from handlers.profile_form import ask_profile
from knowledge.normalize import normalize

from handlers.wishes.basics import DIALOG, router, rules_of
from handlers.wishes.changing import change_said, says_change
from handlers.wishes.reading import (
    ONLY_ASKS_TO_WISH,
    SaidWish,
    asks_how_wishes_go,
    read_wish,
    sounds_like_the_wall,
    wants_to_claim,
)
from handlers.wishes.wanted_by import read_wanted_by
from handlers.wishes.withdrawing import NEVER_MIND, says_withdraw, withdraw_said

MAX_WHAT = 200
MAX_WHY = 500

router.accepts_said("wi:skip", NO_PHOTO)  # 没有照片 under 有相关照片吗: skipped, not asked again


def _wish_said(ctx: Context) -> SaidWish:
    """The wish said with the request (希望有人陪我去医院复查, 微心愿 想要一台收音机) and its reason; "" each when not said."""
    said = (ctx.text if ctx.understanding is not None else ctx.args).strip()
    if not said or ONLY_ASKS_TO_WISH.fullmatch(normalize(said)):
        return SaidWish("")
    return read_wish(said)


@router.opens_form(DIALOG)  # 微心愿 again inside the wish: it is open (handlers.drafts.already_open)
@router.command("wish", keywords=("微心愿", "许愿", "许个心愿", "许心愿", "我有个心愿"))
@router.button("wishnew")
@router.intent("wish")
async def start(ctx: Context) -> HandlerResult:
    """Make a wish; what was already said is the wish, and the next question is why."""
    if ctx.text and says_withdraw(ctx.text):  # 我的心愿不要了 read as wanting a wish: it takes one back
        return await withdraw_said(ctx)
    if ctx.text and sounds_like_the_wall(ctx.text):  # 心愿强: the wall as typed on a pinyin keyboard, not a wish
        from handlers.wishes.actions import list_wishes  # the actions build on the form's neighbours: imported late

        return await list_wishes(ctx)
    if ctx.text and says_change(ctx.text):  # 我想改一下心愿，不要书了，要个书包: that one changed, not a new one of those words
        return await change_said(ctx)
    if ctx.text and asks_how_wishes_go(ctx.text):  # 我的心愿怎么样了: their wishes, not a new one of those words
        from handlers.wishes.actions import my_wishes  # the actions build on the form's neighbours: imported late

        return await my_wishes(ctx)
    if ctx.text and wants_to_claim(ctx.text):  # 有啥心愿可以认领: the wall (or how to become a volunteer), not a wish
        from handlers.wishes.volunteers import wishes_to_claim  # built on the actions, which build on this module

        return await wishes_to_claim(ctx)
    said = _wish_said(ctx)
    too_long = len(said.what) > MAX_WHAT  # said, but too long to be the wish itself: asked for, shorter, with the reason
    if too_long:
        said = SaidWish("")
    step, data = _first_step(said)
    # The wish typed at a profile question (想要一台收音机 for the door number) is kept as the wish.
    then = {"dialog": DIALOG, "step": step, "data": data, "words": "what", "words_max": MAX_WHAT, "words_kind": "wish"}
    asked = await ask_profile(ctx, ("name", "phone", "address"), then=then)
    if asked is not None:
        return asked
    ctx.dialog.enter(DIALOG, step, **data)
    if said.what:
        return told_what_and_why(ctx) if step == "by" else ask_step(ctx, step)
    return Reply(ctx.t("wishes.too_long", limit=MAX_WHAT) if too_long else ctx.t("wishes.ask_what"))


# Where they live, said once more after the profile's address questions (2单元501, 北苑3号楼), or a nod (嗯, 好的,
# 不知道): kept as the wish, volunteers were shown “心愿：2单元501” and the reason went into the wish's place.
_NUM = "[0-9一二三四五六七八九十零〇两]+"
_ADDRESS_ONLY = re.compile(
    rf"(?:[\u4e00-\u9fff]{{1,8}}?(?:小区|社区|苑|园|院|里|村))?(?:{_NUM}(?:号楼|栋|幢|号院|楼))?"
    rf"(?:{_NUM}(?:单元|门))?(?:{_NUM}(?:室|号|户|层|楼)?)?"
)
_NODS = frozenset("嗯 嗯嗯 嗯呢 好 好的 好了 是 是的 对 对的 行 可以 知道了 不知道 不晓得 没有 没 ok 啊 哦".split())


def not_a_wish(text: str) -> bool:
    """Whether the words are only an address or a nod, never what someone wishes for."""
    form = arabic(normalize(text)).lower()
    return form in _NODS or (any(c.isdigit() for c in form) and _ADDRESS_ONLY.fullmatch(form) is not None)


def _address_only(text: str) -> bool:
    """Whether the words are only a door or building with its numbers (502, 3号楼2单元): never why a wish is needed."""
    form = arabic(normalize(text)).lower()
    return any(c.isdigit() for c in form) and _ADDRESS_ONLY.fullmatch(form) is not None


def _first_step(said: SaidWish) -> tuple[str, dict[str, str]]:
    """The question after what was said: what, why, or (the reason given too) by when."""
    if not said.what:
        return "what", {}
    if said.why and len(said.why) <= MAX_WHY:
        return "by", {"what": said.what, "why": said.why}
    return "why", {"what": said.what}


_BY_DAYS = (7, 14, 30, 0)  # the deadlines offered, in days from today (0: no deadline)


def _ask_by(ctx: Context, before: str = "") -> Reply:
    buttons = [Button(ctx.t(f"wishes.by_{d}"), f"wi:by:{d}") for d in _BY_DAYS]
    return Reply((before + "\n" if before else "") + ctx.t("wishes.ask_by"), rows(*buttons, per_row=2))


def _ask_photo(ctx: Context) -> Reply:
    return Reply(ctx.t("wishes.ask_photo"), rows(Button(ctx.t("wishes.skip"), "wi:skip")))


_BACK = {"why": "what", "by": "why", "photo": "by"}  # 返回, 上一步: the question before


@router.form_words(DIALOG)
async def let_go(ctx: Context) -> HandlerResult:
    """不要了, 不许了, 那个心愿算了吧 at any question of making a wish, the profile's asked first too: it ends, nothing kept.

    These were stored as the wish or its reason (心愿：不要了), read as a day,
    or, at 您同意吗, kept the wish as a draft and asked again. 取消心愿 #1
    names a wish made before: the form ends and that one is offered for
    withdrawal. Else None: the question takes the words.
    """
    if says_withdraw(ctx.text) and record_number(command_parts(ctx.text)[1]) is not None:
        ctx.dialog.leave()
        ctx.args = command_parts(ctx.text)[1]
        offered = await withdraw_said(ctx)
        assert isinstance(offered, Reply)
        return Reply(ctx.t("wishes.not_submitted") + "\n" + offered.text, offered.buttons)
    if NEVER_MIND.fullmatch(normalize(ctx.text)) or says_withdraw(ctx.text):
        ctx.dialog.leave()
        return main_menu(ctx, ctx.t("wishes.not_submitted"))
    if ctx.dialog.name == DIALOG and ctx.dialog.step == "what" and sounds_like_the_wall(ctx.text):
        from handlers.wishes.actions import list_wishes  # nothing written yet: the wall, and the form left

        ctx.dialog.leave()
        return await list_wishes(ctx)
    if ctx.dialog.name == DIALOG and ctx.dialog.step in ("what", "why", "by") and asks_how_wishes_go(ctx.text):
        return await _how_they_go(ctx, ctx.dialog.step)
    return None


async def _how_they_go(ctx: Context, step: str) -> Reply:
    """心愿审核了吗 at a question of the form: the wishes made so far, then the question again, the form kept."""
    from handlers.wishes.actions import my_wishes  # the actions build on the form's neighbours: imported late

    listed = await my_wishes(ctx)
    assert isinstance(listed, Reply)
    asked = ask_step(ctx, step)
    return Reply(listed.text + "\n\n" + asked.text, asked.buttons)


def _went_back(ctx: Context, step: str) -> HandlerResult:
    """返回 / 上一步: the question before, what was answered kept; at the first one, out of the form; else None."""
    if ctx.payload or not goes_back(ctx.text):
        return None
    back = _BACK.get(step)
    if back is None:  # at the first question there is none before: back out of the form
        ctx.dialog.leave()
        return main_menu(ctx, ctx.t("wishes.not_submitted"))
    ctx.dialog.goto(back)
    return ask_step(ctx, back)


# 说错了, 不对，不是收音机，是想要个电视: a change of mind at a later question, kept there as the reason (说错了)
# or refused as a day. Alone it goes back a question; with a wish after it, that is the wish.
_WRONG = re.compile(r"^\s*(?:不对|说错了|写错了|搞错了|弄错了|打错了|错了|不是这个)(?:了|啊|呀)?[，,。.！!、\s]*(?:不是[^，,。.、\s]*[，,。.、\s]*)?(?:应该是|我是说|是)?(.*)$", re.S)
_WISH_WORDS = re.compile(r"想|要|希望|需要|帮|陪|送|修")


def _corrected(ctx: Context, step: str) -> Reply | None:
    """A change of mind at why / by / photo: back a question, or the new wish kept and its reason asked; else None."""
    if ctx.payload or not ctx.text or step not in ("why", "by", "photo"):
        return None
    said = _WRONG.match(ctx.text)
    if said is None:
        return None
    rest = said.group(1).strip(" ，,。.！!、")
    if not rest:  # 说错了 alone: the question before, as 返回
        ctx.dialog.goto(_BACK[step])
        return ask_step(ctx, _BACK[step])
    today = local(ctx.now, ctx.app.settings.timezone).date()
    understood, when = read_wanted_by(rest, today)
    if step == "by" and understood:
        ctx.text = rest  # 不对，是下周三: the day itself, read by the step
        return None
    if step == "photo" and understood and (when is None or when >= today):  # the day put right after it was chosen
        ctx.dialog.goto("photo", by=when.isoformat() if when else None)
        return _ask_photo(ctx)
    if not _WISH_WORDS.search(rest) or not_a_wish(rest) or len(rest) > MAX_WHAT:
        return None
    ctx.dialog.goto("why", what=rest)
    return ask_step(ctx, "why")


def ask_step(ctx: Context, step: str) -> Reply:
    """The question of `step` again, with what was answered to it shown where that helps."""
    if step == "what":
        return Reply(ctx.t("wishes.ask_what"))
    if step == "why":
        return Reply(ctx.t("wishes.got_what", what=ctx.dialog.data.get("what", "")) + "\n" + ctx.t("wishes.ask_why"))
    return _ask_by(ctx) if step == "by" else _ask_photo(ctx)


def told_what_and_why(ctx: Context) -> Reply:
    """Both said in one message: what was understood, so a wrong split can be put right with 返回, then by when."""
    data = ctx.dialog.data
    return _ask_by(ctx, ctx.t("wishes.got_what_why", what=data.get("what", ""), why=data.get("why", "")))


@router.dialog(DIALOG)
async def wish_dialog(ctx: Context) -> HandlerResult:
    step = ctx.dialog.step
    payload = ctx.payload or ""
    if payload and payload != "resume" and not payload.startswith("wi:"):
        return None
    went_back = _went_back(ctx, step or "")
    if went_back is not None:
        return went_back
    corrected = _corrected(ctx, step or "")
    if corrected is not None:
        return corrected
    if step == "what":
        if payload == "resume" and ctx.dialog.data.get("what"):  # told at a profile question: not asked again
            ctx.dialog.goto("why")
            return ask_step(ctx, "why")
        if not ctx.text:
            return Reply(ctx.t("wishes.ask_what"))
        if bare_number(ctx.text) or not_a_wish(ctx.text):  # 201, 2单元501, 嗯 (a door, a choice gone by, a nod): asked again
            return Reply(ctx.t("wishes.not_a_wish", text=ctx.text.strip()[:20]))
        if len(ctx.text) > MAX_WHAT:
            return Reply(ctx.t("wishes.too_long", limit=MAX_WHAT))
        if ctx.dialog.data.get("why"):  # a wish changed: its reason kept, shown to be put right with 返回
            ctx.dialog.goto("by", what=ctx.text)
            return told_what_and_why(ctx)
        ctx.dialog.goto("why", what=ctx.text)
        return Reply(ctx.t("wishes.ask_why"))
    if step == "why":
        if not ctx.text:
            return Reply(ctx.t("wishes.ask_why"))
        if bare_number(ctx.text) or _address_only(ctx.text):  # 502 said again after the profile's door: no reason
            return Reply(ctx.t("wishes.not_a_reason", text=ctx.text.strip()[:20], what=ctx.dialog.data.get("what", "")[:30]))
        if len(ctx.text) > MAX_WHY:  # never cut silently: the step waits for the whole text, shorter
            return Reply(ctx.t("wishes.why_too_long", limit=MAX_WHY))
        ctx.dialog.goto("by", why=ctx.text)
        return _ask_by(ctx)
    if step == "by":
        if payload == "resume" and ctx.dialog.data.get("why"):  # both told before the profile questions
            return told_what_and_why(ctx)
        today = local(ctx.now, ctx.app.settings.timezone).date()
        # only a deadline offered: a forged wi:by:999999999 overflowed the date into a system error
        if payload.startswith("wi:by:") and is_id(payload[6:]) and int(payload[6:]) in _BY_DAYS:
            days = int(payload[6:])
            ctx.dialog.goto("photo", by=(today + timedelta(days=days)).isoformat() if days else None)
            return _ask_photo(ctx)
        if not ctx.text:
            return _ask_by(ctx)
        understood, when = read_wanted_by(ctx.text, today)
        if not understood:  # say what was not understood: a question asked again looks like a stuck bot
            return _ask_by(ctx, ctx.t("wishes.by_unclear", text=ctx.text[:20]))
        if when is not None and when < today:
            return _ask_by(ctx, ctx.t("wishes.by_past", date=when.isoformat()))
        ctx.dialog.goto("photo", by=when.isoformat() if when else None)
        return _ask_photo(ctx)
    if step == "photo":
        photo_ref = photo_size = None
        if payload != "wi:skip":
            attachment = ctx.message.attachment
            if attachment is None or attachment.kind != "photo":
                return _ask_photo(ctx)
            rules = rules_of(ctx)
            if attachment.size is not None and attachment.size > rules.max_photo_bytes:
                return Reply(
                    ctx.t("cases.photo_too_big", limit=rules.max_photo_bytes // (1024 * 1024)),
                    rows(Button(ctx.t("wishes.skip"), "wi:skip")),
                )
            photo_ref, photo_size = attachment.ref, attachment.size
        data = ctx.dialog.data
        wish = await wishes.make_wish(
            ctx.uow,
            ctx.person,
            what=data["what"],
            why=data["why"],
            wanted_by=date.fromisoformat(data["by"]) if data.get("by") else None,
            rules=rules_of(ctx),
            photo_ref=photo_ref,
            photo_size=photo_size,
        )
        ctx.dialog.leave()
        made = (Button(ctx.t("wishes.my_wishes"), "wish:mine:0"), Button(ctx.t("wishes.withdraw_this"), f"wish:wdask:{wish.id}"))
        return Reply(ctx.t("wishes.made", id=wish.id), rows(*made, back_button(ctx)))
    return None
