"""Cues of the party day (党日活动, 三会一课): a party member asking about their activities.

Homophone typos (主题当日 for 主题党日) are caught by spelling the phrase out in pinyin.
"""

from __future__ import annotations

from knowledge.cue_kit import rx

PARTY = rx(r"党日", r"党员活动", r"组织生活", r"三会一课", r"党课", r"党员大会", r"支部(活动|学习|会议)")
# 主题当日 / 主题档日 …: the whole phrase spelled out, for homophone typos.
PARTY_SPELLED = ("zhu ti dang ri", "dang ri huo dong")


def _spelled(text: str) -> str:
    from knowledge.normalize import pinyin

    return " ".join(pinyin(text))


def party_day(text: str) -> bool:
    if PARTY.search(text):
        return True
    if "主题" in text or "活动" in text:
        spelled = _spelled(text)
        return any(s in spelled for s in PARTY_SPELLED)
    return False
