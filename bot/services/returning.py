"""A person back after leaving: they followed the Official Account again, or unblocked the Telegram bot.

While they were away every push to them was settled as unreachable: a
complaint resolved and waiting for their rating, a booking moved by staff,
a notice of the community. Coming back, they are told once what did not
reach them, and 看通知 shows the latest of it whole, with its choices.
Nothing is sent again on its own: what was current then (a reminder of a
booking now past) may not be any more, and a list they can read is kinder
than a stream of old pushes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import col, select

from bot.clock import local
from bot.db.uow import UnitOfWork
from bot.models import OutboxMessage, OutboxStatus, Person
from bot.services import people
from bot.texts import Texts

LISTED = 5  # the newest this many are listed; the rest are counted
LINE_CHARS = 30


@dataclass(frozen=True)
class Missed:
    count: int
    newest: list[tuple[datetime, str]]  # (when it was made, its first words), newest first


async def came_back(uow: UnitOfWork, person: Person) -> Missed | None:
    """Make them reachable again; what they missed while away, or None when nothing did.

    The missed pushes become `missed` in the same transaction, so a second
    return (or a retry of this turn) does not list them again, and a turn
    that fails lists them next time.
    """
    if person.unreachable_at is None and person.unreachable_reason is None:
        return None
    people.contacted(person)
    away = (
        col(OutboxMessage.person_id) == person.id,
        col(OutboxMessage.status) == OutboxStatus.unreachable,
        col(OutboxMessage.kind) != "reply",  # an answer to their own words, late: nothing of its own to miss
    )
    count = (await uow.session.exec(select(func.count()).where(*away))).one()
    if not count:
        return None
    rows = (
        await uow.session.exec(
            select(OutboxMessage.created_at, OutboxMessage.payload).where(*away).order_by(col(OutboxMessage.id).desc()).limit(LISTED)
        )
    ).all()
    await uow.session.exec(update(OutboxMessage).where(*away).values(status=OutboxStatus.missed))  # type: ignore[call-overload]
    return Missed(count, [(made, _first_words(payload.get("text") or "")) for made, payload in rows])


def told(missed: Missed, texts: Texts, timezone: str) -> str:
    """What they are told first, above the answer to what they wrote."""
    lines = []
    for made, words in missed.newest:
        when = local(made, timezone)
        lines.append(texts.get("returning.line", month=when.month, day=when.day, time=f"{when:%H:%M}", words=words))
    if missed.count > len(missed.newest):
        lines.append(texts.get("returning.more", count=missed.count - len(missed.newest)))
    return texts.get("returning.missed", count=missed.count, lines="\n".join(lines))


def _first_words(text: str) -> str:
    """Its opening words on one line: a heading alone (【社区通知】) says too little, so the next line follows it."""
    line = " ".join(text.split())
    return line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1] + "…"
