"""Micro-wishes (微心愿): a resident's wish, approved by staff, claimed and fulfilled by one volunteer.

pending → approved | declined; approved → claimed (exactly one claimer, by a
conditional UPDATE) → fulfilled → confirmed (by the resident, or
automatically after a while). A claim not fulfilled in time is released.
Volunteers see no phone or address until they claim, and then only what
the meeting needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bot.clock import local
from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Grid, Person, Role, Wish, WishEvent
from bot.services import cases, org, outbox, photos, roles
from bot.services.deadlines import Rules
from bot.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from bot.texts import Texts

OPEN_FOR_VOLUNTEERS = "approved"


def _event(uow: UnitOfWork, wish: Wish, action: str, before: str | None, actor: Person | None, note: str | None = None) -> None:
    uow.session.add(
        WishEvent(
            wish_id=wish.id,  # type: ignore[arg-type]
            actor_id=actor.id if actor else None,
            action=action,
            from_state=before,
            to_state=wish.state,
            note=note[:500] if note else None,
            created_at=uow.clock.now(),
        )
    )


async def _load(uow: UnitOfWork, wish_id: int) -> Wish:
    query = select(Wish).where(Wish.id == wish_id).execution_options(populate_existing=True)
    wish = (await uow.session.exec(query)).first()
    if wish is None:
        raise NotFound("wishes.no_such", id=wish_id)
    return wish


def public_card(wish: Wish, texts: Texts, grid_name: str | None) -> str:
    """What anyone may see of a wish: no name, phone or address."""
    by = wish.wanted_by.isoformat() if wish.wanted_by else texts.get("wishes.no_date")
    return texts.get(
        "wishes.card",
        id=wish.id,
        what=wish.what,
        why=wish.why,
        by=by,
        area=grid_name or texts.get("wishes.community_area"),
        state=texts.get(f"wishes.states.{wish.state}"),
    )


async def grid_name(uow: UnitOfWork, wish: Wish) -> str | None:
    grid = await uow.session.get(Grid, wish.grid_id) if wish.grid_id else None
    return grid.name if grid else None


async def reviewers(uow: UnitOfWork, wish: Wish) -> list[Person]:
    found = await roles.community_staff(uow, wish.community_id)
    if wish.grid_id:
        found += [p for p in await roles.holders(uow, Role.grid_manager, grid_id=wish.grid_id) if p not in found]
    return found


async def may_review(uow: UnitOfWork, person: Person, wish: Wish) -> bool:
    if wish.grid_id and await roles.has_role(uow, person, Role.grid_manager, grid_id=wish.grid_id):
        return True
    return await roles.has_role(uow, person, Role.staff, community_id=wish.community_id)


async def with_photo_for(uow: UnitOfWork, viewer: Person, wish_id: int) -> Wish:
    """The wish whose photo `viewer` asks for: its maker, its reviewers and the volunteer who took it may see it.

    Not the volunteers browsing open wishes: a photo may show the home.
    """
    wish = await _load(uow, wish_id)
    if wish.person_id == viewer.id or wish.claimed_by == viewer.id or await may_review(uow, viewer, wish):
        return wish
    raise PermissionDenied()


async def make_wish(
    uow: UnitOfWork,
    person: Person,
    *,
    what: str,
    why: str,
    wanted_by: date | None,
    rules: Rules,
    photo_ref: str | None = None,
    photo_size: int | None = None,
) -> Wish:
    what, why = (what or "").strip(), (why or "").strip()
    if not what:
        raise InvalidInput("wishes.empty")
    cases.check_photo(photo_ref, photo_size, rules)
    community_id = await org.community_id_of(uow, person)
    grid = None
    if person.community_id and person.building:
        grid = await org.grid_of_building(uow, person.community_id, person.building)
    now = uow.clock.now()
    wish = Wish(
        person_id=person.id,  # type: ignore[arg-type]
        community_id=community_id,
        grid_id=grid.id if grid else None,
        what=what[:200],
        why=why[:500] or "—",
        wanted_by=wanted_by,
        photo_ref=photo_ref,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(wish)
    await uow.session.flush()
    _event(uow, wish, "make", None, person)
    await photos.note(uow, person, photo_ref, photo_size)
    area = await grid_name(uow, wish)
    for reviewer in await reviewers(uow, wish):
        texts = Texts(reviewer.language)
        outbox.push(
            uow,
            reviewer,
            Reply(
                texts.get("wishes.push_review", id=wish.id) + "\n" + public_card(wish, texts, area),
                rows(
                    Button(texts.get("wishes.approve"), f"wish:ok:{wish.id}"),
                    Button(texts.get("wishes.decline"), f"wish:no:{wish.id}"),
                    *([Button(texts.get("photos.see"), f"wish:photo:{wish.id}")] if photo_ref else []),
                    per_row=2,
                ),
            ),
            kind="wish",
        )
    await uow.commit()
    return wish


async def review(uow: UnitOfWork, staff: Person, wish_id: int, *, approve: bool, reason: str | None = None) -> Wish:
    wish = await _load(uow, wish_id)
    if not await may_review(uow, staff, wish):
        raise PermissionDenied()
    reason = (reason or "").strip() or None
    if not approve and not reason:
        raise InvalidInput("wishes.reason_required")
    before = wish.state
    new_state = "approved" if approve else "declined"
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish_id, col(Wish.state) == "pending")
        .values(state=new_state, reviewed_by=staff.id, reason=reason, updated_at=uow.clock.now())
    )
    if done.rowcount != 1:
        raise Conflict("wishes.reviewed_already", id=wish_id)
    wish = await _load(uow, wish_id)
    _event(uow, wish, "approve" if approve else "decline", before, staff, reason)
    resident = await uow.session.get(Person, wish.person_id)
    if resident is not None:
        texts = Texts(resident.language)
        key = "wishes.push_approved" if approve else "wishes.push_declined"
        outbox.push(uow, resident, Reply(texts.get(key, id=wish.id, what=wish.what, reason=reason or "")), kind="wish")
    if approve:
        await _offer_to_volunteers(uow, wish, "wishes.push_new")
    await uow.commit()
    return wish


async def _offer_to_volunteers(uow: UnitOfWork, wish: Wish, key: str, *, skip: int | None = None) -> None:
    area = await grid_name(uow, wish)
    for volunteer in await roles.holders(uow, Role.volunteer, community_id=wish.community_id):
        if volunteer.id in (skip, wish.person_id):
            continue
        texts = Texts(volunteer.language)
        outbox.push(
            uow,
            volunteer,
            Reply(
                texts.get(key, id=wish.id) + "\n" + public_card(wish, texts, area),
                rows(Button(texts.get("wishes.claim"), f"wish:claim:{wish.id}")),
            ),
            kind="wish",
        )


async def open_wishes(uow: UnitOfWork, volunteer: Person, *, limit: int = 10) -> list[Wish]:
    """Approved wishes of the volunteer's communities, oldest first."""
    held = [a for a in await roles.roles_of(uow, volunteer) if a.role == Role.volunteer.value]
    if not held:
        raise PermissionDenied()
    communities = {a.community_id for a in held}
    query = select(Wish).where(Wish.state == OPEN_FOR_VOLUNTEERS).order_by(col(Wish.id))
    return [w for w in (await uow.session.exec(query)).all() if w.community_id in communities][:limit]


