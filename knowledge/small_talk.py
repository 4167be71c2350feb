"""Small talk that asks nothing the knowledge base answers, read from the normalised text.

Each of these went to 答不上来 and was recorded as a question the knowledge
base lacks: 我想问一下 (a preamble: the matter is still to come), 你是机器人吗,
能发语音吗, 字太小了看不清, 我登记的电话是多少. They are answered by the small-talk
handlers (handlers/common.py, handlers/profile.py); which intent each is read
as is decided in :mod:`knowledge.understanding`. Only short messages count:
a longer one says its matter too (我想问一下低保怎么办).
"""

from __future__ import annotations

import re

SMALL_TALK_MAX_CHARS = 14
_ME = r"(我|俺|咱)"
_END = r"(啊|呀|哈|呢|哦|嘛|吧|哈)*"

# 我想问一下, 问个事, 打扰一下, 请问, 麻烦问下, 我想咨询个事情, 跟你打听个事儿: asking leave to ask.
PREAMBLE = re.compile(
    rf"^(你好|您好|在吗|喂)?(打扰(你|您)?(一下|下)?|麻烦(你|您)?|请问|那个)*"
    rf"({_ME}?(想|要|能|可以|有)?(再)?(问|请问|咨询|打听|请教)(一?下|下|个|一个|点|几个)?(你|您)?"
    rf"(事|事情|事儿|问题|情况)?(儿)?)?{_END}$"
)


ASKING = re.compile(r"问|咨询|打听|请教|打扰|麻烦")  # a hello alone (你好, 喂) is a greeting, not this


def preamble(text: str) -> bool:
    """Whether a short message only asks leave to ask (我想问一下, 打扰一下): the matter is still to come."""
    return 0 < len(text) <= SMALL_TALK_MAX_CHARS and ASKING.search(text) is not None and PREAMBLE.fullmatch(text) is not None


# 中秋快乐, 新年好, 过年好, 节日快乐: a season's greeting, greeted back.
FESTIVE = re.compile(
    r"^(祝(你|您|你们|大家)?)?(中秋|新年|过年|春节|元旦|国庆|端午|元宵|重阳|节日|五一|劳动节|妇女节|三八节|圣诞|冬至|七夕|小年)"
    r"(节)?(快乐|好|安康|大吉|吉祥|愉快)(啊|呀|哈|了)*$"
)


def festive(text: str) -> bool:
    return len(text) <= SMALL_TALK_MAX_CHARS and FESTIVE.fullmatch(text) is not None


# What the bot is: 你是机器人吗, 是真人在回吗, 你是不是人工智能.
ABOUT_BOT = re.compile(
    r"^(你|您)?(是|是不是)(个|一个)?(机器人|真人|人工智能|ai|电脑|自动回复|人工|活人|智能客服)"
    r"(在)?(回|回复|回答|聊)?(的)?(吗|么|嘛|吧|不|还是.{1,6})?$"
)
# Voice: 能语音吗, 我发语音行不行, 可以说话吗 (by voice).
VOICE = re.compile(
    rf"^{_ME}?(能|能不能|可以|可不可以|会)?(发|用|说|听)?(个)?语音(吗|么|嘛|不|行不行|行吗|可以吗|中不中|中不|能听懂吗|能行吗|你能听吗|你听得懂吗)?{_END}$"
)
# The letters too small: 字太小了看不清, 怎么把字调大, 字体能大点吗.
FONT = re.compile(
    r"^(这)?(字|字体|字号)(也)?(太|有点|有些|好|真)?小(了)?(点|些)?(看不清|看不见|看不到|眼睛看不清)?(了)?$"
    r"|^(字|字体)?(看不清|看不见)(楚)?(字)?$"
    r"|^(怎么|咋|如何|能不能|能|可以)?(把)?(字|字体|字号)(能不能|能|可以|咋|怎么)?(调|放|变|弄|改|整)?(大|大点|大一点|大些)(一点|点|些)?(吗|么|不)?$"
)

# Reading or typing is hard: 我不识字, 眼睛看不清, 不会打字, 听不懂 (what the bot writes).
ACCESS = re.compile(
    rf"^{_ME}?(不识字|不认(识)?字|字认不全|(眼睛?|眼神)(不好|不行|看不清|花了?)(看不清)?|看不清(楚)?|不会打字|打字(太)?慢|不会写字|"
    rf"(听|看)不懂|不会拼音|不会用拼音){_END}$"
)


def about_the_bot(text: str) -> str | None:
    """What a short message asks about the bot itself: "bot" (what it is), "voice", "font", "access"; else None."""
    if not 0 < len(text) <= SMALL_TALK_MAX_CHARS:
        return None
    for topic, pattern in (("bot", ABOUT_BOT), ("voice", VOICE), ("font", FONT), ("access", ACCESS)):
        if pattern.fullmatch(text):
            return topic
    return None


