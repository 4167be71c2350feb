"""Cues of an appointment (预约): asking for one, or looking after one already made.

A booking talks about an appointment without naming what it is for; cancelling,
moving or not going (周一的预约不去了, 改到下周一下午两点半) manage one made;
asking for a visit at home (上门) is read here too, as is a day's list of
bookings asked by staff.
"""

from __future__ import annotations

import re

from knowledge.cue_kit import TAIL, briefly, rx

BOOKING = rx(
    r"预约", r"改约", r"约的", r"约了", r"约好", r"约个", r"约在", r"约几", r"约哪",
    r"提前约", r"(怎么|咋|如何|能|可以)约", r"取消.{0,4}约", r"排号", r"取号",
    # 下周二还有号没, 明天还有号吗, 有没有号: asking for a free time, as at a hospital window
    r"还有号", r"有号(吗|没|么|不|嘛)", r"有没有号", r"还能约", r"号(满|约满)了",
    # 约一下明天上午办居住证, 约下后天的: the spoken "book it" (not 节约下来, 大约下午)
    r"(?<![节大简制])约一?下(?![来午])",
    # 约明天7点, 约下周三上午: 约 and the day wanted (not 大约明天到, where 约 is "about")
    r"(?<![节大简制])约(在|到)?(今天|明天|后天|大后天|今儿|明儿|后儿|明个|下{0,2}个?(周|星期|礼拜)|这个?(周|星期|礼拜)"
    r"|(周|星期|礼拜)[一二三四五六日天1-7]|[0-9一二三四五六七八九十两]+(号|日)|上午|下午|早上|中午|晚上)",
)
# Looking after a booking already made, not asking for a new one.
MANAGE_BOOKING = rx(
    r"取消", r"改", r"我的", r"查询", r"查一下", r"查查", r"查看", r"约的", r"约了", r"约好",
    r"推迟", r"(往|向)后推", r"延后",  # 预约能往后推一天吗: was a new booking for 退役军人优待证 (推 read as 退)
)
# Said alone, these are about a booking already made: 我不去了, 明天去不了了, 改个时间.
# In a longer message (腿脚不好去不了，能上门吗) they say something else.
# 明儿, 今儿个, 后儿: the northern spoken days (as bot/core/when.py reads them); 算了…吧 around it.
_PLANNED_DAY = r"(今天|明天|后天|今儿个?|明儿个?|明个|后儿个?|那天|到时候)"
# Another time or day asked for: 换一天, 改下时间, 改个日子, 改一天 (not 改电话: a detail of one's own).
_ANOTHER_TIME = r"(改|换|调)((一?个|一下|下|一)?(时间|日子|日期)|(一?个|一)天)"  # not 改天 ("some other day")
CHANGE_OF_PLANS = rx(
    rf"^(算了)?(我|俺)?{_PLANNED_DAY}?(去|来)不(了|成)(了|啦)?(吧|啊)?$",  # 明儿个去不成了, 我明儿去不了啦
    rf"^(算了)?(我|俺)?{_PLANNED_DAY}?不(去|来)了(吧|啊)?(取消(了|掉)?吧?)?$",
    rf"^(我|俺)?(想|要|能|能不能|可以)?{_ANOTHER_TIME}(吧|啊|吗|不)?$",  # 换一天, 改下时间, 能换个日子吗
    r"^把?(时间|日子|日期)(改|换|调)(一下|下|个)?(吧|啊|吗)?$",  # 时间改一下
    # 改期, 我要改期 (the word on the bookings' own buttons), 能改个期吗
    r"^(我|俺)?(想|要|得|能|能不能|可以)?改(一?个|一下|下)?期(吧|啊|吗|不)?$",
)
CHANGE_OF_PLANS_MAX_CHARS = 12
# Moving it to a day or time said at once: 改到下周一下午两点半, 能不能换成后天上午十点, 帮我挪到明天,
# 帮我改一下下周一下午两点半 (改一下 + the day, not 改一下电话).
_WHEN_WORD = (
    r"(今天|明天|后天|大后天|今儿|明儿|后儿|明个|下{0,2}个?(周|星期|礼拜)|这个?(周|星期|礼拜)|[0-9一二三四五六七八九十两]+(月|号|日|点)"
    r"|上午|下午|早上|中午|晚上|前晌|后晌)"
)
# 改一天 下周二, 我想改个时间改到下周二上午十点: another time asked for, then the time.
MOVE_BOOKING = re.compile(
    rf"^(我|俺)?(想|要|能不能|能|可以|可不可以|帮我|给我)?(把?(它|预约|时间))?(改|换|挪|调)"
    rf"((一?下)?(到|在|成)|一下|((一?个|一|下)?(时间|日子|日期)|(一?个|一)天)((改|换|挪|调)?(到|在|成))?){_WHEN_WORD}"
)
MOVE_BOOKING_MAX_CHARS = 24
# A day one cannot make, and another asked for: 下周一有事去不了了能换一天吗, 明天去不了改个时间吧.
# 周一去不了 改到周三行不, 礼拜三早上能改吗: the day wanted, asked about (was 答不上来).
CANNOT_GO = re.compile(
    rf"(去|来)不了了?.{{0,3}}({_ANOTHER_TIME}|(改|换|挪|调)(到|成|在)?{_WHEN_WORD}.{{0,4}})(吧|啊|吗|不|呢)?$"
    rf"|^{_WHEN_WORD}.{{0,4}}(能|可以|能不能)(改|换|挪)(吗|么|不|不能)?$"
)
CANNOT_GO_MAX_CHARS = 20
# Not going after all, said of a booking already made: 周一的预约不去了, 老年证那个不去了, 这个预约不要了.
# Going (不去了, 去不了了, 不约了) is only said of an appointment; dropping (不要了, 算了) of anything, so that
# one counts only with the booking named by 预约 or its day (or, seen by the understander, its service).
_GOING = r"(不想?(去|来|约|预约)了|(去|来)不(了|成)(了|啦)?)"
_DROPPING = r"(不要了|算了)"
GIVING_UP = re.compile(rf"(我|俺)?(就|也|还是)?({_GOING}|{_DROPPING})(吧|啊|呀|啦)*$")
GOING = re.compile(_GOING)
GIVING_UP_MAX_CHARS = 16
# What names the booking given up: 预约, its day, its time of day; 那个/这个 (of going only).
NAMES_BOOKING = re.compile(
    rf"预约|约的|约好|{_PLANNED_DAY}|(周|星期|礼拜)[一二三四五六日天1-7]|[0-9一二三四五六七八九十两]+(号|日)|上午|下午"
)
THIS_ONE = re.compile(r"(那|这)个?的?")
# Calling off a home visit: 我妈那个上门的不用来了, 不用上门了, 上门的别来了 (was the list of matters done at home).
CALLS_OFF_VISIT = re.compile(r"上门.{0,6}(不用|别|不要|甭)(再)?(来|上门)?了|(不用|别|不要|甭)(再)?上门了")
CALLS_OFF_VISIT_MAX_CHARS = 16
# Not a booking: the party day's activities, a wish, a complaint (their own handlers take these back).
OTHER_MATTER = re.compile(r"活动|党|会议|课|心愿|诉求|投诉|报名|请假")

