"""What a resident adds to a case reaches each handler as one push per burst, not one per photo.

A Telegram album sent to a case, or photos sent one after another on
WeChat, came to the grid manager as one 【居民补充】 push per photo: three
buzzes for one album. Now a photo waits a few seconds (`WINDOW`) in the
outbox, and whatever the resident adds to the same case meanwhile is
folded into that still-pending row, which then names how many photos
came and quotes the words. Words alone go at once, as before: they are
mostly the one answer to a handler's 请居民补充, which the handler waits
for; photos come in bursts (an album, several picked at once).

A push about the case that the handler has not been sent yet (the new
case's, right after filing; a transfer's) takes the addition the same
way, as a line under it: the case the handler opens holds the photos, and
no separate 补充 push is needed.

Nothing is lost and nobody waits long: a row is only rewritten while it
is still pending and never tried, locked on PostgreSQL (a drainer claims
with SKIP LOCKED, so either it took the row first and this addition
starts a new push, or it leaves the row until this commit); each photo
moves the push at most `WINDOW` later, never past `LONGEST` after it was
queued, so a lone photo goes in `WINDOW` and a steady stream is still
told every `LONGEST`. Both are settings (RESIDENT_BOT_PHOTO_BURST_SECONDS
and RESIDENT_BOT_PHOTO_BURST_MAX_SECONDS, carried by the case rules): the
constants here are their defaults. Two additions to one case cannot both miss the
pending row: add_info holds the case's row lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Case, CaseEvent, OutboxMessage, OutboxStatus
from bot.services import outbox
from bot.services.cases.presentation import buttons_for, card
from bot.services.cases.recipients import grid_handlers, street_staff
from bot.services.deadlines import Rules
from bot.texts import Texts

WINDOW = timedelta(seconds=5)  # how long a photo waits for the rest of its burst (by default: Rules.photo_burst_seconds)
ZERO = timedelta(0)
LONGEST = timedelta(seconds=30)  # a push kept being added to goes at the latest this long after queued (by default)
BURST = "info_burst"  # the payload's record of what was folded into the push (Reply.from_dict ignores it)
MAX_WORDS = 500  # characters of one message quoted
MAX_NOTE = 2000  # characters of words quoted in one push; the case's history keeps all of them


@dataclass
class Burst:
    """Which of the case's additions a push tells: its 补充 events from `since` on.

    The words and photos are read from the case's trail each time, not
    copied into the row: erasing a resident's details redacts the trail and
    a pending push's text, and a copy would bring them back at the next
    fold. `tail` is how many lines were put under a push it was folded into
    (a new case's), None for a 补充 push of its own.
    """

    case_id: int
    since: int
    tail: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case_id, "since": self.since, "tail": self.tail}

    @classmethod
    def of(cls, payload: dict[str, Any], case_id: int) -> Burst | None:
        kept = payload.get(BURST)
        if isinstance(kept, dict) and kept.get("case") == case_id and isinstance(kept.get("since"), int):
            return cls(case_id, kept["since"], kept.get("tail"))
        return None


async def tell_handlers_added(uow: UnitOfWork, case: Case, rules: Rules, *, photo: bool) -> int:
    """Tell whoever handles `case` what the resident just added (its latest 补充 event), folded into a push not sent yet.

    Returns how many handlers will be told. The caller commits.
    """
    assert case.id is not None
    latest = await _latest_addition(uow, case.id)
    recipients = await (street_staff(uow, case) if case.state == "escalated" else grid_handlers(uow, case))
    pending = await _pending_case_pushes(uow, [person.id for person in recipients if person.id is not None])
    now = uow.clock.now()
    window, longest = timedelta(seconds=rules.photo_burst_seconds), timedelta(seconds=rules.photo_burst_max_seconds)
    for person in recipients:
        texts = Texts(person.language)
        row = _about(pending.get(person.id or 0, ()), case.id)
        burst, base = _what_to_tell(row, case.id, latest)
        text = await _text(uow, case, rules, texts, burst, base)
        reply = Reply(text, await buttons_for(uow, person, case, texts))
        if row is None:
            row = outbox.push(uow, person, reply, kind="case", not_before=now + (window if photo else ZERO), urgent=case.urgent)
        elif photo:  # more may be on the way: the push waits for them, within `longest`
            row.not_before = max(row.not_before, min(now + window, row.created_at + longest))
        row.payload = {**reply.to_dict(), BURST: burst.to_dict()}
    return len(recipients)


def _what_to_tell(row: OutboxMessage | None, case_id: int, latest: int) -> tuple[Burst, str | None]:
    """The additions the push will tell, and the text to put them under (None: a 补充 push of its own)."""
    if row is None:
        return Burst(case_id, latest), None
    text = str(row.payload.get("text") or "")
    kept = Burst.of(row.payload, case_id)
    if kept is None:  # a push about the case (its new-case push) nothing was folded into yet
        return Burst(case_id, latest, tail=0), text
    if kept.tail is None:
        return kept, None
    lines = text.split("\n")  # the lines put under it before come off, and are written anew
    return kept, "\n".join(lines[: -kept.tail] if kept.tail else lines)


async def _latest_addition(uow: UnitOfWork, case_id: int) -> int:
    """The id of the 补充 event just recorded (flushed by this query)."""
    query = select(func.max(col(CaseEvent.id))).where(col(CaseEvent.case_id) == case_id, col(CaseEvent.action) == "info")
    found = (await uow.session.exec(query)).one()  # type: ignore[call-overload]
    assert found is not None, "add_info records its event before telling"
    return int(found)


async def _additions(uow: UnitOfWork, burst: Burst) -> tuple[list[str], int]:
    """The words (in order) and the number of photos the resident added from `burst.since` on."""
    query = (
        select(CaseEvent)
        .where(col(CaseEvent.case_id) == burst.case_id, col(CaseEvent.action) == "info", col(CaseEvent.id) >= burst.since)
        .order_by(col(CaseEvent.id))
    )
    events = (await uow.session.exec(query)).all()
    return [event.note[:MAX_WORDS] for event in events if event.note], sum(1 for event in events if event.photo_ref)


async def _pending_case_pushes(uow: UnitOfWork, person_ids: Sequence[int]) -> dict[int, list[OutboxMessage]]:
    """The case pushes still waiting for each of these people, never tried, locked against a drainer's claim.

    A row put back after a failed attempt is not rewritten: part of it may
    have reached the person already (a long text's first message, a send
    that timed out but arrived), and the next attempt must send what they
    were meant to get. The addition then starts a push of its own.
    """
    if not person_ids:
        return {}
    query = (
        select(OutboxMessage)
        .where(
            col(OutboxMessage.person_id).in_(person_ids),
            col(OutboxMessage.kind) == "case",
            col(OutboxMessage.status) == OutboxStatus.pending,
            col(OutboxMessage.attempts) == 0,  # one tried before may have reached them in part: left as it is
        )
        .order_by(col(OutboxMessage.id))
        .execution_options(populate_existing=True)  # what a drainer changed since, not a stale copy
    )
    if uow.session.bind.dialect.name != "sqlite":  # type: ignore[union-attr]
        query = query.with_for_update()  # SQLite: the unit of work already holds the only writer
    found: dict[int, list[OutboxMessage]] = {}
    for row in (await uow.session.exec(query)).all():
        found.setdefault(row.person_id, []).append(row)
    return found


def _about(rows: Sequence[OutboxMessage], case_id: int) -> OutboxMessage | None:
    """The pending push about this case to fold an addition into: its 补充 push, else the latest one about it.

    A handler's push about a case carries that case's buttons (case:<action>:<id>).
    """
    burst = [row for row in rows if (row.payload.get(BURST) or {}).get("case") == case_id]
    if burst:
        return burst[-1]
    about = [row for row in rows if case_id in _cases_of(row.payload)]
    return about[-1] if about else None


def _cases_of(payload: dict[str, Any]) -> set[int]:
    found = set()
    for row in payload.get("buttons") or []:
        for _label, action in row:
            parts = str(action).split(":")
            if len(parts) == 3 and parts[0] == "case" and parts[2].isdigit():
                found.add(int(parts[2]))
    return found


async def _text(uow: UnitOfWork, case: Case, rules: Rules, texts: Texts, burst: Burst, base: str | None) -> str:
    note = _note(texts, *await _additions(uow, burst))
    if base is not None:  # folded into a push the handler has not had yet: lines under it
        line = texts.get("cases.push_info_later", note=note)
        burst.tail = line.count("\n") + 1
        return f"{base}\n{line}"
    head = texts.get("cases.push_info", id=case.id, note=note)
    body = await card(uow, case, texts, rules.calendar.timezone, reader="handler")
    return f"{head}\n{body}"


def _note(texts: Texts, words: list[str], photos: int) -> str:
    """The words, newest last (cut to MAX_NOTE), then how many photos came."""
    said = "\n".join(words)
    if len(said) > MAX_NOTE:
        said = "…" + said[-(MAX_NOTE - 1) :]
    lines = [said] if said else []
    if photos:
        lines.append(texts.get("cases.push_info_photos", n=photos))
    return "\n".join(lines)
