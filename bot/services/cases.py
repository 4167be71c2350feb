"""Complaints and requests (诉求): the closed loop of the grid workflow.

submitted → accepted → in_progress → resolved → (the resident rates) closed,
with need_info (asking the resident), escalated (at the street), transfer
to another grid, and reopened (a dissatisfied rating or "not fixed") for
rework. Every transition is checked against `TRANSITIONS`, re-checks who
may do it, writes a `CaseEvent` and pushes to whoever must know, all in
one transaction. Overdue cases are reminded and escalated by `due`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bot.clock import local
from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Building, Case, CaseEvent, CaseFollower, Community, Grid, Person, Role
from bot.services import outbox, roles
from bot.services.deadlines import CATEGORIES, Rules, add_working_hours
from bot.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from bot.texts import Texts

OPEN_STATES = ("submitted", "accepted", "in_progress", "need_info", "reopened", "escalated")
# States in which the grid's clock runs (need_info waits for the resident; escalated is the street's).
CLOCK_STATES = ("submitted", "accepted", "in_progress", "reopened")
STATES = (*OPEN_STATES, "resolved", "closed")

# action → (states it may start from, state it leads to); None keeps the state.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "submit": (frozenset({""}), "submitted"),
    "accept": (frozenset({"submitted", "reopened"}), "accepted"),
    "start": (frozenset({"accepted"}), "in_progress"),
    "ask_info": (frozenset({"submitted", "accepted", "in_progress", "reopened"}), "need_info"),
    "info": (frozenset(OPEN_STATES) | {"resolved"}, None),  # the resident adds information
    "resolve": (frozenset({"accepted", "in_progress", "need_info", "reopened", "escalated"}), "resolved"),
    "escalate": (frozenset({"submitted", "accepted", "in_progress", "need_info", "reopened"}), "escalated"),
    "transfer": (frozenset({"submitted", "accepted", "in_progress", "need_info", "reopened", "escalated"}), "submitted"),
    "confirm": (frozenset({"resolved"}), "closed"),
    "reopen": (frozenset({"resolved"}), "reopened"),
    "remind": (frozenset(CLOCK_STATES), None),
    "to_leader": (frozenset(CLOCK_STATES), None),
    "to_street": (frozenset(CLOCK_STATES), None),
}
STAFF_ACTIONS = ("accept", "start", "ask_info", "resolve", "escalate", "transfer")
NOTE_REQUIRED = ("ask_info", "resolve", "escalate")
SATISFIED_FROM = 3  # a rating of 1–2 reopens the case
MAX_DESCRIPTION = 2000


@dataclass(frozen=True)
class Place:
    """Where the problem is: an address, a shared location or a typed place."""

    text: str | None = None
    lat: float | None = None
    lon: float | None = None
    building: str | None = None  # a building of the sample org, when known


# ---------------------------------------------------------------- routing


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


async def grid_at(uow: UnitOfWork, lat: float, lon: float) -> Grid | None:
    """The nearest grid whose circle holds the point; None outside every grid."""
    best: tuple[float, Grid] | None = None
    for grid in (await uow.session.exec(select(Grid))).all():
        if grid.lat is None or grid.lon is None:
            continue
        d = distance_m(lat, lon, grid.lat, grid.lon)
        if d <= (grid.radius_m or 300) and (best is None or d < best[0]):
            best = (d, grid)
    return best[1] if best else None


async def grid_by_text(uow: UnitOfWork, text: str, community_id: str | None) -> Grid | None:
    """A grid whose building is named in a typed place ("北苑2号楼门口")."""
    query = select(Building)
    if community_id:
        query = query.where(Building.community_id == community_id)
    found = [b for b in (await uow.session.exec(query)).all() if b.name in text]
    if not found:
        return None
    found.sort(key=lambda b: -len(b.name))
    return await uow.session.get(Grid, found[0].grid_id)


async def _only_community(uow: UnitOfWork) -> str | None:
    ids = list((await uow.session.exec(select(Community.id).limit(2))).all())
    return ids[0] if len(ids) == 1 else None


async def route(uow: UnitOfWork, place: Place, person: Person | None) -> tuple[Grid | None, str | None]:
    """(grid, community id) for a place; the grid is None when staff must route it by hand."""
    grid: Grid | None = None
    if place.building and person is not None and person.community_id:
        from bot.services import org

        grid = await org.grid_of_building(uow, person.community_id, place.building)
    if grid is None and place.lat is not None and place.lon is not None:
        grid = await grid_at(uow, place.lat, place.lon)
    if grid is None and place.text:
        grid = await grid_by_text(uow, place.text, person.community_id if person else None)
    if grid is not None:
        return grid, grid.community_id
    community_id = person.community_id if person and person.community_id else await _only_community(uow)
    return None, community_id


# ---------------------------------------------------------------- who may act


async def street_of(uow: UnitOfWork, case: Case) -> str | None:
    if not case.community_id:
        return None
    community = await uow.session.get(Community, case.community_id)
    return community.street_id if community else None


async def may_handle(uow: UnitOfWork, person: Person, case: Case) -> bool:
    """Grid roles of the case's grid, staff of its community, street staff of its street.

    An escalated case is the street's: only its street staff act on it.
    """
    street_id = await street_of(uow, case)
    if street_id and await roles.has_role(uow, person, Role.street_staff, street_id=street_id):
        return True
    if case.state == "escalated":
        return False
    if case.grid_id and await roles.has_role(uow, person, Role.grid_manager, Role.grid_leader, grid_id=case.grid_id):
        return True
    if case.community_id:
        return await roles.has_role(uow, person, Role.staff, community_id=case.community_id)
    return await roles.has_role(uow, person, Role.staff)


async def _load(uow: UnitOfWork, case_id: int, *, lock: bool = False) -> Case:
    query = select(Case).where(Case.id == case_id).execution_options(populate_existing=True)
    if lock:
        query = query.with_for_update()
    case = (await uow.session.exec(query)).first()
    if case is None:
        raise NotFound("cases.no_such", id=case_id)
    return case


async def case_for_handler(uow: UnitOfWork, person: Person, case_id: int) -> Case:
    case = await _load(uow, case_id)
    if not await may_handle(uow, person, case):
        raise PermissionDenied()
    return case


async def case_for_resident(uow: UnitOfWork, person: Person, case_id: int) -> Case:
    """The resident's own case (or one they follow); someone else's is refused."""
    case = await _load(uow, case_id)
    if case.person_id == person.id or await _follows(uow, person, case_id):
        return case
    raise PermissionDenied()


async def _follows(uow: UnitOfWork, person: Person, case_id: int) -> bool:
    query = select(CaseFollower.id).where(CaseFollower.case_id == case_id, CaseFollower.person_id == person.id)
    return (await uow.session.exec(query)).first() is not None


# ---------------------------------------------------------------- recipients


async def grid_handlers(uow: UnitOfWork, case: Case) -> list[Person]:
    """Who gets a grid task: its managers, else its leaders, else the community's staff (nobody is skipped)."""
    if case.grid_id:
        for role in (Role.grid_manager, Role.grid_leader):
            found = await roles.holders(uow, role, grid_id=case.grid_id)
            if found:
                return found
    return await community_staff(uow, case.community_id)


