"""Two to four questions in one message (低保怎么办理。高龄津贴呢): each answered, the unsure one asked about."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import support
from handlers.common import back_button
from handlers.guide_answers import ASKABLE, answer_text, service_of
from handlers.handover import human_button
from knowledge.normalize import normalize
from knowledge.several import Asked
from knowledge.understanding import Intent


async def several(ctx: Context, asked: tuple[Asked, ...]) -> HandlerResult:
    """Two to four questions in one message: every one answered, none dropped.

    The confident ones are answered together in one reply, each as it would
    be alone (要带什么 gets the materials), with a button per service for
    the rest of its answer. A question the bot is unsure of gets a reply of
    its own after them, asking which service was meant, or offering staff:
    the last reply's buttons are the ones a typed number answers. Asking to
    book one (我想预约办居住证。低保要带啥) starts that booking last.
    """
    sure = [(found, q.reading) for q in asked if q.reading.decision == "answer" and (found := service_of(ctx, q.reading.service_id or ""))]
    unsure = [q for q in asked if q.reading.decision != "answer"]
    start_booking = ctx.app.routes.buttons.get("book")
    to_book = next((service for service, r in sure if r.book and service.bookable), None) if start_booking else None
    texts = []
    for q in asked:  # in the order asked
        found = service_of(ctx, q.reading.service_id or "") if q.reading.decision == "answer" else None
        if found is not None and found is not to_book:
            texts.append(answer_text(ctx, q.reading))
        elif found is None and q.reading.decision == "answer":  # the centre's hours, another office's matter
            texts.append(await _answered_as(ctx, q))
    answers = "\n\n".join(texts)
    if to_book is not None and start_booking is not None:
        if unsure:  # the booking's question comes last: the unsure ones are said, not asked about
            answers = "\n\n".join([*texts, (await _unsure_of(ctx, unsure, set())).text])
        ctx.payload = f"book:{to_book.id}"  # as if its 预约办理 button were pressed
        booking = await start_booking(ctx)
        return [Reply(answers), *([booking] if isinstance(booking, Reply) else booking or [])]
    if not unsure:
        # 低保怎么办。老年人有啥福利: the services listed for the group get a button too
        listed = [c.service_id for q in asked if q.reading.intent is Intent.audience for c in q.reading.candidates]
        shown = dict.fromkeys([*(service.id for service, _ in sure), *listed])
        details = [Button(found.name, f"svc:{found.id}") for found in map(lambda sid: service_of(ctx, sid), shown) if found]
        return Reply(f"{answers}\n\n{ctx.t('guide.several_more')}", rows(*details, human_button(ctx), back_button(ctx)))
    return [Reply(answers), await _unsure_of(ctx, unsure, {service.id for service, _ in sure})]


async def _answered_as(ctx: Context, question: Asked) -> str:
    """The text the question's own intent answers it with (你们几点上班: the centre's hours), as if asked alone."""
    handler = ctx.app.routes.intents.get(question.reading.intent.value)
    if handler is None:
        return ""
    text, understanding = ctx.text, ctx.understanding
    ctx.text, ctx.understanding = question.words, question.reading
    try:
        replies = await handler(ctx)
    finally:
        ctx.text, ctx.understanding = text, understanding
    return "\n".join(r.text for r in ([replies] if isinstance(replies, Reply) else replies or []))


async def _unsure_of(ctx: Context, unsure: list[Asked], answered: set[str]) -> Reply:
    """What to say about the questions of a message the bot could not place for sure.

    One: which of its likely services was meant (the part asked kept on the
    buttons; not the services just answered). More: their words, and the
    way to staff. Either way they are
    recorded for the staff who maintain the knowledge base, like any
    question answered with a choice.
    """
    ids = [await support.record_unanswered(ctx.uow, q.words, normalize(q.words), "choose") for q in unsure]
    quoted = "、".join(f"“{q.words}”" for q in unsure)
    if len(unsure) > 1:
        return Reply(ctx.t("guide.also_unsure", words=quoted), rows(human_button(ctx, ids[0]), back_button(ctx)))
    reading = unsure[0].reading
    asked = reading.part if reading.part in ASKABLE else None
    buttons = [
        Button(found.name, f"svc:{found.id}:{asked}" if asked else f"svc:{found.id}")
        for found in (service_of(ctx, c.service_id) for c in reading.candidates[:3] if c.service_id not in answered)
        if found is not None
    ]
    return Reply(ctx.t("guide.also_which", words=quoted), rows(*buttons, human_button(ctx, ids[0]), back_button(ctx)))
