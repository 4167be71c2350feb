"""A case as each reader sees it, and the buttons its state allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.clock import local
from bot.core.messages import Button, rows
from bot.db.uow import UnitOfWork
from bot.models import Case, Grid, Person
from bot.services import people
from bot.services.cases.access import may_escalate, may_handle
from bot.services.cases.privacy import public_place, public_text
from bot.services.cases.reading import history
from bot.services.cases.states import OPEN_STATES, shown_state
from bot.texts import Texts


def when(dt: datetime, texts: Texts, timezone: str) -> str:
    return local(dt, timezone).strftime("%m-%d %H:%M")


async def place_label(uow: UnitOfWork, case: Case, texts: Texts) -> str:
    grid = await uow.session.get(Grid, case.grid_id) if case.grid_id else None
    return grid.name if grid else texts.get("cases.unrouted")


# Who reads a case: a role holder whose task it is, the resident who reported it, or anyone else (a follower).
Reader = Literal["handler", "reporter", "public"]


async def card(uow: UnitOfWork, case: Case, texts: Texts, timezone: str, *, reader: Reader) -> str:
    """A case as a person reads it.

    Handlers also see the contact they need to call back; the public (a
    neighbour following it) sees neither the reporter's door nor their
    name or phone, only the building or the shared place.
    """
    if reader == "public":
        description = await public_text(uow, case, _shortened(case.description, PUBLIC_DESCRIPTION))
        place = await public_place(uow, case)
    else:  # those who handle it, and the reporter, read all of it (a channel splits a long message)
        description, place = case.description, case.address
    lines = [
        texts.get(
            "cases.card",
            id=case.id,
            category=texts.get(f"cases.categories.{case.category}"),
            state=texts.get(f"cases.states.{shown_state(case.state, case.first_resolved_at)}"),
            grid=await place_label(uow, case, texts),
            description=description,
            place=place or texts.get("cases.no_place"),
        )
    ]
    if case.urgent:
        lines.append(texts.get("cases.urgent_mark"))
    if case.photo_ref:
        lines.append(texts.get("cases.has_photo"))
    if reader == "handler":
        reporter = await uow.session.get(Person, case.person_id) if case.person_id else None
        if reporter is not None:
            name = people.mask_name(reporter.name) if reporter.name else "—"
            lines.append(texts.get("cases.reporter", name=name, phone=reporter.phone or "—"))
        elif case.contact:
            lines.append(texts.get("cases.reporter_open311", contact=case.contact))
        if case.state in OPEN_STATES:
            lines.append(texts.get("cases.due", due=when(case.due_at, texts, timezone)))
    return "\n".join(lines)


# Notes each reader sees in a case's history. The reporter's own words (补充信息, why it is not fixed)
# stay between them and the handlers; so does a 请居民补充, which asks the reporter, not the followers.
NOTED_ACTIONS = ("ask_info", "resolve", "info", "transfer", "escalate", "reopen")
PUBLIC_NOTED_ACTIONS = ("resolve", "transfer", "escalate")


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    action: str
    note: str | None
    stars: int | None = None  # a rating's stars (reopen, confirm)


def event_label(line: HistoryLine, texts: Texts) -> str:
    """What a step is called in the history; a rating says its stars (居民评价 2 星，重新办理).

    Events from before the stars were recorded (and 没解决, which gives
    none) keep the plain label.
    """
    rated = f"cases.rated_events.{line.action}"
    if line.stars is not None and texts.has(rated):
        return texts.get(rated, n=line.stars)
    return texts.get(f"cases.events.{line.action}")


async def history_lines(uow: UnitOfWork, case: Case, *, reader: Reader, last: int = 8) -> list[HistoryLine]:
    """The latest steps of a case with the notes this reader may see (for the public, redacted)."""
    noted = PUBLIC_NOTED_ACTIONS if reader == "public" else NOTED_ACTIONS
    lines = []
    for event in (await history(uow, case.id))[-last:]:  # type: ignore[arg-type]
        note = event.note if event.note and event.action in noted else None
        if note and reader == "public":
            note = await public_text(uow, case, note)
        lines.append(HistoryLine(event.created_at, event.action, note[:60] if note else None, event.stars))
    return lines


MAX_PHOTOS = 12  # a case's photos shown at once, the latest: the nine a form takes and a few of the result


async def photo_refs(uow: UnitOfWork, case: Case, *, reader: Reader) -> list[tuple[str, Person | None]]:
    """The case's photos this reader may see, each with who sent it, oldest first.

    A follower sees only the handlers' photos (a result 处理结果): the
    reporter's may show their home. For the same reason a follower's photos
    (sent with the form they gave up to follow this case) are the handlers'
    alone: the reporter does not see them either.
    """
    refs: list[tuple[str, Person | None]] = []
    seen: set[str] = set()
    for event in await history(uow, case.id):  # type: ignore[arg-type]
        if not event.photo_ref or event.photo_ref in seen:
            continue
        if reader == "public" and event.actor_role in ("resident", "open311"):
            continue
        if reader != "handler" and event.actor_role == "follower":
            continue
        seen.add(event.photo_ref)
        actor = await uow.session.get(Person, event.actor_id) if event.actor_id else None
        refs.append((event.photo_ref, actor))
    return refs[-MAX_PHOTOS:]


# 转其他网格 in every open state: a case taken by mistake (受理 pressed before reading where it is)
# or waiting for the resident must still reach the grid it belongs to.
BUTTON_ACTIONS: dict[str, tuple[str, ...]] = {
    "submitted": ("accept", "ask_info", "escalate", "transfer"),
    "reopened": ("accept", "ask_info", "escalate", "transfer"),
    "accepted": ("start", "resolve", "ask_info", "escalate", "transfer"),
    "in_progress": ("resolve", "ask_info", "escalate", "transfer"),
    "need_info": ("resolve", "escalate", "transfer"),
    "escalated": ("resolve", "transfer"),
}


def handler_buttons(case: Case, texts: Texts, *, escalate: bool = True) -> tuple[tuple[Button, ...], ...]:
    """The actions the case's state allows, as `case:<action>:<id>` buttons (re-checked on press)."""
    allowed = [a for a in BUTTON_ACTIONS.get(case.state, ()) if escalate or a != "escalate"]
    buttons = [Button(texts.get(f"cases.actions.{_label(a, case)}"), f"case:{a}:{case.id}") for a in allowed]
    if case.photo_ref:  # the resident's photo, fetched and kept by the bot (bot/services/photos.py)
        buttons.append(Button(texts.get("photos.see"), f"case:photo:{case.id}"))
    return rows(*buttons, per_row=2)


