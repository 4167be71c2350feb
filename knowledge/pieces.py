"""A message read in pieces: several questions in one, two services compared, a question beside a complaint.

:mod:`knowledge.several` cuts a message and :mod:`knowledge.compare` finds
the two things compared; this module decides, with the reader of one
question that :class:`knowledge.understanding.Understander` lends it, which
pieces stand as questions of their own and what the whole message is then
read as. It is kept apart from the rules that read one question, so that
adding a rule there does not mean reading past this bookkeeping.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

from knowledge import compare, intents, several
from knowledge.loader import KnowledgeBase
from knowledge.normalize import char_ngrams, content_chunks, normalize
from knowledge.reading import Intent, Understanding

# A second question in a message that does not reach "answer" is still one of its own from this
# score on (老年卡在哪办: 老年人优待证, or 老年助餐?): the resident is asked which was meant. Below it,
# its words are a follow-up of the question before (要钱不 reads weakly as 健康自测).
UNSURE_PART_FLOOR = 0.65


class PieceReader:
    """Reads a message that may hold more than one question, each piece with ``read_one``."""

    def __init__(self, kb: KnowledgeBase, read_one: Callable[[str], Understanding], names: Collection[str]) -> None:
        self._read_one = read_one
        # every service's names, aliases and keywords: 还有低保 asks about 低保 (see knowledge/several.py)
        self.names = names
        # the two-character words of what each service needs (materials, who may apply, notes)
        self._needs = {s.id: _bigrams([*s.materials, s.eligibility, *s.notes]) for s in kb.services}

    def compared(self, text: str) -> Understanding | None:
        """The reading of a question asking how two services differ, each named for sure; else None."""
        found = compare.side_by_side(text, self._read_one, _named_for_sure)
        return replace(found[0], compared=found[1]) if found is not None else None

    def several(self, text: str, *, named_only: bool = False) -> Understanding | None:
        """The reading of a message holding two to four questions (several.MAX_QUESTIONS) about different services, or None.

        Its own fields are those of the first question read confidently (the
        dispatcher routes on them); ``parts`` holds every question. Without
        a confident one the message is read whole, as before.

        ``named_only``: the message was said in one breath and cut where a
        question seemed to end (see :func:`knowledge.several.soft_breaks`):
        see ``named_unless_joined`` of :func:`knowledge.several.split`.
        """
        asked = several.split(text, self._read_one, self.names, self._stands, self._follows, named_unless_joined=named_only)
        sure = next((q.reading for q in asked if q.reading.decision == "answer" and q.reading.intent is Intent.service), None)
        return replace(sure, parts=tuple(asked)) if sure is not None else None

    def beside(self, text: str) -> list[several.Asked]:
        """Service questions said beside something else: 楼道灯坏了好几天了，还有低保怎么办.

        A complaint is read whole, and a question asked with it went to the
        grid in its description, unanswered. Only a piece that asks, names
        the service and is answered for sure counts; the rest stays the
        complaint's. Asked only when a message is read as a complaint.
        """
        cut = several.split_joined_names(text, self.names) if several.has_break(text) else several.soft_breaks(text, self.names)
        if not cut:
            return []
        found = []
        for piece in several.pieces(cut, self.names):
            if not (piece.asks and piece.subject):
                continue
            reading = self._read_one(piece.words)
            if reading.intent is Intent.service and reading.decision == "answer" and reading.named:
                found.append(several.Asked(piece.words, reading))
        return found

    def _stands(self, reading: Understanding) -> bool:
        """Whether words read as a question of their own: a service firmly enough, the centre, another office.

        身份证丢了怎么补？还有低保怎么办: the first is the police station's,
        and is answered as such beside the 低保 answer (你们几点上班 the same).
        """
        if reading.intent in (Intent.elsewhere, Intent.centre):
            return reading.decision == "answer"
        if reading.intent is Intent.audience:  # 低保怎么办。老年人有啥福利: the list for the old beside the 低保 answer
            return True
        return reading.intent is Intent.service and (reading.decision == "answer" or reading.confidence >= UNSURE_PART_FLOOR)

    def _follows(self, before: Understanding, words: str) -> bool:
        """Whether words that name no service ask about what the service just asked about needs.

        需要带老人身份证还是户口本 after 高龄津贴怎么申请 reads, alone, as 打印复印;
        its words are that allowance's materials: it asks more about it. So
        does asking whether staff come to the home (能上门吗).
        """
        norm = normalize(words)
        if before.intent is Intent.service and intents.asks_home_visit(norm):
            return True  # 残疾证怎么办理 我妈腿脚不好能上门吗: that service, at home
        needs = self._needs.get(before.service_id or "")
        grams = {gram for chunk in content_chunks(norm) for gram in char_ngrams(chunk, (2,))}
        return bool(needs and grams) and 2 * len(grams & needs) >= len(grams)


def _named_for_sure(reading: Understanding) -> str | None:
    sure = reading.intent is Intent.service and reading.decision == "answer" and reading.named
    return reading.service_id if sure else None


def _bigrams(texts: list[str]) -> frozenset[str]:
    return frozenset(gram for text in texts for gram in char_ngrams(normalize(text), (2,)))
