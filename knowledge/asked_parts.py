"""Which part of a service's answer a question asks for: the materials, the steps, who may apply, where, the cost,
or whether someone else may do it for the resident.

"低保要带什么材料" wants the list of materials, not the overview; "可以让我
儿子代办吗" what the guide says of 代办. Read from the normalised text (see
:mod:`knowledge.normalize`), like the cues of :mod:`knowledge.intents`.
"""

from __future__ import annotations

import re


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


# An age as residents say it: 81, 八十一, 七十多 (with 多 after it), 一百零二.
_AGE = r"(\d{2,3}|[四五六七八九]十[一二三四五六七八九]?|一百(零?[一二三四五六七八九])?)"

# A question naming two parts (在哪办，要带啥) gets the overview, which links to all four.
PARTS = {
    "materials": _rx(
        r"材料", r"证件", r"资料", r"手续", r"要带", r"带(什么|啥|哪些|些啥)",
        r"(需要|要)(准备)?(什么|啥|哪些)(东西|证)", r"(需要|要准备|得准备|要带|得带)(些)?(什么|啥|哪些)$",
    ),
    "steps": _rx(r"流程", r"步骤", r"程序", r"哪几步", r"几个步", r"先(去|办|找)哪"),
    "eligibility": _rx(
        r"条件", r"资格", r"够格", r"符合", r"(谁|哪些人|什么人|啥人)(能|可以)", r"(能|可以|够)不(能|可以|够)(办|申请|领|享受)",
        r"(能|可以)(办|申请|领|享受).{0,10}(吗|么)$",
        # 我七十八了能领高龄津贴不: the Henan and northern 不 ending a yes-no question, after one's age
        rf"{_AGE}(多|来)?(岁|周岁)?了?.{{0,2}}(能|可以)(办|申请|领|享受).{{0,10}}(不|没|没有)$",
        # one's age said after the answer (高龄津贴 ⏎ 我今年81了): whether they qualify, as at the window
        rf"(今年|已经|都|快|满|刚满)(有)?{_AGE}(多|来)?(岁|周岁)?了?$", rf"{_AGE}(多|来)?(岁|周岁)了?$",
        # 俺八十二了, 我妈都九十了: the age alone, whole, with who is that old (it got the overview again)
        rf"^(我|俺|我妈|我爸|俺娘|俺爹|俺妈|俺爸|老人|老伴|俺老伴|我老伴)(也|都|已经|今年)?{_AGE}(多|来)?了$",
    ),
    "where": _rx(
        r"在哪", r"哪里", r"哪儿", r"啥地方", r"什么地方", r"地址", r"地点", r"窗口", r"几点", r"上班", r"下班",
        r"开门", r"关门", r"办公时间", r"营业时间", r"周末", r"周六", r"周日", r"星期天", r"几楼", r"找谁(办|领|交|申请)",
        # 那 typed for 哪 (残疾证在那里办, 去那办), asked at the end: not 我在那里办过
        r"(在|去|到)那(里|儿|边)?(办|领|交|申请|弄)理?(啊|呀|呢|哩|哇)?$",
    ),
    # what it costs and how long it takes: 要钱不, 收费吗, 多久能办好, 几天能拿到
    # (asked as questions: 免费体检, 医疗费用报销 and 怎么交费 name services and steps, not the cost)
    "cost": _rx(
        r"(要|收|花)(钱|费)(吗|不|么|嘛|没)", r"要不要(钱|交钱|收费|花钱)", r"多少钱", r"(收费|免费)(吗|不|么|嘛|的吗)",
        r"费用(多少|是多少|怎么算)", r"多久", r"多长时间", r"(要|得|需要)(几|多少)天", r"几天(能|可以)?(办好|拿到|下来|出来|到账)",
        r"(要|得|花)多钱",  # 多钱 for 多少钱, as said in Henan (not 花了好多钱)
        r"(啥|什么)时候能(办好|拿到|下来)",
    ),
    # 那可以网上办吗, 手机上能弄不, 不用跑一趟吧: whether it is done without going (it was 这句我还没看懂)
    "online": _rx(
        r"网上", r"线上", r"网(络|站)上?(能|可以)?(办|申请|报名|交|缴)",
        r"(手机|app|小程序|公众号|微信)上?(就|也)?(能|可以|咋|怎么)(办|弄|申请|报名|交|缴|认证)",
        r"不用(跑|去|到)(一趟|现场|窗口)?(吗|么|不|吧)",
    ),
}