async def claimed_by(uow: UnitOfWork, volunteer: Person) -> list[Wish]:
    query = select(Wish).where(Wish.claimed_by == volunteer.id, Wish.state == "claimed").order_by(col(Wish.id))
    return list((await uow.session.exec(query)).all())


async def wishes_of(uow: UnitOfWork, person: Person, *, limit: int = 10) -> list[Wish]:
    query = select(Wish).where(Wish.person_id == person.id).order_by(col(Wish.id).desc()).limit(limit)
    return list((await uow.session.exec(query)).all())


async def pending_reviews(uow: UnitOfWork, person: Person) -> list[Wish]:
    query = select(Wish).where(Wish.state == "pending").order_by(col(Wish.id))
    return [w for w in (await uow.session.exec(query)).all() if await may_review(uow, person, w)]


def meeting_details(resident: Person, texts: Texts) -> str:
    """What a volunteer needs to meet the resident: a name, a phone and the door; nothing else."""
    address = " ".join(p for p in (resident.building, resident.unit, resident.room) if p) or "—"
    return texts.get("wishes.meeting", name=resident.name or "—", phone=resident.phone or "—", address=address)


@dataclass(frozen=True)
class Claimed:
    wish: Wish
    details: str


async def claim(uow: UnitOfWork, volunteer: Person, wish_id: int, rules: Rules) -> Claimed:
    """Claim an approved wish: exactly one volunteer wins, however many press at once."""
    wish = await _load(uow, wish_id)
    if not await roles.has_role(uow, volunteer, Role.volunteer, community_id=wish.community_id):
        raise PermissionDenied()
    if wish.person_id == volunteer.id:
        raise InvalidInput("wishes.own_wish")
    now = uow.clock.now()
    if wish.wanted_by is not None and wish.wanted_by < local(now, rules.calendar.timezone).date():
        raise Conflict("wishes.expired", id=wish_id)
    won = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish_id, col(Wish.state) == OPEN_FOR_VOLUNTEERS)
        .values(
            state="claimed",
            claimed_by=volunteer.id,
            claimed_at=now,
            claim_expires_at=now + timedelta(hours=rules.claim_hours),
            updated_at=now,
        )
    )
    if won.rowcount != 1:
        await uow.rollback()
        state = (await _load(uow, wish_id)).state
        raise Conflict("wishes.taken" if state in ("claimed", "fulfilled", "confirmed") else "wishes.not_open", id=wish_id)
    wish = await _load(uow, wish_id)
    _event(uow, wish, "claim", OPEN_FOR_VOLUNTEERS, volunteer)
    resident = await outbox.push_to(
        uow,
        wish.person_id,
        lambda texts: Reply(
            texts.get("wishes.push_claimed", id=wish.id, what=wish.what, volunteer=_volunteer_name(volunteer))
        ),
        kind="wish",
    )
    details = meeting_details(resident, Texts(volunteer.language))
    await uow.commit()
    return Claimed(wish, details)


