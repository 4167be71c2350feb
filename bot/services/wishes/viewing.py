"""One wish opened by its number (心愿 #3): what each viewer may see of it, and whether they may review it.

Reviewers typing 心愿 #3 or 通过心愿3 away from the review push got a new
wish of their own started instead. The service decides what a viewer sees,
so a typed number shows nobody more than the buttons would.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.uow import UnitOfWork
from bot.models import Person, Role, Wish
from bot.services import people, roles
from bot.services.errors import PermissionDenied
from bot.services.wishes.records import OPEN_FOR_VOLUNTEERS, grid_name, load, maker_of, may_review, review_card, wall_card
from bot.texts import Texts


@dataclass(frozen=True)
class Opened:
    """A wish as `viewer` may see it; `reviewable` when they may approve or decline it now."""

    wish: Wish
    card: str
    reviewable: bool = False


async def open_wish(uow: UnitOfWork, viewer: Person, wish_id: int, texts: Texts) -> Opened:
    """Reviewers get the review card; its maker and claimer their own view; the community's volunteers the wall's; others are refused."""
    wish = await load(uow, wish_id)
    if await may_review(uow, viewer, wish):
        return Opened(wish, await reviewer_card(uow, wish, texts), reviewable=wish.state == "pending")
    if viewer.id in (wish.person_id, wish.claimed_by):
        return Opened(wish, review_card(wish, texts, await grid_name(uow, wish)))  # their own words, or whom they serve
    if wish.state == OPEN_FOR_VOLUNTEERS and await roles.has_role(uow, viewer, Role.volunteer, community_id=wish.community_id):
        return Opened(wish, await wall_card(uow, wish, texts))
    raise PermissionDenied()


async def reviewer_card(uow: UnitOfWork, wish: Wish, texts: Texts) -> str:
    """The review card and who made the wish, masked as staff see residents elsewhere: enough to judge it without opening it."""
    maker = await maker_of(uow, wish)
    made_by = people.resident_label(maker) if maker is not None else "—"
    return review_card(wish, texts, await grid_name(uow, wish)) + "\n" + texts.get("wishes.made_by", name=made_by)
