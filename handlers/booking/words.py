"""What residents' words mean at the booking's steps: yes, no, not yet, lost, dropping it, why a home visit.

Read here as plain functions of the text, so the routes (handlers/booking/routes.py)
only decide what to do with each reading.
"""

from __future__ import annotations

import re

from bot.core.validation import says_yes
from knowledge.normalize import normalize


# Puzzlement, not an answer: ？？？, 啥意思, 看不懂, 咋弄.
# Only the words of being lost, the whole message (居住证怎么办理 is a question, answered as one).
_PUZZLED = re.compile(
    r"(?:这|这是|那|我)?(?:(?:啥|什么|咋|怎么)(?:意思|回事|情况)|看不懂|没看懂|不明白|不懂|(?:咋|怎么|如何)(?:弄|办|点|确认|搞)"
    r"|然后呢|下一步|啥|什么|嗯|啊|哈)(?:啊|呀|呢|哈|嘛|了)*"
)


# Thanks said with the yes (好的谢谢, 确认预约 谢谢): the yes is what counts.
_THANKS = re.compile(r"(?:谢谢|多谢|感谢)(?:你们|你|您|啦|了)*|麻烦(?:你|您)?了|辛苦(?:你|您)?了")
# Agreeing in words of booking rather than a plain yes: 确认预约, 就这个吧, 就这样吧, 那就约吧, 约吧.
_AGREES = re.compile(
    r"(?:好的?|行|可以|中|成|嗯+)?(?:"
    r"(?:那就?|就)?(?:确认(?:预约|一下)?|预?约(?:这个|上|了)?|定(?:这个|了))"
    r"|(?:那就?|就)(?:这个|这样|这么(?:定|办))(?:了)?"
    r")(?:吧|呗|啊|呀|哈|嘛)*"
)


def confirms(text: str) -> bool:
    """A yes to the confirmation as residents say it (嗯嗯 中, 好的谢谢, 就这个吧), never a question or a no.

    不好, 好的但是换个时间 and 约吗 do not fit the words, and anything asked
    with a question mark is a question.
    """
    if "?" in text or "？" in text:
        return False
    rest = _THANKS.sub("", normalize(text))
    return bool(rest) and (says_yes(rest) or _AGREES.fullmatch(rest) is not None)


# Dropping the booking in words, at any of its steps: 不办了, 算了吧, 算了不约了, 不去了, 不用了.
_DROPS = re.compile(
    r"(?:算了)?(?:吧)?(?:我|俺)?(?:就|还是)?(?:不(?:办|约|预约|去|来|用|要|弄)了?)(?:吧|啊|呀)*(?:谢谢)?"
    r"|算了吧+"
)


def drops(text: str) -> bool:
    """Whether a message only drops the booking (不办了, 算了吧, 取消了吧): as the 不约了 button, never a question."""
    return "?" not in text and "？" not in text and (_DROPS.fullmatch(normalize(text)) is not None or cancels_it(text))


# Cancelling with nothing named: 帮我取消了吧, 取消了吧, 不去了，帮我取消, 麻烦把预约取消掉 (取消 alone leaves what is open).
_CANCEL_IT = re.compile(
    r"(?:算了|(?:我|俺)?(?:不去|不来|不约|不办)了|(?:我|俺)?去不(?:了|成)了?)?(?:那|那就|就|还是)?(?:麻烦)?(?:你|您)?"
    r"(?:帮我|给我|替我|帮忙|帮俺|给俺)?(?:把它|把预约|把这个预约|把那个预约)?(?:取消|退掉)(?:掉|了|一下)*"
    r"(?:吧|啊|呀|哈|呗)*(?:谢谢)?"
)


def cancels_it(text: str) -> bool:
    """Whether a message only asks to cancel, naming nothing (取消了吧): the resident's booking, as 取消预约 is."""
    form = normalize(text)
    return "?" not in text and "？" not in text and form != "取消" and _CANCEL_IT.fullmatch(form) is not None


# Holding off at the confirmation: 我再想想, 我考虑一下, 等等, 回头再说.
_HOLDS_OFF = re.compile(
    r"(?:我|俺|让我)?(?:再|先)?(?:想想|想一想|想一下|考虑(?:考虑|一下|下)?|琢磨(?:琢磨|一下)?|商量(?:商量|一下)?"
    r"|等等|等一下|等一等|等会儿?|稍等(?:一下)?|(?:回头|以后|过两天|改天|晚点)再(?:说|约|定))(?:吧|啊|哈|再说|再定)*"
)


