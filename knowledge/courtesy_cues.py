"""Cues of the small courtesies and asks about the bot and the centre.

A greeting, thanks or an OK, asking for help with the bot, for a person
(转人工), or about the centre itself (its hours, address, phone): each counts
only in a short message, since a longer one says its matter too.
"""

from __future__ import annotations

import re

from knowledge.cue_kit import briefly, rx

GREETING = rx(
    r"^(你|您|妳)们?好", r"大家好", r"在吗", r"在么", r"在不在", r"有人吗", r"有人在吗", r"有没有人",
    r"^(早上|上午|中午|下午|晚上)好", r"^早安", r"^午安", r"^晚安", r"^早啊?$", r"^早呀$", r"^哈喽",
    r"^哈罗", r"^嗨", r"^嘿", r"^hello", r"^hi$", r"^hey", r"^侬好",
    r"^喂+(你好|您好|在吗|有人吗)?$",  # 喂: a call's hello
)
GREETING_EN = re.compile(r"^\W*(hi|hello|hey|hiya|good\s+(morning|afternoon|evening))\b")
HELP = rx(
    r"帮助", r"菜单", r"功能", r"^help", r"^menu", r"使用说明", r"操作说明", r"指南",
    r"你(都|还)?(能|会|可以)(干|做|办|帮|提供)?(些|点)?(啥|什么|哪些)",
    r"能(办|干|做|问)(哪些|什么|啥)", r"(有|提供)(哪些|什么|啥)服务", r"哪些服务", r"服务(列表|项目|清单)",
    r"不会用", r"(怎么|咋|如何)(使)?用(你|这个)", r"这个(怎么|咋)(弄|用|操作)", r"我能问",
    r"能问(你)?(啥|什么)", r"你是干(啥|什么)的", r"^你是(谁|哪个|什么)",
    # 我不识字, 眼睛看不清, 听不懂: how else to ask (a voice message, family, the phone), said by the help
    r"不识字", r"不认(识)?字", r"^(我|俺)?(的)?眼睛?(不好|看不清|花了?)", r"^看不清", r"^(我|俺)?(听|看)不懂", r"不会打字", r"不会写字",
)
# About the centre itself, not one service: its hours, where it is, its phone.
CENTRE = rx(
    r"几点(上班|下班|开门|关门|开|关)", r"(上班|办公|开放|营业)(时间|到几点)",
    r"(今天|明天|后天|周末|周六|周日|星期[六天日]|礼拜[六天日]|节假日|过节|放假)(上班|开门|开放|有人|办公|办事)",
    r"(开门|上班|开放|有人上班|办公)(吗|么|不|没)",
    # 现在开着门没, 这会儿还开门吗: whether it is open right now, the whole message (楼上现在还开着音响,
    # 暖气开着没有, 药店现在开着门没 are about something else)
    r"^(你们|社区|中心|服务中心|党群服务中心|便民服务中心)?(现在|这会儿?|这个点|眼下)?还?(开门|开着门?|有人上班|上班|办公)"
    r"(吗|么|不|没|没有|呢)?$",
    # 中午休息不, 中午有人吗: the midday break of the opening hours, the whole message (日间照料中心中午能睡一会儿不 is its own)
    r"^(你们|社区|中心|服务中心|党群服务中心|便民服务中心)?中午(休息|午休|有人|有人上班|上班|开门|关门|办公|能办事)(吗|么|不|没|没有|呢)?$",
    # 五一放假吗, 国庆休息几天, 过年开门不: the holidays of the opening plan
    r"(五一|十一|国庆|春节|过年|元旦|清明|端午|中秋|劳动节|节假日|过节)(放|休)(假|息)?(吗|么|不|没|几天|到)",
    r"(服务中心|党群服务中心|社区|你们|中心)(在哪|地址|在什么地方|怎么走|怎么去|怎么过去|电话|联系方式)",
    r"(电话|联系方式)(多少|是多少|号码|是啥|是什么)",
    # 坐几路公交能到, 有地方停车吗, 中心有无障碍通道吗: the way there and in (the community's directions)
    r"(坐|乘|搭)几路(公交|公交车|车|汽车)?(能|可以)?(到|去|过去)", r"几路(公交|公交车|车)(能|可以)?(到|去)",
    # (asked whole: 小区停车位不够 is a complaint, 有没有停车补贴 a question of its own, 有没有电梯加装补贴 too)
    r"^(你们|社区|中心|服务中心|那边|那里|那儿)?(能|可以)?(有|有没有)?(地方|地儿|位置)?停车(吗|么|不|没|没有|呢)?$",
    r"^(你们|社区|中心|服务中心|那边|那里|那儿)?(有|有没有)(停车的地方|停车位|停车场|车位)(吗|么|不|没|没有|呢)?$",
    r"^(停车|车)(方便|好停)(吗|么|不)?$", r"^(中心|社区|你们)?的?停车场在哪",
    r"^(你们|社区|中心|服务中心)?(有|有没有)(无障碍(通道|坡道|设施)?|坡道|电梯)(吗|么|不|没|没有|呢)?$",
    r"^(你们|社区|中心|服务中心)(有|有没有)(厕所|卫生间)(吗|么|不|没|没有|呢)?$",
)
CENTRE_MAX_CHARS = 20

# Asking for a person: 我想找工作人员, 能让人工跟我说吗, 叫你们主任来.
HUMAN = rx(
    r"(找|要|转|叫|请|让|联系)(个|一下|下|一个)?(你们)?(的)?(人工|工作人员|真人|客服|社工|网格员|书记|主任|领导)",
    r"(跟|和|同)(真|活)人(说|聊|讲)", r"^人工", r"人工(服务|客服)",
    # 叫个活人来, 找社区的人, 我不跟机器说话: a person, not the machine
    r"(找|要|叫|请|让)(个|一下|下|一个)?(活人|真人|社区的人|社区里的人|居委会的人|你们的人|管事的)",
    r"(不|不想|不要|不愿意?)(跟|和|同)(机器|机器人|电脑)(说|聊|讲|打交道)",
    # 我要找个人问问(，孙子上学的事), 想找人咨询一下: a person to ask, the matter said after it goes with it
    r"(找|要)(个|一个)?人(问问|问一下|问下|咨询|说说|聊聊|打听)",
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


# Thanks, OK and goodbye: a kind word back, not a question nobody could answer.
THANKS = rx(
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


def greeting(text: str, folded: str) -> bool:
    return GREETING_EN.search(folded) is not None or briefly(text, GREETING, GREETING_MAX_CHARS)


def centre(text: str) -> bool:
    return briefly(text, CENTRE, CENTRE_MAX_CHARS)


def human(text: str, folded: str = "") -> bool:
    return briefly(text, HUMAN, HUMAN_MAX_CHARS) or (len(folded) <= 80 and HUMAN_EN.search(folded) is not None)


ACKNOWLEDGING_EMOJI = re.compile("[\U0001F44D\U0001F44C\U0001F64F\U0001F91D\U0001F339\u2764\U0001F44F\u270C\U0001F642\U0001F60A\U0001F604\U0001F601\U0001F490\U0001F495]")


def acknowledges(raw: str) -> bool:
    """A message of emoji alone that says thanks or OK (👍 🙏 👌 🌹 …): answered like 谢谢."""
    return ACKNOWLEDGING_EMOJI.search(raw) is not None


def thanks(text: str, folded: str = "") -> bool:
    return briefly(text, THANKS, THANKS_MAX_CHARS) or THANKS_EN.search(folded) is not None


def help_(text: str) -> bool:
    return briefly(text, HELP, HELP_MAX_CHARS)
