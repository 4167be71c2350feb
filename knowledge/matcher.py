"""Lexical service matching: which of the 40 services is a question about?

Everything is computed once, when the :class:`Matcher` is built:

* every service contributes its name, aliases, keywords and examples (and,
  weakly, its summary), normalised (see :mod:`knowledge.normalize`);
* each text is cut into features: character 1-, 2- and 3-grams, and pinyin
  syllable 2- and 3-grams (so 居住正 meets 居住证 and 一保 meets 医保);
* n-grams never span the scaffolding every question is built with (怎么,
  需要, 申请, 吗 …, see :data:`knowledge.normalize.SCAFFOLDING`);
* an inverted index maps each feature to the services that have it, with
  the weight of the strongest field it occurs in (a name or alias counts
  more than an example sentence), a little more when several texts of the
  service have it, a little less for services with much text (BM25 k1, b);
* each feature gets an inverse document frequency over the services, BM25
  style, so characters every service shares (办、证、补贴) count for little.

A question is scored by walking the index once for its own features:
``raw(s) = Σ_f kind_weight(f) · idf(f) · field_weight(s, f)``, damped for
long questions (a narrative touches many services a little). The few best
services are then re-ranked with phrase evidence — a name, alias or keyword
found whole in the question (by characters or by pinyin), or nearly whole
(rapidfuzz ``partial_ratio``, run only on those few services' short phrases).
Pinyin typed without an input method (``dibao``) is read as the phrases it
spells.

Scores are mapped to 0..1 by a saturating curve; :mod:`knowledge.understanding`
decides from the top score and its margin over the second whether to answer,
offer a choice or hand over.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from knowledge.normalize import char_ngrams, content_chunks, normalize, pinyin, syllable_ngrams
from knowledge.schema import Service


@dataclass(frozen=True)
class Tuning:
    """The knobs of the matcher.

    The defaults were chosen by 4-fold cross-validation on the KB's own
    example questions (each fold's examples held out of the index) and
    checked against the labelled set; accuracy is flat around them, so
    small changes to the KB should not need retuning.
    """

    # how much a feature kind counts (before idf)
    kind_weights: tuple[tuple[str, float], ...] = (("c1", 0.5), ("c2", 1.0), ("c3", 1.0), ("p2", 0.6), ("p3", 0.6))
    # how much a field counts: the strongest field a feature appears in wins
    field_weights: tuple[tuple[str, float], ...] = (
        ("name", 1.0), ("alias", 1.0), ("keyword", 0.9), ("example", 0.45), ("summary", 0.3),
    )
    soft_df: bool = True  # document frequency counts a service by its field weight
    k1: float = 1.2  # > 0: a feature found in several texts of a service counts more, BM25-saturated
    b: float = 0.3  # > 0: services with much text count each feature a little less (BM25 b)
    length_pivot: int = 10  # content characters a question may have before it is damped …
    length_power: float = 0.5  # … by (length / pivot) ** power
    phrase_bonus: float = 1.0  # weight of the whole-phrase evidence
    fuzzy_floor: float = 75.0  # rapidfuzz partial_ratio below this is no evidence
    rerank: int = 8  # services re-ranked with phrase evidence
    scale: float = 10.0  # score = 1 - exp(-raw / scale)


DEFAULT_TUNING = Tuning()
KIND_WEIGHTS = dict(DEFAULT_TUNING.kind_weights)

_LETTERS = re.compile(r"[a-z]{4,}")
_WORDS = re.compile(r"[a-z]+")
_HAN_ONLY = re.compile(r"[\u3400-\u9fff]{2,}")


def features(text: str) -> list[str]:
    """The features of an already normalised text (see the module docstring).

    N-grams never span a scaffolding word (怎么, 需要, 吗 …): the text is cut
    there first, see :func:`knowledge.normalize.content_chunks`.
    """
    out: list[str] = []
    for chunk in content_chunks(text):
        out += ["c1:" + g for g in char_ngrams(chunk, (1,))]
        out += ["c2:" + g for g in char_ngrams(chunk, (2,))]
        out += ["c3:" + g for g in char_ngrams(chunk, (3,))]
        syl = pinyin(chunk)
        out += ["p2:" + g for g in syllable_ngrams(syl, (2,))]
        out += ["p3:" + g for g in syllable_ngrams(syl, (3,))]
    return out


def _weight(feature: str, kind_weights: dict[str, float] = KIND_WEIGHTS) -> float:
    """Kind weight; numbers (phone numbers, dates, house numbers) count for little."""
    weight = kind_weights[feature[:2]]
    if feature[3:].replace(" ", "").isdigit():
        weight *= 0.1
    return weight


@dataclass(frozen=True)
class Scored:
    service_id: str
    score: float  # 0..1
    raw: float  # the index score plus phrase evidence, unbounded
    named: bool = False  # one of its names, aliases or keywords is in the text, whole


_LATIN_RUN = re.compile(r"[a-z]{2,}")


def _spelled(text: str) -> list[str]:
    """The syllables of ``text``, a run of Latin letters kept whole as the syllable it was typed for.

    di保, 低bao, 老年zheng: one syllable the input method did not turn into
    its character. Letter by letter (d i bao) they met no phrase; kept whole
    (di bao) they meet 低保 as a homophone does.
    """
    if _LATIN_RUN.search(text) is None:  # most questions
        return pinyin(text)
    out: list[str] = []
    at = 0
    for run in _LATIN_RUN.finditer(text):
        out += pinyin(text[at : run.start()])
        out.append(run.group())
        at = run.end()
    return out + pinyin(text[at:])


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


@dataclass(frozen=True)
class _Phrase:
    text: str  # normalised
    spelled: str  # pinyin, syllables joined by spaces
    weight: float  # the field weight
    mass: float  # idf mass of its own features: how telling the phrase is
    cap: float = field(init=False)  # its evidence when named whole: weight · mass (capped)
    padded: str = field(init=False)  # " spelled ", to find it among the question's syllables
    # A4, U盘: a Latin letter or digit at an end must stand apart from other Latin text to count
    # (A4 is not named in GA4HLBD8)
    bounded: re.Pattern[str] | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cap", self.weight * min(self.mass, 12.0))
        object.__setattr__(self, "padded", f" {self.spelled} ")
        before = "(?<![a-z0-9])" if _latin(self.text[:1]) else ""
        after = "(?![a-z0-9])" if _latin(self.text[-1:]) else ""
        bounded = re.compile(before + re.escape(self.text) + after) if before or after else None
        object.__setattr__(self, "bounded", bounded)

    def named_in(self, text: str) -> bool:
        return self.text in text and (self.bounded is None or self.bounded.search(text) is not None)


class Matcher:
    """Scores services against a question. Build once, call :meth:`rank` often."""

    def __init__(
        self,
        services: Iterable[Service],
        tuning: Tuning = DEFAULT_TUNING,
    ) -> None:
        self.services: tuple[Service, ...] = tuple(services)
        self.ids: tuple[str, ...] = tuple(s.id for s in self.services)
        self.tuning = t = tuning
        self.rerank = t.rerank
        self.scale = t.scale
        self.phrase_bonus = t.phrase_bonus
        self.fuzzy_floor = t.fuzzy_floor
        self.kind_weights = kw = dict(t.kind_weights)
        fw = dict(t.field_weights)

        postings: dict[str, dict[int, float]] = defaultdict(dict)
        tf: dict[str, dict[int, float]] = defaultdict(dict)
        texts: list[list[tuple[str, float]]] = []
        for i, service in enumerate(self.services):
            fields: list[tuple[str, float]] = [(service.name, fw["name"])]
            fields += [(a, fw["alias"]) for a in service.aliases]
            fields += [(k, fw["keyword"]) for k in service.keywords]
            fields += [(e, fw["example"]) for e in service.examples]
            fields.append((service.summary, fw["summary"]))
            normalised = [(normalize(t), w) for t, w in fields]
            texts.append(normalised)
            for text, weight in normalised:
                for f in set(features(text)):
                    if postings[f].get(i, 0.0) < weight:
                        postings[f][i] = weight
                    if t.k1 > 0:
                        tf[f][i] = tf[f].get(i, 0.0) + weight

        n = len(self.services)
        top_weight = max(fw.values())

        def df(p: dict[int, float]) -> float:
            return sum(p.values()) / top_weight if t.soft_df else float(len(p))

        self.idf: dict[str, float] = {
            f: math.log(1.0 + (n - df(p) + 0.5) / (df(p) + 0.5)) for f, p in postings.items()
        }
        sizes = [0] * n
        for p in postings.values():
            for i in p:
                sizes[i] += 1
        mean_size = sum(sizes) / n if n else 1.0
        norm = [1.0 - t.b + t.b * size / mean_size for size in sizes]

        def strength(f: str, i: int, w: float) -> float:
            if t.k1 > 0:
                total = tf[f][i]
                w = max(w, total * (t.k1 + 1.0) / (total + t.k1))
            return w / norm[i]

        # feature → ((service index, kind weight · idf · field weight), ...)
        self.index: dict[str, tuple[tuple[int, float], ...]] = {
            f: tuple((i, _weight(f, kw) * self.idf[f] * strength(f, i, w)) for i, w in p.items())
            for f, p in postings.items()
        }
        # Short phrases per service, for the phrase evidence of the re-ranking.
        self.phrases: list[tuple[_Phrase, ...]] = []
        for i, service in enumerate(self.services):
            seen: set[str] = set()
            short: list[_Phrase] = []
            for text, weight in texts[i][: 1 + len(service.aliases) + len(service.keywords)]:
                if len(text) < 2 or text in seen:
                    continue
                seen.add(text)
                short.append(_Phrase(text, " ".join(pinyin(text)), weight, self._mass(text)))
            self.phrases.append(tuple(short))
        # typed pinyin ("dibao") → the phrases it spells
        self.typed: dict[str, set[str]] = defaultdict(set)
        for short in self.phrases:
            for p in short:
                if _HAN_ONLY.fullmatch(p.text):
                    self.typed[p.spelled.replace(" ", "")].add(p.text)

    def phrase_texts(self) -> frozenset[str]:
        """Every service's names, aliases and keywords, normalised: the words that name a service whole."""
        return frozenset(p.text for short in self.phrases for p in short)

    def _mass(self, text: str) -> float:
        return sum(_weight(f, self.kind_weights) * self.idf.get(f, 0.0) for f in set(features(text)))

    # --- scoring ------------------------------------------------------------

    def raw_scores(self, text: str) -> list[float]:
        """Index scores of every service for an already normalised ``text``."""
        scores = [0.0] * len(self.services)
        index = self.index
        for f in set(features(text)):
            postings = index.get(f)
            if postings:
                for i, w in postings:
                    scores[i] += w
        return scores

    def _phrase_evidence(self, i: int, text: str, spelled: str) -> tuple[float, bool]:
        """The best whole-phrase evidence of service ``i`` in the question, and whether it is named."""
        best = 0.0
        named = False
        floor = self.fuzzy_floor
        for p in self.phrases[i]:
            if p.named_in(text):
                value = p.cap
                named = True
            elif p.padded in spelled:
                value = 0.85 * p.cap  # a homophone of the whole phrase
                named = True
            elif 3 <= len(p.text) <= len(text):
                # the phrase, nearly whole, inside the question (not the other way round)
                if 0.7 * p.cap <= best:
                    continue  # even a perfect fuzzy match could not beat what was found
                ratio = fuzz.partial_ratio(p.text, text, score_cutoff=floor)
                if ratio < floor:  # (0 below the cutoff)
                    continue
                value = 0.7 * (ratio - floor) / (100.0 - floor) * p.cap
            else:
                continue
            if value > best:
                best = value
        return best, named

    def _typed_pinyin(self, text: str, folded: str | None) -> list[str]:
        """Names, aliases and keywords spelled in pinyin typed without an input method.

        ``dibao`` or ``ju zhu zheng``: consecutive Latin words are joined (up
        to six) and looked up among the pinyin spellings of the services'
        short phrases; the Chinese phrases found are returned.
        """
        words = _WORDS.findall(folded) if folded else _WORDS.findall(text)
        found: list[str] = []
        for a in range(len(words)):
            joined = ""
            for word in words[a : a + 6]:
                joined += word
                for phrase in self.typed.get(joined, ()):
                    if phrase not in found:
                        found.append(phrase)
        return found

    def rank(
        self, text: str, limit: int = 3, *, normalised: bool = False, folded: str | None = None
    ) -> list[Scored]:
        """The best ``limit`` services for ``text``, best first (only those with any evidence).

        ``folded`` (see :func:`knowledge.normalize.fold`) keeps the spaces
        between Latin words, which helps to read typed pinyin.
        """
        if not normalised:
            text = normalize(text)
        if not text:
            return []
        if _LETTERS.search(text):  # typed pinyin: read it as the Chinese it spells
            text += "".join(self._typed_pinyin(text, folded))
        raw = self.raw_scores(text)
        content = sum(map(len, content_chunks(text)))
        if content > self.tuning.length_pivot:
            damp = (content / self.tuning.length_pivot) ** self.tuning.length_power
            raw = [r / damp for r in raw]
        order = sorted(range(len(raw)), key=raw.__getitem__, reverse=True)[: self.rerank]
        order = [i for i in order if raw[i] > 0.0]
        if not order:
            return []
        spelled = " " + " ".join(_spelled(text)) + " "
        total: dict[int, float] = {}
        named: dict[int, bool] = {}
        for i in order:
            evidence, named[i] = self._phrase_evidence(i, text, spelled)
            total[i] = raw[i] + self.phrase_bonus * evidence
        best = sorted(order, key=lambda i: total[i], reverse=True)[:limit]
        return [Scored(self.ids[i], self._squash(total[i]), total[i], named[i]) for i in best]

    def _squash(self, raw: float) -> float:
        return round(1.0 - math.exp(-raw / self.scale), 4)

    def explain(self, text: str, service_id: str) -> list[tuple[str, float]]:
        """The features of ``text`` that count for ``service_id``, heaviest first (for debugging)."""
        text = normalize(text)
        i = self.ids.index(service_id)
        out = []
        for f in set(features(text)):
            for j, w in self.index.get(f, ()):
                if j == i:
                    out.append((f, round(w, 3)))
        return sorted(out, key=lambda x: -x[1])