async def community_staff(uow: UnitOfWork, community_id: str | None) -> list[Person]:
    staff = await roles.holders(uow, Role.staff, community_id=community_id)
    staff += [p for p in await roles.holders(uow, Role.admin, community_id=community_id) if p not in staff]
    return staff


async def street_staff(uow: UnitOfWork, case: Case) -> list[Person]:
    street_id = await street_of(uow, case)
    found = await roles.holders(uow, Role.street_staff, street_id=street_id) if street_id else []
    return found or await community_staff(uow, case.community_id)


async def watchers(uow: UnitOfWork, case: Case) -> list[Person]:
    """The reporting resident and everyone following the case."""
    people: list[Person] = []
    if case.person_id:
        reporter = await uow.session.get(Person, case.person_id)
        if reporter:
            people.append(reporter)
    query = (
        select(Person)
        .join(CaseFollower, col(CaseFollower.person_id) == col(Person.id))
        .where(CaseFollower.case_id == case.id)
        .order_by(col(Person.id))
    )
    people += [p for p in (await uow.session.exec(query)).all() if p not in people]
    return people


# ---------------------------------------------------------------- texts


def when(dt: datetime, texts: Texts, timezone: str) -> str:
    return local(dt, timezone).strftime("%m-%d %H:%M")


async def place_label(uow: UnitOfWork, case: Case, texts: Texts) -> str:
    grid = await uow.session.get(Grid, case.grid_id) if case.grid_id else None
    return grid.name if grid else texts.get("cases.unrouted")


