"""Cues for the intents that are not a service question.

Each detector is a small set of patterns over the normalised text (see
:mod:`knowledge.normalize`: simplified, lower case, no punctuation or
spaces); English small talk is read from the folded text, which keeps word
boundaries. The detectors only say what they see; the order in which the
cues win over one another — and over a service match — is decided in
:mod:`knowledge.understanding`.

The patterns describe ways of speaking, not particular sentences: a
complaint is a problem (broken, blocked, noisy, dirty …) in a shared place
(stairwell, courtyard, street lamp …) or an explicit 投诉/举报/反映; a wish
is a 心愿 or "hoping someone would …"; a booking talks about an
appointment without naming what it is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import IntEnum

from knowledge import asked_parts, english, own_details


class Strength(IntEnum):
    none = 0
    weak = 1  # loses to a confident service match
    strong = 2  # wins over a service match


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


# --- Party day -------------------------------------------------------------
PARTY = _rx(r"党日", r"党员活动", r"组织生活", r"三会一课", r"党课", r"党员大会", r"支部(活动|学习|会议)")
# 主题当日 / 主题档日 …: the whole phrase spelled out, for homophone typos.
PARTY_SPELLED = ("zhu ti dang ri", "dang ri huo dong")

# --- micro-wishes ------------------------------------------------------------
WISH_STRONG = _rx(
    r"心愿", r"许(个|一个|下)?愿", r"愿望",
    # asking for company is a wish whatever the activity (陪我下棋, 陪俺包饺子)
    r"(希望|盼着?|盼望|想找|想请|能不能找|找个).{0,6}陪(我|俺|咱|老人|我们|俺们)",
)
WISH_WEAK = _rx(
    r"(希望|盼着?|盼望|巴望)(能)?有.{0,4}人",  # 希望有人陪我… / 盼着有好心人…
    r"想(找|请|让).{0,3}(人|志愿者).{0,4}(陪|帮|教|替)",
    r"(请|让)志愿者(帮|来|陪|给)",
    r"(想|能不能|能否)(给.{1,5})?(要|讨)(个|一个|一套|一[件本双台辆])",
)

# --- complaints (诉求) ----------------------------------------------------
COMPLAINT_STRONG = _rx(
    r"投诉", r"举报", r"反映", r"不管不问", r"啥也不管", r"什么都不管", r"扰民", r"噪音", r"噪声", r"乱停", r"乱放",
    r"乱扔", r"乱倒", r"乱堆", r"乱贴", r"乱搭", r"乱建", r"乱画", r"占道", r"违建", r"私搭",
    r"隐患", r"油烟(?!机)", r"不拴绳", r"没拴绳", r"不牵绳", r"高空抛物", r"飞线",
    r"不作为", r"狗(屎|粪|便)", r"流浪(狗|猫)", r"(狗|犬).{0,6}(叫|吠|咬)", r"消防通道",
    # 楼上往下扔垃圾 (高空抛物 said plainly), 门口有辆车停了好几天 (a car left, a 僵尸车)
    r"(往下|往楼下|从楼上|从窗户?)(扔|丢|倒|泼|甩)", r"僵尸车",
    r"(?<!我的)(?<!俺的)(?<!我家)(?<![我俺])(车|汽车|电动车|三轮车|自行车).{0,6}(停|放|扔)(了|在|着)?.{0,6}?(好几天|好多天|好久|很久|半个月|一个月|几个月|好几个月|大半年|一年)",
    # an outage is reported to the grid like any shared problem
    r"停水", r"停电", r"停气", r"停暖", r"没(水|电|暖气)了", r"暖气不热",
    # about the people who should help, and what they charge
    r"(网格员|物业|社区|居委会|工作人员).{0,6}(联系不上|打不通|不接|没人接|不回|找不到人)", r"乱收费", r"收费(太|过)?(高|贵)",
    r"(物业费|停车费|暖气费).{0,4}(太|过)?(贵|高)",
    # 物业不管事, 物业啥都不管: read as 就业 (物业 sounds like 就业) before
    r"不管事", r"(物业|社区|居委会|网格员)(都|也|就|根本|从来|啥都|什么都|压根)?不(管|负责)(?!理)",  # not 社区管不管
)
NOISE = _rx(
    r"吵得", r"太吵", r"好吵", r"吵死", r"吵人", r"闹得睡不着", r"睡不着觉?",
    # 剁肉声音特别大, 广场舞声音太大 (not 文体活动室), 噪音扰民, 楼上每天半夜装修
    r"(声音|动静|音乐|音响)(太|特别|很|非常|好|老|真|贼|忒)?(大|响)(?!不|吗|么)", r"噪音", r"噪声", r"扰民",
    r"(半夜|深夜|凌晨|大清早|一大早)(还|都|就)?(在)?(装修|施工|敲|砸|剁|蹦|跳|唱|弹|放音乐|钻)",
)
SHARED_PLACES = (
    r"小区", r"楼道", r"楼梯", r"楼下", r"楼上", r"楼前", r"楼后", r"单元门", r"门口", r"大门",
    r"路边", r"路灯", r"马路", r"路面", r"路上", r"井盖", r"电梯", r"公共", r"广场", r"绿化",
    r"草坪", r"垃圾桶", r"垃圾站", r"垃圾", r"下水道", r"管道", r"门禁", r"物业", r"邻居", r"对门",
    r"停车", r"车位", r"健身器材", r"院里", r"院子", r"街上",
)
SHARED_PLACE = _rx(*SHARED_PLACES)
PROBLEM = _rx(
    r"坏", r"不亮", r"不灵", r"堵", r"漏", r"裂", r"塌", r"丢了", r"掉了", r"满了", r"臭", r"脏",
    r"吵", r"危险", r"堆", r"占", r"挡", r"破", r"冒", r"积水", r"熏", r"乱", r"没人(管|修|清|收|处理|打扫)",
    r"没(有)?(清运|清理|清走|收走|拉走|运走|打扫|扫|修)",  # 垃圾站三天没清运了
    # street furniture come loose or leaning: 井盖松了, 路灯杆歪了, 栏杆倒了
    r"松(了|动|脱)", r"歪", r"倾斜", r"斜了", r"(?<![摔晕昏跌滑绊])倒了", r"翘(起|了)", r"晃(了|动)",
)
# Asking for mediation (法律咨询与矛盾调解) is a service, even about a noisy neighbour.
MEDIATION = _rx(r"调解", r"说和", r"矛盾", r"纠纷", r"吵架", r"打官司", r"律师")
# One's own home: a broken tap at home is a repair job, not a complaint.
# But 我家楼道 / 我家门口 / 我家小区 name a shared place the resident lives by.
OWN_HOME = _rx(rf"(我|俺|咱)(们)?家(?!{'|'.join(SHARED_PLACES)})", r"家里", r"屋里")

# --- asking after a complaint already made -----------------------------------
# "我上次反映的楼道灯修好了没有" reads as a complaint, but wants its progress.
PROGRESS = _rx(
    r"(修好|修完|处理好?|解决|弄好|办好|清理|清走)了?(没|没有|吗|么|没呢)", r"修了(没|没有|吗|么)",
    r"(怎么|咋)样了", r"(有|什么|啥)(进展|结果|回音|消息)",
    r"有人管了?(吗|没)", r"(我|俺)(上次|之前|前几天|昨天|前天)?(反映|投诉|报|提)的",
    r"(啥|什么|几)时候(能|才能|才)?(解决|修好?|处理|来人?|弄好?)",
)


# Chasing a report: 报修好几天了一直没人管, 说了好几次了没人理, 上次说的事怎么样了, 我的诉求处理得怎么样了.
# Frustrated residents say it without naming the problem; read as a service question, 没人管
# matched 孤儿 support (没人管的孩子). Chasing words need a word of reporting, unless they are all
# that was said (一直没人管, 怎么还没人来): 孩子放学没人管 asks for after-school care.
REPORTED = _rx(
    r"报修", r"诉求", r"(报|反映|投诉|提|说|讲)(了|过)", r"(报|反映|投诉|提|说)的(事|问题|情况)",
    r"(上次|上回|之前|前几天|那天|昨天|前天)(说|讲|提|反映|报|问|打电话说)的", r"打(了|过)(好几次|几次|好多次)?电话",
)
CHASE_WORDS = r"没(人|有人)来?(管|理|来|修|处理|回|回复|答复|联系|接)"
CHASED = re.compile(CHASE_WORDS)
CHASE_ALONE = re.compile(rf"(一直|还是?|也|都|咋|怎么|为啥|为什么)*还?{CHASE_WORDS}(啊|呢|呀|吗|啊)*")
# 你们怎么还不来修, 咋还没来人, 物业到现在还不来: those who should come have not, said whole. Read as a service
# question, 修 alone matched nothing for sure and the resident got 答不上来.
NOT_COME = re.compile(
    r"(你们|您们|社区|物业|师傅|网格员|工作人员|人)?(咋|怎么|为啥|为什么|咋个)?(到现在|这么久|都几天了)?(还|一直|老是|咋还)"
    r"(不|没|没有)(派个?人来|派人|来人|过来|来)(人)?(修|管|处理|弄|看看?|看一下|解决)?(啊|呢|呀|吗|啦)*"
)


# 网格员什么时候来修, 师傅啥时候能来: when those who should come will, said whole.
WHEN_COMING = re.compile(
    r"(你们|社区|物业|师傅|网格员|工作人员|人)(到底)?(什么时候|啥时候|几时|哪天|几点)(能|才|会|可以)?(派人)?(来|过来|上门)"
    r"(修|管|处理|弄|看看?|看一下|解决)?(啊|呢|呀|吗|啦)*"
)


def chases(norm: str) -> bool:
    """Whether a message chases something already reported, rather than reporting something new."""
    if CHASE_ALONE.fullmatch(norm) or NOT_COME.fullmatch(norm) or WHEN_COMING.fullmatch(norm):
        return True
    return REPORTED.search(norm) is not None and (PROGRESS.search(norm) is not None or CHASED.search(norm) is not None)


def asks_progress(norm: str) -> bool:
    """Whether a message about a problem asks how one already reported is going."""
    return PROGRESS.search(norm) is not None or chases(norm)


def describes_problem(norm: str) -> bool:
    """Whether a message says what the problem is (a place, what is wrong), beyond chasing it."""
    rest = CHASED.sub("", norm)
    return SHARED_PLACE.search(rest) is not None or PROBLEM.search(rest) is not None or NOISE.search(rest) is not None


# --- bookings ----------------------------------------------------------------
BOOKING = _rx(
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
MANAGE_BOOKING = _rx(
    r"取消", r"改", r"我的", r"查询", r"查一下", r"查查", r"查看", r"约的", r"约了", r"约好",
    r"推迟", r"(往|向)后推", r"延后",  # 预约能往后推一天吗: was a new booking for 退役军人优待证 (推 read as 退)
)
# Said alone, these are about a booking already made: 我不去了, 明天去不了了, 改个时间.
# In a longer message (腿脚不好去不了，能上门吗) they say something else.
# 明儿, 今儿个, 后儿: the northern spoken days (as bot/core/when.py reads them); 算了…吧 around it.
_PLANNED_DAY = r"(今天|明天|后天|今儿个?|明儿个?|明个|后儿个?|那天|到时候)"
# Another time or day asked for: 换一天, 改下时间, 改个日子, 改一天 (not 改电话: a detail of one's own).
_ANOTHER_TIME = r"(改|换|调)((一?个|一下|下|一)?(时间|日子|日期)|(一?个|一)天)"  # not 改天 ("some other day")
CHANGE_OF_PLANS = _rx(
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
_TAIL = r"(啊|呀|呢|哈)*$"
DAY_BOOKINGS = _rx(
    rf"^(我|俺)?{_LISTED_DAY}的?(预约|约的)的?(名单|情况|人)?(都?有(哪些|谁|几个|多少)人?)?{_TAIL}",
    rf"^(我|俺)?{_LISTED_DAY}(一共|总共)?(有没有|有)(几个|多少|哪些)?个?人?(预约|约的)(吗|么|没|没有|不)?{_TAIL}",
    rf"^{_LISTED_DAY}都?有?(谁|哪些人|几个人|多少人)要?来(办事|办|预约){_TAIL}",
)


def asks_day_bookings(text: str) -> bool:
    """Whether a short message asks what bookings a day holds (今天有几个预约, 明天预约名单, 今天谁来办事)."""
    return DAY_BOOKINGS.search(text) is not None


# The month's figures asked in words: 这个月诉求多少件, 本月统计, 上个月的统计, 3月份投诉有几件. Staff are
# shown /stats; a resident their own complaints (handlers/staff.py). The whole message only.
MONTH_WORDS = r"(上上个?月|上个?月|这个?月|本月|[0-9]{4}年[0-9一二三四五六七八九十]{1,3}月|[0-9一二三四五六七八九十]{1,3}月)份?"
_CASES = r"(诉求|投诉|案件|工单|事件)"
MONTH_FIGURES = _rx(
    rf"^{MONTH_WORDS}的?({_CASES}|工作|网格)?的?(统计|数据|情况)(数据|一下|下)?{_TAIL}",
    rf"^{MONTH_WORDS}的?{_CASES}(一共|总共)?(有|收到|接了)?(多少|几)件?(了|呀|啊)?{_TAIL}",
    rf"^{MONTH_WORDS}(一共|总共)?(有|收到|接了)?(多少|几)件?{_CASES}{_TAIL}",
)


def asks_month_figures(text: str) -> bool:
    """Whether a short message asks for a month's figures (这个月诉求多少件, 上个月的统计)."""
    return MONTH_FIGURES.search(text) is not None


