"""Words typed under the list of services to book.

The buttons spell each service's full name (老年人优待证办理); residents
type what they call it (老年证), a day first (明天), or something that is
not on the list at all (理发). Each used to be answered as a question on
its own: 老年证 opened the guide instead of the booking, and 明天 or 理发
got 答不上来 with the main menu, the list gone. Here the list stays, and
what was said is used or answered under it.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import support
from handlers.booking.dates import said_data
from handlers.booking.starting import service_menu, start_booking
from handlers.booking.holiday_words import said_with_holiday
from handlers.booking.mode import when_text
from knowledge.elsewhere import Referral
from knowledge.intents import without_booking_words
from knowledge.normalize import normalize
from knowledge.schema import Service
from knowledge.reading import Intent

SHOWN_WORDS = 12  # characters of what was typed quoted back in "no such service"
SHORT = 10  # words longer than this are a sentence, not the name of a service or a day (明天上午九点半)


async def service_typed(ctx: Context) -> HandlerResult:
    """The service named (booked), a day said (kept), or a word no bookable service is (said so, list again).

    A message read as anything else — a service that needs no booking, a
    complaint, a greeting — returns None: the dialog is left and the
    message answered as it would be anywhere.
    """
    named = await _named_outright(ctx)
    if named is not None:
        return named
    read_as = ctx.app.understander.understand(ctx.text)
    if read_as.intent is Intent.service:
        if read_as.part is not None or _asks(ctx.text):  # 低保要带啥: a question about it, answered as anywhere
            return None
        return await _service_named(ctx, read_as.decision, read_as.service_id, [c.service_id for c in read_as.candidates])
    if read_as.intent is not Intent.unknown or len(normalize(ctx.text)) > SHORT:
        return None  # a sentence of its own (楼上那家是不是换人住了) is answered as anywhere, not as a service
    said = said_with_holiday(ctx, ctx.text)
    if said:  # 明天, 下周二上午, 下午三点明天可以吗: kept for the day list once the service is chosen
        ctx.dialog.goto("service", **said_data(said))
        return service_menu(ctx, note=ctx.t("booking.when_kept", when=when_text(ctx, said)))
    if _asks(ctx.text):
        return None
    # kept in the staff's log of what residents asked for and the knowledge base lacks
    await support.record_unanswered(ctx.uow, ctx.text, normalize(ctx.text), "booking")
    shown = ctx.text.strip()[:SHOWN_WORDS]
    return service_menu(ctx, note=ctx.t("booking.service_not_listed", words=shown))


async def _named_outright(ctx: Context) -> HandlerResult:
    """A word that is a bookable service's own name (booked), or a matter done elsewhere (where, said plainly); else None.

    社保卡 typed here was read as near 社会保险 and offered the
    flexible-employment subsidy and the insurances to book: no service of the
    catalogue is 社保卡, and a card is issued at the card's service points.
    """
    form = without_booking_words(normalize(ctx.text))
    if not form or len(form) > SHORT or _asks(ctx.text):
        return None
    own = [s for s in ctx.app.knowledge if s.bookable and _calls(s, form)]
    if len(own) == 1:
        return await start_booking(ctx, own[0].id)
    if own:
        return None
    elsewhere = _done_elsewhere(ctx, form)
    if elsewhere is None:
        return None
    note = ctx.t("booking.not_booked_here", words=ctx.text.strip()[:SHOWN_WORDS], name=elsewhere.name, where=elsewhere.where)
    return service_menu(ctx, note=note)


def _calls(service: Service, form: str) -> bool:
    """Whether the words are the service's name or one of its colloquial names, or inside one (老年证 in 老年证办理)."""
    return any(form in normalize(name) for name in (service.name, *service.aliases))


def _done_elsewhere(ctx: Context, form: str) -> Referral | None:
    """The matter another office handles that the words name: all of a line's words (补社保卡), or its first word alone (社保卡)."""
    referrals = ctx.app.understander.referrals
    hit = referrals.match(form)
    if hit is not None:
        return hit.referral
    for referral in referrals.entries:
        if any(form in (normalize(word) for word in line[0].split("|")) for line in referral.when):
            return referral
    return None


async def _service_named(ctx: Context, decision: str, service_id: str | None, candidates: list[str]) -> HandlerResult:
    knowledge = ctx.app.knowledge
    named = knowledge.get(service_id or "")
    if decision == "answer" and named is not None:
        return await start_booking(ctx, named.id) if named.bookable else None
    bookable = [s for s in (knowledge.get(c) for c in candidates) if s is not None and s.bookable]
    if decision == "choose" and bookable:  # 补贴: which of the bookable ones it could be
        buttons = [Button(s.name[:20], f"book:{s.id}") for s in bookable]
        return Reply(ctx.t("booking.which_service"), rows(*buttons, Button(ctx.t("booking.all_services"), "book:page:0")))
    return None


def _asks(text: str) -> bool:
    """Whether the words are a question (低保能办吗, 老年证在哪办?), not a service named to book."""
    return any(mark in text for mark in ("?", "？", "吗", "怎么", "咋", "什么", "啥", "哪", "是不是", "有没有", "呢"))
