"""Questions about services written in English: matched by the English names residents use.

Foreign residents and their families write to the centre in English. The
knowledge base's index is built for Chinese (characters, pinyin, homophones),
and English words added to it shifted the scores of vague Chinese questions;
so English has its own small table (``knowledge/english.yaml``), read only
for a question with no Chinese in it, before anything else.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent / "english.yaml"
_CJK = re.compile(r"[\u3400-\u9fff]")


class EnglishNames:
    def __init__(self, names: dict[str, list[str]]) -> None:
        phrases = sorted(((p.lower(), sid) for sid, ps in names.items() for p in ps), key=lambda x: -len(x[0]))
        self.service_ids = set(names)
        self._patterns = [(re.compile(rf"(?<![a-z]){re.escape(p)}(?![a-z])"), sid) for p, sid in phrases]

    def service_of(self, text: str) -> str | None:
        """The service a question in English names, longest phrase first; None for Chinese or no match.

        None too for a problem in a shared place or a booking already made, which are read as in
        Chinese (a complaint, the bookings) whatever service words they hold.
        """
        if not text or _CJK.search(text):
            return None
        lowered = text.lower()
        if complains(lowered) or cue(WISH_STRONG, lowered) or (cue(MANAGES_BOOKING, lowered) and cue(ASKS_TO_BOOK, lowered)):
            return None  # the street light outside building 3 is broken (not 'repair'); a volunteer to go with me; cancel my appointment for …
        return next((sid for pattern, sid in self._patterns if pattern.search(lowered)), None)


def load(path: Path = DEFAULT_PATH) -> EnglishNames:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return EnglishNames({str(k): [str(p) for p in v] for k, v in data.items()})


# --- the other matters, in English ----------------------------------------------
# Read from the folded text (knowledge/normalize.py's fold: lower case, spaces kept), as the
# English small talk of knowledge/intents.py is; the cues are merged into intents.detect, so the
# order in which they win is the Chinese one (knowledge/understanding.py). The ways of speaking
# mirror the Chinese patterns: a problem in a shared place, a nuisance, a wish for someone's help.
_W = r"(?<![a-z])"  # a word starts here
_NOT_CJK = _CJK  # English cues are read only where no Chinese is written


def _words(*parts: str) -> re.Pattern[str]:
    return re.compile(_W + "(?:" + "|".join(parts) + r")(?![a-z])")


# A shared place (楼道, 路灯, 电梯, 垃圾站 …): where a problem is the community's, not one's own home's.
SHARED_PLACE = _words(
    r"street ?lights?", r"street ?lamps?", r"lamp ?posts?", r"lights? in the (?:stairs?|stairwell|corridor|hallway)",
    r"lifts?", r"elevators?", r"stairs?", r"stairwells?", r"staircases?", r"corridors?", r"hallways?",
    r"entrance", r"gates?", r"courtyard", r"yard", r"car ?park", r"parking(?: lot| spaces?)?", r"roads?",
    r"pavement", r"sidewalk", r"manholes?(?: covers?)?", r"drains?", r"sewers?", r"gutters?",
    r"garbage", r"rubbish", r"trash", r"(?:waste |litter |recycling )?bins?", r"fire (?:lane|exit|escape|passage|door)s?",
    r"playground", r"(?:fitness|exercise|gym) equipment", r"neighbou?rs?", r"upstairs", r"downstairs",
    r"building \d+", r"block \d+", r"compound", r"estate", r"(?:residential )?community", r"public",
    r"water pipes?", r"pipes?",
)
PROBLEM = _words(
    r"broken", r"broke", r"not working", r"(?:doesn'?t|does not|don'?t|do not|isn'?t|is not|won'?t|will not) (?:work|working|turn on|light up|come on|open|close)",
    r"out of order", r"stuck", r"blocked", r"blocking", r"clogged", r"leak(?:s|ing|ed|y)?", r"overflow(?:s|ing|ed)?",
    r"flooded", r"flooding", r"cracked", r"collapsed", r"damaged", r"dangerous", r"dirty", r"filthy", r"smells?", r"smelly",
    r"stinks?", r"stinking", r"(?:not|never|hasn'?t been|has not been|haven'?t been|wasn'?t|weren'?t) (?:been )?(?:collected|cleaned|emptied|fixed|repaired|picked up|taken away)",
    r"(?:is|are|has been|have been|went|goes|keeps? going) (?:off|out)", r"not on",
    r"piled up", r"piling up", r"overflowing", r"full", r"dark", r"flicker(?:s|ing)?", r"loose", r"fallen", r"missing",
    r"nobody (?:fixes|cleans|collects|comes|cares)", r"no one (?:fixes|cleans|collects|comes|cares)",
)
# A nuisance, an outage, or a report said outright (噪音, 乱停, 消防通道, 停电, 投诉): a complaint whatever else is said.
NUISANCE = _words(
    r"noise", r"noisy", r"loud (?:music|noise|party|parties)", r"too loud", r"so loud", r"barking", r"keeps? barking",
    r"(?:cars?|vans?|trucks?|lorr(?:y|ies)|vehicles?|bikes?|motorbikes?|scooters?) (?:are |is )?(?:parked )?(?:blocking|parked (?:in|on|across))",
    r"(?:illegal(?:ly)?|badly|wrongly) parked", r"fire (?:lane|exit|escape|passage)s? (?:is |are )?(?:blocked|full)",
    r"(?:parked|parking|blocking|blocked|piled|stacked) (?:in|on|across|at|up|up in)? ?(?:the |our )?fire (?:lane|exit|escape|passage)",
    r"littering", r"dumping", r"(?:power|electricity|water|gas|heating) (?:cut|outage|failure)", r"power cut",
    r"no (?:water|power|electricity|heating|hot water)", r"(?:water|power|electricity|heating) (?:is |has been )?(?:off|cut off)",
    r"complain(?:ing)? about", r"complaint about", r"dog (?:poo|poop|mess)",  # "I want to complain" alone says no matter
)
# Water through the ceiling from the flat above (楼上漏水): the neighbour's, a complaint even at home.
FROM_UPSTAIRS = re.compile(r"(?:leak|drip|water|flood|seep).{0,40}(?:upstairs|flat above|apartment above|from above)"
                           r"|(?:upstairs|flat above|apartment above).{0,40}(?:leak|drip|water|flood|seep)")
# Asking for mediation (调解) is a service, even about a noisy neighbour.
MEDIATION = _words(r"mediat(?:e|ion|or)", r"disputes?", r"quarrel(?:s|ling)?", r"lawyer", r"sue")
# One's own home: a broken tap there is a repair job (家里), not the community's.
OWN_HOME = _words(r"at home", r"in my (?:flat|apartment|home|house|kitchen|bathroom|room)", r"my (?:tap|sink|toilet|kitchen|bathroom|window|fridge|washing machine)")

# Booking (预约): an appointment asked for; managing one made (取消, 改, 我的).
BOOKING = _words(r"appointments?", r"(?:my|the|a) (?:booking|reservation)s?", r"book(?:ing)? (?:a |an )?(?:time|slot|visit)", r"make a booking", r"reserve a (?:time|slot)", r"schedule a visit")
MANAGES_BOOKING = _words(r"cancel", r"reschedule", r"(?:change|move) my (?:appointment|booking)", r"my (?:appointments?|bookings?)")
ASKS_TO_BOOK = _words(r"book", r"booking", r"appointments?", r"reserve", r"schedule")
# A wish (心愿): strong when named, weak when hoping someone would help (希望有人…).
# Asking for company is a wish whatever the activity (陪我…), as in Chinese: it wins over a service named.
WISH_STRONG = _words(
    r"make a wish", r"micro[- ]?wish(?:es)?", r"my wish is",
    r"(?:some ?one|somebody|a volunteer|volunteers?)(?: [a-z']+){0,3} (?:accompany me|keep me company|go with me|come with me)",
)
WISH_WEAK = _words(
    r"(?:i'?d like|i would like|i want|i need|i'?m looking for|looking for|i hope|hoping|i wish) (?:some ?one|somebody|a volunteer|volunteers?)"
    r"(?: who)?(?: (?:could|can|would|will|to))? (?:help|accompany|visit|teach|keep me company|chat with|read|walk|go with|come)",
    r"(?:could|can|would) (?:some ?one|somebody|a volunteer) (?:please )?(?:help|accompany|visit|teach|keep me company|read to|walk with|go with)",
)
# Asking for a person (转人工), beyond knowledge/courtesy_cues.py's HUMAN_EN.
HUMAN = _words(
    r"(?:need|want|get me|give me|find me|call) (?:a |an |the )?(?:human|real person|person|staff(?: member)?|agent|operator)",
    r"customer service", r"transfer me", r"(?:talk|speak|chat) (?:to|with) (?:your |a |an |the )?(?:staff|person|people|someone|somebody|officer|worker|manager|social worker)",
)
# Changing the resident's own details (改一下电话, 我搬家了, 我的电话改成139…); "my profile" itself is the
# 我的资料 command's keyword. The detail named decides what is asked (changed_detail).
_DETAIL = r"(?:profile|details|personal details|info(?:rmation)?|(?:phone|mobile|cell|contact|telephone)(?: number)?|number|(?:home )?address|name)"
_NUMBER = r"(?:phone |mobile |cell |contact |telephone )?number|phone|mobile|(?:home )?address"
PROFILE = re.compile(
    _W + r"(?:change|update|correct|edit|modify)(?: of)? (?:my )?" + _DETAIL + r"(?![a-z])"
    r"|" + _W + r"(?:i(?:'ve| have)? moved|i'?m moving)(?: house| home| flat| out)?\W*$"
    # my new number is 139…, I have a new phone number: 139…, my phone number has changed
    r"|" + _W + r"(?:my|i(?:'ve| have)?(?: got)? a) new (?:" + _NUMBER + r")(?![a-z])(?! (?:is )?(?:broken|not working))"
    r"|" + _W + r"my (?:" + _NUMBER + r") (?:has |have |was )?changed(?![a-z])"
    r"|" + _W + r"i(?:'ve| have)? changed my (?:" + _NUMBER + r")(?![a-z])"
    r"|^\W*new (?:phone |mobile |cell |contact )?number(?![a-z])"
    r"|" + _W + r"my (?:phone |mobile |cell )?number is (?:new|different)(?![a-z])"
)
# The field each detail named is (None: all of them, as 改资料)
_FIELDS = (("address", re.compile(_W + r"(?:address|moved|moving)(?![a-z])")),
           ("phone", re.compile(_W + r"(?:phone|mobile|cell|number|telephone)(?![a-z])")),
           ("name", re.compile(_W + r"name(?![a-z])")))


def changed_detail(text: str) -> str | None:
    """Asking in English to change one's details: "" for all of them, else the field (phone, address, name); None if not.

    As knowledge/own_details.py's changed_detail in Chinese: "change my phone number" asks for the phone only.
    """
    folded = text.lower() if text else ""
    found = PROFILE.search(folded) if _english(folded) else None
    if found is None:
        return None
    return next((field for field, said in _FIELDS if said.search(found.group())), "")


# Asking what the bot keeps about oneself (我登记的电话是多少 in knowledge/small_talk.py): shown as 我的资料.
OWN_DETAILS = re.compile(
    r"^\W*(?:what(?:'s| is| are)|tell me|show me|check|which is) (?:my |the )?(?:registered |saved |current |own )?"
    r"(?:phone(?: number)?|mobile(?: number)?|number|(?:home )?address|name|details|information|info)"
    r"(?: (?:do )?you have(?: for me| on file)?| you keep| on file| (?:that )?you (?:have |keep )?registered)?\W*(?:please)?\W*$"
    r"|^\W*what (?:do you|details do you) (?:have|keep) (?:about|on|for) me\W*$"
)


def asks_own_details(text: str) -> bool:
    """Whether an English message asks what the bot keeps about the person ("what is my phone number")."""
    folded = text.lower() if text else ""
    return _english(folded) and OWN_DETAILS.search(folded) is not None


# Thanks, OK and goodbye said more ways than THANKS_EN (knowledge/courtesy_cues.py): "ok thank you!", "great, thanks a lot".
THANKS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|good|perfect|got it|i see|alright|all right|understood|sure|cool|nice)\W*)*"
    r"(?:(?:thanks|thank you|thx|ty|cheers|many thanks|much appreciated)(?: a lot| very much| so much| again| for (?:your|the) help)?"
    r"|bye(?: bye)?|goodbye|see you(?: later| soon)?|have a (?:nice|good) day|ok(?:ay)?|got it|understood)\W*$"
)


ANY_WORD = re.compile(r"[a-z]{2}")  # a message with English words in it at all


def _english(folded: str) -> bool:
    return bool(folded) and _NOT_CJK.search(folded) is None and re.search(r"[a-z]", folded) is not None


def complains(folded: str) -> bool:
    """Whether an English message reports a problem in a shared place, a nuisance or an outage (as intents.complaint)."""
    if not _english(folded) or MEDIATION.search(folded):
        return False
    if FROM_UPSTAIRS.search(folded) or NUISANCE.search(folded):
        return True
    return SHARED_PLACE.search(folded) is not None and PROBLEM.search(folded) is not None and OWN_HOME.search(folded) is None


def cue(pattern: re.Pattern[str], folded: str) -> bool:
    """Whether ``pattern`` (one of this module's cues) is in an English message."""
    return _english(folded) and pattern.search(folded) is not None


def asks_to_book(text: str) -> bool:
    """Whether a question in English naming a service asks to book it (book an appointment for a residence permit)."""
    return cue(ASKS_TO_BOOK, text.lower())


# --- the place of a complaint, said in English -------------------------------------
# "outside building 3", "at Beiyuan building 2's door", "in the stairwell of block 5": the place as a
# Chinese resident says it (3号楼门口, 北苑2号楼门口, 5号楼楼道), for the complaint form to take it
# (handlers/cases/places.py) instead of asking again. An estate is named by its pinyin (Beiyuan: 北苑).
_SPOT_BEFORE = {"outside": "门口", "in front of": "门口", "by the door of": "门口", "at the entrance of": "门口",
                "at the gate of": "门口", "below": "楼下", "under": "楼下", "downstairs in": "楼下", "next to": "旁边",
                "beside": "旁边", "behind": "楼后", "in the stairwell of": "楼道", "on the stairs of": "楼道",
                "in the lift of": "电梯", "in the elevator of": "电梯"}
_SPOT_AFTER = {"door": "门口", "entrance": "门口", "gate": "门口", "stairwell": "楼道", "stairs": "楼道", "staircase": "楼道",
               "corridor": "楼道", "hallway": "楼道", "lift": "电梯", "elevator": "电梯"}
_PLACE = re.compile(
    rf"(?:(?P<before>{'|'.join(sorted(map(re.escape, _SPOT_BEFORE), key=len, reverse=True))}) )?(?:the )?"
    r"(?:(?P<estate>[a-z]+) )?(?:building|block|bldg\.?) ?(?P<number>\d+)"
    rf"(?:(?:'s|s'|’s)? (?:(?:front|main|north|south|east|west) )?(?P<after>{'|'.join(_SPOT_AFTER)}))?(?![a-z])"
)


def place_said(text: str, estates: list[str] | tuple[str, ...] = ()) -> str | None:
    """The place an English message names by its building, in Chinese (3号楼门口, 北苑2号楼门口); None if none or Chinese."""
    if not text or _CJK.search(text):
        return None
    found = _PLACE.search(text.lower())
    if found is None:
        return None
    from knowledge.normalize import pinyin  # the index's own spelling: 北苑 is bei yuan

    spelled = {"".join(pinyin(name)): name for name in estates}
    estate = spelled.get(found["estate"] or "", "")
    spot = _SPOT_AFTER.get(found["after"] or "") or _SPOT_BEFORE.get(found["before"] or "", "")
    return f"{estate}{found['number']}号楼{spot}"


# --- the category of a complaint, said in English --------------------------------------
# As handlers/cases/categories.py reads a Chinese description (路灯坏了 → facilities): only words
# that plainly say one category; two (cars blocking the fire lane: parking or safety?) or none, and
# the resident is asked.
DESCRIBED: dict[str, re.Pattern[str]] = {
    "parking": _words(r"parked", r"parking", r"(?:cars?|vans?|trucks?|vehicles?) (?:are |is )?blocking", r"abandoned cars?"),
    "noise": _words(r"noise", r"noisy", r"loud", r"barking", r"music", r"square danc(?:e|ing)"),
    "sanitation": _words(r"garbage", r"rubbish", r"trash", r"bins?", r"litter(?:ing)?", r"dirty", r"filthy", r"smells?",
                         r"smelly", r"stinks?", r"stinking", r"dog (?:poo|poop|mess)", r"rats?", r"cockroach(?:es)?", r"flies"),
    "facilities": _words(r"street ?lights?", r"street ?lamps?", r"lamp ?posts?", r"lights?", r"lifts?", r"elevators?",
                         r"manholes?(?: covers?)?", r"drains?", r"sewers?", r"fitness equipment", r"benches", r"bench",
                         r"potholes?", r"handrails?", r"door entry", r"intercom", r"entrance door"),
    "safety": _words(r"dangerous", r"danger", r"hazard", r"fire (?:lane|exit|escape|passage)s?", r"loose wires?",
                     r"exposed wires?", r"gas", r"sparks?", r"collapsed?", r"cracks?", r"cracked", r"falling"),
}


def in_english(text: str) -> bool:
    """Whether a message is written in English (Latin words, no Chinese): the cues of this module apply."""
    return _english(text.lower()) if text else False


def described_category(description: str) -> str | None:
    """The one category an English description plainly is (the street light is broken → facilities), else None."""
    lowered = description.lower()
    found = [category for category, pattern in DESCRIBED.items() if pattern.search(lowered)]
    return found[0] if len(found) == 1 else None
