"""The resident's own cases: the list, one case with its history, following, adding information, rating."""

from __future__ import annotations

import re
from itertools import product

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core import validation
from bot.core.numerals import arabic
from bot.core.validation import button_parts, is_id
from bot.models import Case
from bot.services import cases
from bot.services.cases.states import shown_state
from handlers.common import as_understood, back_button

from handlers.cases.adding import add_to_case
from handlers.cases.basics import INFO, RATE, case_number, case_photos, number_and_rest, photo_of, router, rules_of
from handlers.cases.chasing import chase_case
from handlers.cases.waiting import begins_another_matter
from handlers.photos import photo_button


# ---------------------------------------------------------------- the resident's cases


@router.command("cases", keywords=("我的诉求", "我的投诉", "诉求进度", "my cases", "my complaints"))
async def my_cases(ctx: Context) -> HandlerResult:
    mine = await cases.cases_of(ctx.uow, ctx.person)
    if not mine:
        return Reply(ctx.t("cases.none_yet"), rows(Button(ctx.t("cases.menu_entry"), "report"), back_button(ctx)))
    lines = [ctx.t("cases.list_title", count=len(mine))]
    lines += [await _line(ctx, c) for c in mine]
    buttons = [Button(ctx.t("cases.view", id=c.id), f"cs:view:{c.id}") for c in mine[:8]]
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


async def _line(ctx: Context, case: Case) -> str:
    """One case in 我的诉求: a followed case is someone else's, read as the public reads it."""
    mine = case.person_id == ctx.person.id
    description = case.description if mine else await cases.public_text(ctx.uow, case, case.description)
    followed = "" if mine else ctx.t("cases.followed_mark")  # a neighbour's report, not one they filed
    return f"#{case.id} {followed}{ctx.t(f'cases.categories.{case.category}')} · {ctx.t(f'cases.states.{shown_state(case.state, case.first_resolved_at)}')} · {description[:30]}"


def _reader(ctx: Context, case: Case) -> cases.Reader:
    return "reporter" if case.person_id == ctx.person.id else "public"


async def history(ctx: Context, case: Case, reader: cases.Reader) -> str:
    lines = [ctx.t("cases.history_title")]
    for line in await cases.history_lines(ctx.uow, case, reader=reader):
        note = f"：{line.note}" if line.note else ""
        lines.append(f"{cases.when(line.at, ctx.texts, ctx.app.settings.timezone)} {cases.event_label(line, ctx.texts)}{note}")
    return "\n".join(lines)


@router.button("cs")
async def resident_button(ctx: Context) -> HandlerResult:
    action, args = button_parts(ctx.payload)
    raw = args[0] if args else ""
    if action == "list":
        return await my_cases(ctx)
    if action == "held":  # 反映问题 under a photo held for it
        from handlers.cases.filing import start  # filing builds on this module: imported late

        return await start(ctx)
    if action == "view":
        case = await cases.case_for_resident(ctx.uow, ctx.person, case_number(raw))
        text = await cases.card(ctx.uow, case, ctx.texts, ctx.app.settings.timezone, reader=_reader(ctx, case))
        buttons = [Button(ctx.t("cases.add_info"), f"cs:add:{case.id}")] if case.state in cases.OPEN_STATES and case.person_id == ctx.person.id else []
        if await cases.photo_refs(ctx.uow, case, reader=_reader(ctx, case)):
            buttons.append(photo_button(ctx, f"cs:photo:{case.id}"))
        text += "\n\n" + await history(ctx, case, _reader(ctx, case))
        if case.state == "resolved" and case.person_id == ctx.person.id:
            return Reply(text + "\n\n" + ctx.t("cases.please_rate"), cases.rating_buttons(case, ctx.texts))
        return Reply(text, rows(*buttons, back_button(ctx)))
    if action == "photo":
        case = await cases.case_for_resident(ctx.uow, ctx.person, case_number(raw))
        return await case_photos(ctx, case, _reader(ctx, case), Button(ctx.t("cases.view", id=case.id), f"cs:view:{case.id}"))
    if action == "add":
        case = await cases.case_for_reporter(ctx.uow, ctx.person, case_number(raw))
        ctx.dialog.enter(INFO, "text", id=case.id)
        return Reply(ctx.t("cases.ask_info_text", id=case.id))
    if action == "rate" and len(args) in (2, 3) and is_id(args[1]):
        stars, sure = int(args[1]), args[2:] == ["sure"]
        if sure:
            return await _rate(ctx, case_number(raw), stars, _said_with_it(ctx))
        return await _give(ctx, case_number(raw), stars, _said_with_it(ctx))
    if action == "nf":
        return await _rate(ctx, case_number(raw), None, _said_with_it(ctx))
    if action == "chase":  # 催办 #N, chosen after 催一下 with several open
        return await chase_case(ctx, case_number(raw))
    if action == "follow":  # outside the filing dialog nothing was offered: the service refuses it
        followed = await cases.follow(ctx.uow, ctx.person, case_number(raw), offered=())
        return Reply(ctx.t("cases.following", id=followed.case.id), rows(back_button(ctx)))
    return await ctx.app.routes.intents["stale_button"](ctx)


