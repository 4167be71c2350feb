"""A resident makes a wish; the community's staff or the grid manager approve or decline it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlmodel import col

from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Person, Wish
from bot.services import cases, org, outbox, photos
from bot.services.people import colleague_label
from bot.services.deadlines import Rules
from bot.services.errors import Conflict, InvalidInput, PermissionDenied
from bot.services.wishes.records import grid_name, load, may_review, offer_to_volunteers, record_event, review_card, reviewers
from bot.texts import Texts

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
    record_event(uow, wish, "make", None, person)
    await photos.note(uow, person, photo_ref, photo_size)
    area = await grid_name(uow, wish)
    for reviewer in await reviewers(uow, wish):
        texts = Texts(reviewer.language)
        outbox.push(
            uow,
            reviewer,
            Reply(
                texts.get("wishes.push_review", id=wish.id) + "\n" + review_card(wish, texts, area),
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


async def check_reviewable(uow: UnitOfWork, staff: Person, wish_id: int) -> Wish:
    """Refuse before asking a reason for declining: someone who may not review it, or a wish reviewed already."""
    wish = await load(uow, wish_id)
    if not await may_review(uow, staff, wish):
        raise PermissionDenied()
    if wish.state != "pending":
        raise await reviewed_already(uow, wish, staff)
    return wish


async def reviewed_already(uow: UnitOfWork, wish: Wish, viewer: Person) -> Conflict:
    """Who did what to a wish no longer pending, for the reviewer who came second.

    心愿 #1 已经审核过了 alone left a staff member who typed a refusal while a
    colleague approved it not knowing which way it went, nor by whom.
    """
    texts = Texts(viewer.language)
    state = texts.get(f"wishes.states.{wish.state}")
    if wish.reviewed_by is None:  # withdrawn by its maker before anyone reviewed it
        return Conflict("wishes.review_gone", id=wish.id, state=state)
    reviewer = await uow.session.get(Person, wish.reviewed_by)
    who = texts.get("wishes.reviewer_you") if wish.reviewed_by == viewer.id or reviewer is None else colleague_label(reviewer)
    if wish.state == "declined":
        return Conflict("wishes.reviewed_declined", id=wish.id, who=who, reason=wish.reason or "—")
    return Conflict("wishes.reviewed_approved", id=wish.id, who=who, state=state)


async def review(uow: UnitOfWork, staff: Person, wish_id: int, *, approve: bool, reason: str | None = None) -> Wish:
    wish = await load(uow, wish_id)
    if not await may_review(uow, staff, wish):
        raise PermissionDenied()  # the state is settled by the conditional update below, not read here
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
        raise await reviewed_already(uow, await load(uow, wish_id), staff)
    wish = await load(uow, wish_id)
    record_event(uow, wish, "approve" if approve else "decline", before, staff, reason)
    resident = await uow.session.get(Person, wish.person_id)
    if resident is not None:
        texts = Texts(resident.language)
        key = "wishes.push_approved" if approve else "wishes.push_declined"
        outbox.push(uow, resident, Reply(texts.get(key, id=wish.id, what=wish.what, reason=reason or "")), kind="wish")
    if approve:
        await offer_to_volunteers(uow, wish, "wishes.push_new")
    await uow.commit()
    return wish
