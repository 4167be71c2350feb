"""Filing a case and every step after it: act, add information, rate (following is in following)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Case, CaseEvent, Grid, Person, Role
from bot.services import org, photos, roles
from bot.services.cases.access import check_escalation, load, may_handle, street_has_staff, street_of
from bot.services.cases.events import record_event, tell_grid_resolved_above, tell_handlers, tell_watchers
from bot.services.cases.info_pushes import tell_handlers_added
from bot.services.cases.presentation import when
from bot.services.cases.routing import Place, route
from bot.services.cases.states import (
    MAX_CASE_PHOTOS,
    MAX_DESCRIPTION,
    NOTE_REQUIRED,
    SATISFIED_FROM,
    STAFF_ACTIONS,
    TRANSITIONS,
)
from bot.services.deadlines import CATEGORIES, Rules
from bot.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from bot.texts import Texts


def check_photo(photo_ref: str | None, size: int | None, rules: Rules) -> None:
    if photo_ref and size is not None and size > rules.max_photo_bytes:
        raise InvalidInput("cases.photo_too_big", limit=rules.max_photo_bytes // (1024 * 1024))


async def file_case(
    uow: UnitOfWork,
    person: Person | None,
    *,
    category: str,
    description: str,
    place: Place,
    rules: Rules,
    photo_ref: str | None = None,
    photo_size: int | None = None,
    source: str = "bot",
    contact: str | None = None,
    more_photos: Sequence[tuple[str, int | None]] = (),
) -> Case:
    """Open a case, route it to its grid and push it to the grid's handlers; commits.

    `more_photos` are the photos sent with the form after the first: each
    is kept on the trail as the resident's, beside the first.
    """
    description = (description or "").strip()
    if not description:
        raise InvalidInput("cases.empty")
    if category not in CATEGORIES:
        raise InvalidInput("cases.bad_category", categories=", ".join(CATEGORIES))
    check_photo(photo_ref, photo_size, rules)
    for ref, size in more_photos:
        check_photo(ref, size, rules)
    grid, community_id = await route(uow, place, person)
    now = uow.clock.now()
    urgent = rules.is_urgent(category, description)
    case = Case(
        person_id=person.id if person else None,
        source=source,
        category=category,
        description=description[:MAX_DESCRIPTION],
        community_id=community_id,
        grid_id=grid.id if grid else None,
        address=(place.text or "")[:200] or None,
        lat=place.lat,
        lon=place.lon,
        photo_ref=photo_ref,
        contact=contact[:200] if contact else None,
        urgent=urgent,
        state="submitted",
        due_at=rules.due(category, urgent, now),
        created_at=now,
        updated_at=now,
    )
    uow.session.add(case)
    await uow.session.flush()
    record_event(uow, case, "submit", None, person, "resident" if person else source, photo_ref=photo_ref)
    await photos.note(uow, person, photo_ref, photo_size)
    for ref, size in more_photos:  # sent with the form, so no push of their own: the new case's push says 附有照片
        record_event(uow, case, "photo", case.state, person, "resident" if person else source, photo_ref=ref)
        await photos.note(uow, person, ref, size)
    await tell_handlers(uow, case, rules, "cases.push_new")
    await uow.commit()
    return case


# A transfer's target that is no grid: back to the community's staff, who route it again (退回社区).
# A grid manager who knows only that a case is not theirs had to guess a grid.
TO_STAFF = "community"


def may_go_to(case: Case, grid: Grid) -> bool:
    """Whether a transfer may send `case` to `grid`: another grid, or back to its own once escalated."""
    return grid.id != case.grid_id or case.state == "escalated"


async def transfer_targets(uow: UnitOfWork, case: Case) -> list[Grid]:
    """The grids of the case's community a transfer may send it to, in their order."""
    return [grid for grid in await org.grids(uow, case.community_id) if may_go_to(case, grid)]


def may_go_to_staff(case: Case) -> bool:
    """Whether a transfer may hand `case` back to the community's staff: a grid has it, and the street does not."""
    return case.grid_id is not None and case.state != "escalated"


async def check_transfer(uow: UnitOfWork, actor: Person, case_id: int, grid_id: str | None) -> Grid | None:
    """The grid `actor` may pass case `case_id` to, or the refusal `act` would give; changes nothing.

    Asked before the optional reason for a transfer is asked for: a forged
    or stale `case:to:<id>:<grid>` is refused at once, not after the
    manager has typed a reason nobody would read. `act` checks it all again.
    """
    case = await load(uow, case_id)
    if not await may_handle(uow, actor, case):
        raise PermissionDenied()
    return await _transfer_target(uow, actor, case, grid_id)


