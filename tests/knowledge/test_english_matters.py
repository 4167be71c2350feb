"""Messages in English about the other matters (a complaint, a person, a booking, a wish, one's details, small talk).

They were 答不上来 and logged as gaps in the knowledge base: only service
names had an English table. Each is now read as its Chinese equivalent is.
"""

from __future__ import annotations

import pytest

from knowledge import english
from knowledge.loader import load
from knowledge.understanding import Intent, Understander


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load())


@pytest.mark.parametrize(
    "text",
    [
        "the street light outside building 3 is broken",
        "The lift in building 5 is not working again",
        "Water is leaking through my ceiling from the flat upstairs",
        "the garbage hasn't been collected for three days",
        "Our neighbours make so much noise at night",
        "cars are blocking the fire lane at Beiyuan building 2",
        "the stairwell light doesn't work",
        "the drain outside our gate is blocked and it smells",
        "the street light is broken, please send someone to repair it",  # 'repair' names a service: the problem wins
    ],
)
def test_a_problem_in_a_shared_place_said_in_english_is_a_complaint(understander: Understander, text: str):
    assert understander.understand(text).intent is Intent.complaint


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I need a real person please", Intent.human),
        ("can I speak to someone from your staff", Intent.human),
        ("customer service", Intent.human),
        ("Can I make an appointment?", Intent.booking),
        ("I want to book a time slot", Intent.booking),
        ("cancel my appointment for the residence permit", Intent.booking),
        ("I'd like someone to help me carry my shopping upstairs", Intent.wish),
        ("could a volunteer accompany me to the hospital", Intent.wish),
        ("I want to make a wish", Intent.wish),
        ("change my phone number", Intent.profile),
        ("I've moved", Intent.profile),
        ("ok thank you!", Intent.thanks),
        ("great, thanks a lot", Intent.thanks),
        ("see you later", Intent.thanks),
        ("Good morning", Intent.greeting),
    ],
)
def test_the_other_matters_said_in_english_are_read_as_in_chinese(understander: Understander, text: str, intent: Intent):
    assert understander.understand(text).intent is intent


def test_a_service_named_in_english_is_still_its_service_and_booking_it_books_it(understander: Understander):
    booked = understander.understand("book an appointment for a residence permit")
    assert (booked.intent, booked.service_id, booked.book) == (Intent.service, "residence-permit", True)
    asked = understander.understand("how do I get a residence permit")
    assert (asked.service_id, asked.book) == ("residence-permit", False)
    assert understander.understand("my tap is broken at home").service_id == "repair"  # one's own home: a repair job
    assert understander.understand("I need mediation for a dispute with my neighbour about noise").service_id == "legal-consultation"


@pytest.mark.parametrize("text", ["how are you doing", "what's the weather", "my fingerprint does not work", "I want to complain"])
def test_english_that_names_no_matter_is_not_made_one(understander: Understander, text: str):
    assert understander.understand(text).intent is Intent.unknown


@pytest.mark.parametrize("text", ["楼道灯坏了", "希望有人陪我去医院", "我想预约", "转人工", "谢谢", "电梯坏了 lift broken"])
def test_english_cues_read_nothing_in_chinese(text: str):
    """Mixed messages keep their Chinese reading: the English cues look at English alone."""
    assert not english.complains(text.lower()) and not english.cue(english.BOOKING, text.lower())