# Words that only say "an appointment": removed before looking for a service,
# so that 预约家政 matches 家政 but 我要预约 / 预约上门 match nothing, and 老年证那个不去了 matches 老年证.
BOOKING_WORDS = _rx(
    _GOING, _DROPPING,
    r"预约", r"改约", r"约", r"取消", r"查询", r"查一下", r"查", r"上门", r"时间", r"改", r"换一天",
)

# --- greeting and help -----------------------------------------------------
GREETING = _rx(
    r"^(你|您|妳)们?好", r"大家好", r"在吗", r"在么", r"在不在", r"有人吗", r"有人在吗", r"有没有人",
    r"^(早上|上午|中午|下午|晚上)好", r"^早安", r"^午安", r"^晚安", r"^早啊?$", r"^早呀$", r"^哈喽",
    r"^哈罗", r"^嗨", r"^嘿", r"^hello", r"^hi$", r"^hey", r"^侬好",
    r"^喂+(你好|您好|在吗|有人吗)?$",  # 喂: a call's hello
)
GREETING_EN = re.compile(r"^\W*(hi|hello|hey|hiya|good\s+(morning|afternoon|evening))\b")
HELP = _rx(
    r"帮助", r"菜单", r"功能", r"^help", r"^menu", r"使用说明", r"操作说明", r"指南",
    r"你(都|还)?(能|会|可以)(干|做|办|帮|提供)?(些|点)?(啥|什么|哪些)",
    r"能(办|干|做|问)(哪些|什么|啥)", r"(有|提供)(哪些|什么|啥)服务", r"哪些服务", r"服务(列表|项目|清单)",
    r"不会用", r"(怎么|咋|如何)(使)?用(你|这个)", r"这个(怎么|咋)(弄|用|操作)", r"我能问",
    r"能问(你)?(啥|什么)", r"你是干(啥|什么)的", r"^你是(谁|哪个|什么)",
    # 我不识字, 眼睛看不清, 听不懂: how else to ask (a voice message, family, the phone), said by the help
    r"不识字", r"不认(识)?字", r"^(我|俺)?(的)?眼睛?(不好|看不清|花了?)", r"^看不清", r"^(我|俺)?(听|看)不懂", r"不会打字", r"不会写字",
)
# About the centre itself, not one service: its hours, where it is, its phone.
CENTRE = _rx(
    r"几点(上班|下班|开门|关门|开|关)", r"(上班|办公|开放|营业)(时间|到几点)",
    r"(今天|明天|后天|周末|周六|周日|星期[六天日]|礼拜[六天日]|节假日|过节|放假)(上班|开门|开放|有人|办公|办事)",
    r"(开门|上班|开放|有人上班|办公)(吗|么|不|没)",
    # 现在开着门没, 这会儿还开门吗: whether it is open right now, the whole message (楼上现在还开着音响,
    # 暖气开着没有, 药店现在开着门没 are about something else)
    r"^(你们|社区|中心|服务中心|党群服务中心|便民服务中心)?(现在|这会儿?|这个点|眼下)?还?(开门|开着门?|有人上班|上班|办公)"
    r"(吗|么|不|没|没有|呢)?$",
    # 五一放假吗, 国庆休息几天, 过年开门不: the holidays of the opening plan
    r"(五一|十一|国庆|春节|过年|元旦|清明|端午|中秋|劳动节|节假日|过节)(放|休)(假|息)?(吗|么|不|没|几天|到)",
    r"(服务中心|党群服务中心|社区|你们|中心)(在哪|地址|在什么地方|怎么走|电话|联系方式)",
    r"(电话|联系方式)(多少|是多少|号码|是啥|是什么)",
)
CENTRE_MAX_CHARS = 20