async def _rate(ctx: Context, case_id: int, stars: int | None, reason: str | None) -> Reply:
    """Rate the case (`None`: 没解决) with what was said with it, and answer as the verdict deserves.

    A reopening said with a reason tells the resident it was passed on;
    without one, 补充信息 is offered to say what is wrong (if they want to).
    """
    rated = await cases.rate(ctx.uow, ctx.person, case_id, stars, rules_of(ctx), reason=reason)
    if not rated.reopened:
        return Reply(ctx.t("cases.thanks_for_rating", id=rated.case.id), rows(back_button(ctx)))
    text = ctx.t("cases.reopened_not_fixed" if stars is None else "cases.reopened_by_rating", id=rated.case.id)
    if reason:
        return Reply(text + "\n" + ctx.t("cases.reason_passed_on", note=reason[:100]), rows(back_button(ctx)))
    return Reply(text + "\n" + ctx.t("cases.tell_why"), _tell_why(ctx, rated.case))


async def _give(ctx: Context, case_id: int, stars: int | None, reason: str | None) -> Reply:
    """A verdict given, as its button does: a low rating is confirmed first; 3–5 stars and 没解决 at once."""
    if stars is not None and stars < cases.SATISFIED_FROM:
        asked = await _confirm_low_rating(ctx, case_id, stars, reason)
        if asked is not None:
            return asked
    return await _rate(ctx, case_id, stars, reason)


def _tell_why(ctx: Context, case: Case) -> tuple[tuple[Button, ...], ...]:
    """Under a reopening said without a reason: 补充信息, to tell the grid what is still wrong."""
    return rows(Button(ctx.t("cases.add_info"), f"cs:add:{case.id}"), back_button(ctx))


def _said_with_it(ctx: Context) -> str | None:
    """What a resident typed after 没解决 or the stars (没解决，垃圾还在: 垃圾还在), passed on with the rating; None for a press."""
    if ctx.message.payload is not None:
        return None
    return ctx.args.strip() or None


# A rating typed when its buttons are no longer the last shown (五星好评, 给2星, 3 颗星): the stars said.
_STAR_NUMERALS = {1: "1一壹", 2: "2二两贰", 3: "3三叁", 4: "4四肆", 5: "5五伍"}
_STARS_SAID = {
    f"{before}{numeral}{star}{after}": stars
    for stars, numerals in _STAR_NUMERALS.items()
    for numeral, before, star, after in product(numerals, ("", "打", "给", "打个", "给个", "评"), ("星", " 星", "颗星", " 颗星"), ("", "吧", "好评"))
}
# …and a case that was not fixed: 没解决, 还没修好
_NOT_FIXED_SAID = tuple(
    f"{still}{no}{done}{after}"
    for still, no, done, after in product(("", "还"), ("没", "没有"), ("解决", "修好", "弄好", "处理好"), ("", "呢", "啊"))
)


