"""Following a similar open case instead of filing a duplicate, with the photos the resident sent for theirs."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Case, CaseEvent, CaseFollower, Person
from bot.services import photos as kept_photos
from bot.services.cases.access import follows, load
from bot.services.cases.events import record_event, tell_handlers
from bot.services.cases.presentation import MAX_PHOTOS
from bot.services.cases.routing import Place, distance_m, route
from bot.services.cases.states import OPEN_STATES
from bot.services.deadlines import Rules
from bot.services.errors import Conflict, PermissionDenied

FOLLOWER = "follower"  # the actor role of a follower's photos: the handlers see them, no other resident does
FOLLOWER_PHOTO = "follower_photo"


@dataclass(frozen=True)
class Followed:
    """The case followed, and what became of the photos sent with the form that was not filed."""

    case: Case
    photos_added: int = 0  # on the case for its handlers, who were told
    photos_left: int = 0  # not added: the case holds as many photos as its handlers are shown


async def follow(
    uow: UnitOfWork,
    person: Person,
    case_id: int,
    *,
    offered: Collection[int],
    photos: Sequence[tuple[str, int | None]] = (),
    rules: Rules | None = None,
) -> Followed:
    """Follow a similar open case instead of filing a duplicate; commits.

    Only a case the bot offered this person as similar to the one they were
    filing (`offered`, remembered server-side in their dialog): a follower
    reads the case and every update, so a forged button naming any id must
    not make someone a reader of any case.

    `photos` are those the resident sent with the form they gave up for this
    case: dropped, the handlers never saw the scene from a second side. They
    go on the case for its handlers (as far as the case has room) and the
    handlers are told; other residents, the reporter too, are not shown
    them, as a resident's photo may show their home.
    """
    if case_id not in offered:
        raise PermissionDenied("cases.follow_not_offered")
    case = await load(uow, case_id, lock=bool(photos))
    if case.state not in OPEN_STATES:
        raise Conflict("cases.closed_already", id=case.id)
    if case.person_id != person.id and not await follows(uow, person, case_id):
        uow.session.add(CaseFollower(case_id=case_id, person_id=person.id, created_at=uow.clock.now()))  # type: ignore[arg-type]
        record_event(uow, case, "follow", case.state, person, "resident")
    added = await _add_photos(uow, person, case, photos, rules) if photos else 0
    await uow.commit()
    return Followed(case, added, len(photos) - added)


async def _add_photos(
    uow: UnitOfWork, person: Person, case: Case, photos: Sequence[tuple[str, int | None]], rules: Rules | None
) -> int:
    """The follower's photos on the case's trail, as many as fit beside those it has; the handlers told once."""
    held = {ref for ref in (await uow.session.exec(select(CaseEvent.photo_ref).where(CaseEvent.case_id == case.id))).all() if ref}
    new = [(ref, size) for ref, size in photos if ref not in held]
    room = max(0, MAX_PHOTOS - len(held))
    for ref, size in new[:room]:
        record_event(uow, case, FOLLOWER_PHOTO, case.state, person, FOLLOWER, photo_ref=ref)
        await kept_photos.note(uow, person, ref, size)
    added = min(len(new), room)
    if added and rules is not None:
        await tell_handlers(uow, case, rules, "cases.push_follower_photos", n=added)
    return added + (len(photos) - len(new))  # a photo already on the case is there: not lost


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


async def follower_ids(uow: UnitOfWork, case_id: int) -> set[int]:
    """Who follows the case: their photos are a neighbour's, not the reporter's nor a handler's."""
    query = select(CaseFollower.person_id).where(CaseFollower.case_id == case_id)
    return {pid for pid in (await uow.session.exec(query)).all() if pid is not None}


async def followed_open(uow: UnitOfWork, person: Person) -> list[Case]:
    """The open cases the person follows (关注), not their own, newest first: what their 催一下 may be about."""
    followed = select(CaseFollower.case_id).where(CaseFollower.person_id == person.id)
    query = (
        select(Case)
        .where(col(Case.id).in_(followed), col(Case.person_id) != person.id, col(Case.state).in_(OPEN_STATES))
        .order_by(col(Case.id).desc())
        .limit(50)
    )
    return list((await uow.session.exec(query)).all())