def holds_off(text: str) -> bool:
    return _HOLDS_OFF.fullmatch(normalize(text)) is not None


# Another time wanted at the confirmation, as the 换个时间 button: 这个时间不行, 时间不合适, 这个点不行,
# 其他时间, 想换个点, 太早了, 能晚一点吗 (not 我早点到: coming early to the time chosen).
_TIME = r"(?:时间|时候|点儿?|钟点|时段)"
_OTHER_TIME = re.compile(
    rf"(?:这个?|那个?|该)?{_TIME}(?:我|俺)?(?:不行|不中|不成|不好|不对|不可以|不太?(?:行|合适|方便)|不合适|不方便|去不了|来不了|没空|有事)"
    rf"|(?:换|改|调|挪)(?:一?个|一下|下)?(?:别的)?{_TIME}"
    rf"|(?:其他|其它|别的|另外的?|另一个)的?{_TIME}"
    r"|太(?:早|晚)了?(?:吧|啊|呀|点)*$"
    r"|(?:再|能|稍微?|能不能|可以)?(?:早|晚)(?:一?点儿?|些)的?(?:吗|吧|呢|行吗|可以吗|有吗|的有吗)?$"
)
OTHER_TIME_MAX_CHARS = 16


def other_time(text: str) -> bool:
    """Whether words at the confirmation ask for another time than the one shown (这个时间不行, 太早了)."""
    form = normalize(text)
    return len(form) <= OTHER_TIME_MAX_CHARS and _OTHER_TIME.search(form) is not None


# Asking whether it is all right (中不中 is Henan for "OK?"), or a bare no (不行, 不对): not a yes, nor dropping it.
_ASKS_IF_OK = re.compile(
    r"(?:这样|这个|那)?(?:(中|行|好|成|对)不\1|可不可以|可以不|(?:中|行|好|成|可以|对)(?:吗|不|么|没|伐|嘛)"
    r"|不(?:行|好|对|中|成|可以))(?:啊|呀|呢|吧)*"
)


def unsure(text: str) -> bool:
    """At the confirmation: lost (？？？), asking if it is all right (中不中), a bare no (不对), or only thanks (谢谢).

    Each is answered by asking again, saying nothing is booked yet and how
    to take another time: 不客气 or 答不上来 there left the resident believing
    the booking was made.
    """
    form = normalize(text)
    return puzzled(text) or _ASKS_IF_OK.fullmatch(form) is not None or (bool(form) and not _THANKS.sub("", form))


def puzzled(text: str) -> bool:
    """Whether a message at the confirmation only says the resident is lost (？？？, 嗯？, 啥意思)."""
    if not any(char.isalnum() for char in text):
        return True
    form = normalize(text)
    asks = "?" in text or "？" in text
    return len(form) <= 10 and (_PUZZLED.fullmatch(form) is not None or (asks and says_yes(text.replace("?", "").replace("？", ""))))


# What looks like a day or a time even when it cannot be read as one (周末吧, 31号半).
_LOOKS_LIKE_WHEN = re.compile(r"\d|[今明后]天|周|星期|礼拜|[一二三四五六七八九十]+[月号日点]")


def looks_like_when(text: str) -> bool:
    return _LOOKS_LIKE_WHEN.search(text) is not None


# Why a home visit is needed, said in words (我年纪大了走不动, 我是残疾人, 腿脚瘫了): the reason's button.
_DISABLED = re.compile(r"残疾|残废|瘫|盲|看不见|聋|哑|截肢|轮椅|拄拐")
_ELDERLY = re.compile(r"老|年纪|岁数|[6-9]\d岁|[六七八九]十|走不动|腿脚|行动不便|下不了楼")


def typed_reason(text: str) -> str | None:
    """The home-visit reason a typed answer gives, if it plainly gives one; disability before age."""
    form = normalize(text)
    if _DISABLED.search(form):
        return "disabled"
    if _ELDERLY.search(form):
        return "elderly"
    return None


