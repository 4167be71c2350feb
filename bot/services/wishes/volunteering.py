"""One volunteer claims a wish (exactly one wins a race), gives it back, or marks it done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col

from bot.clock import local
from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Person, Role, Wish
from bot.services import outbox, roles
from bot.services.deadlines import Rules
from bot.services.errors import Conflict, InvalidInput, PermissionDenied
from bot.services.wishes.lists import claimed_by
from bot.services.wishes.records import (
    OPEN_FOR_VOLUNTEERS,
    load,
    meeting_details,
    offer_to_volunteers,
    record_event,
    volunteer_name,
)
from bot.texts import Texts

@dataclass(frozen=True)
class Claimed:
    """A claim and whom to meet; `already` when the volunteer held it before this press (a second press, 认领 #3 typed again)."""

    wish: Wish
    details: str
    already: bool = False


async def claim(uow: UnitOfWork, volunteer: Person, wish_id: int, rules: Rules) -> Claimed:
    """Claim an approved wish: exactly one volunteer wins, however many press at once."""
    wish = await load(uow, wish_id)
    if not await roles.has_role(uow, volunteer, Role.volunteer, community_id=wish.community_id):
        raise PermissionDenied()
    if wish.person_id == volunteer.id:
        raise InvalidInput("wishes.own_wish")
    volunteer_id = volunteer.id  # read now: a lost race rolls back, and the person's attributes with it
    if _held_by(wish, volunteer_id):  # pressed twice: theirs, not "taken by someone else"
        return await _already_theirs(uow, wish, volunteer)
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
        lost = await load(uow, wish_id)
        if _held_by(lost, volunteer_id):  # two presses of theirs at once: the other one won it for them
            return await _already_theirs(uow, lost, await uow.session.get(Person, volunteer_id))
        state = lost.state
        raise Conflict("wishes.taken" if state in ("claimed", "fulfilled", "confirmed") else "wishes.not_open", id=wish_id)
    wish = await load(uow, wish_id)
    record_event(uow, wish, "claim", OPEN_FOR_VOLUNTEERS, volunteer)
    resident = await outbox.push_to(
        uow,
        wish.person_id,
        lambda texts: Reply(
            texts.get("wishes.push_claimed", id=wish.id, what=wish.what, volunteer=volunteer_name(volunteer, texts)),
            rows(Button(texts.get("wishes.say_to_volunteer"), f"wish:say:{wish.id}")),  # she has no phone of theirs
        ),
        kind="wish",
    )
    details = meeting_details(resident, Texts(volunteer.language))
    await uow.commit()
    return Claimed(wish, details)


def _held_by(wish: Wish, volunteer_id: int | None) -> bool:
    return wish.state == "claimed" and wish.claimed_by == volunteer_id


async def _already_theirs(uow: UnitOfWork, wish: Wish, volunteer: Person) -> Claimed:
    """The claim they hold, with whom to meet again: a volunteer told "taken by another" would walk away from it."""
    resident = await uow.session.get(Person, wish.person_id)
    details = meeting_details(resident, Texts(volunteer.language)) if resident is not None else ""
    return Claimed(wish, details, already=True)


async def own_claim(uow: UnitOfWork, volunteer: Person, wish_id: int) -> Wish:
    """The wish if `volunteer` holds its claim now; asked before the hours too, so nobody counts them for nothing.

    A volunteer of the community whose claim ran out (and someone else took
    the wish since) is told it is no longer theirs, not that they lack a right.
    """
    wish = await load(uow, wish_id)
    if wish.state == "claimed" and wish.claimed_by == volunteer.id:
        return wish
    if not await roles.has_role(uow, volunteer, Role.volunteer, community_id=wish.community_id):
        raise PermissionDenied()
    # An old 已完成 / 放弃认领 pressed: "not among your claims (may have expired)" sent them looking for a lapse
    if wish.state == "withdrawn":
        raise Conflict("wishes.withdrawn_no_need", id=wish_id)
    if wish.state in ("fulfilled", "confirmed") and wish.claimed_by == volunteer.id:
        raise Conflict("wishes.done_already", id=wish_id)
    raise Conflict("wishes.not_claimed", id=wish_id)


async def my_claims(uow: UnitOfWork, volunteer: Person) -> list[Claimed]:
    """The wishes `volunteer` holds, each with whom to meet: what the claim showed once, to be found again."""
    texts = Texts(volunteer.language)
    found = []
    for wish in await claimed_by(uow, volunteer):
        resident = await uow.session.get(Person, wish.person_id)
        found.append(Claimed(wish, meeting_details(resident, texts) if resident is not None else ""))
    return found


async def release(uow: UnitOfWork, volunteer: Person, wish_id: int) -> Wish:
    """The volunteer gives the wish back; it is offered to the others again."""
    wish = await own_claim(uow, volunteer, wish_id)
    return await release_claim(uow, wish, volunteer, "release")


async def release_claim(uow: UnitOfWork, wish: Wish, actor: Person | None, action: str) -> Wish:
    """Shared by a volunteer giving the wish back and by a claim that ran out; conditional, so a race releases once."""
    previous = wish.claimed_by
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish.id, col(Wish.state) == "claimed", col(Wish.claimed_by) == previous)
        .values(state=OPEN_FOR_VOLUNTEERS, claimed_by=None, claimed_at=None, claim_expires_at=None, updated_at=uow.clock.now())
    )
    if done.rowcount != 1:
        raise Conflict("wishes.not_claimed", id=wish.id)
    wish = await load(uow, wish.id)  # type: ignore[arg-type]
    record_event(uow, wish, action, "claimed", actor)
    volunteer = await uow.session.get(Person, previous) if previous else None
    if volunteer is not None and action == "expire":
        texts = Texts(volunteer.language)
        outbox.push(uow, volunteer, Reply(texts.get("wishes.push_expired", id=wish.id, what=wish.what)), kind="wish")
    # The resident was told a volunteer would contact them: without this they would go on waiting for nobody.
    await outbox.push_to(
        uow,
        wish.person_id,
        lambda texts: Reply(texts.get("wishes.push_released", id=wish.id, what=wish.what)),
        kind="wish",
    )
    await offer_to_volunteers(uow, wish, "wishes.push_again", skip=previous)
    await uow.commit()
    return wish


async def fulfil(uow: UnitOfWork, volunteer: Person, wish_id: int, hours: float, rules: Rules) -> Wish:
    if not 0 < hours <= rules.max_service_hours:
        raise InvalidInput("wishes.bad_hours", max=int(rules.max_service_hours))
    wish = await own_claim(uow, volunteer, wish_id)
    now = uow.clock.now()
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish_id, col(Wish.state) == "claimed", col(Wish.claimed_by) == volunteer.id)
        .values(state="fulfilled", fulfilled_at=now, hours=hours, updated_at=now)
    )
    if done.rowcount != 1:
        raise Conflict("wishes.not_claimed", id=wish_id)
    wish = await load(uow, wish_id)
    record_event(uow, wish, "fulfil", "claimed", volunteer, f"hours={hours:g}")
    await outbox.push_to(
        uow,
        wish.person_id,
        lambda texts: Reply(
            texts.get("wishes.push_fulfilled", id=wish.id, what=wish.what, volunteer=volunteer_name(volunteer, texts)),
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