def _masked_name(person: Person | None) -> str:
    if person is None or not person.name:
        return "—"
    return person.name[0] + "*" * (len(person.name) - 1)


async def card(uow: UnitOfWork, case: Case, texts: Texts, timezone: str, *, for_handler: bool) -> str:
    """A case as a person reads it; handlers also see the contact they need to call back."""
    lines = [
        texts.get(
            "cases.card",
            id=case.id,
            category=texts.get(f"cases.categories.{case.category}"),
            state=texts.get(f"cases.states.{case.state}"),
            grid=await place_label(uow, case, texts),
            description=case.description[:500],
            place=case.address or texts.get("cases.no_place"),
        )
    ]
    if case.urgent:
        lines.append(texts.get("cases.urgent_mark"))
    if case.photo_ref:
        lines.append(texts.get("cases.has_photo"))
    if for_handler:
        reporter = await uow.session.get(Person, case.person_id) if case.person_id else None
        if reporter is not None:
            lines.append(texts.get("cases.reporter", name=_masked_name(reporter), phone=reporter.phone or "—"))
        elif case.contact:
            lines.append(texts.get("cases.reporter_open311", contact=case.contact))
        if case.state in OPEN_STATES:
            lines.append(texts.get("cases.due", due=when(case.due_at, texts, timezone)))
    return "\n".join(lines)


def handler_buttons(case: Case, texts: Texts) -> tuple[tuple[Button, ...], ...]:
    """The actions the case's state allows, as `case:<action>:<id>` buttons (re-checked on press)."""
    allowed = {
        "submitted": ("accept", "ask_info", "escalate", "transfer"),
        "reopened": ("accept", "ask_info", "escalate", "transfer"),
        "accepted": ("start", "resolve", "ask_info", "escalate"),
        "in_progress": ("resolve", "ask_info", "escalate", "transfer"),
        "need_info": ("resolve", "escalate"),
        "escalated": ("resolve", "transfer"),
    }.get(case.state, ())
    buttons = [Button(texts.get(f"cases.actions.{a}"), f"case:{a}:{case.id}") for a in allowed]
    return rows(*buttons, per_row=2)


def rating_buttons(case: Case, texts: Texts) -> tuple[tuple[Button, ...], ...]:
    stars = [Button(texts.get("cases.stars", n=n), f"cs:rate:{case.id}:{n}") for n in (5, 4, 3, 2, 1)]
    return (*rows(*stars, per_row=3), (Button(texts.get("cases.not_fixed"), f"cs:nf:{case.id}"),))


# ---------------------------------------------------------------- the loop