# Asking what bookings a day holds: 今天有几个预约, 明天的预约, 明天预约名单, 下周一的预约有哪些, 今天谁来办事,
# 我明天有预约吗. Staff are shown that day's list, a resident their own bookings (handlers/booking).
_LISTED_DAY = (
    r"(今天|明天|后天|大后天|今儿个?|明儿个?|后儿个?|明个|(下{1,2}|这|本)?个?(周|星期|礼拜)[一二三四五六日天1-7]"
    r"|[0-9一二三四五六七八九十两]+(月[0-9一二三四五六七八九十两]+)?(号|日))"
)
DAY_BOOKINGS = rx(
    rf"^(我|俺)?{_LISTED_DAY}的?(预约|约的)的?(名单|情况|人)?(都?有(哪些|谁|几个|多少)人?)?{TAIL}",
    rf"^(我|俺)?{_LISTED_DAY}(一共|总共)?(有没有|有)(几个|多少|哪些)?个?人?(预约|约的)(吗|么|没|没有|不)?{TAIL}",
    rf"^{_LISTED_DAY}都?有?(谁|哪些人|几个人|多少人)要?来(办事|办|预约){TAIL}",
)


def asks_day_bookings(text: str) -> bool:
    """Whether a short message asks what bookings a day holds (今天有几个预约, 明天预约名单, 今天谁来办事)."""
    return DAY_BOOKINGS.search(text) is not None


