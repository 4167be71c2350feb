"""What the wish handlers share: the router, the dialog names, the words of thanks."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import Router
from bot.services.deadlines import Rules, rules_for
from handlers.common import record_id
from knowledge.normalize import to_simplified

router = Router("wishes")
router.menu_entry("wishes.menu_entry", "wishnew", order=40)
router.accepts_yes("wish:confirm")  # "好的" under 请确认 says the wish came true
# A reviewer's explicit word of approval under 【微心愿待审核】 (a plain 好的 never publishes a wish)
router.accepts_said("wish:ok:", re.compile(r"(同意|批准|审核通过|准了|可以通过)(了|吧|的)?"))

DIALOG = "wish"
REASON = "wish_reason"
THANKS = "wish_thanks"
SERVED = "wish_hours"
MESSAGE = "wish_message"  # words for the other side of a wish (messages)
HOURS = (1, 2, 3, 4, 5, 6)  # the number typed is the hours; other lengths are typed (两个半小时, 8小时)
# Words that make a message a thank-you, typed under "要给志愿者留句感谢的话吗？" instead of pressing the button.
GRATITUDE = re.compile(r"谢|辛苦|好人|多亏|麻烦(你|您)|感激|感恩|暖心|点赞|👍|🙏|❤|thank", re.IGNORECASE)
# Spoken thanks only: a 👍 or a bare 好的 under 请确认 is not taken as confirming a wish.
WORDS_OF_THANKS = re.compile(r"谢|辛苦|感恩|thank", re.IGNORECASE)


def grateful(text: str | None) -> bool:
    """Whether `text` says thanks in any way (a 👍, 好人), traditional characters folded."""
    return GRATITUDE.search(to_simplified(text or "")) is not None


def thanks_said(text: str | None) -> bool:
    """Whether `text` thanks someone in words, in traditional characters too (謝謝小夥子 is 谢谢小伙子)."""
    return WORDS_OF_THANKS.search(to_simplified(text or "")) is not None


def rules_of(ctx: Context) -> Rules:
    return rules_for(ctx.app.settings)


def wish_id_of(raw: str) -> int:
    """A wish number from a button or typed words; a forged one is refused clearly."""
    return record_id(raw, "wishes.no_such")


def ask_hours(ctx: Context, wish_id: int, why: str = "") -> Reply:
    """How many hours it took, with the hour buttons; `why` first when the hours are asked again."""
    buttons = [Button(ctx.t("wishes.hours", n=n), f"wish:hrs:{wish_id}:{n}") for n in HOURS]
    return Reply((why + "\n" if why else "") + ctx.t("wishes.ask_hours", id=wish_id), rows(*buttons, per_row=3))
