"""A phone number typed alone, away from any question (13912345678): offered to be kept as the person's phone.

Elderly residents often send their number first, before saying anything,
expecting to be called back or registered. It got 答不上来 and went into
the log of questions the knowledge base lacks. It is asked about instead:
kept as their phone only when they say so (it may be a daughter's number,
or one they were given), through the profile's own consent and saving.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.services import people
from bot.services.errors import InvalidInput
from handlers.common import main_menu

router = Router("phone_alone")
DIALOG = "phone_alone"
router.accepts_yes("ph:keep")  # 好的, 是的 to 要登记为您的电话吗: that is what was asked


# "my number is 139…", "phone: 139…": the English words before a number, as 我的电话是 before it in Chinese.
_ENGLISH_LEAD = re.compile(
    r"^\s*(?:(?:this is |here is |here's )?my )?(?:(?:phone|mobile|cell|contact|telephone) )?"
    r"(?:number|phone|mobile|tel\.?|no\.)(?: is)?\s*[:：]?\s*(?=[+\d])",
    re.IGNORECASE,
)


def phone_alone(text: str) -> str | None:
    """The mobile number that is the whole message (电话13912345678, 139 1234 5678, my number is 139…), normalised; else None."""
    try:
        phone = people.normalise_phone(_ENGLISH_LEAD.sub("", text, count=1))
    except InvalidInput:
        return None
    return phone if people.MOBILE.match(phone) else None


async def offer_to_keep(ctx: Context, phone: str) -> Reply:
    """Ask whether the number is to be kept as the person's phone; their own number already kept is said so."""
    if ctx.person.phone == phone:
        return main_menu(ctx, ctx.t("profile.phone_is_yours"))
    ctx.dialog.enter(DIALOG, "ask", phone=phone)
    ctx.own_words = False  # a question about the number, not a form: going on to something else keeps no draft
    return Reply(
        ctx.t("profile.phone_alone", phone=phone),
        rows(Button(ctx.t("profile.phone_keep"), "ph:keep"), Button(ctx.t("profile.phone_not_mine"), "ph:no")),
    )


@router.dialog(DIALOG)
async def answered(ctx: Context) -> HandlerResult:
    """Kept through the profile (consent first, when not given yet); anything else leaves the number unsaved."""
    from handlers.profile_form import keep_details

    phone = ctx.dialog.data.get("phone")
    if ctx.payload == "ph:keep" and phone:
        ctx.dialog.leave()
        return await keep_details(ctx, {"phone": phone})
    if ctx.payload == "ph:no":
        ctx.dialog.leave()
        return main_menu(ctx, ctx.t("profile.phone_not_kept"))
    return None  # other words: the number stays unsaved, the words are handled as ever
