"""Micro-wishes (微心愿): a resident's wish, approved by staff, claimed and fulfilled by one volunteer.

pending → approved | declined; approved → claimed (exactly one claimer, by a
conditional UPDATE) → fulfilled → confirmed (by the resident, or
automatically after a while). A claim not fulfilled in time is released;
an approved wish nobody claimed by its date lapses.
Volunteers see no phone or address until they claim, and then only what
the meeting needs.

The modules follow the wish: records (the record and who may see or
review it), making (make and review), lists, volunteering (claim,
release, fulfil), closing (confirm, not yet, thanks, and `due`), lapsing (one
nobody claimed by its date), withdrawing (the resident takes it back).
"""

from bot.services.wishes.closing import check_thankable, confirm, due, not_yet, thank
from bot.services.wishes.lists import awaiting_confirmation, claimed_by, open_wishes, pending_reviews, wishes_of
from bot.services.wishes.making import check_reviewable, make_wish, review
from bot.services.wishes.records import (
    OPEN_FOR_VOLUNTEERS,
    grid_name,
    load,
    may_review,
    meeting_details,
    public_card,
    review_card,
    reviewers,
    reviews_wishes,
    volunteers_reached,
    wall_card,
    wanted_by_text,
    with_photo_for,
)
from bot.services.wishes.withdrawing import withdraw, withdraw_all, withdrawable
from bot.services.wishes.volunteering import Claimed, claim, fulfil, my_claims, own_claim, release

__all__ = [
    "check_reviewable",
    "check_thankable",
    "OPEN_FOR_VOLUNTEERS",
    "Claimed",
    "awaiting_confirmation",
    "claim",
    "claimed_by",
    "confirm",
    "due",
    "fulfil",
    "grid_name",
    "load",
    "make_wish",
    "may_review",
    "meeting_details",
    "my_claims",
    "not_yet",
    "open_wishes",
    "own_claim",
    "pending_reviews",
    "public_card",
    "review_card",
    "wall_card",
    "wanted_by_text",
    "release",
    "review",
    "reviewers",
    "reviews_wishes",
    "thank",
    "volunteers_reached",
    "wishes_of",
    "withdraw",
    "withdraw_all",
    "withdrawable",
    "with_photo_for",
]