# Asking for a person: 我想找工作人员, 能让人工跟我说吗, 叫你们主任来.
HUMAN = _rx(
    r"(找|要|转|叫|请|让|联系)(个|一下|下|一个)?(你们)?(的)?(人工|工作人员|真人|客服|社工|网格员|书记|主任|领导)",
    r"(跟|和|同)(真|活)人(说|聊|讲)", r"^人工", r"人工(服务|客服)",
    # 叫个活人来, 找社区的人, 我不跟机器说话: a person, not the machine
    r"(找|要|叫|请|让)(个|一下|下|一个)?(活人|真人|社区的人|社区里的人|居委会的人|你们的人|管事的)",
    r"(不|不想|不要|不愿意?)(跟|和|同)(机器|机器人|电脑)(说|聊|讲|打交道)",
    # 给我打个电话, 能不能给我回个电话: a person to call them back
    r"(给|跟)(我|俺)(打|回)(个|一个)?电话", r"^回(个)?电话",
    # 你们怎么不回消息: no one answered them (a 转人工 still open goes to its staff before this is read)
    r"(怎么|咋|为啥|为什么)(还|一直)?(不|没)(人)?(回|理|回复)(我|俺|消息|信息|一下)?(啊|呢|呀)*$",
)
HUMAN_MAX_CHARS = 20  # longer messages say what they need: answer that
# English, read from the folded text (which keeps the spaces): "I want to talk to a person", "human please"
HUMAN_EN = re.compile(
    r"^\W*(human|agent|operator|real person|(a )?staff( member)?)\b(\W+please)?\W*$"
    r"|\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|some\s*one|the\s+)?(human|person|someone|staff|agent|operator|real person)\b"
)