async def _transfer_target(uow: UnitOfWork, actor: Person, case: Case, grid_id: str | None) -> Grid | None:
    """The grid a transfer sends `case` to; None: back to the community's staff (TO_STAFF)."""
    if grid_id == TO_STAFF:
        if case.state not in TRANSITIONS["transfer"][0]:
            raise Conflict("cases.wrong_state", id=case.id, state=Texts(actor.language).get(f"cases.states.{case.state}"))
        if not may_go_to_staff(case):  # with the street (or no grid): the street sends it to a grid
            raise InvalidInput("cases.not_to_staff", id=case.id)
        return None
    return _transfer_target_of(actor, case, await uow.session.get(Grid, grid_id) if grid_id else None, grid_id)


def _transfer_target_of(actor: Person, case: Case, target: Grid | None, grid_id: str | None) -> Grid:
    if case.state not in TRANSITIONS["transfer"][0]:
        raise Conflict("cases.wrong_state", id=case.id, state=Texts(actor.language).get(f"cases.states.{case.state}"))
    if target is None:
        raise NotFound("cases.no_such_grid", grid=grid_id or "")
    if not may_go_to(case, target):
        raise InvalidInput("cases.same_grid")
    return target


async def act(
    uow: UnitOfWork,
    actor: Person,
    case_id: int,
    action: str,
    rules: Rules,
    *,
    note: str | None = None,
    photo_ref: str | None = None,
    photo_size: int | None = None,
    grid_id: str | None = None,
) -> Case:
    """A handler's action on a case: re-checks role and state, audits, pushes; commits."""
    if action not in STAFF_ACTIONS:
        raise InvalidInput("cases.bad_action")
    case = await load(uow, case_id, lock=True)
    if not await may_handle(uow, actor, case):
        raise PermissionDenied()
    allowed_from, to_state = TRANSITIONS[action]
    if case.state not in allowed_from:
        raise Conflict("cases.wrong_state", id=case.id, state=Texts(actor.language).get(f"cases.states.{case.state}"))
    if action == "escalate":
        await check_escalation(uow, actor, case)
    note = (note or "").strip() or None
    if action in NOTE_REQUIRED and not note:
        raise InvalidInput("cases.note_required")
    check_photo(photo_ref, photo_size, rules)
    now = uow.clock.now()
    before = case.state
    role = await _actor_role(uow, actor, case)
    origin: tuple[str, dict[str, object]] | None = None  # a transfer's: where the case comes from
    reason = note
    if action == "transfer":
        target = await _transfer_target(uow, actor, case, grid_id)
        origin = await _transfer_origin(uow, case)
        if target is None:  # 退回社区: the staff route it again; they read which grid sent it back, and why
            origin = ("cases.push_back_to_staff", origin[1])
        case.grid_id = target.id if target else None
        case.community_id = target.community_id if target else case.community_id
        case.due_at = rules.due(case.category, case.urgent, now)
        case.overdue_level = 0
        where = target.name if target else Texts().get("cases.staff_target")
        note = f"{where}：{reason}" if reason else where  # the history: where it went, and why
    assert to_state is not None
    case.state = to_state
    case.updated_at = now
    if action == "resolve":
        case.resolved_at = now
        case.first_resolved_at = case.first_resolved_at or now
    record_event(uow, case, action, before, actor, role, note, photo_ref)
    await photos.note(uow, actor, photo_ref, photo_size)
    if action == "escalate":
        # Without street staff on the bot the community's staff take it: tell them they stand in for the street.
        key = "cases.push_escalated" if await street_has_staff(uow, case) else "cases.push_escalated_community"
        await tell_handlers(uow, case, rules, key, said=("cases.push_escalation_reason", note or ""))
    if origin is not None:  # a transfer: the receiving grid learns where it comes from, the watchers where it went
        await tell_handlers(uow, case, rules, origin[0], said=("cases.push_transfer_reason", reason or ""), **origin[1])
        await _tell_watchers_transferred(uow, case, rules, reason)
    else:
        public_note = note if action in ("ask_info", "resolve") else None
        # 请居民补充 asks the reporter: the neighbours following the case learn the state, not the question.
        await tell_watchers(
            uow, case, rules, public_note, note_to_followers=action != "ask_info", result_photo=action == "resolve" and photo_ref is not None
        )
        if action == "resolve" and before == "escalated":  # the grid that sent it up learns what the street did
            await tell_grid_resolved_above(uow, case, rules, actor, note)
    await uow.commit()
    return case


async def _transfer_origin(uow: UnitOfWork, case: Case) -> tuple[str, dict[str, object]]:
    """The head of the receiving grid's push, saying where the case comes from (called before it moves).

    From the street (an escalated case sent back down), from another grid
    by name, or from the community's staff routing a case nobody had.
    """
    if case.state == "escalated":
        return "cases.push_transferred_from_street", {}
    grid = await uow.session.get(Grid, case.grid_id) if case.grid_id else None
    if grid is None:
        return "cases.push_transferred_unrouted", {}
    return "cases.push_transferred", {"origin": grid.name}