def _event(
    uow: UnitOfWork,
    case: Case,
    action: str,
    from_state: str | None,
    actor: Person | None,
    actor_role: str,
    note: str | None = None,
    photo_ref: str | None = None,
) -> None:
    uow.session.add(
        CaseEvent(
            case_id=case.id,  # type: ignore[arg-type]
            actor_id=actor.id if actor else None,
            actor_role=actor_role,
            action=action,
            from_state=from_state,
            to_state=case.state,
            note=note[:2000] if note else None,
            photo_ref=photo_ref,
            created_at=uow.clock.now(),
        )
    )


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
) -> Case:
    """Open a case, route it to its grid and push it to the grid's handlers; commits."""
    description = (description or "").strip()
    if not description:
        raise InvalidInput("cases.empty")
    if category not in CATEGORIES:
        raise InvalidInput("cases.bad_category", categories=", ".join(CATEGORIES))
    check_photo(photo_ref, photo_size, rules)
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
    _event(uow, case, "submit", None, person, "resident" if person else source, photo_ref=photo_ref)
    await _tell_handlers(uow, case, rules, "cases.push_new")
    await uow.commit()
    return case


async def _tell_handlers(uow: UnitOfWork, case: Case, rules: Rules, key: str, **params: object) -> int:
    recipients = await (street_staff(uow, case) if case.state == "escalated" else grid_handlers(uow, case))
    for person in recipients:
        texts = Texts(person.language)
        head = texts.get(key, id=case.id, **params)
        body = await card(uow, case, texts, rules.calendar.timezone, for_handler=True)
        outbox.push(uow, person, Reply(f"{head}\n{body}", handler_buttons(case, texts)), kind="case", urgent=case.urgent)
    return len(recipients)


async def _tell_watchers(uow: UnitOfWork, case: Case, rules: Rules, note: str | None, *, exclude: Person | None = None) -> None:
    for person in await watchers(uow, case):
        if exclude is not None and person.id == exclude.id:
            continue
        texts = Texts(person.language)
        text = texts.get(
            "cases.push_status",
            id=case.id,
            category=texts.get(f"cases.categories.{case.category}"),
            state=texts.get(f"cases.states.{case.state}"),
        )
        if note:
            text += "\n" + texts.get("cases.push_note", note=note[:500])
        buttons: tuple[tuple[Button, ...], ...] = ()
        if case.state == "resolved" and person.id == case.person_id:
            text += "\n" + texts.get("cases.please_rate")
            buttons = rating_buttons(case, texts)
        elif case.state == "need_info" and person.id == case.person_id:
            buttons = rows(Button(texts.get("cases.add_info"), f"cs:add:{case.id}"))
        outbox.push(uow, person, Reply(text, buttons), kind="case")


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
    case = await _load(uow, case_id, lock=True)
    if not await may_handle(uow, actor, case):
        raise PermissionDenied()
    allowed_from, to_state = TRANSITIONS[action]
    if case.state not in allowed_from:
        raise Conflict("cases.wrong_state", id=case.id, state=Texts(actor.language).get(f"cases.states.{case.state}"))
    note = (note or "").strip() or None
    if action in NOTE_REQUIRED and not note:
        raise InvalidInput("cases.note_required")
    check_photo(photo_ref, photo_size, rules)
    now = uow.clock.now()
    before = case.state
    role = await _actor_role(uow, actor, case)
    if action == "transfer":
        target = await uow.session.get(Grid, grid_id) if grid_id else None
        if target is None:
            raise NotFound("cases.no_such_grid", grid=grid_id or "")
        if target.id == case.grid_id and before != "escalated":
            raise InvalidInput("cases.same_grid")
        case.grid_id = target.id
        case.community_id = target.community_id
        case.due_at = rules.due(case.category, case.urgent, now)
        case.overdue_level = 0
        note = note or target.name
    assert to_state is not None
    case.state = to_state
    case.updated_at = now
    if action == "resolve":
        case.resolved_at = now
        case.first_resolved_at = case.first_resolved_at or now
    _event(uow, case, action, before, actor, role, note, photo_ref)
    if action in ("escalate", "transfer"):
        await _tell_handlers(uow, case, rules, "cases.push_escalated" if action == "escalate" else "cases.push_transferred")
    public_note = note if action in ("ask_info", "resolve") else None
    await _tell_watchers(uow, case, rules, public_note)
    await uow.commit()
    return case


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
    case = await _load(uow, case_id, lock=True)
    if case.person_id != person.id:
        raise PermissionDenied()
    if case.state not in TRANSITIONS["info"][0]:
        raise Conflict("cases.closed_already", id=case.id)
    before = case.state
    if case.state == "need_info":
        case.state = "in_progress"
    case.updated_at = uow.clock.now()
    if photo_ref and not case.photo_ref:
        case.photo_ref = photo_ref
    _event(uow, case, "info", before, person, "resident", text, photo_ref)
    await _tell_handlers(uow, case, rules, "cases.push_info", note=(text or "📷")[:500])
    await uow.commit()
    return case