# The resident's own details (删了我的信息, 改一下电话, 我搬家了): read in knowledge/own_details.py.
changed_detail, forget, moved_house = own_details.changed_detail, own_details.forget, own_details.moved_house


# Thanks, OK and goodbye: a kind word back, not a question nobody could answer.
THANKS = _rx(
    r"^(谢谢|多谢|感谢|谢了|谢啦|辛苦(了|啦|你|您)|麻烦(你|您)了)",  # 谢谢你啊, 谢谢小助手
    # an OK is the whole message: 中 is "OK" in Henan, 中午吃啥 is not
    # said once or twice over (好好好, 好的好的, 中中), and 好滴谢谢: still an OK
    r"^((好|好的|好滴|好嘞|好吧|行|中|嗯+|嗯呐|哦+|噢|知道了|知道啦|明白了|晓得了|收到|懂了|妥了?|ok|okay)"
    r"(啊|呀|哈|嘞|了|啦|的|吧|ok|thx|thanks|谢谢|谢啦)*)+$",
    r"^(再见|拜拜|88|回头见)", r"^(thanks|thank you|thx|bye)",
    # an OK with what one will do next: 好的我去看看, 行我再想想
    r"^((好|好的|好滴|好嘞|行|嗯+|收到|知道了)(我|俺)?|(我|俺))(去|再|回头)?(看看|看一下|想想|想一想|考虑一下|试试|问问)(吧|啊|哈)?$",
)
THANKS_MAX_CHARS = 10
THANKS_EN = re.compile(r"^\W*(thanks|thank you|thx|ty|cheers|bye|bye bye|goodbye|see you)( a lot| very much| so much| again)?\W*$")
GREETING_MAX_CHARS = 12  # a greeting is short; longer messages say something else too
HELP_MAX_CHARS = 16  # so is a question about the bot itself ("不会用手机交电费" is not one)


