"""The cases router, its dialogs' names and what every part of the cases feature shares."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import Router
from bot.core import validation
from bot.core.numerals import arabic
from bot.core.validation import record_number, said_form
from bot.models import Case
from bot.services import cases
from bot.services.deadlines import Rules, rules_for
from handlers.common import NO_PHOTO, record_id
from handlers.photos import photo_replies

router = Router("cases")
router.menu_entry("cases.menu_entry", "report", order=30)

# What a grid manager types under a pushed task instead of its number (numerals already digits).
# When they will go: 我下午去看看, 明天上午过去, 等会儿处理 (was 图书借阅: 看看 read as reading)
_WHEN = r"(今天|明天|今|明|后天|周[1-7日天]|星期[1-7日天]|[0-9]{1,2}号)?(早上|上午|中午|下午|晚上|晚点|一会儿?|待会儿?|等会儿?|等一下|等下|回头|稍后)?"
# On the way or there already (在路上了, 已到现场, 明天再去) say the same: were 答不上来.
_GOING = (
    rf"(?:(我们?)?{_WHEN}(这就|马上|立刻|立即|现在|就|再)?((过?去)(看看|看一下|处理一下|处理)?|(看看|看一下|处理一下|处理|受理|跟进|核实)(一下)?)"
    r"|(我们?|人)?(已经?|正在|快)?(在路上|到现场|到楼下|出发|赶过去|到了))"
)
_ACK = re.compile(rf"((收到了?|好的?|好滴|好嘞|行|ok|知道了|明白了?|没问题)+({_GOING})?|{_GOING})(了|啦|吧|哈)?")
# 已处理, 处理好了, and what was done said as done: 已经换好了, 装好了, 清走了 (were 答不上来)
_DONE = re.compile(
    # how it was got done, said first (已协调物业开门楼上水管修好了, 联系了物业灯已经换好了: were the 便民维修 leaflet)
    r"(?:(?:已经?|我们?|都)?(?:协调|联系|找|叫|通知|督促|约|喊)了?[\u4e00-\u9fff0-9]{1,14}?)?"
    r"([\u4e00-\u9fff]{1,4}?|[\u4e00-\u9fff0-9]{1,8}?的[\u4e00-\u9fff]{1,4}?)?"  # what was done to, said first: 灯已经换好了, 垃圾清走了, 1号楼的垃圾清走了
    r"((已经?|都)(处理|办理?|解决|修复|修|修理|维修|换|更换|装|安装|清理|清运|清|疏通|通(?!知)|办结|完成)(好|完|完毕|走|掉|干净)?"
    r"|(处理|办理?|解决|弄|修复|修|修理|维修|搞|整|换|装|清理|清运|清|疏通|通(?!知)|固定|加固|补|拆|挪|搬|协调)(好|完|完毕|定|走|掉|干净)|(搞定|办结|完成|解决|疏通|修复))(了|啦)?"
)
# 已通知物业 (told, not done) is no result: 通 is 疏通's, not 通知's; it resolved the case and asked the resident for stars.
# Done, then what was done (修好了 换了个新灯泡, 已经处理好了，通知物业换了灯): the words are the result.
# Not a question or a setback (修好了吗, 修好了但是又坏了, 处理完了没, 修好了还是不亮): those are no report of a task done;
# a 不 that is no setback is (修好了 跟装修队说了中午不施工 was 答不上来).
# Nor how often it was done (已经修了三次了, 都换了好几回了): a complaint that it keeps breaking, not a result.
_DONE_SAID = re.compile(
    rf"(?:{_DONE.pattern})"
    r"(?:(?<=[了啦好完掉走定结成决通])(?!(?:[0-9几多]+|好几|好多|很多|无数)(?:次|回|遍))(?!.*(?:吗|么|没|但|可是|不过|又|还|再|呢|吧|不(?:行|亮|好|管用|灵|出水|通|转|动|了|能|对|太)))[\u4e00-\u9fff0-9a-z]{2,60})?"
)
# 这个得上报街道, 报街道吧 (was the 家政服务 leaflet): the task sent up, its reason asked.
_ESCALATE = re.compile(r"(这个?|这事|这件事)?(得|要|需要|只能|必须|请|帮我)?(上报(街道|上级|上面)?|(报给?|交给|转给|转到|转交)(街道|上级|上面))(处理|协调|解决|吧|了|啊)*")
# 问问居民几楼, 让居民补充下照片 (were a list of insurance services): the resident asked, the question typed next.
_ASK_RESIDENT = re.compile(r"(请|帮我|麻烦)?(问问|问一下|问下|让|叫|请)(居民|住户|业主|报事人|他|她|人家)(补充|再发|发|拍|说)?.{0,20}")
# 修不了, 处理不了, 管不了: not an action, but what can be done with the case is offered (上报街道, 转其他网格).
_CANNOT = re.compile(r"(这个?|这事|这件事)?(我们?)?(修|处理|解决|办|管|弄|搞)不了(了|啊|呀)?|(我们?)?(没法|没办法|无法)(修|处理|解决|办|弄)(了|啊)?")
# 这个归物业管, 是物业的事, 得让物业处理 (were 答不上来, the task's buttons gone): what can be done is offered, with a word on 物业.
_PROPERTY = re.compile(
    r"(这个?|这事|这件事)?(是|归|属于|该|得|应该|要)?((归|让|叫|找|交给|转给)?物业(的事(情|儿)?|管|负责|处理|来(处理|修|管))|(交给|转给)物业)(的|吧|啊|了)*"
)
_NOT_OURS_WORDS = r"(这个?|这件事|这事)?(不归我们?(网格)?管|不是我们?(网格|这边|这里)?的|不属于我们?(网格)?(的)?|不在我们?网格(里)?)(的|了|啊)?"
# 不归我们管 alone; 转给三网格 (不归我们管) with the reason after it; 不归我们管，转给三网格 with the reason first.
_NOT_OURS = re.compile(
    rf"{_NOT_OURS_WORDS}|({_NOT_OURS_WORDS})?(这个?|这件事|这事|请|帮我|把它)*((转|退回?|交)(给|到|交)?(其他|别的|第?[0-9]+)?网格|(转|退|交)回?(给|到)?社区).*"
)  # 退回社区, 转回社区: back to the community's staff
# An OK alone (好的, 行, 明白了) takes the task under its push only: said anywhere else it is just an OK.
# 收到, or saying what they will do (我去看看, 马上处理), is a grid manager taking the task.
_JUST_LOOKING = ("看看", "看一下")  # "let me see": not taking a task
_PLAIN_OK = re.compile(r"((好的?|好滴|好嘞|行|ok|知道了|明白了?|没问题)+)(了|啦|吧|哈)?")
router.accepts_said("case:accept:", _ACK)  # 收到, 好的我去看看: the task is taken
# 马上去, 好的我这就过去 under a task already taken (its 开始办理 button): work on it begins. They were
# read as 受理 and answered 您现在没有可以“受理”的诉求 while the case sat in 已受理.
GOING_SAID = re.compile(rf"((收到了?|好的?|好滴|好嘞|行|ok|知道了|明白了?|没问题)*({_GOING}))(了|啦|吧|哈)?")
router.accepts_said("case:start:", GOING_SAID)
router.accepts_said("case:resolve:", _DONE_SAID)  # 已处理, 处理好了: asks for the result, as 已解决 does
router.accepts_said("case:transfer:", _NOT_OURS)  # 这个不归我管, 转给三网格: the grids to pass it to
router.accepts_said("case:escalate:", _ESCALATE)  # 这个得上报街道: its reason asked
router.accepts_said("case:ask_info:", _ASK_RESIDENT)  # 问问居民几楼: the question asked for
router.accepts_said("cs:skip", NO_PHOTO)  # 没有照片 under 有现场照片吗: skipped, not asked again
# 对, 是的, 嗯 under 确定 2 星，退回重新办理 / 按错了: the one confirming button. Under the rating
# push the five stars all start so: a yes chooses none of them (it is not a number of stars).
router.accepts_yes("cs:rate:")
# 没按错, 不是按错了 at 确定 2 星…/按错了: the confirming button (under the rating push five match: none is chosen)
router.accepts_said("cs:rate:", re.compile(r"(?:我)?(?:没|没有|不是)(?:按|点|打)错(?:了|啊|呀)?|没错|就是这个|就这么评"))

# The case a handler's words name, written anywhere in them: 收到 #3, 处理好了#3, #3 转给三网格.
_CASE_NAMED = re.compile(r"(?:诉求|编号)?\s*[#＃]\s*([0-9]{1,9})\s*号?")


# A case named by its number with 号 at the start of a handler's words (3号的事办完了, 三号那个修好了, 诉求3号转给二网格):
# #3 was the only way, and 3号的事办完了 was 答不上来. Not a building or a door (3号楼修好了, 2号门).
_CASE_SAID_FIRST = re.compile(r"(?:诉求)?([0-9]{1,9})号(?![楼院栋幢单元门室口线床])(的事情?|那件事|这件事|的诉求|诉求|那个|这个|那件|这件|的)?")


def without_case_named(text: str) -> str:
    """The words without the case they name (转给三网格 #3 不归我们管 → 转给三网格 不归我们管)."""
    return _CASE_NAMED.sub(" ", text)


def said_action(text: str) -> tuple[str, int | None] | None:
    """The task action a handler's own words mean away from its push, and the case they name (#3), else None.

    收到 / 我马上去看看 accept, 处理好了 / 已解决 resolve, 不归我们管 / 转给三网格
    transfer; a bare OK (好的, 行) is not taken as accepting anything.
    """
    named = _CASE_NAMED.search(text)
    number = int(named.group(1)) if named else None
    form = said_form(_CASE_NAMED.sub(" ", text) if named else text)
    first = _CASE_SAID_FIRST.match(form) if named is None else None
    if first is not None and first.end() < len(form) and (first.group(2) or _DONE_SAID.fullmatch(form[first.end():]) or _NOT_OURS.fullmatch(form[first.end():])):
        number, form = int(first.group(1)), form[first.end():]  # 3号的事办完了, 3号修好了: case 3 (3号去处理 is a day)
    if not form:
        return None
    if _DONE_SAID.fullmatch(form):
        return "resolve", number
    if _NOT_OURS.fullmatch(form):
        return "transfer", number
    if _ESCALATE.fullmatch(form):
        return "escalate", number
    if _ASK_RESIDENT.fullmatch(form):
        return "ask_info", number
    if _CANNOT.fullmatch(form):
        return "cannot", number
    if _PROPERTY.fullmatch(form):
        return "property", number
    if _ACK.fullmatch(form) and not _PLAIN_OK.fullmatch(form) and form not in _JUST_LOOKING:
        return "accept", number
    return None


# What was done, named: 灯已经换好了 is the result the resident is told; 处理好了 says only that it is done.
_WHAT_WAS_DONE = re.compile(r"修|换|装|清|疏通|通|补|拆|挪|移|贴|刷|剪|砍|拉走|运走|收走|关|停|固定|搬")


def result_said(text: str) -> str | None:
    """The words themselves as the result of a task marked done in words (灯已经换好了), else None (处理好了)."""
    form = said_form(_CASE_NAMED.sub(" ", text))
    first = _CASE_SAID_FIRST.match(form)
    if first is not None and first.end() < len(form) and _CASE_NAMED.search(text) is None:  # 3号的事 换好灯了
        form = form[first.end():]
        text = re.sub(r"^\s*(?:诉求)?\s*\S*?号(?:的事情?|那件事|这件事|的诉求|诉求|那个|这个|那件|这件|的)?\s*", "", text.strip())
    done = _DONE_SAID.fullmatch(form) if form else None
    if done is None or not (done.group(1) or _WHAT_WAS_DONE.search(form)):
        return None
    return without_case_named(text).strip()


def number_and_rest(args: str) -> tuple[int | None, str]:
    """A case number typed first after a command's word, and the words after it (#3 垃圾车进不来 → 3, 垃圾车进不来)."""
    whole = record_number(args)
    if whole is not None:
        return int(whole), ""
    match = _LEADING_NUMBER.match(args.strip())
    if match is None:
        return None, args.strip()
    return int(match.group(1) or match.group(2)), match.group(3).strip()


_LEADING_NUMBER = re.compile(
    r"(?:诉求)?\s*(?:[#＃]\s*([0-9]{1,9})\s*号?|(?:第|编号)?\s*([0-9]{1,9})\s*号?(?=[\s,，:：。;；]|$))[\s,，:：。;；]*(.*)", re.S
)


# A case named to be looked at, and nothing else: #2, 查看 #2, 看一下2号诉求, 诉求 #2, 2号诉求
# (read with numerals as digits: 看一下 is 看1下 by then).
_CASE_LOOKED_AT = re.compile(
    r"(?:请|帮我)?(?P<verb>查看|查查|查[一1]下|看看|看[一1]下|看下|瞧瞧|打开)?(?:[一1]下)?(?P<word>诉求|投诉|编号)?"
    r"(?P<mark>[#第])?(?P<n>[0-9]{1,9})(?P<hao>号)?(?P<after>(?:的|这个|这件)?(?:诉求|投诉))?(?:吧|呢|啊|呀)?"
)


def case_looked_at(text: str, *, handler: bool = False) -> int | None:
    """The case a message only names, to see it (#2, 查看 #2, 看一下2号诉求, 诉求 #2), else None.

    A number alone is not a case (2 is a choice, 2号 a day): the words must
    say 诉求 or #; from someone who handles cases, 查看2号 is enough.
    """
    form = arabic(validation.keyword_form(text)).replace(" ", "")
    match = _CASE_LOOKED_AT.fullmatch(form)
    if match is None:
        return None
    if match["mark"] == "#" or match["word"] or match["after"] or (handler and match["verb"] and match["hao"]):
        return int(match["n"])
    return None


def _not_a_case_number(args: str) -> bool:
    return record_number(args) is None


# 诉求 #2 names a case to look at, not a new complaint reading "#2": the filing keyword 诉求
# (handlers/cases/filing.py) takes the words after it (诉求 楼道灯坏了), but not a case's
# number alone, which is routed whole and read by `case_looked_at` (task_words.on_case_named).
router.takes_args["诉求"] = _not_a_case_number


DIALOG = "case"
NOTE = "case_note"
INFO = "case_info"
RATE = "case_rate"  # a low rating being confirmed, or a rating said waiting for its case; the words said with it


def rules_of(ctx: Context) -> Rules:
    return rules_for(ctx.app.settings)


def case_number(raw: str) -> int:
    return record_id(raw, "cases.no_such")


def photo_of(ctx: Context) -> tuple[str, int | None] | None:
    attachment = ctx.message.attachment
    if attachment is None or attachment.kind != "photo":
        return None
    return attachment.ref, attachment.size


def refuse_oversize(ctx: Context, size: int | None) -> Reply | None:
    rules = rules_of(ctx)
    if size is not None and size > rules.max_photo_bytes:
        return Reply(
            ctx.t("cases.photo_too_big", limit=rules.max_photo_bytes // (1024 * 1024)),
            rows(Button(ctx.t("cases.skip"), "cs:skip")),
        )
    return None


async def case_photos(ctx: Context, case: Case, reader: cases.Reader, back: Button) -> list[Reply]:
    """看照片 under a case; the caller has checked that the person may read it as `reader`."""
    refs = await cases.photo_refs(ctx.uow, case, reader=reader)
    if not refs:
        return [Reply(ctx.t("photos.none", id=case.id), rows(back))]
    title = ctx.t("photos.of_case", id=case.id, n=len(refs))
    return await photo_replies(ctx, title, refs, case.person_id, back, await cases.follower_ids(ctx.uow, case.id))  # type: ignore[arg-type]
