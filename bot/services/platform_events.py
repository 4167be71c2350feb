"""What a platform tells the bot about a person, outside a conversation turn.

A reply the platform would not take now (flood control, a network error,
WeChat's five-second window), and a person leaving or coming back (blocked
the bot, unsubscribed, unblocked). Channels report these; the rules and the
commit are here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Person
from bot.services import outbox, people, returning
from bot.texts import Texts


def queue_replies(uow: UnitOfWork, person: Person, replies: list[Reply], *, not_before: datetime | None = None) -> None:
    """Put answers in the outbox, in the current transaction.

    Urgent: they answer what the person just wrote, so quiet hours (meant
    for notices) must never hold them back.
    """
    for reply in replies:
        outbox.push(uow, person, reply, kind="reply", not_before=not_before, urgent=True)


async def defer_replies(
    uow: UnitOfWork,
    channel: str,
    user_id: str,
    replies: list[Reply],
    *,
    delay: timedelta = timedelta(0),
) -> None:
    """Queue replies the platform did not take now; the drainer sends them later."""
    person = await people.get_or_create(uow, channel, user_id)
    queue_replies(uow, person, replies, not_before=uow.clock.now() + delay)
    await uow.commit()


async def left(uow: UnitOfWork, channel: str, user_id: str, reason: str) -> None:
    """They blocked the bot or unsubscribed: nothing more is sent until they write again."""
    person = await people.get_or_create(uow, channel, user_id)
    await outbox.set_unreachable(uow, person, reason)
    await uow.commit()


async def returned(uow: UnitOfWork, channel: str, user_id: str, *, timezone: str) -> None:
    """They unblocked the bot: they can be reached again, and are told what did not reach them meanwhile."""
    person = await people.get_or_create(uow, channel, user_id)
    missed = await returning.came_back(uow, person)
    if missed is not None:
        told = returning.told(missed, Texts(person.language), timezone)
        outbox.push(uow, person, Reply(told), kind="returning", urgent=True)
    await uow.commit()