# Words that only say "an appointment": removed before looking for a service,
# so that 预约家政 matches 家政 but 我要预约 / 预约上门 match nothing, and 老年证那个不去了 matches 老年证.
BOOKING_WORDS = rx(
    _GOING, _DROPPING,
    r"预约", r"改约", r"约", r"取消", r"查询", r"查一下", r"查", r"上门", r"时间", r"改", r"换一天",
)


# Asking whether staff come to the home, without naming what for: 你们能到家里来办吗, 腿脚不好能不能上门办.
HOME_VISIT = rx(r"上门", r"(到|来)(我|俺|咱)?家里?来", r"来(我|俺|咱)?家里?(办|帮)")


def asks_home_visit(text: str) -> bool:
    return HOME_VISIT.search(text) is not None


# The matter itself to be done at home: 上门办, 上门给办, 能上门吗, 到家里来办; not a service's own home work
# (上门清洗, 上门给老伴看看, 上门洗澡: its answer says how), nor a visit done or called off (已上门, 不用上门了).
_VISIT_TO_DO = rx(
    r"上门(来|去)?(给|帮|替)?(我|俺|咱|他|她|老人)?(们)?(办|弄|认证|申请|登记|签)",
    r"上门(吗|么|嘛|不|呢|没|啊|呀|$)",
    r"上门(也)?(能|可以|能不能|可不可以)(给|帮)?(办|弄)",
    r"(到|来)(我|俺|咱)?家里?来(办|帮|吗|么|嘛|不|$)",
    r"来(我|俺|咱)?家里?(办|帮)",
)
_VISIT_ASKED = rx(r"能|可以|可不可以|行不行|吗|么|嘛|不$|请|麻烦|派|安排")
_VISIT_NOT_ASKED = rx(r"(已经?|确认|不用|不要|别|不必|甭)(再)?上门", r"上门的?(别|不用|不要)")


def asks_visit_for(text: str) -> bool:
    """Whether a normalised message asks that the matter it names be done at home (能上门办老年证吗, 残疾证可以上门办吗)."""
    return bool(_VISIT_TO_DO.search(text) and _VISIT_ASKED.search(text) and not _VISIT_NOT_ASKED.search(text))


# 约 in a word that is no appointment: 签约了 (a family doctor signed with), 续约, 合约, 节约, 大约.
NOT_AN_APPOINTMENT = re.compile(r"[签续契合违解履节大制简邀婚]约")


def booking(text: str) -> bool:
    return BOOKING.search(NOT_AN_APPOINTMENT.sub("", text) if "约" in text else text) is not None


def manages_booking(text: str) -> bool:
    """About appointments already made: cancel, move or look them up (取消居住证的预约, 周一的预约不去了, 明天的预约)."""
    return (
        (booking(text) and MANAGE_BOOKING.search(text) is not None)
        or gives_up_booking(text)
        or asks_day_bookings(text)
        or briefly(text, CHANGE_OF_PLANS, CHANGE_OF_PLANS_MAX_CHARS)
        or briefly(text, MOVE_BOOKING, MOVE_BOOKING_MAX_CHARS)
        or briefly(text, CANNOT_GO, CANNOT_GO_MAX_CHARS)
        or calls_off_visit(text)
    )


def calls_off_visit(text: str) -> bool:
    """Whether a short message calls off a home visit booked (上门的不用来了, 不用上门了)."""
    return briefly(text, CALLS_OFF_VISIT, CALLS_OFF_VISIT_MAX_CHARS)


def gives_up(text: str) -> str | None:
    """The words before a short message's not going after all (老年证那个 of 老年证那个不去了; "" of 不去了), else None."""
    if len(text) > GIVING_UP_MAX_CHARS or not text.endswith(("了", "吧", "啊", "呀", "啦")):  # most messages stop here
        return None
    found = GIVING_UP.search(text)
    return text[: found.start()] if found else None


def gives_up_booking(text: str) -> bool:
    """Not going after all, to a booking named by 预约 or its day (周一的预约不去了), or by 这个 with going (这个不去了).

    A service named (老年证不去了) is a name only the understander knows; 不去了
    alone may mean another time as well, and is read as such elsewhere.
    """
    named = gives_up(text)
    if not named or OTHER_MATTER.search(named):
        return False
    return NAMES_BOOKING.search(named) is not None or (GOING.search(text) is not None and THIS_ONE.fullmatch(named) is not None)


def without_booking_words(text: str) -> str:
    """``text`` minus the words that only speak of an appointment."""
    return BOOKING_WORDS.sub("", text)
