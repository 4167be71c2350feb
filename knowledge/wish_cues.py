"""Cues of a micro-wish (微心愿): a 心愿, or "hoping someone would …" (keep me company, help me).

A strong cue wins over a service match; a weak one loses to a confident one.
"""

from __future__ import annotations

from knowledge.cue_kit import Strength, rx

WISH_STRONG = rx(
    r"心愿", r"许(个|一个|下)?愿", r"愿望",
    # asking for company is a wish whatever the activity (陪我下棋, 陪俺包饺子)
    r"(希望|盼着?|盼望|想找|想请|能不能找|找个).{0,6}陪(我|俺|咱|老人|我们|俺们)",
)
# What is bought on an errand: 菜, 米, 面, 药 … in the amounts said (点, 几斤, 一袋).
_SOME = r"(点|些|个|一点|一些|几斤|一斤|两斤|一?袋|一?桶|一?箱|一下|下)"
_GROCERIES = r"(菜|青菜|蔬菜|米|面|油|水果|鸡蛋|馒头|东西|日用品|药|生活用品)"
WISH_WEAK = rx(
    r"(希望|盼着?|盼望|巴望)(能)?有.{0,4}人",  # 希望有人陪我… / 盼着有好心人…
    r"想(找|请|让).{0,3}(人|志愿者).{0,4}(陪|帮|教|替)",
    r"(请|让)志愿者(帮|来|陪|给)",
    r"(想|能不能|能否)(给.{1,5})?(要|讨)(个|一个|一套|一[件本双台辆])",
    # an errand asked of someone (帮我买点菜, 谁能替俺捎袋米): what a volunteer's micro-wish does; was 答不上来
    rf"(帮|替|给)(我|俺|咱|老人)(们|家)?(去|跑腿)?(买|捎|带|采购)(回)?{_SOME}?{_GROCERIES}",
    rf"代(买|购){_SOME}?{_GROCERIES}",
)


def wish(text: str) -> Strength:
    if WISH_STRONG.search(text):
        return Strength.strong
    if WISH_WEAK.search(text):
        return Strength.weak
    return Strength.none