# Booking for someone of the family (帮我妈预约上门, 给俺爹约, 她住北苑3号楼): the caller is the contact, not the one visited.
_FAMILY = re.compile(
    r"(?:帮|给|替|为|我|俺|咱)(?:我|俺|咱)?家?(?:的|里)?"
    r"(?:老?妈|老?爸|母亲|父亲|老母亲|老父亲|爹|娘|奶奶|爷爷|姥姥|姥爷|外婆|外公|婆婆|公公|岳父|岳母|丈母娘|老丈人"
    r"|父母|爸妈|老人家?|老伴)"
    r"|(?:她|他)(?:住|家住|家在|在)"
)


def for_family(text: str) -> bool:
    """Whether a request books for a parent or another family member rather than for oneself."""
    return _FAMILY.search(normalize(text)) is not None


# Keeping the address shown for a home visit: 就是这里, 对, 是这个地址, 没错.
_HERE = re.compile(r"(?:对|是|嗯)?(?:就是?|是)?(?:这里|这儿|这|这个|这个地址|这地址|这个地方)(?:的|吧|啊|呀|哈)*|(?:地址)?(?:没错|对的?|正确)(?:的|吧|啊)*")
# Another address: 换个地址, 不是这里, 给我妈约, 地址不对.
_AWAY = re.compile(r"不是|不对|不在|换|改|别的|另外|其他|家人|家里")


def keeps_address(text: str) -> bool:
    form = normalize(text)
    return not _AWAY.search(form) and (says_yes(text) or _HERE.fullmatch(form) is not None)


def other_address(text: str) -> bool:
    form = normalize(text)
    return _AWAY.search(form) is not None or for_family(text)


# Asking for the visit itself in the request: 预约上门办高龄津贴, 能上门来办吗, 到家里来办 (不上门 is not).
_WANTS_VISIT = re.compile(r"(?<!不)(?<!别)上门|(?:到|来)(?:我|俺|咱)?家(?:里)?来?(?:办|弄)")


def wants_visit(text: str) -> bool:
    return _WANTS_VISIT.search(normalize(text)) is not None


# The answer to 到中心办理 / 预约上门 in words. Coming oneself, the whole message: 去中心, 我自己去, 到社区办,
# 去窗口办, 我去吧, 还是我过去吧 (never 去不了). A place alone with the verb is needed: a bare 去 is not read.
_TO_CENTRE = re.compile(
    r"(?:那|那就|好)?(?:还是|就)?(?:我|俺|咱)?(?:还是|就|可以|能)?(?:自己|亲自)?(?:过去|去|到|来)"
    r"(?:中心|社区|窗口|大厅|服务中心|现场|那边|那儿|那里|你们那儿?)?(?:里|那边)?(?:办理?|弄|办吧)?(?:吧|啊|呀|哈|就行|好了)*"
)
# Wanting the visit, or not able to come: 上门, 来家里办, 到家里来, 我走不动, 腿脚不好来不了 (not 不上门).
_TO_HOME = re.compile(
    r"(?<!不)(?<!别)上门|(?:来|到)(?:我|俺|咱)?家(?:里)?"
    r"|走不动|走不了|下不了楼|出不了门|动不了|腿脚不(?:好|便|行|利索)|行动不便|(?:来|去|过)不了|不能(?:来|去)"
)
# A question of its own asked at the choice (要带啥, 上门要钱吗, 去中心在哪): answered as anywhere, not a choice.
_ASKS = re.compile(r"[?？吗么啥嘛]|什么|怎么|咋|多少|几[点个天]|哪|要不要|能不能")


def mode_said(text: str) -> str | None:
    """"centre" or "home" when words at 到中心办理 / 预约上门 choose one of them, else None (a question, anything else).

    去中心 was read as a question about 日间照料中心 and left the booking.
    """
    form = normalize(text)
    if not form or _ASKS.search(text) or _ASKS.search(form):
        return None
    if _TO_HOME.search(form):
        return "home"
    if form not in ("去", "来", "到", "过去") and _TO_CENTRE.fullmatch(form):
        return "centre"
    return None


# Going to the centre said in the request itself: 我想约个时间去办高龄津贴, 我想去中心办高龄津贴，约个时间.
_GOES_THERE = re.compile(r"(?:去|到|过去)(?:中心|社区|窗口|大厅|现场)|去办|过去办|(?:我|俺)(?:自己)?(?:去|过去)(?:吧|办)")


def goes_to_centre(text: str) -> bool:
    """Whether a booking request says the resident will come to the centre (去办, 去中心办), and not that they cannot."""
    form = normalize(text)
    return _GOES_THERE.search(form) is not None and _TO_HOME.search(form) is None
