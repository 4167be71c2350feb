"""Cues of a complaint (诉求), and of chasing one already made.

A complaint is a problem (broken, blocked, noisy, dirty …) in a shared place
(stairwell, courtyard, street lamp …), an explicit 投诉/举报/反映, or the 物业
found wanting; one's own home is a repair, asking for mediation a service.
Chasing (报修好几天了一直没人管, 你们怎么还不来修) wants the progress of a
report, answered from the resident's cases.
"""

from __future__ import annotations

import re

from knowledge.cue_kit import Strength, rx

COMPLAINT_STRONG = rx(
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
NOISE = rx(
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
SHARED_PLACE = rx(*SHARED_PLACES)
PROBLEM = rx(
    # 不够: 小区停车位不够, 垃圾桶不够 (不够条件 is about a service)
    r"坏", r"不亮", r"不灵", r"不够(?!条件|年龄|岁数|资格)", r"堵", r"漏", r"裂", r"塌", r"丢了", r"掉了", r"满了", r"臭", r"脏",
    r"吵", r"危险", r"堆", r"占", r"挡", r"破", r"冒", r"积水", r"熏", r"乱", r"没人(管|修|清|收|处理|打扫)",
    r"没(有)?(清运|清理|清走|收走|拉走|运走|打扫|扫|修)",  # 垃圾站三天没清运了
    # street furniture come loose or leaning: 井盖松了, 路灯杆歪了, 栏杆倒了
    r"松(了|动|脱)", r"歪", r"倾斜", r"斜了", r"(?<![摔晕昏跌滑绊])倒了", r"翘(起|了)", r"晃(了|动)",
)
# Asking for mediation (法律咨询与矛盾调解) is a service, even about a noisy neighbour.
MEDIATION = rx(r"调解", r"说和", r"矛盾", r"纠纷", r"吵架", r"打官司", r"律师")
# One's own home: a broken tap at home is a repair job, not a complaint.
# But 我家楼道 / 我家门口 / 我家小区 name a shared place the resident lives by.
OWN_HOME = rx(rf"(我|俺|咱)(们)?家(?!{'|'.join(SHARED_PLACES)})", r"家里", r"屋里")

# --- asking after a complaint already made -----------------------------------
# "我上次反映的楼道灯修好了没有" reads as a complaint, but wants its progress.
PROGRESS = rx(
    r"(修好|修完|处理好?|解决|弄好|办好|清理|清走)了?(没|没有|吗|么|没呢)", r"修了(没|没有|吗|么)",
    r"(怎么|咋)样了", r"(有|什么|啥)(进展|结果|回音|消息)",
    r"有人管了?(吗|没)", r"(我|俺)(上次|之前|前几天|昨天|前天)?(反映|投诉|报|提)的",
    r"(啥|什么|几)时候(能|才能|才)?(解决|修好?|处理|来人?|弄好?)",
)


# Chasing a report: 报修好几天了一直没人管, 说了好几次了没人理, 上次说的事怎么样了, 我的诉求处理得怎么样了.
# Frustrated residents say it without naming the problem; read as a service question, 没人管
# matched 孤儿 support (没人管的孩子). Chasing words need a word of reporting, unless they are all
# that was said (一直没人管, 怎么还没人来): 孩子放学没人管 asks for after-school care.
REPORTED = rx(
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


# Water coming through from the flat above: the neighbour's pipe, a matter for the community
# (a complaint), not a repair of one's own home, however much 俺家 is in it.
FROM_UPSTAIRS = rx(r"楼上.{0,10}(漏|渗|滴|淌)水?", r"(漏|渗|滴)水.{0,10}楼上")


# The 物业 found wanting, without saying at what: 物业太差了, 找物业没人理, 物业收钱不办事. Read as a
# service question, 物业 matched 就业 (wù yè, jiù yè) and the resident got the employment guide.
# Asking it for something (物业电话多少, 物业费怎么交) or working for it (找个物业的工作) is not this.
PROPERTY = rx(r"物业", r"物管")
PROPERTY_GRIEVANCE = rx(
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