# Asking what the bot keeps about oneself: 我叫什么, 我登记的电话是多少, 我家地址是什么, 我的手机号是多少.
_DETAIL = r"(名字|姓名|电话|手机|手机号|号码|电话号码|手机号码|地址|住址|资料|信息)"
_WHAT = r"(是)?(多少|什么|啥|哪|哪个|哪里|几号)"
OWN_DETAILS = re.compile(
    rf"^{_ME}(叫|的名字叫|名字叫)(什么|啥)(名字)?{_END}$"
    rf"|^{_ME}(的|家的?)?(登记|留|填|存|报|记)?(的|下的|过的)?{_DETAIL}{_WHAT}(来着)?{_END}$"
    rf"|^(你们)?(登记|留|存|记)(的|下的)?{_ME}的{_DETAIL}{_WHAT}?{_END}$"
)


def asks_own_details(text: str) -> bool:
    """Whether a short message asks what the bot keeps about oneself (我登记的电话是多少): shown as 我的资料."""
    return 0 < len(text) <= SMALL_TALK_MAX_CHARS + 4 and OWN_DETAILS.fullmatch(text) is not None


# Nothing more wanted (没事了, 不用了谢谢) and praise (你们真负责): thanked back like 谢谢. Read by the
# understanding only, not by knowledge.intents.thanks: inside a form 不用了 leaves it, it does not acknowledge.
NOTHING_MORE = re.compile(
    r"^(没事|没事儿|没啥事|没什么事|不用|不用了|那不用|不麻烦)了?(啊|哈|呀|吧|哦)*(谢谢|谢啦|多谢)?(你|您|了|啦)*$"
    r"|^(你们|你|您|小助手|社区)?(真|太|很|好|特别|非常|挺|真是)(负责|耐心|贴心|用心|热心|给力|周到|细心|好|棒|有用|方便)(了|啊|呀|哈|啦)*$"
    # 谢谢你们啊好人一生平安: a blessing with the thanks
    r"|^(谢谢|感谢|多谢)?(你们|你|您|大家)?(啊|呀|了)*(都是|真是|是)?(好人一生平安|好人有好报|好人)(啊|呀|哈)*$"
    # 你们辛苦了, 同志们辛苦啦: praise said as thanks (辛苦了 alone is knowledge.courtesy_cues.THANKS)
    r"|^(谢谢|感谢)?(你们|你|您|大家|同志们|小同志|同志|闺女|姑娘|孩子们|工作人员)(都|也)?(真|太|挺)?辛苦(了|啦|啊|呀|哈)*(谢谢)?(你们|你|您)?$"
)


def nothing_more(text: str) -> bool:
    return 0 < len(text) <= SMALL_TALK_MAX_CHARS and NOTHING_MORE.fullmatch(text) is not None


# A blessing, with or without the thanks (谢谢小同志，祝你身体健康; 祝你们健康长寿): how many old residents
# end a conversation. 身体健康 names 健康自测 and 长寿 the 长寿补贴: they were answered as those services.
_WHO = r"(你们|你|您|大家|小同志|同志|姑娘|小姑娘|闺女|小伙子|孩子|工作人员|社区|领导)"
_WISHES = (
    r"(身体健康|健康长寿|长命百岁|万事如意|工作顺利|工作愉快|生活愉快|天天开心|开开心心|平平安安|平安|幸福|一切顺利|心想事成"
    r"|好人一生平安|好人有好报|步步高升|全家幸福|阖家幸福|阖家欢乐|合家欢乐|吉祥如意|越来越好|顺顺利利|健健康康|事事顺心)"
)
BLESSING = re.compile(
    # 谢谢你啊闺女，祝你身体健康: whom one thanks, said around the particles
    rf"^(好的|好|嗯)?(谢谢|感谢|多谢|谢了|谢啦)?({_WHO}|啊|呀|了|啦)*{_ME}?(祝|愿){_WHO}*(都)?{_WISHES}+(啊|呀|哈|啦|了)*$"
)
BLESSING_MAX_CHARS = 24


def blesses(text: str) -> bool:
    """Whether a message only blesses (and thanks): 谢谢小同志祝你身体健康 is a goodbye, not 健康自测."""
    return ("祝" in text or "愿" in text) and len(text) <= BLESSING_MAX_CHARS and BLESSING.fullmatch(text) is not None


# A saying of patience (好事多磨, 慢慢来, 船到桥头自然直): said to the bot while waiting, it asks nothing. Ranked
# against the services, 好事多磨 met 志愿者注册 (多 / 磨 in its examples) and was answered as that guide.
PATIENCE = re.compile(
    r"^(是啊|是呀|唉|哎|嗯|对|也是|没事)?"
    r"(好事多磨|好饭不怕晚|慢慢来|急不得|欲速则不达|心急吃不了热豆腐|顺其自然|车到山前必有路|船到桥头自然直|功夫不负有心人)+"
    rf"(嘛|吧|啊|呀|哈|呢|了)*$"
)


def patient(text: str) -> bool:
    """Whether a short message is only a saying of patience (好事多磨): answered kindly, not as a service."""
    return 0 < len(text) <= SMALL_TALK_MAX_CHARS and PATIENCE.fullmatch(text) is not None
