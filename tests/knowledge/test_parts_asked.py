"""Which part of a service's answer a question asks for, as residents put it: here, whether someone else may do it."""

from __future__ import annotations

import pytest

from knowledge.asked_parts import asked_part
from knowledge.loader import load
from knowledge.normalize import normalize
from knowledge.understanding import Understander


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load())


@pytest.mark.parametrize(
    "text",
    ["可以让我儿子代办吗", "家属能代办吗", "必须本人去吗", "本人不去行吗", "我闺女替我去办行不行", "能找人代办不",
     "需要本人到场吗", "我替我妈办行吗", "别人能不能替我办"],
)
def test_asking_whether_someone_else_may_do_it_is_a_part_of_its_own(text: str):
    """These were 答不上来, or another service read from 家属 (退役军人优待证) or 孩子."""
    assert asked_part(normalize(text)) == "proxy", text


@pytest.mark.parametrize(
    ("text", "part"),
    [("家属代办要带什么", "materials"), ("要本人身份证吗", None), ("孩子能办居住证吗", "eligibility"),
     ("孩子去上学要办什么", None), ("邻居帮我修水管", None), ("在哪办", "where")],
)
def test_other_questions_that_speak_of_family_or_oneself_keep_their_reading(text: str, part: str | None):
    assert asked_part(normalize(text)) == part, text


def test_a_service_named_with_the_question_is_that_services(understander: Understander):
    read = understander.understand("老年证可以让儿子代办吗")
    assert (read.service_id, read.part, read.decision) == ("senior-card", "proxy", "answer"), read