@dataclass(frozen=True)
class Rated:
    case: Case
    reopened: bool


async def rate(uow: UnitOfWork, person: Person, case_id: int, stars: int | None, rules: Rules) -> Rated:
    """The resident's verdict: 3–5 stars close the case; 1–2 stars or `None` ("not fixed") reopen it."""
    if stars is not None and not 1 <= stars <= 5:
        raise InvalidInput("cases.bad_rating")
    case = await _load(uow, case_id, lock=True)
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
        note = f"rating={stars}" if stars is not None else "not_fixed"
        _event(uow, case, "reopen", before, person, "resident", note)
        await _tell_handlers(uow, case, rules, "cases.push_reopened", stars=stars if stars is not None else "—")
        await _tell_watchers(uow, case, rules, None, exclude=person)
    else:
        case.state = "closed"
        case.closed_at = now
        _event(uow, case, "confirm", before, person, "resident", f"rating={stars}")
        await _tell_handlers(uow, case, rules, "cases.push_rated", stars=stars)
        await _tell_watchers(uow, case, rules, None, exclude=person)
    await uow.commit()
    return Rated(case, reopened)


async def follow(uow: UnitOfWork, person: Person, case_id: int) -> Case:
    """Follow a similar open case instead of filing a duplicate."""
    case = await _load(uow, case_id)
    if case.state not in OPEN_STATES:
        raise Conflict("cases.closed_already", id=case.id)
    if case.person_id != person.id and not await _follows(uow, person, case_id):
        uow.session.add(CaseFollower(case_id=case_id, person_id=person.id, created_at=uow.clock.now()))  # type: ignore[arg-type]
        _event(uow, case, "follow", case.state, person, "resident")
    await uow.commit()
    return case


async def similar(uow: UnitOfWork, category: str, place: Place, person: Person | None, rules: Rules) -> list[Case]:
    """Open cases of the same kind nearby (same grid, or within the radius of a shared location)."""
    grid, community_id = await route(uow, place, person)
    since = uow.clock.now() - timedelta(days=rules.similar_days)
    query = (
        select(Case)
        .where(Case.category == category, col(Case.state).in_(OPEN_STATES), Case.created_at >= since)
        .order_by(col(Case.id).desc())
        .limit(50)
    )
    found = []
    for case in (await uow.session.exec(query)).all():
        if person is not None and case.person_id == person.id:
            continue
        near = False
        if place.lat is not None and case.lat is not None and place.lon is not None and case.lon is not None:
            near = distance_m(place.lat, place.lon, case.lat, case.lon) <= rules.similar_radius_m
        elif grid is not None:
            near = case.grid_id == grid.id
        if near:
            found.append(case)
    return found[:3]


# ---------------------------------------------------------------- reading


async def cases_of(uow: UnitOfWork, person: Person, *, limit: int = 10) -> list[Case]:
    followed = select(CaseFollower.case_id).where(CaseFollower.person_id == person.id)
    query = (
        select(Case)
        .where((col(Case.person_id) == person.id) | col(Case.id).in_(followed))
        .order_by(col(Case.id).desc())
        .limit(limit)
    )
    return list((await uow.session.exec(query)).all())


async def history(uow: UnitOfWork, case_id: int) -> list[CaseEvent]:
    query = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(col(CaseEvent.id))
    return list((await uow.session.exec(query)).all())


