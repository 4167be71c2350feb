"""A conversation turn: deduplicate retries, slow floods, keep the dialog, store the answer.

Every message runs these statements, so they go straight to the driver
(bot/db/direct.py) inside the unit of work's transaction; what a handler
does with the person afterwards still goes through the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Integer
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel.sql.sqltypes import AutoString

from bot.services import push_marks
from bot.core.messages import Inbound, Reply
from bot.db.direct import DirectSQL
from bot.db.types import UTCDateTime
from bot.db.uow import UnitOfWork
from bot.models import Person
from bot.services import people


QUEUED = "queued"  # marks a stored answer that was delivered through the outbox


@dataclass(frozen=True)
class Duplicate:
    """The message was handled before; `replies` is what it was answered."""

    replies: list[Reply]
    queued: bool = False  # they went out through the outbox (too late for the platform's reply window)


@dataclass(frozen=True)
class Fresh:
    record_id: int


TurnStart = Duplicate | Fresh


@dataclass
class DialogSnapshot:
    """Where a person is in a dialog, as read at the start of a turn and stored at its end.

    A plain copy of the `dialog_states` row (bot.models.DialogState), which
    the turn writes back with one statement rather than through the ORM.
    """

    person_id: int
    updated_at: datetime
    dialog: str | None = None
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    buttons: list[list[str]] = field(default_factory=list)  # the numbered choices last shown
    written: bool = False  # the dialog holds the person's own words: a form, kept for hours
    draft: dict[str, Any] | None = None  # a form left too long, kept for 继续 (see `park`)
    stored: bool = False  # a row exists

    @property
    def empty(self) -> bool:
        return self.dialog is None and not self.buttons and self.draft is None


_PERSON = Person.__table__  # type: ignore[attr-defined]
_PERSON_COLUMNS = [column.name for column in _PERSON.columns]
_PERSON_TIMES = {column.name for column in _PERSON.columns if isinstance(column.type, UTCDateTime)}
_PERSON_MANAGER = sa_inspect(Person).class_manager
# _attach reads the row's values as the driver returns them: right for these
# types only. A new kind of Person column must be taught there first.
_READABLE = (Integer, AutoString, UTCDateTime)
_UNREADABLE = [column.name for column in _PERSON.columns if not isinstance(column.type, _READABLE)]
if _UNREADABLE:
    raise TypeError(f"conversation._attach cannot read Person columns {_UNREADABLE}")

FIND = (
    "SELECT " + ", ".join(f"p.{name}" for name in _PERSON_COLUMNS)
    + ", d.person_id, d.dialog, d.step, d.data, d.buttons, d.written, d.draft, d.updated_at"
    " FROM persons p LEFT JOIN dialog_states d ON d.person_id = p.id"
    " WHERE p.channel = ? AND p.channel_user_id = ?"
)
CREATE_PERSON = (
    "INSERT INTO persons (channel, channel_user_id, display_name, language, created_at, last_seen_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, channel_user_id) DO NOTHING RETURNING id"
)
RECORD = (
    "INSERT INTO inbound_messages (person_id, channel, channel_message_id, received_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (channel, channel_message_id) DO NOTHING RETURNING id"
)
SEEN_REPLY = "SELECT reply FROM inbound_messages WHERE channel = ? AND channel_message_id = ?"
STORE_REPLY = "UPDATE inbound_messages SET reply = ? WHERE id = ?"
STORE_DIALOG = (
    "INSERT INTO dialog_states (person_id, dialog, step, data, buttons, written, draft, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (person_id) DO UPDATE SET dialog = excluded.dialog, step = excluded.step,"
    " data = excluded.data, buttons = excluded.buttons, written = excluded.written, draft = excluded.draft,"
    " updated_at = excluded.updated_at"
)
# The person's last answers, newest first, for the question a form was waiting on.
LAST_REPLIES = (
    "SELECT reply FROM inbound_messages WHERE person_id = ? AND id < ? AND reply IS NOT NULL"
    " ORDER BY id DESC LIMIT 5"
)


async def participant(
    uow: UnitOfWork, message: Inbound, *, default_language: str
) -> tuple[Person, DialogSnapshot]:
    """The sender and their dialog, read in one statement (created on first contact)."""
    sql = await uow.direct()
    row = await sql.one(FIND, message.channel, message.user_id)
    if row is None:
        person = await _create(uow, sql, message, default_language)
        return person, DialogSnapshot(person_id=person.id, updated_at=uow.clock.now())  # type: ignore[arg-type]
    width = len(_PERSON_COLUMNS)
    person = _attach(uow, sql, dict(zip(_PERSON_COLUMNS, row[:width], strict=True)))
    people.touch(uow, person, message.display_name)
    return person, _dialog(sql, person, row[width:], uow.clock.now())


async def _create(uow: UnitOfWork, sql: DirectSQL, message: Inbound, default_language: str) -> Person:
    """One INSERT … ON CONFLICT DO NOTHING: two first messages arriving at once create one person."""
    now = uow.clock.now()
    name = message.display_name[:100] if message.display_name else None
    language = people.language_of(message.language, default_language)
    stamp = sql.time(now)
    created = await sql.one(CREATE_PERSON, message.channel, message.user_id, name, language, stamp, stamp)
    if created is None:  # the same person's other message created them a moment ago
        row = await sql.one(FIND, message.channel, message.user_id)
        assert row is not None
        return _attach(uow, sql, dict(zip(_PERSON_COLUMNS, row[: len(_PERSON_COLUMNS)], strict=True)))
    values: dict[str, Any] = dict.fromkeys(_PERSON_COLUMNS)
    values.update(
        id=created[0],
        channel=message.channel,
        channel_user_id=message.user_id,
        display_name=name,
        language=language,
        created_at=now,
        last_seen_at=now,
    )
    return _attach(uow, sql, values)


def _attach(uow: UnitOfWork, sql: DirectSQL, values: dict[str, Any]) -> Person:
    """A Person for the row, in the session as if the ORM had loaded it.

    Built the way the ORM builds loaded objects (no __init__, which validates
    and costs ten times more), so changes a handler makes are flushed as usual.
    """
    for name in _PERSON_TIMES:
        values[name] = sql.read_time(values[name])
    person = _PERSON_MANAGER.new_instance()
    person.__dict__.update(values)
    make_transient_to_detached(person)
    uow.adopt(person)
    return person


def _dialog(sql: DirectSQL, person: Person, row: tuple[Any, ...], now: datetime) -> DialogSnapshot:
    stored_id, dialog, step, data, buttons, written, draft, updated_at = row
    if stored_id is None:
        return DialogSnapshot(person_id=person.id, updated_at=now)  # type: ignore[arg-type]
    return DialogSnapshot(
        person_id=stored_id,
        dialog=dialog,
        step=step,
        data=sql.read_json(data) or {},
        buttons=sql.read_json(buttons) or [],
        written=bool(written),
        draft=sql.read_json(draft) or None,
        updated_at=sql.read_time(updated_at),  # type: ignore[arg-type]
        stored=True,
    )


async def begin_turn(uow: UnitOfWork, person: Person, message: Inbound) -> TurnStart:
    """Record the message before handling it.

    The record shares the turn's transaction: if handling fails, it rolls
    back with everything else and a platform retry is handled afresh; if
    handling succeeds, a retry finds it and gets the same reply. The insert
    settles concurrent retries itself (ON CONFLICT DO NOTHING): the loser
    waits for the winner's commit and then reads its reply.
    """
    sql = await uow.direct()
    received = sql.time(uow.clock.now())
    row = await sql.one(RECORD, person.id, message.channel, message.message_id, received)
    if row is None:
        seen = await sql.one(SEEN_REPLY, message.channel, message.message_id)
        stored = sql.read_json(seen[0]) if seen else None
        items = stored or []
        return Duplicate([Reply.from_dict(item) for item in items], queued=any(item.get(QUEUED) for item in items))
    return Fresh(row[0])


Expiry = Literal["choice", "form"]


def expired(state: DialogSnapshot, now: datetime, *, choice: timedelta, form: timedelta) -> Expiry | None:
    """Whether what the person was last asked is too old to take their message as its answer.

    A bare numbered choice, or a dialog that holds nothing the person wrote,
    is cheap to ask again: it lapses after `choice` (minutes). A form that
    holds their words (a complaint's description, a wish, their profile)
    lapses only after `form` (hours): people go to take a photo or come
    back after lunch, and what they wrote must not be lost.
    """
    if state.dialog is None and not state.buttons:
        return None
    if state.dialog is not None and state.written:
        return "form" if state.updated_at < now - form else None
    if state.dialog is None and push_marks.shown_by_push(state.data):  # a push's choices: read hours later
        return "choice" if state.updated_at < now - form else None
    return "choice" if state.updated_at < now - choice else None


def clear(state: DialogSnapshot) -> None:
    state.dialog = None
    state.step = None
    state.data = {}
    state.buttons = []
    state.written = False


async def last_prompt(uow: UnitOfWork, person: Person, record_id: int) -> dict[str, Any] | None:
    """The last reply the person was sent before this turn: the question an open form waits on."""
    prompts = await recent_prompts(uow, person, record_id)
    return prompts[0] if prompts else None


async def recent_prompts(uow: UnitOfWork, person: Person, record_id: int) -> list[dict[str, Any]]:
    """The last reply of each of the person's latest turns before this one, newest first (at most five)."""
    sql = await uow.direct()
    found = []
    for (stored,) in await sql.all(LAST_REPLIES, person.id, record_id):
        replies = sql.read_json(stored) or []
        if replies:
            found.append(replies[-1])
    return found


def park(state: DialogSnapshot, prompt: dict[str, Any] | None) -> None:
    """Put a form left too long aside as the person's draft, to be taken up again with 继续.

    It holds the dialog as it was and the question last asked (with its
    buttons), so taking it up shows the same question and the same choices
    answer it. A draft already waiting is kept under the new one (`older`,
    up to MAX_DRAFTS in all): 继续 takes up the newest, and when that one is
    done or dropped the one before it waits again. Until then a second form
    put aside took the first one's place, and what was written in it was gone.
    """
    assert state.dialog is not None
    state.draft = {
        "dialog": state.dialog,
        "step": state.step,
        "data": push_marks.strip(state.data),
        "prompt": prompt,
        "at": state.updated_at.isoformat(),
        "older": _kept(state.draft, MAX_DRAFTS - 1),
    }
    clear(state)


MAX_DRAFTS = 3  # forms put aside and kept per person; the oldest beyond goes


def _kept(draft: dict[str, Any] | None, room: int) -> dict[str, Any] | None:
    """`draft` and the drafts under it, as many as `room` allows."""
    if not isinstance(draft, dict) or room <= 0:
        return None
    return {**draft, "older": _kept(_older(draft), room - 1)}


def _older(draft: dict[str, Any] | None) -> dict[str, Any] | None:
    """The draft put aside before `draft`; None for none, or for a stored value that is no draft."""
    older = draft.get("older") if isinstance(draft, dict) else None
    return older if isinstance(older, dict) else None


def drop_draft(state: DialogSnapshot) -> None:
    """Discard the newest draft; the one put aside before it (if any) waits for 继续 again."""
    state.draft = _older(state.draft)


def unpark(state: DialogSnapshot) -> dict[str, Any] | None:
    """Make the draft the open dialog again; returns the question it was waiting on (None without a draft)."""
    draft = state.draft
    if draft is None:
        return None
    state.dialog, state.step, state.data = draft["dialog"], draft["step"], dict(draft["data"])
    state.written = True
    state.draft = _older(draft)
    return draft.get("prompt") or {}


async def finish_turn(
    uow: UnitOfWork,
    record_id: int,
    state: DialogSnapshot,
    replies: list[Reply],
    *,
    keep_buttons: bool = False,
    queued: bool = False,
) -> None:
    """Store the answer and the dialog with everything the handler changed, in one commit.

    The buttons of the last reply are remembered so a numbered answer maps
    to them; `keep_buttons` leaves the earlier ones in force (after a refusal
    such as "too long", the person may still answer the previous choice).
    """
    sql = await uow.direct()
    # Whether the answer went through the outbox is kept with it: a platform's retry that reaches
    # another process must not be given the same answer again as its own reply.
    stored = [{**reply.to_dict(), QUEUED: True} if queued else reply.to_dict() for reply in replies]
    await sql.run(STORE_REPLY, sql.json(stored), record_id)
    if not keep_buttons:
        last_buttons = replies[-1].flat_buttons if replies else []
        state.buttons = [[button.label, button.payload] for button in last_buttons]
        state.data = push_marks.without_shown(state.data)  # the choices are this answer's now
    if state.stored or not state.empty:  # a person with no dialog and no choices needs no row
        state.updated_at = uow.clock.now()
        await sql.run(
            STORE_DIALOG,
            state.person_id,
            state.dialog,
            state.step,
            sql.json(state.data),
            sql.json(state.buttons),
            state.written,
            sql.json(state.draft) if state.draft is not None else None,
            sql.time(state.updated_at),
        )
    await uow.commit()