@router.keyword(*_STARS_SAID, *_NOT_FIXED_SAID, yielding=True)
async def typed_rating(ctx: Context) -> HandlerResult:
    """Stars or 没解决 typed after other messages came between: they rate the one case awaiting a rating.

    Typed under the rating buttons they choose a button instead (see the
    dispatcher); here the buttons are gone, and the words must not be lost
    to 答不上来. A low rating is confirmed first, as pressed.
    """
    said = validation.keyword_form(validation.command_parts(ctx.text)[0] if ctx.args else ctx.text)
    stars = _STARS_SAID.get(said)
    waiting = await cases.awaiting_rating(ctx.uow, ctx.person)
    if not waiting:
        if stars is None:  # 还没解决 with nothing to rate: said to someone else (a 转人工, a case asked about)
            return await as_understood(ctx)
        return Reply(ctx.t("cases.nothing_to_rate"), rows(Button(ctx.t("cases.my_cases"), "cs:list"), back_button(ctx)))
    return await _verdict_for(ctx, waiting, stars, ctx.args.strip() or None)


async def _verdict_for(ctx: Context, waiting: list[Case], stars: int | None, reason: str | None) -> Reply:
    """Stars (None: 没解决) said for one of `waiting`: given to the one case, or held until the resident picks one.

    With several the verdict and the words said with it wait in the dialog,
    on the server (a payload could be forged, and would carry the words),
    until one of the cases offered is opened; then it is given to that case
    as if said there, a low rating confirmed first.
    """
    if len(waiting) == 1:
        return await _give(ctx, waiting[0].id, stars, reason)
    offered = waiting[:8]
    ctx.dialog.enter(RATE, "which", ids=[c.id for c in offered], stars=stars, reason=reason)
    verdict = ctx.t("cases.stars", n=stars) if stars is not None else ctx.t("cases.not_fixed")
    return Reply(ctx.t("cases.which_to_give", count=len(waiting), verdict=verdict), rows(*(_case_choice(ctx, c) for c in offered)))


def _case_choice(ctx: Context, case: Case) -> Button:
    label = ctx.t("cases.rating_choice", id=case.id, category=ctx.t(f"cases.categories.{case.category}"), description=case.description[:12])
    return Button(label, f"cs:view:{case.id}")


async def _confirm_low_rating(ctx: Context, case_id: int, stars: int, reason: str | None) -> Reply | None:
    """A rating that reopens the case and tells the grid is confirmed first: a misread number must not do it.

    The words said with it (2星 太慢了: 太慢了) wait in the dialog for the
    confirmation, which is a press: they are kept here, on the server, not
    in the button's payload, which the client sends back and could forge.
    None when there is nothing to confirm (not the reporter's, not awaiting
    a rating): `cases.rate` then refuses it with the reason.
    """
    case = await cases.case_for_resident(ctx.uow, ctx.person, case_id)
    if case.person_id != ctx.person.id or case.state != "resolved":
        return None
    text = ctx.t("cases.confirm_low_rating", id=case.id, n=stars)
    if reason:
        ctx.dialog.enter(RATE, "sure", id=case.id, stars=stars, reason=reason)
        text += "\n" + ctx.t("cases.confirm_low_rating_reason", note=reason[:100])
    return Reply(
        text,
        rows(
            Button(ctx.t("cases.confirm_low_rating_yes", n=stars), _sure(case.id, stars)),
            Button(ctx.t("cases.rate_again"), f"cs:view:{case.id}"),
        ),
    )


def _sure(case_id: int, stars: int) -> str:
    return f"cs:rate:{case_id}:{stars}:sure"


