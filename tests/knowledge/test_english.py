"""Questions about services written in English, through their own small table (knowledge/english.yaml)."""

from __future__ import annotations

import pytest

from knowledge import english
from knowledge.loader import load
from knowledge.understanding import Intent, Understander


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load())


def test_every_english_name_belongs_to_a_service_of_the_knowledge_base():
    kb = load()
    assert english.load().service_ids <= {service.id for service in kb}


@pytest.mark.parametrize(
    ("text", "service_id"),
    [
        ("How do I get a residence permit?", "residence-permit"),
        ("where can I borrow a wheelchair", "mobility-aid-loan"),
        ("I need homework help for my kid", "child-after-school"),
        ("Can I pay my electricity bill here?", "utility-payment"),
        ("how to apply for dibao", "minimum-living-allowance"),
        ("I want to sign up with a family doctor", "family-doctor"),
    ],
)
def test_a_question_in_english_is_answered_with_its_service(understander: Understander, text: str, service_id: str):
    read = understander.understand(text)
    assert (read.intent, read.service_id, read.decision) == (Intent.service, service_id, "answer"), read


def test_english_cues_and_chinese_questions_are_read_as_before(understander: Understander):
    assert understander.understand("help").intent is Intent.help
    assert understander.understand("I want to talk to a human").intent is Intent.human
    assert understander.understand("my fingerprint does not work").service_id != "print-copy"  # whole words only
    assert understander.understand("补贴").decision == "choose"  # the Chinese index is untouched