async def _tell_watchers_transferred(uow: UnitOfWork, case: Case, rules: Rules, reason: str | None) -> None:
    """The resident (and followers) learn which grid has their case now and by when, not just 待受理 again.

    The grid's name only: its manager's name and phone stay with the staff.
    """
    grid = await uow.session.get(Grid, case.grid_id) if case.grid_id else None
    due = when(case.due_at, Texts(), rules.calendar.timezone)
    headline = ("cases.push_transferred_to_watchers", {"grid": grid.name if grid else Texts().get("cases.staff_target"), "due": due})
    await tell_watchers(uow, case, rules, reason, headline=headline)


async def _actor_role(uow: UnitOfWork, actor: Person, case: Case) -> str:
    street_id = await street_of(uow, case)
    if street_id and await roles.has_role(uow, actor, Role.street_staff, street_id=street_id):
        return Role.street_staff.value
    for role in (Role.grid_manager, Role.grid_leader):
        if case.grid_id and await roles.has_role(uow, actor, role, grid_id=case.grid_id):
            return role.value
    return Role.staff.value


async def add_info(
    uow: UnitOfWork,
    person: Person,
    case_id: int,
    rules: Rules,
    *,
    text: str | None,
    photo_ref: str | None = None,
    photo_size: int | None = None,
) -> Case:
    """The resident adds information (or a photo); a case waiting for it goes back to work."""
    text = (text or "").strip() or None
    if not text and not photo_ref:
        raise InvalidInput("cases.empty_info")
    check_photo(photo_ref, photo_size, rules)
    case = await load(uow, case_id, lock=True)
    if case.person_id != person.id:
        raise PermissionDenied()
    if case.state not in TRANSITIONS["info"][0]:
        raise Conflict("cases.closed_already", id=case.id)
    if photo_ref and await reporter_photos(uow, case) >= MAX_CASE_PHOTOS:  # refused before anything is written
        raise InvalidInput("cases.case_photos_full", id=case.id, limit=MAX_CASE_PHOTOS)
    before = case.state
    if case.state == "need_info":
        case.state = "in_progress"
    case.updated_at = uow.clock.now()
    if photo_ref and not case.photo_ref:
        case.photo_ref = photo_ref
    record_event(uow, case, "info", before, person, "resident", text, photo_ref)
    await photos.note(uow, person, photo_ref, photo_size)
    # One push per burst: an album's photos, or words and a photo sent in a row, are told together (info_pushes).
    await tell_handlers_added(uow, case, rules, photo=photo_ref is not None)
    await uow.commit()
    return case


async def reporter_photos(uow: UnitOfWork, case: Case) -> int:
    """How many photos the reporter has put on the case: with the form and added since (补充)."""
    query = select(func.count(func.distinct(col(CaseEvent.photo_ref)))).where(
        CaseEvent.case_id == case.id, col(CaseEvent.photo_ref).is_not(None), col(CaseEvent.actor_role).in_(("resident", "open311"))
    )
    return (await uow.session.exec(query)).one()  # type: ignore[call-overload]


@dataclass(frozen=True)
class Rated:
    case: Case
    reopened: bool


async def rate(
    uow: UnitOfWork, person: Person, case_id: int, stars: int | None, rules: Rules, *, reason: str | None = None
) -> Rated:
    """The resident's verdict: 3–5 stars close the case; 1–2 stars or `None` ("not fixed") reopen it.

    `reason` is what the resident said with it (没解决，垃圾还在: 垃圾还在; 2星
    太慢了: 太慢了): kept as the note of the event and quoted to the grid in
    the rework push. The stars go on the event too: `case.rating` is only the
    latest, and a case rated 2 then 5 must still show the 2 in its history.
    """
    if stars is not None and not 1 <= stars <= 5:
        raise InvalidInput("cases.bad_rating")
    reason = (reason or "").strip()[:500] or None
    case = await load(uow, case_id, lock=True)
    if case.person_id != person.id:
        raise PermissionDenied()
    if case.state != "resolved":
        if case.state == "closed" or case.rating is not None:
            raise Conflict("cases.already_rated", id=case.id)
        raise Conflict("cases.not_resolved", id=case.id)
    now = uow.clock.now()
    before = case.state
    reopened = stars is None or stars < SATISFIED_FROM
    if stars is not None:
        case.rating = stars
    case.updated_at = now
    if reopened:
        case.state = "reopened"
        case.reopen_count += 1
        case.due_at = rules.due(case.category, case.urgent, now)
        case.overdue_level = 0
        case.resolved_at = None
        record_event(uow, case, "reopen", before, person, "resident", reason, stars=stars)
        said = ("cases.push_resident_reason", reason or "")
        if stars is None:
            await tell_handlers(uow, case, rules, "cases.push_reopened_not_fixed", said=said)
        else:
            await tell_handlers(uow, case, rules, "cases.push_reopened", stars=stars, said=said)
        await tell_watchers(uow, case, rules, None, exclude=person)
    else:
        case.state = "closed"
        case.closed_at = now
        record_event(uow, case, "confirm", before, person, "resident", reason, stars=stars)
        await tell_handlers(uow, case, rules, "cases.push_rated", stars=stars)
        await tell_watchers(uow, case, rules, None, exclude=person)
    await uow.commit()
    return Rated(case, reopened)