@dataclass(frozen=True)
class Cues:
    party: bool
    wish: Strength
    complaint: Strength
    booking: bool
    manages_booking: bool  # about a booking already made (取消, 改, 我的 … with appointment words)
    greeting: bool
    help: bool
    thanks: bool
    human: bool
    centre: bool
    forget: bool = False  # erase my details
    figures: bool = False  # a month's figures (这个月诉求多少件, 本月统计)
    change_details: bool = False  # change my details


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


def wish(text: str) -> Strength:
    if WISH_STRONG.search(text):
        return Strength.strong
    if WISH_WEAK.search(text):
        return Strength.weak
    return Strength.none


# Water coming through from the flat above: the neighbour's pipe, a matter for the community
# (a complaint), not a repair of one's own home, however much 俺家 is in it.
FROM_UPSTAIRS = _rx(r"楼上.{0,10}(漏|渗|滴|淌)水?", r"(漏|渗|滴)水.{0,10}楼上")


# The 物业 found wanting, without saying at what: 物业太差了, 找物业没人理, 物业收钱不办事. Read as a
# service question, 物业 matched 就业 (wù yè, jiù yè) and the resident got the employment guide.
# Asking it for something (物业电话多少, 物业费怎么交) or working for it (找个物业的工作) is not this.
PROPERTY = _rx(r"物业", r"物管")
PROPERTY_GRIEVANCE = _rx(
    r"(太|真|很|好|特别|非常|忒|贼|超|可|越来越)(差|烂|坑|黑|过分|不像话|不负责|懒|气人)", r"差劲", r"垃圾", r"坑人", r"黑心",
    r"(服务|态度|管理|管得)(也|太|真|很|好|特别|非常|忒|贼)?(差|恶劣|不好|不行|不咋样)", r"恶劣", r"不满意?",
    r"不(像话|靠谱|行|理人?|搭理|办事|干活|干事|干实事|修|来人|处理|解决|回|接|管|负责)",
    r"没(有)?人?(理|搭理|用|来|回|接|修|处理|管)", r"不给(修|办|弄|处理|解决|管)", r"(啥|什么)(也|都)不(干|做|管)",
    r"(换|炒|撤)(掉|了)?(这个)?(物业|物管)", r"(该|得|要|想)换", r"(一点|没啥|没什么|有啥|有什么)用", r"收钱不", r"光收钱", r"拖着", r"推来推去|踢皮球|敷衍|糊弄|应付",
    r"骂人|打人|欺负|吵架",
)


