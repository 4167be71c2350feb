"""A wish's record and who may see or review it: shared by every step of a wish."""

from __future__ import annotations

from sqlmodel import select

from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Grid, Person, Role, Wish, WishEvent
from bot.services import outbox, roles
from bot.services.cases.privacy import redact
from bot.services.errors import NotFound, PermissionDenied
from bot.texts import Texts

OPEN_FOR_VOLUNTEERS = "approved"

def record_event(uow: UnitOfWork, wish: Wish, action: str, before: str | None, actor: Person | None, note: str | None = None) -> None:
    """Every step of a wish, with who took it, for the audit trail and the figures."""
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


async def load(uow: UnitOfWork, wish_id: int) -> Wish:
    query = select(Wish).where(Wish.id == wish_id).execution_options(populate_existing=True)
    wish = (await uow.session.exec(query)).first()
    if wish is None:
        raise NotFound("wishes.no_such", id=wish_id)
    return wish


def wanted_by_text(wish: Wish, texts: Texts) -> str:
    """希望在 2026-03-20 前实现, or 时间不限 (not 希望在 不限时间 前实现)."""
    return texts.get("wishes.by_date", date=wish.wanted_by.isoformat()) if wish.wanted_by else texts.get("wishes.no_date")


def public_card(wish: Wish, texts: Texts, grid_name: str | None, maker: Person | None) -> str:
    """What anyone may see of a wish: no name, phone or address.

    The wish is the resident's own words (一个人住，电话135…，3单元502): its
    what and why lose phone and door numbers, and the maker's own name,
    phone and room, as a complaint's description does for its followers.
    """
    what, why = (redact(text, maker) for text in (wish.what, wish.why))
    return _card(wish, texts, grid_name, what, why)


def review_card(wish: Wish, texts: Texts, grid_name: str | None) -> str:
    """The wish as its maker wrote it, for the staff who approve it (and no one else before a claim)."""
    return _card(wish, texts, grid_name, wish.what, wish.why)


def _card(wish: Wish, texts: Texts, grid_name: str | None, what: str, why: str) -> str:
    return texts.get(
        "wishes.card",
        id=wish.id,
        what=what,
        why=why,
        by=wanted_by_text(wish, texts),
        area=grid_name or texts.get("wishes.community_area"),
        state=texts.get(f"wishes.states.{wish.state}"),
    )


async def maker_of(uow: UnitOfWork, wish: Wish) -> Person | None:
    return await uow.session.get(Person, wish.person_id)


async def wall_card(uow: UnitOfWork, wish: Wish, texts: Texts) -> str:
    """A wish on the wall (心愿墙), as volunteers who have not claimed it see it."""
    return public_card(wish, texts, await grid_name(uow, wish), await maker_of(uow, wish))


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


async def reviews_wishes(uow: UnitOfWork, person: Person) -> bool:
    """Whether `person` reviews wishes anywhere (staff, or a grid manager): for them 通过 / 不通过 are commands."""
    return await roles.has_role(uow, person, Role.staff, Role.grid_manager)


async def with_photo_for(uow: UnitOfWork, viewer: Person, wish_id: int) -> Wish:
    """The wish whose photo `viewer` asks for: its maker, its reviewers and the volunteer who took it may see it.

    Not the volunteers browsing open wishes: a photo may show the home.
    """
    wish = await load(uow, wish_id)
    if wish.person_id == viewer.id or wish.claimed_by == viewer.id or await may_review(uow, viewer, wish):
        return wish
    raise PermissionDenied()


def meeting_details(resident: Person, texts: Texts) -> str:
    """What a volunteer needs to meet the resident: a name, a phone and the door; nothing else."""
    address = " ".join(p for p in (resident.building, resident.unit, resident.room) if p) or "—"
    return texts.get("wishes.meeting", name=resident.name or "—", phone=resident.phone or "—", address=address)


def volunteer_name(volunteer: Person, texts: Texts) -> str:
    """How the resident is told who is coming: 志愿者“小李”, 王志愿者 or 一位志愿者.

    Never the volunteer's record id (志愿者 #3 read as a wish number), their
    phone, nor their full legal name: the name they go by, else the surname.
    """
    shown = (volunteer.display_name or "").strip()
    if shown and redact(shown, volunteer) == shown:  # a display name that is a phone is no name
        return texts.get("wishes.volunteer_called", name=shown)
    if volunteer.name and volunteer.name.strip():
        return texts.get("wishes.volunteer_surname", surname=volunteer.name.strip()[0])
    return texts.get("wishes.volunteer_someone")


async def volunteers_reached(uow: UnitOfWork, wish: Wish) -> int:
    """How many of the community's volunteers (the wisher aside) a push reaches: not those who unfollowed or blocked the bot.

    A reviewer told 已推送给志愿者 when the only volunteer had unfollowed
    waited for a claim that could not come.
    """
    holders = await roles.holders(uow, Role.volunteer, community_id=wish.community_id)
    return sum(1 for v in holders if v.id != wish.person_id and v.unreachable_at is None)


async def offer_to_volunteers(uow: UnitOfWork, wish: Wish, key: str, *, skip: int | None = None) -> None:
    """Pushed to every volunteer of the community but the one who gave it back and the wisher."""
    area = await grid_name(uow, wish)
    maker = await maker_of(uow, wish)
    for volunteer in await roles.holders(uow, Role.volunteer, community_id=wish.community_id):
        if volunteer.id in (skip, wish.person_id):
            continue
        texts = Texts(volunteer.language)
        outbox.push(
            uow,
            volunteer,
            Reply(
                texts.get(key, id=wish.id) + "\n" + public_card(wish, texts, area, maker),
                rows(Button(texts.get("wishes.claim"), f"wish:claim:{wish.id}")),
            ),
            kind="wish",
        )
