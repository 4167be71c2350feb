"""Cues for the intents that are not a service question, gathered in one :class:`Cues`.

Each detector is a small set of patterns over the normalised text (see
:mod:`knowledge.normalize`: simplified, lower case, no punctuation or
spaces); English small talk is read from the folded text, which keeps word
boundaries. The detectors only say what they see; the order in which the
cues win over one another — and over a service match — is decided in
:mod:`knowledge.understanding`.

The detectors live by family, and are re-exported here for the handlers
that import them from this module: :mod:`knowledge.complaint_cues` (a
problem in a shared place, or chasing one reported),
:mod:`knowledge.booking_cues` (an appointment asked for, moved or given up;
a visit at home), :mod:`knowledge.wish_cues`, :mod:`knowledge.party_cues`,
:mod:`knowledge.month_figures` and :mod:`knowledge.courtesy_cues`
(greeting, thanks, help, a person, the centre); their helpers are in
:mod:`knowledge.cue_kit`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from knowledge import asked_parts, english, own_details
# Re-exported: handlers and the understander import the cues from this module.
from knowledge.cue_kit import (  # noqa: F401
    briefly, rx, Strength, TAIL,
)
from knowledge.party_cues import (  # noqa: F401
    party_day, PARTY, PARTY_SPELLED,
)
from knowledge.wish_cues import (  # noqa: F401
    wish, WISH_STRONG, WISH_WEAK,
)
from knowledge.complaint_cues import (  # noqa: F401
    asks_progress, chases, complaint, describes_problem, property_grievance, without_property, CHASE_ALONE,
    CHASE_WORDS, CHASED, COMPLAINT_STRONG, FROM_UPSTAIRS, MEDIATION, NOISE, NOT_COME, OWN_HOME, PROBLEM, PROGRESS,
    PROPERTY, PROPERTY_GRIEVANCE, REPORTED, SHARED_PLACE, SHARED_PLACES, WHEN_COMING,
)
from knowledge.booking_cues import (  # noqa: F401
    asks_day_bookings, asks_home_visit, asks_visit_for, booking, calls_off_visit, gives_up, gives_up_booking,
    manages_booking, without_booking_words, BOOKING, BOOKING_WORDS, CALLS_OFF_VISIT, CALLS_OFF_VISIT_MAX_CHARS,
    CANNOT_GO, CANNOT_GO_MAX_CHARS, CHANGE_OF_PLANS, CHANGE_OF_PLANS_MAX_CHARS, DAY_BOOKINGS, GIVING_UP,
    GIVING_UP_MAX_CHARS, GOING, HOME_VISIT, MANAGE_BOOKING, MOVE_BOOKING, MOVE_BOOKING_MAX_CHARS, NAMES_BOOKING,
    NOT_AN_APPOINTMENT, OTHER_MATTER, THIS_ONE,
)
from knowledge.month_figures import (  # noqa: F401
    asks_month_figures, MONTH_FIGURES, MONTH_WORDS,
)
from knowledge.courtesy_cues import (  # noqa: F401
    acknowledges, centre, greeting, help_, human, thanks, ACKNOWLEDGING_EMOJI, CENTRE, CENTRE_MAX_CHARS, GREETING,
    GREETING_EN, GREETING_MAX_CHARS, HELP, HELP_MAX_CHARS, HUMAN, HUMAN_EN, HUMAN_MAX_CHARS, THANKS, THANKS_EN,
    THANKS_MAX_CHARS,
)

# The resident's own details (删了我的信息, 改一下电话, 我搬家了): read in knowledge/own_details.py.
changed_detail, forget, moved_house = own_details.changed_detail, own_details.forget, own_details.moved_house

# Which part of a service's answer is asked for is read in knowledge/asked_parts.py; here too, as before.
asked_part = asked_parts.asked_part


@dataclass(frozen=True)
class Cues:
    party: bool
    wish: Strength
    complaint: Strength
    booking: bool
    manages_booking: bool  # about a booking already made (取消, 改, 我的 … with appointment words)
    greeting: bool
    help: bool
    thanks: bool
    human: bool
    centre: bool
    forget: bool = False  # erase my details
    figures: bool = False  # a month's figures (这个月诉求多少件, 本月统计)
    change_details: bool = False  # change my details


def detect(text: str, folded: str = "") -> Cues:
    """Every cue found in ``text`` (normalised) and ``folded`` (see :func:`knowledge.normalize.fold`)."""
    cues = Cues(
        party=party_day(text),
        wish=wish(text),
        complaint=complaint(text),
        booking=booking(text),
        manages_booking=manages_booking(text),
        greeting=greeting(text, folded or text),
        help=help_(text),
        thanks=thanks(text, folded),
        human=human(text, folded),
        centre=centre(text),
        forget=forget(text),
        figures=asks_month_figures(text),
        change_details=changed_detail(text) is not None,
    )
    return _with_english(cues, folded)


def _with_english(cues: Cues, folded: str) -> Cues:
    """The cues of a message in English (knowledge/english.py) added: it then wins in the Chinese order."""
    if not folded or not english.cue(english.ANY_WORD, folded):
        return cues
    wished = Strength.strong if english.cue(english.WISH_STRONG, folded) else Strength.weak if english.cue(english.WISH_WEAK, folded) else Strength.none
    booked = english.cue(english.BOOKING, folded)
    return replace(
        cues,
        wish=max(cues.wish, wished),
        complaint=Strength.strong if english.complains(folded) else cues.complaint,
        booking=cues.booking or booked,
        manages_booking=cues.manages_booking or (booked and english.cue(english.MANAGES_BOOKING, folded)),
        thanks=cues.thanks or english.cue(english.THANKS, folded),
        human=cues.human or (len(folded) <= 80 and english.cue(english.HUMAN, folded)),
        change_details=cues.change_details or english.cue(english.PROFILE, folded),
    )