def _volunteer_name(volunteer: Person) -> str:
    return volunteer.name or volunteer.display_name or f"志愿者{volunteer.id}"


async def _own_claim(uow: UnitOfWork, volunteer: Person, wish_id: int) -> Wish:
    wish = await _load(uow, wish_id)
    if wish.state != "claimed" or wish.claimed_by is None:
        if not await roles.has_role(uow, volunteer, Role.volunteer, community_id=wish.community_id):
            raise PermissionDenied()
        raise Conflict("wishes.not_claimed", id=wish_id)
    if wish.claimed_by != volunteer.id:
        raise PermissionDenied()
    return wish


async def release(uow: UnitOfWork, volunteer: Person, wish_id: int) -> Wish:
    """The volunteer gives the wish back; it is offered to the others again."""
    wish = await _own_claim(uow, volunteer, wish_id)
    return await _release(uow, wish, volunteer, "release")


async def _release(uow: UnitOfWork, wish: Wish, actor: Person | None, action: str) -> Wish:
    previous = wish.claimed_by
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish.id, col(Wish.state) == "claimed", col(Wish.claimed_by) == previous)
        .values(state=OPEN_FOR_VOLUNTEERS, claimed_by=None, claimed_at=None, claim_expires_at=None, updated_at=uow.clock.now())
    )
    if done.rowcount != 1:
        raise Conflict("wishes.not_claimed", id=wish.id)
    wish = await _load(uow, wish.id)  # type: ignore[arg-type]
    _event(uow, wish, action, "claimed", actor)
    volunteer = await uow.session.get(Person, previous) if previous else None
    if volunteer is not None and action == "expire":
        texts = Texts(volunteer.language)
        outbox.push(uow, volunteer, Reply(texts.get("wishes.push_expired", id=wish.id, what=wish.what)), kind="wish")
    await _offer_to_volunteers(uow, wish, "wishes.push_again", skip=previous)
    await uow.commit()
    return wish


async def fulfil(uow: UnitOfWork, volunteer: Person, wish_id: int, hours: float, rules: Rules) -> Wish:
    if not 0 < hours <= rules.max_service_hours:
        raise InvalidInput("wishes.bad_hours", max=int(rules.max_service_hours))
    wish = await _own_claim(uow, volunteer, wish_id)
    now = uow.clock.now()
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish_id, col(Wish.state) == "claimed", col(Wish.claimed_by) == volunteer.id)
        .values(state="fulfilled", fulfilled_at=now, hours=hours, updated_at=now)
    )
    if done.rowcount != 1:
        raise Conflict("wishes.not_claimed", id=wish_id)
    wish = await _load(uow, wish_id)
    _event(uow, wish, "fulfil", "claimed", volunteer, f"hours={hours:g}")
    await outbox.push_to(
        uow,
        wish.person_id,
        lambda texts: Reply(
            texts.get("wishes.push_fulfilled", id=wish.id, what=wish.what, volunteer=_volunteer_name(volunteer)),
            rows(
                Button(texts.get("wishes.confirm"), f"wish:confirm:{wish.id}"),
                Button(texts.get("wishes.not_yet"), f"wish:notyet:{wish.id}"),
                per_row=2,
            ),
        ),
        kind="wish",
    )
    await uow.commit()
    return wish