def _label(action: str, case: Case) -> str:
    """A case with no grid yet is assigned to one (分派网格), not sent to "another" (转其他网格) it never had."""
    return "assign" if action == "transfer" and case.grid_id is None else action


async def buttons_for(uow: UnitOfWork, person: Person, case: Case, texts: Texts) -> tuple[tuple[Button, ...], ...]:
    """The buttons `person` may press: none on a case they may not act on, no 上报街道 that nobody would receive."""
    if not await may_handle(uow, person, case):
        return ()
    escalate = "escalate" in BUTTON_ACTIONS.get(case.state, ()) and await may_escalate(uow, person, case)
    buttons = handler_buttons(case, texts, escalate=escalate)
    if not case.photo_ref and await _has_follower_photo(uow, case):  # the reporter sent none, a follower did
        buttons = (*buttons, (Button(texts.get("photos.see"), f"case:photo:{case.id}"),))
    return buttons


async def _has_follower_photo(uow: UnitOfWork, case: Case) -> bool:
    return any(event.photo_ref and event.actor_role == "follower" for event in await history(uow, case.id))  # type: ignore[arg-type]


def rating_buttons(case: Case, texts: Texts) -> tuple[tuple[Button, ...], ...]:
    """1 星 … 5 星 in that order: where choices are numbered, the number typed is the stars given."""
    stars = [Button(texts.get("cases.stars", n=n), f"cs:rate:{case.id}:{n}") for n in range(1, 6)]
    return (*rows(*stars, per_row=3), (Button(texts.get("cases.not_fixed"), f"cs:nf:{case.id}"),))


PUBLIC_DESCRIPTION = 500  # characters a follower reads of someone else's description


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
