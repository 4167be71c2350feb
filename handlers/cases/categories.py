"""Which category a complaint is, from the resident's own words.

Two readings. A short message typed where the category buttons are shown
may *name* one (停车的事, 是垃圾的问题). A description may *describe* one
(楼道灯坏了好几天了 is about public facilities): then the form does not ask,
it says which category it took and offers 改类别. Both answer only when
exactly one category fits; two (车堵住了消防通道: parking or safety?) or
none, and the resident is asked.
"""

from __future__ import annotations

import re

from knowledge import english
from knowledge.intents import NOISE
from knowledge.normalize import normalize

# A category named in words: 停车的事, 是垃圾的问题, 乱停车. Only a short message: a longer one is the problem itself.
_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "parking": ("停车", "车位", "乱停", "挪车"),
    "noise": ("噪音", "噪声", "扰民", "太吵"),
    "sanitation": ("卫生", "垃圾", "清洁", "保洁"),
    "facilities": ("设施", "路灯", "电梯", "井盖"),
    "safety": ("安全", "隐患", "危险", "消防"),
    "dispute": ("邻里", "纠纷", "吵架", "邻居"),
    "property": ("物业",),
    "other": ("其他", "其它", "别的"),
}
_NAMED_CATEGORY_MAX_CHARS = 8


def named_category(text: str) -> str | None:
    """The one category a short message names (停车的事 → parking), else None (none, or two of them)."""
    norm = normalize(text)
    if not norm or len(norm) > _NAMED_CATEGORY_MAX_CHARS:
        return None
    found = [c for c, words in _CATEGORY_WORDS.items() if any(w in norm for w in words)]
    return found[0] if len(found) == 1 else None


# What a description says happened, by category. Only what residents write about such a
# problem and hardly about another: 漏水 (a neighbour's pipe, or the roof?) and 邻居 (a noisy
# one, a quarrel?) are left out, and so are the catch-all categories (property, other).
_DESCRIBED: dict[str, re.Pattern[str]] = {
    "parking": re.compile(
        r"停车|乱停|停的车|车位|挪车|僵尸车|(?:汽车|小车|轿车|车子)\S{0,6}(?:堵|挡|占)"
        r"|车\S{0,6}(?:停|放)\S{0,6}(?:好几天|好多天|好久|很久|半个月|一个月|几个月|大半年)"  # a car left for days
    ),
    "noise": re.compile(NOISE.pattern + r"|广场舞|装修\S{0,4}(?:声|响)|狗叫"),  # NOISE has 噪音, 噪声, 扰民
    "sanitation": re.compile(r"垃圾|卫生|清运|臭|脏|粪|狗屎|老鼠|蟑螂|苍蝇|保洁|没人扫|没扫"),
    "facilities": re.compile(
        r"路灯|灯(?:坏|不亮|不灵|灭|黑)|电梯|井盖|下水道|化粪池|健身器材|座椅|长椅|路面|坑洼|台阶|扶手|门禁|单元门"
    ),
    "safety": re.compile(
        r"隐患|危险|消防|飞线|私拉|电线|电动车\S{0,6}(?:充电|楼道|进楼|上楼)|燃气|煤气|着火|冒烟|高空抛物|坠落|掉下来|塌|裂缝|漏电"
    ),
}


def described_category(description: str) -> str | None:
    """The one category a description plainly is (楼道灯坏了 → facilities), else None (none fits, or two)."""
    if english.in_english(description):  # the street light outside building 3 is broken: facilities, as 路灯坏了
        return english.described_category(description)
    norm = normalize(description)
    found = [category for category, pattern in _DESCRIBED.items() if pattern.search(norm)]
    return found[0] if len(found) == 1 else None