@router.dialog(RATE)
async def low_rating_held(ctx: Context) -> HandlerResult:
    """The answer to what a rating said in words left open: its low stars' confirmation, or which case it is for.

    Step "sure" holds the words said with a low rating: 确定 rates with
    them. Step "which" holds a verdict said with several cases awaiting a
    rating: opening one of the cases offered gives it to that case (a low
    rating confirmed first). Either way the held verdict ends with this
    message whatever it is: 按错了 or anything else goes on as if nothing
    were held (no "left the operation" note: nothing was lost that the
    resident did). Stars or 没解决 typed instead are a rating again, as
    anywhere else.
    """
    held = dict(ctx.dialog.data)
    step = ctx.dialog.step if "stars" in held else None  # saved without its verdict (an older shape): none to give
    ctx.dialog.leave()
    if step == "sure" and "id" in held and ctx.payload == _sure(held["id"], held["stars"]):
        return await _rate(ctx, held["id"], held["stars"], held.get("reason"))
    if step == "which" and (ctx.payload or "").startswith("cs:view:"):
        _action, args = button_parts(ctx.payload)
        if is_id(args[0]) and int(args[0]) in held.get("ids", ()):  # one of the cases offered; the service checks it again
            return await _give(ctx, int(args[0]), held["stars"], held.get("reason"))
    if ctx.payload is None and _typed_rating_words(ctx):
        return await typed_rating(ctx)
    return None


def _typed_rating_words(ctx: Context) -> bool:
    """Whether the message is stars or 没解决 (with words after it), as `typed_rating` reads it; sets ctx.args.

    Inside a dialog the dispatcher leaves such words to the dialog (they
    are also answers), so the held confirmation reads them itself.
    """
    words = set(_STARS_SAID) | set(_NOT_FIXED_SAID)
    if validation.keyword_form(ctx.text) in words:
        ctx.args = ""
        return True
    first, rest = validation.command_parts(ctx.text)
    if validation.keyword_form(first) in words and rest:
        ctx.args = rest
        return True
    return False


@router.keyword("补充信息", "补充说明", yielding=True)
async def typed_info(ctx: Context) -> HandlerResult:
    """补充信息 #1 灯还是不亮 typed: added to the resident's own case #1, as the 补充信息 button does.

    Without a number: the one case of theirs a handler asked to complete
    (待补充信息); with several open, which one; with none of their own, the
    words are read as any other message.
    """
    number, rest = number_and_rest(ctx.args)
    if number is None:
        candidates = await cases.asking_reporter(ctx.uow, ctx.person) or await cases.own_open(ctx.uow, ctx.person)
        if not candidates:
            return await as_understood(ctx)
        if len(candidates) > 1:
            buttons = [Button(f"{ctx.t('cases.add_info')} #{c.id}", f"cs:add:{c.id}") for c in candidates[:8]]
            return Reply(ctx.t("cases.which_to_add", count=len(candidates)), rows(*buttons, back_button(ctx), per_row=2))
        number = candidates[0].id
    case = await cases.case_for_reporter(ctx.uow, ctx.person, number)  # type: ignore[arg-type]
    if not rest:
        ctx.dialog.enter(INFO, "text", id=case.id)
        return Reply(ctx.t("cases.ask_info_text", id=case.id))
    case = await cases.add_info(ctx.uow, ctx.person, case.id, rules_of(ctx), text=rest)  # type: ignore[arg-type]
    return Reply(ctx.t("cases.info_added", id=case.id), rows(Button(ctx.t("cases.view", id=case.id), f"cs:view:{case.id}"), back_button(ctx)))


@router.dialog(INFO)
async def info_dialog(ctx: Context) -> HandlerResult:
    if ctx.payload is not None:
        return None
    photo = photo_of(ctx)
    if photo is None and not ctx.text:
        return Reply(ctx.t("cases.empty_info"))
    if photo is None and begins_another_matter(ctx):  # 我要反映问题 after 补充信息: a new complaint, not this case's
        return None
    case, refused = await add_to_case(ctx, ctx.dialog.data["id"], ctx.text, photo)  # a photo past the case's nine: said
    ctx.dialog.leave()
    return Reply("\n".join(filter(None, (ctx.t("cases.info_added", id=case.id), refused))), rows(back_button(ctx)))