async def tasks(uow: UnitOfWork, person: Person, *, limit: int = 20) -> list[Case]:
    """The open cases this person may act on, overdue first, then by deadline.

    Built from the cases themselves, not from pushes: a push that failed
    leaves its case here all the same.
    """
    held = await roles.roles_of(uow, person)
    grids = {a.grid_id for a in held if a.role in (Role.grid_manager.value, Role.grid_leader.value) and a.grid_id}
    communities = {a.community_id for a in held if a.role in (Role.staff.value, Role.admin.value) and a.community_id}
    streets = {a.street_id for a in held if a.role == Role.street_staff.value and a.street_id}
    if not (grids or communities or streets):
        raise PermissionDenied()
    street_communities: set[str] = set()
    if streets:
        street_communities = set(
            (await uow.session.exec(select(Community.id).where(col(Community.street_id).in_(streets)))).all()
        )
    query = select(Case).where(col(Case.state).in_(OPEN_STATES)).order_by(col(Case.due_at), col(Case.id))
    mine = []
    for case in (await uow.session.exec(query)).all():
        if case.community_id in street_communities and (case.state == "escalated" or case.overdue_level >= 3):
            mine.append(case)
        elif case.state == "escalated":
            continue
        elif case.grid_id in grids or case.community_id in communities:
            mine.append(case)
    now = uow.clock.now()
    mine.sort(key=lambda c: (c.due_at > now, c.due_at, c.id))
    return mine[:limit]


async def open_cases(uow: UnitOfWork, ids: Iterable[int]) -> list[Case]:
    return list((await uow.session.exec(select(Case).where(col(Case.id).in_(list(ids))))).all())


# ---------------------------------------------------------------- overdue


LEVELS = ((1, "remind", "cases.push_remind"), (2, "to_leader", "cases.push_to_leader"), (3, "to_street", "cases.push_to_street"))


async def due(uow: UnitOfWork, now: datetime, rules: Rules) -> int:
    """Remind (催办), then tell the grid leader, then the street (督办) about overdue cases.

    Idempotent: each level is claimed with a conditional UPDATE of
    `overdue_level` in the same transaction as its pushes, so a second run,
    or a second process, sends nothing twice. Returns the number of levels reached.
    """
    query = (
        select(Case)
        .where(col(Case.state).in_(CLOCK_STATES), Case.due_at <= now, Case.overdue_level < 3)
        .order_by(col(Case.id))
    )
    reached = 0
    for case in list((await uow.session.exec(query)).all()):
        thresholds = (rules.remind_after_hours, rules.leader_after_hours, rules.street_after_hours)
        target = case.overdue_level
        for level, hours in enumerate(thresholds, start=1):
            if now >= add_working_hours(case.due_at, hours, rules.calendar):
                target = level
        if target <= case.overdue_level:
            continue
        claimed = await uow.session.exec(  # type: ignore[call-overload]
            update(Case)
            .where(col(Case.id) == case.id, col(Case.overdue_level) == case.overdue_level)
            .values(overdue_level=target)
        )
        if claimed.rowcount != 1:
            continue
        level, action, key = LEVELS[target - 1]
        case.overdue_level = target
        _event(uow, case, action, case.state, None, "system")
        if target == 1:
            recipients = await grid_handlers(uow, case)
        elif target == 2:
            recipients = (await roles.holders(uow, Role.grid_leader, grid_id=case.grid_id) if case.grid_id else [])
            recipients = recipients or await community_staff(uow, case.community_id)
        else:
            recipients = await street_staff(uow, case)
        for person in recipients:
            texts = Texts(person.language)
            head = texts.get(key, id=case.id, due=when(case.due_at, texts, rules.calendar.timezone))
            body = await card(uow, case, texts, rules.calendar.timezone, for_handler=True)
            buttons = handler_buttons(case, texts) if target < 3 or await may_handle(uow, person, case) else ()
            outbox.push(uow, person, Reply(f"{head}\n{body}", buttons), kind="case", urgent=True)
        reached += 1
        await uow.commit()
    return reached
