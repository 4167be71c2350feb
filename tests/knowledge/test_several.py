"""Several questions in one message (knowledge/several.py through the Understander).

The resident's view of this is in tests/test_guide.py; here, how messages
are cut: what counts as a separate question, what stays one, and that a
message without a break pays nothing for it.
"""

from __future__ import annotations

import pytest

from knowledge import several
from knowledge.loader import load
from knowledge.understanding import Intent, Understander


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load())


def _parts(understander: Understander, text: str) -> list[tuple[str | None, str]]:
    return [(p.reading.service_id, p.reading.decision) for p in understander.understand(text).parts]


def test_two_questions_are_read_each_on_its_own(understander):
    read = understander.understand("居住证要带什么？还有老年证在哪办")
    assert [(p.words, p.reading.service_id, p.reading.part) for p in read.parts] == [
        ("居住证要带什么", "residence-permit", "materials"),  # each keeps the part it asks for
        ("老年证在哪办", "senior-card", "where"),  # 还有 is not part of the question
    ]
    assert (read.intent, read.service_id, read.decision) == (Intent.service, "residence-permit", "answer")


def test_an_unsure_second_question_is_kept_not_dropped(understander):
    assert _parts(understander, "居住证要带什么？还有老年卡在哪办") == [
        ("residence-permit", "answer"),
        ("senior-card", "choose"),  # 老年卡 is no name of the 老年证: asked which, not lost
    ]


def test_context_goes_with_the_question_it_explains(understander):
    read = understander.understand("我八十多了，能领什么补贴？还有居住证怎么办")
    assert [p.words for p in read.parts] == ["我八十多了，能领什么补贴", "居住证怎么办"]
    assert read.parts[0].reading.service_id == "elderly-allowance"  # alone, 能领什么补贴 is a disability subsidy


@pytest.mark.parametrize(
    "text",
    [
        "我八十多了。能领什么补贴？",  # a statement, then the question
        "我是低保户。高龄津贴怎么领",  # who is asking is not a question about 低保
        "居住证要带啥，在哪办？要钱不",  # follow-ups without a subject of their own
        "高龄津贴怎么申请？需要带老人身份证还是户口本？",  # the allowance's own materials, not 打印复印
        "居住证怎么办？居住证要带什么",  # the same service twice
        "低保怎么办理",  # no break
        "楼道灯坏了，好几天了",  # a complaint
        "小区门口乱停车，居住证也办不了",  # a complaint that names a service
        "你好，居住证怎么办",  # a greeting first
        "居住证怎么办？谢谢",  # a thank-you after
        "残疾证怎么办理 我妈腿脚不好能上门吗",  # asking for that service at home
    ],
)
def test_one_question_in_pieces_stays_one(understander, text):
    assert understander.understand(text).parts == ()


def test_four_questions_are_each_read_and_more_are_read_whole(understander):
    """Four lost one of them (read whole, the choice listed three); five are a list, read whole."""
    four = understander.understand("低保怎么申请？高龄津贴怎么领？居住证怎么办？残疾证怎么办理？")
    assert [p.reading.service_id for p in four.parts] == ["minimum-living-allowance", "elderly-allowance", "residence-permit", "disability-card"]
    assert understander.understand("低保怎么办？医保怎么交？高龄津贴怎么领？老年证在哪办？居住证怎么办？").parts == ()


def test_a_message_without_a_break_is_never_cut(understander, monkeypatch):
    """Splitting must cost nothing for the common message: the cutter is not even called."""

    def refuse(*args, **kwargs):
        raise AssertionError("split was called")

    monkeypatch.setattr(several, "split", refuse)
    fresh = Understander(understander.kb)
    for text in ("我和老伴想办老年证", "居住证要带什么", "居住证要带什么？"):
        assert fresh.understand(text).intent is Intent.service


@pytest.mark.parametrize(
    ("text", "services"),
    [
        ("低保和老年证怎么办", ["minimum-living-allowance", "senior-card"]),
        ("低保跟高龄津贴怎么办", ["minimum-living-allowance", "elderly-allowance"]),
        ("你好，居住证和老年证要带什么", ["residence-permit", "senior-card"]),
    ],
)
def test_two_services_joined_by_and_are_each_read(understander, text, services):
    """低保和老年证怎么办 answered only 老年证: the joined names share one question, asked of each."""
    assert [part.reading.service_id for part in understander.understand(text).parts] == services


@pytest.mark.parametrize("text", ["我和老伴都想办老年证", "跟社区说一下低保的事", "居住证和身份证都要带吗"])
def test_and_joining_no_two_services_stays_one_question(understander, text):
    assert understander.understand(text).parts == ()


@pytest.mark.parametrize(
    ("text", "services"),
    [
        ("我想问下低保怎么申请还有高龄津贴怎么领", ["minimum-living-allowance", "elderly-allowance"]),
        ("低保怎么申请高龄津贴怎么领", ["minimum-living-allowance", "elderly-allowance"]),
        ("我想问一下低保怎么办理我还想问一下高龄津贴", ["minimum-living-allowance", "elderly-allowance"]),
        ("喂你好我想问一下那个居住证怎么办还有就是我妈的高龄津贴在哪领", ["residence-permit", "elderly-allowance"]),
    ],
)
def test_questions_said_in_one_breath_are_each_read(understander, text, services):
    """By voice there is no punctuation: only the first or the strongest question was answered."""
    assert [part.reading.service_id for part in understander.understand(text).parts] == services


@pytest.mark.parametrize("text", ["居住证怎么办理要带什么", "低保怎么申请需要什么条件", "现在还有号吗", "居住证要带什么还有别的吗"])
def test_one_question_said_in_one_breath_stays_one(understander, text):
    assert understander.understand(text).parts == ()


def test_pieces_mark_what_asks(understander):
    found = several.pieces("我八十多了。能领什么补贴？还有低保", understander.names)
    assert [(p.words, p.asks) for p in found] == [("我八十多了", False), ("能领什么补贴", True), ("低保", True)]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("低保和老年证要带什么材料", ["materials", "materials"]),
        ("低保和高龄补贴和居住证都要带什么材料", ["materials", "materials", "materials"]),
        ("低保怎么办理。我想问一下高龄津贴要带什么", [None, "materials"]),  # the first asks its own
    ],
)
def test_what_the_last_asks_is_asked_of_the_names_said_bare_before_it(understander, text, parts):
    """低保和老年证要带什么材料 gave 低保's overview and 老年证's materials: both were asked for materials."""
    assert [p.reading.part for p in understander.understand(text).parts] == parts
