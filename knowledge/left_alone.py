"""Someone left on their own after a death, asking what help there is: 老伴走了以后一个人住有啥补贴.

A death said as 走了 is read as 去世 (knowledge/death.py), and that word
pulled the funeral subsidy (惠民殡葬): a widow asking what an old person
living alone may get was told how to have the funeral fees waived. What
fits is the help for an old person on their own: the home-care subsidy
(独居 is in who may have it), the old-age allowance and the basic living
allowance; which one depends on age and income, so the three are offered.

A question about the death itself stays the funeral subsidy's: 俺爹昨天夜里
走了，后事的钱社区给不给补 says nothing of living alone, and 老伴走了就剩我
一个，火化的钱能报吗 asks about the cremation.
"""

from __future__ import annotations

import re

from knowledge.death import DIED

# A death said otherwise than 走了/没了 (death.DIED reads those): 老伴去世了, 丧偶, 老伴不在了.
_DEATH = re.compile(r"去世|过世|病逝|逝世|丧偶|不在了|守寡|成了寡妇|没了老伴")
# Living on one's own now: 一个人住, 一个人过, 独居, 就剩我一个, 剩下我自己.
_ALONE = re.compile(
    r"一个人(住|过|生活|在家|待着|呆着)|自己(一个人)?(住|过|生活)|独(自)?(居|住|自生活)|孤身|孤零零"
    r"|(就|只)?剩(下)?(我|俺)(一个|自己)?|没人(照顾|管|陪)"
)
# Asking what help there is: 有啥补贴, 能领什么, 有什么政策, 国家管不管.
_ASKS_HELP = re.compile(r"补贴|补助|津贴|救助|政策|待遇|福利|照顾|帮扶|帮助|能领|能享受|能申请|能办|管不管|有人管")
# About the death itself: the funeral, the cremation, the pension stopped (the funeral subsidy's, or another office's).
_ABOUT_THE_DEATH = re.compile(r"火化|殡葬|丧葬|后事|安葬|骨灰|墓|殡仪|丧事|抚恤|埋|销户|死亡证明")

# The centre's services for an old person on their own, most fitting first (ids of knowledge/catalogue.yaml).
SERVICES = ("home-care-subsidy", "elderly-allowance", "minimum-living-allowance")


def asks_help_left_alone(norm: str) -> bool:
    """Whether a normalised question says a death, then living alone, and asks what help there is, not about the death."""
    died = DIED.search(norm) or _DEATH.search(norm)
    if died is None or _ABOUT_THE_DEATH.search(norm):
        return False
    after = norm[died.start() :]
    return _ALONE.search(after) is not None and _ASKS_HELP.search(after) is not None


def without_the_death(norm: str) -> str:
    """A normalised text without the words saying the death (去世 is a word of the funeral subsidy's)."""
    return _DEATH.sub("", DIED.sub("", norm))