# Stars said any way, as the resident's own words (numerals already digits): 打4分, 还行吧 3星,
# 一星都不想给, 给个五颗星. Not 5分钟, not 10分 (十分满意), not 4.5分.
_STARS_IN_WORDS = re.compile(r"(?<![0-9.])([1-5])\s*(?:颗|个)?\s*(?:星(?!期)|分(?!钟))")
_ONLY_STARS = re.compile(r"(?:我)?(?:就|只)?(?:打|给|评)?(?:个)?([1-5])(?:颗|个)?(?:星|分)(?:吧|啊|好评|的)?")
# Not satisfied, or the problem still there: 不满意, 垃圾还在呢 根本没人来, 一点没变. Not 我还在外地,
# 根本没问题: what is not done must be said (没人来, 没修好), and 还在 must end the thing said.
_NOT_DONE = r"(?:解决|修|弄好|处理|搞好|整好|清|拉走|人|来人|来(?!得)|见(?:人|好转|效果)|变|动|用|效果)"
# ... or said as the thing still as it was: 灯还是不亮, 还是黑的, 水管还是漏.
_STILL_BROKEN = r"(?:还是|仍然|依然|照样)(?:不(?:亮|好使|管用|通|转|响|行)|没(?:好|修|修好|亮|通)|黑的?|坏的?|漏|堵|臭|脏|吵|乱|满的?)"
_NOT_SATISFIED = re.compile(
    rf"不(?:太|很|怎么|咋|大|是很)?满意|差评|太差|没有?{_NOT_DONE}|{_STILL_BROKEN}"
    r"|(?<![我你他她俺])(?:还|仍然?|依然|依旧|照样|照旧)在(?=$|[呢啊呀哦吧的了,，。!！\s])|老样子|还是那样"
)
# Satisfied, without saying how many stars: 满意, 挺满意的, 解决了 谢谢.
_SATISFIED = re.compile(r"满意|好评|(?:解决|修好|弄好|处理好|搞定|清理干净|清走|拉走)了|挺好|很好|不错|还行|还可以")
_ASKING = re.compile(r"[吗?？]")


def rating_in_words(text: str) -> tuple[str, int | None] | None:
    """What a resident's own words say of a case's handling: ("stars", n), ("not_fixed", None), ("satisfied", None), else None.

    Stars win (一星都不想给 is one star); then not satisfied or still there
    (不满意, 垃圾还在呢); then satisfied without stars (满意, 解决了 谢谢),
    unless asked (解决了吗).
    """
    form = arabic(validation.keyword_form(text))
    stars = {int(n) for n in _STARS_IN_WORDS.findall(form)}
    if len(stars) == 1:
        return "stars", stars.pop()
    if stars:  # 4星还是5星: not one rating
        return None
    if _NOT_SATISFIED.search(form):
        return "not_fixed", None
    if _SATISFIED.search(form) and not _ASKING.search(form):
        return "satisfied", None
    return None


@router.accepts_words("cs:rate:")
async def rating_said(ctx: Context) -> Reply | None:
    """The resident's own words about a case awaiting their rating (打4分, 不满意, 满意), answered as they mean; else None.

    Stars rate it as the buttons do (a low rating confirmed first), with
    the words passed on when they say more than the stars; 不满意 or the
    problem still there is 没解决, with the words as the reason; 满意
    without stars is thanked and asked for the stars, not guessed. For
    someone with no case awaiting a rating, None: the words are read as
    any other message.
    """
    said = rating_in_words(ctx.text) if ctx.text and ctx.message.attachment is None else None
    if said is None:
        return None
    waiting = await cases.awaiting_rating(ctx.uow, ctx.person)
    if not waiting:
        return None
    kind, stars = said
    if kind == "satisfied":
        if len(waiting) > 1:
            return Reply(ctx.t("cases.thanks_which_to_rate", count=len(waiting)), rows(*(_case_choice(ctx, c) for c in waiting[:8])))
        return Reply(ctx.t("cases.thanks_ask_stars", id=waiting[0].id), cases.rating_buttons(waiting[0], ctx.texts))
    only_stars = kind == "stars" and _ONLY_STARS.fullmatch(arabic(validation.keyword_form(ctx.text)).replace(" ", ""))
    return await _verdict_for(ctx, waiting, stars, None if only_stars else ctx.text)