def without_property(text: str) -> str:
    """A normalised message without the words naming the 物业: they name none of the centre's services, and sound like 就业."""
    return PROPERTY.sub("", text) if "物" in text else text


def property_grievance(text: str) -> bool:
    """Whether a normalised message finds fault with the 物业 (a complaint about it)."""
    return PROPERTY.search(text) is not None and PROPERTY_GRIEVANCE.search(text) is not None


def complaint(text: str) -> Strength:
    if MEDIATION.search(text):
        return Strength.none
    if FROM_UPSTAIRS.search(text):
        return Strength.strong
    if property_grievance(text):
        return Strength.strong
    if chases(text):  # about a report already made: the resident's cases answer it
        return Strength.strong
    if COMPLAINT_STRONG.search(text):
        return Strength.strong
    if NOISE.search(text):
        return Strength.strong
    if SHARED_PLACE.search(text) and (PROBLEM.search(text) or PROGRESS.search(text)) and not OWN_HOME.search(text):
        return Strength.strong  # 路灯什么时候能修好: asking after one, too
    return Strength.none


# Asking whether staff come to the home, without naming what for: 你们能到家里来办吗, 腿脚不好能不能上门办.
HOME_VISIT = _rx(r"上门", r"(到|来)(我|俺|咱)?家里?来", r"来(我|俺|咱)?家里?(办|帮)")


def asks_home_visit(text: str) -> bool:
    return HOME_VISIT.search(text) is not None


# The matter itself to be done at home: 上门办, 上门给办, 能上门吗, 到家里来办; not a service's own home work
# (上门清洗, 上门给老伴看看, 上门洗澡: its answer says how), nor a visit done or called off (已上门, 不用上门了).
_VISIT_TO_DO = _rx(
    r"上门(来|去)?(给|帮|替)?(我|俺|咱|他|她|老人)?(们)?(办|弄|认证|申请|登记|签)",
    r"上门(吗|么|嘛|不|呢|没|啊|呀|$)",
    r"上门(也)?(能|可以|能不能|可不可以)(给|帮)?(办|弄)",
    r"(到|来)(我|俺|咱)?家里?来(办|帮|吗|么|嘛|不|$)",
    r"来(我|俺|咱)?家里?(办|帮)",
)
_VISIT_ASKED = _rx(r"能|可以|可不可以|行不行|吗|么|嘛|不$|请|麻烦|派|安排")
_VISIT_NOT_ASKED = _rx(r"(已经?|确认|不用|不要|别|不必|甭)(再)?上门", r"上门的?(别|不用|不要)")