# 坐公交免费吗, 进公园要钱不: the cost of what the card gives, not of the card; its overview says what it gives
# (老年证, 残疾证: 凭证享受乘车、游园等优待), where the cost part answered 费用：免费 of the card itself.
_COST_OF_A_BENEFIT = re.compile(r"(坐|乘|搭)(公交|公共汽车|车|地铁|火车|大巴)|(进|逛|去|游)(公园|景区|景点)|门票|免票")

# 周六能办吗, 星期天能来吗: whether it is done on that day (the hours), not who may apply
_ON_A_DAY = re.compile(r"(周末|周六|周日|周天|星期[六天日]|礼拜[六天日]|晚上|中午|节假日|过年)(也)?(能|可以)(办|来|去)")

# Whether someone else may do it (可以让我儿子代办吗, 家属能代办吗, 必须本人去吗, 我闺女替我去办行不行): not
# one of the answer's four buttons, but a part of its own, read only when no other part is asked
# (家属代办要带什么 wants the materials) but that of who may apply, which it resembles (让我儿子去领能领吗).
_SOMEONE_ELSE = r"(儿子|闺女|女儿|孩子|子女|儿女|家属|家人|家里人|亲属|亲戚|亲友|老伴|爱人|媳妇|老公|别人|其他人|旁人|朋友|邻居|他人)"
_PARENT = r"(老?妈|老?爸|父母|爸妈|母亲|父亲|爹|娘|奶奶|爷爷|姥姥|姥爷|外婆|外公|老伴|老人)"
FOR_SOMEONE = _rx(
    r"代(办|领|签|交|为|理|替)", r"委托", r"托人",
    rf"{_SOMEONE_ELSE}(能|可以|能不能|可不可以)?(替|帮|代)(我|俺|老人|他|她)?(去|来)?(办|领|交|跑|签|申请)",
    rf"{_SOMEONE_ELSE}(去|来)(办|领|交|签|申请)",
    rf"(让|叫|请|由)(我|俺)?(家|的)*{_SOMEONE_ELSE}(去|来|帮|替|代|过来)",
    rf"(替|代)(我|俺|咱)?家?的?{_PARENT}",  # 我替我妈办行吗
    r"本人(必须|一定|非得|得|要|需要)?(亲自)?(到场|去|来|到)", r"(必须|一定|非得|得|要|需要)(是)?本人(吗|么|不|亲自|到场|去|来|到|办|才)", r"本人不(去|来|到场|到)",
    r"亲自(去|来|到)",
)
# The pattern has something to find only where one of these is (most questions have none of them).
_FOR_SOMEONE_HINTS = ("代", "托", "替", "帮", "让", "叫", "请", "由", "本人", "亲自", "去", "来")


def asked_part(text: str) -> str | None:
    """The one part of a service's answer the question asks for (see PARTS), if exactly one; "proxy" for who may do it.

    Who may do it for the resident (see FOR_SOMEONE) is asked only when no
    other part is, or only who may apply seems to be (让我儿子去领能领吗).
    """
    asked = [name for name, pattern in PARTS.items() if pattern.search(text)]
    if asked == ["eligibility", "where"] and _ON_A_DAY.search(text):  # 残疾证周六能办吗: when, not who
        asked = ["where"]
    if asked == ["eligibility", "online"]:  # 网上能办吗: whether online, not who
        asked = ["online"]
    if "cost" in asked and _COST_OF_A_BENEFIT.search(text):  # 残疾人坐公交免费吗: what the card gives
        asked.remove("cost")
    if set(asked) <= {"eligibility"} and for_someone_else(text):
        return "proxy"
    return asked[0] if len(asked) == 1 else None


def for_someone_else(text: str) -> bool:
    """Whether the question asks if someone else may do it for the resident (家属能代办吗, 必须本人去吗)."""
    return any(hint in text for hint in _FOR_SOMEONE_HINTS) and FOR_SOMEONE.search(text) is not None
