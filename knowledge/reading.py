"""What one message was read as: the intents, the reading itself and its confidence.

These types are what the rest of the bot routes on (handlers, the
dispatcher, the ``understand`` command); how a message comes to be read one
way or another is :mod:`knowledge.understanding`. They live apart so that
the readers of single kinds of message (:mod:`knowledge.pieces`,
:mod:`knowledge.understanding`) can build readings without importing the
whole reader, and ``from knowledge.understanding import Intent`` keeps
working through its re-export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from knowledge.intents import Strength

if TYPE_CHECKING:
    from knowledge.matcher import Scored
    from knowledge.several import Asked


class Intent(str, Enum):
    greeting = "greeting"
    help = "help"
    service = "service"
    complaint = "complaint"
    wish = "wish"
    booking = "booking"
    party_day = "party_day"
    thanks = "thanks"
    human = "human"
    centre = "centre"
    elsewhere = "elsewhere"
    forget = "forget"
    profile = "profile"
    stats = "stats"
    grid = "grid"  # which grid one's home is in and its grid manager (网格员是谁)
    drop_case = "drop_case"  # the reporter's case needs no doing any more (不用修了已经好了)
    about_staff = "about_staff"  # a grievance about a grid manager (网格员态度不好): to the staff, not the grid
    audience = "audience"  # what there is for a group of residents (老年人能办哪些事): their services listed
    unknown = "unknown"


Decision = Literal["answer", "choose", "none"]


@dataclass(frozen=True)
class Candidate:
    """A service the message may be about, with its matcher score (0..1)."""

    service_id: str
    score: float  # 0..1


@dataclass(frozen=True)
class Understanding:
    """How one message was read.

    ``service_id`` is set only for ``Intent.service`` (the best candidate,
    also when ``decision == "choose"``). ``candidates`` are the best three
    services for service questions; for ``unknown`` they are the weak
    matches that did not reach a threshold (context for staff), and for the
    other intents they are empty. ``to_json`` adds ``decision`` to the
    four documented keys.
    """

    intent: Intent
    service_id: str | None
    confidence: float  # 0..1
    candidates: tuple[Candidate, ...] = field(default=())  # up to 3, best first
    decision: Decision = "none"
    part: str | None = None  # service questions: the one part asked for ("materials", "steps", "eligibility", "where")
    book: bool = False  # service questions: asks to book it (预约办居住证), not about a booking already made
    # Intent.elsewhere: the id of the matter or the office (knowledge/elsewhere.yaml); Intent.complaint: the
    # entry to say before the form (电梯卡在三楼不动了: 119 / 96333 if anyone is inside, knowledge/told_first.py)
    elsewhere: str | None = None
    named: bool = False  # service questions: the service's name, an alias or a keyword is in the text
    # several questions in one message (低保怎么办理。高龄津贴呢): each one's words and reading, in the
    # order asked; the fields above are then those of the first one read confidently
    parts: tuple[Asked, ...] = ()
    # asks how two services differ (低保和低收入家庭有什么区别): their ids, in the order named; then
    # ``service_id`` is the first and ``parts`` is empty
    compared: tuple[str, ...] = ()
    # Intent.audience: the groups asked about (ids of knowledge/audiences.yaml, 老年人能办哪些事: elderly);
    # ``candidates`` then holds every service listed for them, best first, not only three
    audiences: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "intent": self.intent.value,
            "service_id": self.service_id,
            "confidence": round(self.confidence, 4),
            "candidates": [{"service_id": c.service_id, "score": round(c.score, 4)} for c in self.candidates],
        }
        if self.audiences:  # the groups whose services are listed
            shown["audiences"] = list(self.audiences)
        if self.compared:  # set side by side, not answered one by one
            shown["compared"] = list(self.compared)
        if self.parts:  # several questions: what each was read as, so an operator sees why two answers came
            shown["parts"] = [
                {
                    "words": part.words,
                    "intent": part.reading.intent.value,
                    "service_id": part.reading.service_id,
                    "decision": part.reading.decision,
                    "confidence": round(part.reading.confidence, 4),
                }
                for part in self.parts
            ]
        return shown


RULE_CONFIDENCE = {Strength.strong: 0.9, Strength.weak: 0.7}


def rule(intent: Intent, strength: Strength) -> Understanding:
    """The reading of a message one of the intent rules recognised (not a service ranked)."""
    return Understanding(intent, None, RULE_CONFIDENCE[strength], (), "answer")


def candidates(ranked: list[Scored]) -> tuple[Candidate, ...]:
    """The best three ranked services, as a reading shows them."""
    return tuple(Candidate(r.service_id, r.score) for r in ranked[:3])