def asks_visit_for(text: str) -> bool:
    """Whether a normalised message asks that the matter it names be done at home (能上门办老年证吗, 残疾证可以上门办吗)."""
    return bool(_VISIT_TO_DO.search(text) and _VISIT_ASKED.search(text) and not _VISIT_NOT_ASKED.search(text))


# Which part of a service's answer is asked for is read in knowledge/asked_parts.py; here too, as before.
asked_part = asked_parts.asked_part


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
        or _briefly(text, CHANGE_OF_PLANS, CHANGE_OF_PLANS_MAX_CHARS)
        or _briefly(text, MOVE_BOOKING, MOVE_BOOKING_MAX_CHARS)
        or _briefly(text, CANNOT_GO, CANNOT_GO_MAX_CHARS)
        or calls_off_visit(text)
    )


def calls_off_visit(text: str) -> bool:
    """Whether a short message calls off a home visit booked (上门的不用来了, 不用上门了)."""
    return _briefly(text, CALLS_OFF_VISIT, CALLS_OFF_VISIT_MAX_CHARS)


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


def _briefly(text: str, pattern: re.Pattern[str], limit: int) -> bool:
    """A cue that counts only in a short message: a longer one says something else too."""
    return len(text) <= limit and pattern.search(text) is not None


def greeting(text: str, folded: str) -> bool:
    return GREETING_EN.search(folded) is not None or _briefly(text, GREETING, GREETING_MAX_CHARS)


def centre(text: str) -> bool:
    return _briefly(text, CENTRE, CENTRE_MAX_CHARS)


def human(text: str, folded: str = "") -> bool:
    return _briefly(text, HUMAN, HUMAN_MAX_CHARS) or (len(folded) <= 80 and HUMAN_EN.search(folded) is not None)


ACKNOWLEDGING_EMOJI = re.compile("[\U0001F44D\U0001F44C\U0001F64F\U0001F91D\U0001F339\u2764\U0001F44F\u270C\U0001F642\U0001F60A\U0001F604\U0001F601\U0001F490\U0001F495]")


def acknowledges(raw: str) -> bool:
    """A message of emoji alone that says thanks or OK (👍 🙏 👌 🌹 …): answered like 谢谢."""
    return ACKNOWLEDGING_EMOJI.search(raw) is not None


def thanks(text: str, folded: str = "") -> bool:
    return _briefly(text, THANKS, THANKS_MAX_CHARS) or THANKS_EN.search(folded) is not None


def help_(text: str) -> bool:
    return _briefly(text, HELP, HELP_MAX_CHARS)


def detect(text: str, folded: str = "") -> Cues:
    """Every cue found in ``text`` (normalised) and ``folded`` (see :func:`knowledge.normalize.fold`)."""
    cues = Cues(
        party=party_day(text),
        wish=wish(text),
        complaint=complaint(text),
        booking=booking(text),
        manages_booking=manages_booking(text),
        greeting=greeting(text, folded or text),
        help=help_(text),
        thanks=thanks(text, folded),
        human=human(text, folded),
        centre=centre(text),
        forget=forget(text),
        figures=asks_month_figures(text),
        change_details=changed_detail(text) is not None,
    )
    return _with_english(cues, folded)


def _with_english(cues: Cues, folded: str) -> Cues:
    """The cues of a message in English (knowledge/english.py) added: it then wins in the Chinese order."""
    if not folded or not english.cue(english.ANY_WORD, folded):
        return cues
    wished = Strength.strong if english.cue(english.WISH_STRONG, folded) else Strength.weak if english.cue(english.WISH_WEAK, folded) else Strength.none
    booked = english.cue(english.BOOKING, folded)
    return replace(
        cues,
        wish=max(cues.wish, wished),
        complaint=Strength.strong if english.complains(folded) else cues.complaint,
        booking=cues.booking or booked,
        manages_booking=cues.manages_booking or (booked and english.cue(english.MANAGES_BOOKING, folded)),
        thanks=cues.thanks or english.cue(english.THANKS, folded),
        human=cues.human or (len(folded) <= 80 and english.cue(english.HUMAN, folded)),
        change_details=cues.change_details or english.cue(english.PROFILE, folded),
    )
