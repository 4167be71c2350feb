"""After a wish is claimed: the reason for declining, the hours served, the thanks."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.numerals import arabic
from bot.core.router import HandlerResult
from bot.models import Wish
from bot.services import support, wishes
from bot.services.errors import Conflict
from handlers.common import back_button
from knowledge.normalize import normalize

from handlers.wishes.basics import REASON, ask_hours, grateful, SERVED, THANKS, router, rules_of, thanks_said

@router.dialog(REASON)
async def reason_dialog(ctx: Context) -> HandlerResult:
    if ctx.payload is not None:
        return None
    if not ctx.text:
        return Reply(ctx.t("wishes.ask_reason", id=ctx.dialog.data["id"]))
    return await decline(ctx, ctx.dialog.data["id"], ctx.text)


async def decline(ctx: Context, wish_id: int, reason: str) -> Reply:
    """The wish declined with `reason`; reviewed meanwhile by a colleague, who did what, and the reason kept back.

    Refused from inside the service, the question stayed open: every later
    message (低保怎么办 too) was taken as the reason and refused again.
    """
    if ctx.dialog.name == REASON:
        ctx.dialog.leave()
    try:
        wish = await wishes.review(ctx.uow, ctx.person, wish_id, approve=False, reason=reason)
    except Conflict as refused:
        return Reply(ctx.t(refused.key, **refused.params) + "\n" + ctx.t("wishes.reason_not_sent", words=reason.strip()[:60]))
    return Reply(ctx.t("wishes.declined", id=wish.id))


@router.dialog(THANKS)
async def thanks_dialog(ctx: Context) -> HandlerResult:
    if ctx.payload is not None:
        return None
    if ctx.dialog.step == "offered" and not grateful(ctx.text):
        ctx.dialog.leave()  # only asked, nothing under way: no "left unfinished" note
        return None  # a message without thanks in it is about something else
    if not ctx.text:
        return Reply(ctx.t("wishes.ask_thanks"))
    wish = await wishes.thank(ctx.uow, ctx.person, ctx.dialog.data["id"], ctx.text)
    ctx.dialog.leave()
    return Reply(ctx.t("wishes.thanked", id=wish.id), rows(back_button(ctx)))


@router.dialog(SERVED)
async def hours_dialog(ctx: Context) -> HandlerResult:
    """The hours of service typed as they are said: 2.5, 两个半小时, 三个钟头, 半小时."""
    if ctx.message.payload is None and _NEGATIVE.match(ctx.text or ""):
        # -2 typed: read by the numbered choices as "2" (the second button); a length is never negative
        return _ask_hours_again(ctx, ctx.t("wishes.hours_negative", text=ctx.text.strip()[:10]))
    if ctx.payload is not None:
        ctx.dialog.leave()
        return None  # a button (one of the hours, or anything else) goes its own way
    hours = parse_hours(ctx.text)
    if hours is None:
        hours = hours_in(ctx.text)  # 搬完了，干了两个小时
    if hours is None and (about := part_of_day(ctx.text)) is not None:
        return _ask_hours_again(ctx, ctx.t("wishes.hours_about", text=ctx.text.strip()[:10], n=about))
    if hours is None:
        return None
    wish = await wishes.fulfil(ctx.uow, ctx.person, ctx.dialog.data["id"], hours, rules_of(ctx))
    ctx.dialog.leave()
    return Reply(ctx.t("wishes.fulfilled", id=wish.id))


_NEGATIVE = re.compile(r"\s*(?:[-−－—]|负)\s*[\d一二两三四五六七八九十半]")
# 一上午, 一下午, 大半天, 一整天: a length people give, but no number of hours to credit
_PART_OF_DAY = {"上午": 3, "下午": 3, "晚上": 3, "半天": 3, "天": 8, "整天": 8}
_PART_OF_DAY_SAID = re.compile(r"(?:大概|差不多|干了|用了|花了)?(?:一|大半个?|整个|一整个|一个)?(整天|上午|下午|晚上|半天|天)(?:吧|了|左右)*")
# 陪了一上午, 忙了大半天, 整整一下午: the same length after what was done (a bare 天 only as above: 今天)
_PART_OF_DAY_IN = re.compile(r"(?:一|大半个?|整个|一整个|一个|整整一?)(整天|上午|下午|晚上|半天|天)|(半天|整天|上午|下午)")


def part_of_day(text: str | None) -> int | None:
    """About how many hours 一上午 (3) or 一整天 (8) is, to suggest; the volunteer says the number."""
    form = normalize(text or "")
    match = _PART_OF_DAY_SAID.fullmatch(form)
    if match:
        return _PART_OF_DAY[match.group(1)]
    found = _PART_OF_DAY_IN.search(form)
    return _PART_OF_DAY[found.group(1) or found.group(2)] if found else None


def _ask_hours_again(ctx: Context, why: str) -> Reply:
    """The hours asked again, saying why, with the hour buttons; the dialog stays at the hours."""
    return ask_hours(ctx, ctx.dialog.data["id"], why)


# 大概三小时, 两小时左右, 用了2个小时: the hours are the number; the hedging around it is how people say it
_AROUND_HOURS = re.compile(r"^(?:大概|大约|差不多|约|将近|估计|用了|花了|干了|服务了|一共|总共)+|(?:左右|上下|吧|了|的样子)+$")


def parse_hours(text: str) -> float | None:
    """2.5, 两个半小时, 三个钟头, 半小时, 90分钟, 一小时二十分钟, 大概三小时."""
    form = _AROUND_HOURS.sub("", arabic(text.strip().replace(" ", "")).lower())
    if re.fullmatch(r"半(个)?(小时|钟头)", form):
        return 0.5
    if match := re.fullmatch(r"(?:(\d+)(?:个)?(?:小时|钟头))?(\d+)(?:分钟|分|min|mins|minutes?)", form):
        return round(int(match.group(1) or 0) + int(match.group(2)) / 60, 2)
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(个)?(半)?(个)?(小时|钟头|钟|h|hours?)?(半)?", form)
    if match is None:
        return None
    return float(match.group(1)) + (0.5 if match.group(3) or match.group(6) else 0.0)


# A clause that names a length of time, not a bare number (完成了，3 is no length: 3 what?)
_TIME_UNIT = re.compile(r"小时|钟头|钟|分|h|hour|min", re.IGNORECASE)
CLAUSES = re.compile(r"[\s,，。!！;；、~～]+")  # not "." (2.5小时)


# A length inside a clause, after what was done: 陪了三个小时, 搬了2小时, 两个多小时 (more than 2: 2 is credited)
_LENGTH_IN = re.compile(
    r"(\d+(?:\.\d+)?)(?:个)?(半|多)?(?:个)?(?:小时|钟头)(半|多)?"
    r"|(?:(\d+)(?:个)?(?:小时|钟头))?(\d+)(?:分钟)"
)


def hours_in(text: str) -> float | None:
    """The hours said somewhere in a sentence: 搬完了，干了两个小时 → 2, 陪了三个小时 → 3, 两个多小时 → 2."""
    for clause in CLAUSES.split(text or ""):
        if clause and _TIME_UNIT.search(clause):
            hours = parse_hours(clause)
            if hours is not None:
                return hours
    for clause in CLAUSES.split(text or ""):  # the length with the doing around it (陪了三个小时)
        found = _LENGTH_IN.search(arabic(clause)) if clause and _TIME_UNIT.search(clause) else None
        if found is None:
            continue
        if found.group(1) is not None:
            return float(found.group(1)) + (0.5 if "半" in (found.group(2) or "") + (found.group(3) or "") else 0.0)
        return round(int(found.group(4) or 0) + int(found.group(5)) / 60, 2)
    return None


async def thanked_for_a_wish(ctx: Context) -> Reply | None:
    """谢谢小伙子 under 请确认: the wish is done, and the words are for the volunteer.

    Only words of thanks, and only when exactly one wish waits for the
    resident's confirmation: a bare 好的 or 再见 confirms nothing here. A
    谢谢 after staff answered a 转人工 since the wish was done is for them.
    """
    if not thanks_said(ctx.text):
        return None
    waiting = await wishes.awaiting_confirmation(ctx.uow, ctx.person)
    if len(waiting) != 1 or await answered_by_staff_since(ctx, waiting[0]):
        return None
    return await confirm_said(ctx, waiting[0].id)  # type: ignore[arg-type]


async def answered_by_staff_since(ctx: Context, wish: Wish) -> bool:
    """Whether staff answered a 转人工 of theirs since the wish was done: a 谢谢 or 已经好了 now is for them."""
    talking = await support.recent_handover(ctx.uow, ctx.person)
    return talking is not None and wish.fulfilled_at is not None and talking.updated_at >= wish.fulfilled_at


async def confirm_said(ctx: Context, wish_id: int) -> Reply:
    """The wish confirmed in words; thanks in them (已经搬好了，谢谢小伙子) are passed on, else asked for."""
    wish = await wishes.confirm(ctx.uow, ctx.person, wish_id)  # the maker's, and done: checked by the service
    if thanks_said(ctx.text):
        await wishes.thank(ctx.uow, ctx.person, wish.id, ctx.text)  # type: ignore[arg-type]
        return Reply(ctx.t("wishes.confirmed_with_thanks", id=wish.id), rows(back_button(ctx)))
    ctx.dialog.enter(THANKS, "offered", id=wish.id)  # the thanks may be typed straight away
    return Reply(
        ctx.t("wishes.confirmed", id=wish.id),
        rows(Button(ctx.t("wishes.thank"), f"wish:thank:{wish.id}"), back_button(ctx)),
    )
