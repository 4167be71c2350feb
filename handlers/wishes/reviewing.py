"""A wish named by its number in words: 心愿 #3 opens it, 通过 #3 / 不通过 #3 理由… review it.

Reviewers away from the review push typed 心愿 #1 or 通过心愿1 and had a
new wish of their own started; 通过 #1 got 答不上来. The words now do what
the buttons do, and the service checks who may see or review the wish.
Without a number the words are read as they were before.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import record_number
from bot.models import Wish
from bot.services import wishes
from bot.services.wishes.viewing import Opened, open_wish, reviewer_card
from handlers.common import as_understood, back_button
from handlers.photos import photo_button

from handlers.wishes.actions import confirm_buttons, wish_button
from handlers.wishes.basics import router, wish_id_of
from handlers.wishes.closing import decline

OPEN_WORDS = ("心愿", "查看心愿", "看心愿", "打开心愿", "心愿详情")
# A reviewer asking for the wishes waiting for them, as staff say it (a number after it opens that wish)
LIST_WORDS = (
    "审核心愿", "待审核心愿", "待审核的心愿", "心愿审核", "心愿待审核", "审核微心愿", "待审核微心愿",
    "待审核的微心愿", "微心愿审核", "有哪些心愿要审核", "有心愿要审核吗", "哪些心愿要审核", "要审核的心愿",
)
APPROVE_WORDS = ("通过", "通过心愿", "批准心愿", "心愿通过")
DECLINE_WORDS = ("不通过", "不通过心愿", "驳回心愿", "心愿不通过")
_FIRST_WORD = re.compile(r"[\s,，:：;；。、]+")
_NUMBER_GLUED = re.compile(r"[#＃]\s*(\d{1,9})\s*号?(.*)", re.DOTALL)  # 不通过#1重复了


def number_and_reason(args: str) -> tuple[str | None, str]:
    """The wish number that starts `args` and the words after it: "#1 重复了" → ("1", "重复了")."""
    first, rest = _split(args)
    number = record_number(first)
    if number is not None:
        return number, rest.strip()
    glued = _NUMBER_GLUED.fullmatch(unicodedata.normalize("NFKC", args.strip()))
    return (glued.group(1), glued.group(2).strip(" ，,:：。")) if glued else (None, args.strip())


def _split(args: str) -> tuple[str, str]:
    """The first word of `args` and the rest: 不通过 #1 重复了 is its number, then its reason."""
    parts = _FIRST_WORD.split(args.strip(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def _names_a_wish(args: str) -> bool:
    """心愿 #3, 通过心愿3: a number and nothing else (心愿 1号楼的王奶奶想要… is a wish said)."""
    return record_number(args) is not None


def _names_a_wish_and_why(args: str) -> bool:
    return number_and_reason(args)[0] is not None


@router.command(keywords=OPEN_WORDS, takes_args=_names_a_wish)
async def open_said(ctx: Context) -> HandlerResult:
    """心愿 #3: the card its viewer may see (reviewers the review card with 通过 / 不通过); no number: as ever."""
    number = record_number(ctx.args) if ctx.args else None
    if number is None:
        return await as_understood(ctx)
    opened = await open_wish(ctx.uow, ctx.person, wish_id_of(number), ctx.texts)
    return Reply(opened.card, rows(*_buttons(ctx, opened), back_button(ctx), per_row=2))


def _buttons(ctx: Context, opened: Opened) -> list[Button]:
    """What this viewer may do with the wish, as its pushes offer it; every press is checked again by the service."""
    wish, me = opened.wish, ctx.person.id
    n = wish.id
    if opened.reviewable:
        found = [Button(ctx.t("wishes.approve_n", id=n), f"wish:ok:{n}"), Button(ctx.t("wishes.decline_n", id=n), f"wish:no:{n}")]
        return found + ([photo_button(ctx, f"wish:photo:{n}")] if wish.photo_ref else [])
    if wish.state == "claimed" and wish.claimed_by == me:
        return [Button(ctx.t("wishes.done", id=n), f"wish:done:{n}"), Button(ctx.t("wishes.release", id=n), f"wish:rel:{n}")]
    if wish.state == "fulfilled" and wish.person_id == me:
        return confirm_buttons(ctx, n)  # type: ignore[arg-type]
    if wish.state == wishes.OPEN_FOR_VOLUNTEERS and wish.person_id != me:
        return [Button(ctx.t("wishes.claim_n", id=n), f"wish:claim:{n}")]
    return []


async def _reviews(ctx: Context) -> bool:
    """Only for who reviews wishes: a resident's 通过 at 您同意吗 is words like any other, not a review."""
    return await wishes.reviews_wishes(ctx.uow, ctx.person)


@router.command(keywords=APPROVE_WORDS, takes_args=_names_a_wish, only_for=_reviews)
async def approve_said(ctx: Context) -> HandlerResult:
    """通过 #3 (the button's words, typed): as the 通过 button."""
    number = record_number(ctx.args) if ctx.args else None
    if number is None:
        return await as_understood(ctx)
    ctx.payload = f"wish:ok:{number}"
    return await wish_button(ctx)


@router.command(keywords=DECLINE_WORDS, takes_args=_names_a_wish_and_why, only_for=_reviews)
async def decline_said(ctx: Context) -> HandlerResult:
    """不通过 #3 重复提交: declined with that reason; without one, the reason is asked as the button does."""
    number, reason = number_and_reason(ctx.args)
    if number is None:
        return await as_understood(ctx)
    if not reason:
        ctx.payload = f"wish:no:{number}"
        return await wish_button(ctx)
    return await decline(ctx, wish_id_of(number), reason)


@router.command(keywords=LIST_WORDS, only_for=_reviews)
async def list_said(ctx: Context) -> HandlerResult:
    """审核心愿, 待审核的心愿: the wishes waiting for this reviewer, as 待办 lists them.

    Typed by a reviewer, these words started a wish of their own and asked
    for consent to keep their name and phone. 审核心愿 #3 opens wish 3.
    """
    if ctx.args:
        return await open_said(ctx) if _names_a_wish(ctx.args) else await as_understood(ctx)
    reviews = await wishes.pending_reviews(ctx.uow, ctx.person)
    if not reviews:
        return Reply(ctx.t("wishes.no_reviews"), rows(back_button(ctx)))
    lines, buttons = await review_section(ctx, reviews)
    return Reply("\n".join(lines), rows(*buttons, back_button(ctx), per_row=2))


async def review_section(ctx: Context, reviews: list[Wish], shown: int = 5) -> tuple[list[str], list[Button]]:
    """The wishes waiting for review as their reviewer judges them: what, why, by when, the grid, the maker masked."""
    lines = [ctx.t("wishes.reviews_title", count=len(reviews))]
    lines += [await reviewer_card(ctx.uow, wish, ctx.texts) for wish in reviews[:shown]]
    buttons: list[Button] = []
    for wish in reviews[:shown]:
        buttons.append(Button(ctx.t("wishes.approve_n", id=wish.id), f"wish:ok:{wish.id}"))
        buttons.append(Button(ctx.t("wishes.decline_n", id=wish.id), f"wish:no:{wish.id}"))
    return lines, buttons
