"""What does a resident's message ask for? The public API of understanding.

    kb = knowledge.loader.load()
    understander = Understander(kb)          # builds every index once
    u = understander.understand("居住正怎么办")
    u.intent, u.service_id, u.decision       # Intent.service, "residence-permit", "answer"

How a message is read (first rule that fires wins):

0. a question in English naming a service (knowledge/english.py) → that service;
1. nothing left after normalisation (only punctuation, emoji …) → unknown;
   an emergency (老人在楼下摔倒了, 楼道里冒烟了; elsewhere.yaml's ``urgent``
   entries) → elsewhere, before any other rule, unless a service is named
   by its name or an alias beside it (摔断了腿能办残疾证吗);
   a lift stopped with nobody said inside (电梯卡在三楼不动了, see
   :mod:`knowledge.told_first`) → complaint, with ``elsewhere`` naming what
   to say first (call 119 / 96333 if anyone is trapped), on the same condition;
2. the theme Party day (党日, 主题党日 …) → party_day; a month's figures
   asked (这个月诉求多少件, 本月统计, 上个月的统计) → stats;
3. an explicit micro-wish (心愿, 许愿) → wish;
4. a complaint: a problem in a shared place, nuisance words, 投诉/举报/反映
   (but not a request for mediation) → complaint;
   asking to erase one's details (把我的信息删了) → forget;
5. a booking already made being cancelled, moved or looked up (取消, 改,
   我的, 查 … with appointment words; 周一的预约不去了) → booking;
   a matter another office handles (身份证丢了, 驾照换证, see
   :mod:`knowledge.elsewhere`) → elsewhere, unless the question still
   names one of the centre's services once that matter's words are taken
   out (办居住证要房产证吗 is about 居住证); another office asked how to
   reach or when (物业电话多少, 卫生站在哪, knowledge/elsewhere.yaml's
   ``offices``) → elsewhere, ``elsewhere`` its id, on the same condition;
   asking for a home visit and naming nothing it is for (我腿脚不好能不能上门
   给办, :mod:`knowledge.home_visit`) → booking, as 预约上门;
6. a service *named* in the text — one of its names, aliases or keywords,
   whole or as a homophone — with a score of at least ``named_threshold``
   → service (words that only speak of an appointment are set aside first:
   预约家政 is about 家政, 我要预约 about nothing), unless the short
   message gives it up (老年证那个不去了: its booking) → booking;
   asking to change one's details (改一下电话, 俺电话换了) → profile; a
   move said (我搬家了, 我们家搬了) is the address changed → profile, before
   any service (搬家 is 家政's removals: 想找个搬家公司);
   a death then living alone, asking what help there is (老伴走了以后一个人住有啥
   补贴, :mod:`knowledge.left_alone`) → service, a choice of the help for
   an old person on their own, not the funeral subsidy;
   a group of residents asking what there is for them and naming no
   service (老年人能办哪些事, 失业了社区能帮啥, :mod:`knowledge.audiences`)
   → audience, every service tagged for the group, best first;
7. the centre itself — its hours, where it is, its phone (你们几点上班,
   周末开门吗, 社区电话多少) → centre; appointment words → booking;
8. a softer wish ("希望有人陪我…") → wish;
9. asking for a person (我想找工作人员) → human; asking what the bot can
   do → help; a short hello → greeting; a short thanks, OK or goodbye →
   thanks;
10. a service matched without being named, scoring at least
   ``service_threshold`` → service (a paraphrase: 家里没收入了 → 低保);
11. anything else → unknown, with ``decision == "none"``.

A question asking how two services differ (低保和低收入家庭有什么区别, see
:mod:`knowledge.compare`) has ``compared`` set to both, and no ``parts``.

A message read as a service question that has a break in it (。？，, a
space) may hold two to four questions about different services (低保怎么
办理。我想问一下高龄津贴。): each is read on its own (see
:mod:`knowledge.several`) and ``parts`` lists them, in the order asked; the
message's own fields are those of the first one read confidently.
Which pieces stand as questions of their own is decided in
:mod:`knowledge.pieces`; the reading's types (:class:`Intent`,
:class:`Understanding`, :class:`Candidate`) are in :mod:`knowledge.reading`
and re-exported here.

For a service, ``part`` names the one part of the answer the question asks
for, if it asks for exactly one (要带什么材料 → materials, 在哪办 → where),
and ``book`` says it asks to book the service (预约办居住证);
``decision`` is ``"answer"`` when the best score reaches
``answer_threshold`` and the runner-up's raw score is at most
``1 - margin`` of the best's (``1 - margin / 2`` when the best is named in
the text and the runner-up is not); otherwise ``"choose"`` (offer the top three).
Scores and thresholds are on the matcher's 0..1 scale
(``1 - exp(-raw / scale)``, see :mod:`knowledge.matcher`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge import asked_parts, audiences, day_parts, death, elsewhere, english, home_visit, intents, left_alone, several, small_talk
from knowledge import grid_words, told_first
from knowledge.intents import Strength
from knowledge.loader import KnowledgeBase
from knowledge.matcher import DEFAULT_TUNING, Matcher, Scored, Tuning
from knowledge.normalize import fold, normalize
from knowledge.pieces import UNSURE_PART_FLOOR, PieceReader
from knowledge.reading import RULE_CONFIDENCE, Candidate, Decision, Intent, Understanding, candidates, rule

# The reading's types live in knowledge/reading.py; they are imported from here all over the bot.
__all__ = ["Candidate", "Decision", "Intent", "Understander", "Understanding", "RULE_CONFIDENCE", "UNSURE_PART_FLOOR"]

CACHE_SIZE = 4096  # distinct recent texts whose understanding is kept
CACHE_TEXT_LENGTH = 100  # characters; longer texts are read afresh

ENGLISH_CONFIDENCE = 0.9  # a service named in English (knowledge/english.py): answered
# the words of a question by group, less the group's and the asking, are about one service from this
# score on (外地人在这上班想给孩子报名上学要办啥手续: 居住证, 1.0); what is left of 家里老人还是个残疾人
# 有什么福利 (家里还是个, 0.61 for 低保) is not
PLAINLY_ONE_SERVICE = 0.8


class Understander:
    """Reads messages against one knowledge base. Build once; :meth:`understand` is cheap."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        answer_threshold: float = 0.6,
        margin: float = 0.3,
        service_threshold: float = 0.57,
        named_threshold: float = 0.4,
        tuning: Tuning = DEFAULT_TUNING,
        cache_size: int = CACHE_SIZE,
        referrals: elsewhere.Referrals | None = None,
        english_names: english.EnglishNames | None = None,
        groups: audiences.Audiences | None = None,
    ) -> None:
        self.kb = kb
        self.referrals = referrals if referrals is not None else elsewhere.load()
        self.english = english_names if english_names is not None else english.load()
        self.matcher = Matcher(kb.services, tuning)
        # the groups residents ask by (老年人, 残疾人 …) and the services tagged for each: read once, here
        self.audiences = groups if groups is not None else audiences.load(kb)
        self._catalogue_order = {sid: i for i, sid in enumerate(kb.ids)}
        self._position = {sid: i for i, sid in enumerate(self.matcher.ids)}
        # several questions in one message, two services compared, a question beside a complaint
        self.pieces = PieceReader(kb, self._read_one, self.matcher.phrase_texts())
        self.names = self.pieces.names
        # the services' names and aliases as written: an emergency's words (摔断了) beside one of them
        # (能办残疾证吗) ask about that service. Not keywords nor homophones: 邻居家着火了 names no
        # 调解 (邻居), and 家里一股煤气味儿 no 孤儿 (一股儿).
        own = sorted({normalize(n) for s in kb.services for n in (s.name, *s.aliases)} - {""}, key=len, reverse=True)
        self._own_names = re.compile("|".join(map(re.escape, own)) or "(?!)")
        # … and with their keywords: 老年人体检有什么项目 names 家庭医生 (老年人体检), whatever else 老年人 may ask
        words = {normalize(w) for s in kb.services for w in (s.name, *s.aliases, *s.keywords)} - {""}
        self._own_words = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)")
        # decision "answer" from this score on …
        self.answer_threshold = answer_threshold
        # … when the runner-up scores at most (1 - margin) of the best, in raw terms
        self.margin = margin
        # a service none of whose names is in the text must score this much to count
        self.service_threshold = service_threshold
        # a service named in the text (name, alias or keyword, whole or homophone) needs only this
        self.named_threshold = named_threshold
        # Residents ask the same few things in the same words ("几点开门", a
        # menu key, "1"): reading is a pure function of the text, so repeats
        # are served from here. Long texts are seldom repeated word for word.
        # cache_size=0 reads every text afresh (bench/understand.py times that).
        self._recent = lru_cache(maxsize=cache_size)(self._read)

    def understand(self, text: str) -> Understanding:
        text = text if isinstance(text, str) else ("" if text is None else str(text))
        return self._recent(text) if len(text) <= CACHE_TEXT_LENGTH else self._read(text)

    def _read(self, text: str) -> Understanding:
        whole = self._read_one(text)
        if whole.intent is not Intent.service:
            return whole
        side_by_side = self.pieces.compared(text)
        if side_by_side is not None:
            return side_by_side
        if several.has_break(text):  # 你好，低保和老年证怎么办: the names joined by 和 are cut too
            return self.pieces.several(several.split_joined_names(text, self.names)) or whole
        said_at_once = several.soft_breaks(text, self.names)  # 低保怎么申请还有高龄津贴怎么领, by voice
        return (self.pieces.several(said_at_once, named_only=True) if said_at_once else None) or whole

    def questions_beside(self, text: str) -> list[several.Asked]:
        """Service questions said beside a complaint (楼道灯坏了好几天了，还有低保怎么办): see :meth:`PieceReader.beside`."""
        return self.pieces.beside(text)

    def _read_one(self, text: str) -> Understanding:
        """``text`` read as one question (the rules of the module docstring)."""
        in_english = self.english.service_of(text)  # "how do I get a residence permit"
        if in_english is not None and in_english in self.kb:
            found = (Candidate(in_english, ENGLISH_CONFIDENCE),)
            book = english.asks_to_book(text)  # book an appointment for a residence permit: book it, as 预约办居住证
            return Understanding(Intent.service, in_english, ENGLISH_CONFIDENCE, found, "answer", book=book, named=True)
        norm = normalize(text)
        if not norm:  # only emoji or punctuation: a thumbs-up or 🙏 after an answer is a thank-you
            if intents.acknowledges(text):
                return rule(Intent.thanks, Strength.strong)
            return Understanding(Intent.unknown, None, 0.0, (), "none")
        folded = fold(text[:400])
        cues = intents.detect(norm, folded)

        urgent = self.referrals.match(norm, urgent=True)
        if urgent is not None and self._own_names.search(_without(norm, urgent.words)) is None:
            return self._matter(urgent)  # 老人在楼下摔倒了: call 120 first, whatever else the words could be
        first = told_first.told_first(self.referrals, norm)
        if first is not None and self._own_names.search(_without(norm, first.words)) is None:
            # 电梯卡在三楼不动了: filed for the grid, with 119 / 96333 said first in case someone is inside
            return Understanding(Intent.complaint, None, RULE_CONFIDENCE[Strength.strong], (), "answer", elsewhere=first.referral.id)
        if cues.party:
            return rule(Intent.party_day, Strength.strong)
        if cues.figures:  # 这个月诉求多少件, 这个月投诉多少件: the month's figures, not a complaint or a service
            return rule(Intent.stats, Strength.strong)
        if cues.wish is Strength.strong:
            return rule(Intent.wish, Strength.strong)
        if grid_words.about_grid_staff(norm):  # 网格员态度不好: to the staff; as a case it went to that grid manager
            return rule(Intent.about_staff, Strength.strong)
        if cues.complaint is Strength.strong:
            return rule(Intent.complaint, Strength.strong)
        if cues.forget:  # 把俺的信息都删了吧: read as 志愿者注册 (信息) before
            return rule(Intent.forget, Strength.strong)
        if small_talk.blesses(norm):  # 谢谢小同志，祝你身体健康: thanked back, not 健康自测 (身体健康)
            return rule(Intent.thanks, Strength.strong)
        if small_talk.patient(norm):  # 好事多磨: a kind word back (handlers/common.py), not 志愿者注册
            return rule(Intent.thanks, Strength.strong)

        if cues.manages_booking:  # 取消居住证的预约: the bookings, whatever they are for
            return rule(Intent.booking, Strength.strong)
        if cues.change_details and intents.moved_house(norm):  # 我搬家了: the address, not 家政's removals
            return rule(Intent.profile, Strength.strong)
        if grid_words.drops_case(norm):  # 不用修了已经好了: withdrawing their case (the handler asks which, and checks)
            return rule(Intent.drop_case, Strength.strong)
        if grid_words.asks_my_grid(norm):  # 网格员是谁, 我们这片归谁管: their grid, not 便民维修 or 答不上来
            return rule(Intent.grid, Strength.strong)
        if small_talk.asks_own_details(norm) or english.asks_own_details(text):  # 我登记的电话是多少, what is my phone number
            return rule(Intent.profile, Strength.strong)
        matter = self._elsewhere(self.referrals.match(norm), norm)
        if matter is not None:
            return matter
        office = self.referrals.offices.asked(norm)
        if office is not None and not self._names_a_service(norm.replace(office.word, "")):
            return Understanding(Intent.elsewhere, None, RULE_CONFIDENCE[Strength.strong], (), "answer", elsewhere=office.office.id)
        if home_visit.asks_visit_only(norm):  # 我腿脚不好能不能上门给办: a home visit, for nothing named (as 预约上门)
            return rule(Intent.booking, Strength.strong)
        query = self._without_group(self._query(norm, cues))
        ranked = self.matcher.rank(query, 3, normalised=True, folded=folded) if query else []
        top = ranked[0].score if ranked else 0.0
        named = any(r.named for r in ranked)

        if left_alone.asks_help_left_alone(norm) and not self._names_a_service(left_alone.without_the_death(norm)):
            return self._left_alone(norm)  # 老伴走了以后一个人住有啥补贴: the help for one alone, not the funeral subsidy
        for_whom = self._for_whom(norm)  # 老年人能办哪些事: their services listed, not the help text nor one of them
        if for_whom is not None:
            return for_whom
        if named and top >= self.named_threshold:
            if intents.gives_up(norm):  # 老年证那个不去了: the booking for it given up, not its guide
                return rule(Intent.booking, Strength.strong)
            return self._service(ranked, norm, cues)
        if cues.change_details:  # 改一下电话, 俺电话换了: their own, not the centre's phone
            return rule(Intent.profile, Strength.strong)
        if cues.centre:
            return rule(Intent.centre, Strength.strong)
        if cues.booking:
            return rule(Intent.booking, Strength.strong)
        if cues.wish is Strength.weak:
            return rule(Intent.wish, Strength.weak)
        if cues.human:
            return rule(Intent.human, Strength.strong)
        if cues.help:
            return rule(Intent.help, Strength.strong)
        if small_talk.about_the_bot(norm):  # 你是机器人吗, 能发语音吗, 字太小了: how to use the bot
            return rule(Intent.help, Strength.strong)
        if cues.greeting or small_talk.festive(norm) or small_talk.preamble(norm):  # 中秋快乐; 我想问一下: say it
            return rule(Intent.greeting, Strength.strong)
        if cues.thanks or small_talk.nothing_more(norm):  # 没事了, 你们真负责: thanked back, not 答不上来
            return rule(Intent.thanks, Strength.strong)
        if top >= self.service_threshold:
            return self._service(ranked, norm, cues)
        return Understanding(Intent.unknown, None, 0.0, candidates(ranked), "none")

    # --- helpers ------------------------------------------------------------

    def _query(self, norm: str, cues: intents.Cues) -> str:
        """The words the services are ranked on.

        Words that only speak of an appointment or the 物业 go; a person's
        death said as 走了 is read as 去世 (knowledge/death.py); a part of
        the day (下午) goes, as it says when, not what (knowledge/day_parts.py); and asking
        for a home visit (上门) names no service unless the rest does:
        我腿脚不好能不能上门给办 was read as 老年助餐 (送餐上门).
        """
        query = intents.without_property(intents.without_booking_words(norm) if cues.booking else norm)
        query = death.spelled_out(query)
        query = day_parts.without_parts_of_day(query)  # 大约下午到: when, not 舞蹈 (午到)
        if intents.asks_home_visit(query):
            rest = intents.HOME_VISIT.sub("", query)
            if not self._names_a_service(query) or self._names_a_service(rest):
                return rest
        return query

    def _elsewhere(self, hit: elsewhere.Hit | None, norm: str) -> Understanding | None:
        """The reading of a matter another office handles, unless the question is still about a service without its words."""
        if hit is None or self._names_a_service(_without(norm, hit.words)):
            return None
        return self._matter(hit)

    @staticmethod
    def _matter(hit: elsewhere.Hit) -> Understanding:
        return Understanding(Intent.elsewhere, None, RULE_CONFIDENCE[Strength.strong], (), "answer", elsewhere=hit.referral.id)

    def _names_a_service(self, text: str) -> bool:
        ranked = self.matcher.rank(text, 1, normalised=True, folded=text) if text else []
        return bool(ranked) and ranked[0].named and ranked[0].score >= self.named_threshold

    def _left_alone(self, norm: str) -> Understanding:
        """The help for an old person on their own, offered to choose from (which fits depends on age and income)."""
        found = tuple(Candidate(sid, RULE_CONFIDENCE[Strength.weak]) for sid in left_alone.SERVICES if sid in self.kb)
        if not found:
            return Understanding(Intent.unknown, None, 0.0, (), "none")
        confidence = RULE_CONFIDENCE[Strength.weak]
        return Understanding(Intent.service, found[0].service_id, confidence, found, "choose", asked_parts.asked_part(norm))

    def _for_whom(self, norm: str) -> Understanding | None:
        """A group of residents asked about (老年人能办哪些事, 失业了社区能帮啥): every service tagged for it, best first.

        Not when a service is named besides: by its name or an alias outside
        the group's words (老年证 holds 老年, 老年人体检 is a keyword), or by
        anything, homophones too, left once the group's words and the asking
        are out (老年人助餐有什么优惠: 助餐); nor when those words alone are
        plainly about one service (外地人在这上班，想给孩子报名上学要办啥手续 is
        居住证's, 媳妇怀孕了，社区要登记啥 生育登记's). Best first is the services'
        scores for the whole question (孩子放假有啥活动: 托管 and the activity
        room before the orphans' allowance), then catalogue order.
        """
        asked = self.audiences.asked(norm)
        if asked is None or self._names_own_service(norm) or self._about_one_service(asked.rest):
            return None
        listed = list(dict.fromkeys(sid for group in asked.audiences for sid in self.audiences.services[group] if sid in self.kb))
        if not listed:
            return None
        raw = self.matcher.raw_scores(norm)
        listed.sort(key=lambda sid: (-raw[self._position[sid]], self._catalogue_order.get(sid, 0)))
        found = tuple(Candidate(sid, RULE_CONFIDENCE[Strength.weak]) for sid in listed)
        return Understanding(Intent.audience, None, RULE_CONFIDENCE[Strength.strong], found, "answer", audiences=asked.audiences)

    def _about_one_service(self, rest: str) -> bool:
        """Whether words name a service, or plainly ask about one (see :data:`PLAINLY_ONE_SERVICE`)."""
        ranked = self.matcher.rank(rest, 2, normalised=True, folded=rest) if rest else []
        if not ranked:
            return False
        top, second = ranked[0], (ranked[1].raw if len(ranked) > 1 else 0.0)
        if top.named:
            return top.score >= self.named_threshold
        return top.score >= PLAINLY_ONE_SERVICE and second <= top.raw * (1.0 - self.margin)

    def _without_group(self, query: str) -> str:
        """A query without a group's words said right before a service's (老年人助餐怎么申请: 助餐怎么申请).

        老年人 is in 老年人优待证's name, and it made 老年人助餐怎么申请 a close
        call between 助餐 and 老年证; said so, who it is for does not say
        which service. Elsewhere the group's words stay: 孩子父母都是重度残疾
        asks about the child, and 老年证, 残疾人证 are names.
        """
        own = [found.span() for found in self._own_words.finditer(query)]
        cut = [
            (start, end) for start, end in self.audiences.spans(query)
            if any(a == end for a, _ in own) and not any(a <= start and end <= b for a, b in own)
        ]
        if not cut:
            return query
        rest = "".join(query[i] for i in range(len(query)) if not any(start <= i < end for start, end in cut))
        return rest if rest and self._names_a_service(rest) else query

    def _names_own_service(self, norm: str) -> bool:
        """Whether a service's name, alias or keyword is in the text other than as a group's words (老年证, not 老年人; 失业 is both)."""
        groups = self.audiences.spans(norm)
        return any(
            not any(start <= found.start() and found.end() <= end for start, end in groups)
            for found in self._own_words.finditer(norm)
        )

    def _service(self, ranked: list[Scored], norm: str, cues: intents.Cues) -> Understanding:
        top = ranked[0]
        second = ranked[1].raw if len(ranked) > 1 else 0.0
        # a service named in the text against a runner-up that is not: half the margin is enough
        # (不会用手机怎么认证养老金, 享受低保要什么条件 offered a choice beside 水电气代缴, 低收入家庭)
        margin = self.margin / 2 if top.named and not (len(ranked) > 1 and ranked[1].named) else self.margin
        confident = top.score >= self.answer_threshold and second <= top.raw * (1.0 - margin)
        if confident and not top.named and intents.asks_home_visit(norm):
            # 腿脚不好去不了，能上门吗 names no service: which ones come home is the answer, not the
            # allowance whose example mentions legs (the guide lists the home-visit services)
            confident = False
        return Understanding(
            Intent.service,
            top.service_id,
            top.score,
            candidates(ranked),
            "answer" if confident else "choose",
            asked_parts.asked_part(norm),
            cues.booking and not cues.manages_booking,  # 预约办居住证: book it
            named=top.named,
        )



def _without(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        text = text.replace(word, "")
    return text

