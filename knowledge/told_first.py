"""A complaint with something to be told before it is filed: 电梯卡在三楼不动了.

A lift stopped between floors, with nobody said to be inside, was read as
nothing at all (答不上来). Someone may be inside all the same: the resident is
told first to call 119 or the lift's emergency number (96333) if anyone is
trapped; otherwise a stuck lift is the 物业's to repair, and the matter is
filed for the grid like 电梯坏了. Someone said to be inside (电梯里困了个人)
is the urgent ``lift-trapped`` entry, read before this.

The entries are in knowledge/elsewhere.yaml (their ``when`` and ``unless``,
and the ``where`` said first); :data:`TOLD_FIRST` names which of them are
read this way. The reading is a complaint whose ``elsewhere`` is the entry's
id; the complaint form says its ``where`` above its first question.
"""

from __future__ import annotations

from knowledge.elsewhere import Hit, Referrals

# Entries of knowledge/elsewhere.yaml read as a complaint, their `where` said before the form.
TOLD_FIRST = frozenset({"lift-stuck"})


def told_first(referrals: Referrals, norm: str) -> Hit | None:
    """The entry a normalised complaint is to be told of first (电梯卡在三楼不动了: lift-stuck), else None."""
    hit = referrals.match(norm)
    return hit if hit is not None and hit.referral.id in TOLD_FIRST else None