async def confirm(uow: UnitOfWork, resident: Person, wish_id: int) -> Wish:
    wish = await _load(uow, wish_id)
    if wish.person_id != resident.id:
        raise PermissionDenied()
    return await _confirm(uow, wish, resident, auto=False)


async def _confirm(uow: UnitOfWork, wish: Wish, actor: Person | None, *, auto: bool) -> Wish:
    now = uow.clock.now()
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish.id, col(Wish.state) == "fulfilled")
        .values(state="confirmed", confirmed_at=now, auto_confirmed=auto, updated_at=now)
    )
    if done.rowcount != 1:
        raise Conflict("wishes.confirmed_already" if wish.state == "confirmed" else "wishes.not_fulfilled", id=wish.id)
    wish = await _load(uow, wish.id)  # type: ignore[arg-type]
    _event(uow, wish, "auto_confirm" if auto else "confirm", "fulfilled", actor)
    volunteer = await uow.session.get(Person, wish.claimed_by) if wish.claimed_by else None
    if volunteer is not None:
        texts = Texts(volunteer.language)
        outbox.push(
            uow, volunteer, Reply(texts.get("wishes.push_confirmed", id=wish.id, hours=f"{wish.hours or 0:g}")), kind="wish"
        )
    if auto:
        resident = await uow.session.get(Person, wish.person_id)
        if resident is not None:
            texts = Texts(resident.language)
            outbox.push(uow, resident, Reply(texts.get("wishes.push_auto_confirmed", id=wish.id, what=wish.what)), kind="wish")
    await uow.commit()
    return wish


async def not_yet(uow: UnitOfWork, resident: Person, wish_id: int) -> Wish:
    """The resident says it is not done: the volunteer is told and the claim goes on."""
    wish = await _load(uow, wish_id)
    if wish.person_id != resident.id:
        raise PermissionDenied()
    if wish.state != "fulfilled":
        raise Conflict("wishes.not_fulfilled", id=wish_id)
    now = uow.clock.now()
    rules_hours = (wish.claim_expires_at - wish.claimed_at) if wish.claim_expires_at and wish.claimed_at else timedelta(hours=72)
    wish.state = "claimed"
    wish.fulfilled_at = None
    wish.hours = None
    wish.claim_expires_at = now + rules_hours
    wish.updated_at = now
    _event(uow, wish, "not_yet", "fulfilled", resident)
    volunteer = await uow.session.get(Person, wish.claimed_by) if wish.claimed_by else None
    if volunteer is not None:
        texts = Texts(volunteer.language)
        outbox.push(uow, volunteer, Reply(texts.get("wishes.push_not_yet", id=wish.id, what=wish.what)), kind="wish")
    await uow.commit()
    return wish


async def thank(uow: UnitOfWork, resident: Person, wish_id: int, text: str) -> Wish:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("wishes.empty_thanks")
    wish = await _load(uow, wish_id)
    if wish.person_id != resident.id:
        raise PermissionDenied()
    if wish.state != "confirmed":
        raise Conflict("wishes.not_fulfilled", id=wish_id)
    if wish.thanks:
        raise Conflict("wishes.thanked_already", id=wish_id)
    wish.thanks = text[:500]
    _event(uow, wish, "thank", wish.state, resident, text)
    volunteer = await uow.session.get(Person, wish.claimed_by) if wish.claimed_by else None
    if volunteer is not None:
        texts = Texts(volunteer.language)
        outbox.push(uow, volunteer, Reply(texts.get("wishes.push_thanks", id=wish.id, text=text[:500])), kind="wish")
    await uow.commit()
    return wish


async def due(uow: UnitOfWork, now: datetime, rules: Rules) -> int:
    """Release expired claims and confirm long-fulfilled wishes; idempotent (conditional updates)."""
    done = 0
    expired = select(Wish).where(Wish.state == "claimed", col(Wish.claim_expires_at) <= now).order_by(col(Wish.id))
    for wish in list((await uow.session.exec(expired)).all()):
        try:
            await _release(uow, wish, None, "expire")
            done += 1
        except Conflict:
            await uow.rollback()
    cutoff = now - timedelta(days=rules.auto_confirm_days)
    stale = select(Wish).where(Wish.state == "fulfilled", col(Wish.fulfilled_at) <= cutoff).order_by(col(Wish.id))
    for wish in list((await uow.session.exec(stale)).all()):
        try:
            await _confirm(uow, wish, None, auto=True)
            done += 1
        except Conflict:
            await uow.rollback()
    return done
