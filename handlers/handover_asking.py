"""The resident's side of 转人工 as people go about it: the question said with the ask, and what they add after an answer."""

from __future__ import annotations

import re
import unicodedata

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import is_id
from bot.services import support
from handlers.common import back_button
from handlers.handover import _ACK, _hand_over, router
from knowledge.normalize import normalize, to_simplified
from knowledge.reading import RULE_CONFIDENCE, Intent, Strength

# 找个真人问问，高龄补贴怎么还没发, 我要找工作人员问一下低保的事, 我要找个人问问，孙子上学的事: a person asked for,
# and the question said with it.
_ASKS_FOR_PERSON = re.compile(
    r"(?:我|俺)?(?:要|想|想要|需要)?(?:找|转|叫|请)(?:个|一个|一下|下)?(?:你们|社区)?(?:的)?"
    r"(?:人工客服|人工服务|工作人员|真人|人工|人(?=问问|问一下|问下|咨询|打听))(?:来)?(?:帮我|给我)?(?:问问|问一下|问下|说说|说一下|咨询一下|咨询|打听一下|打听)?"
    r"[\s，,：:。.！!、]*(?P<question>.+)",
    re.S,
)
# What follows the ask without being a question: 找个真人吧, 我要找工作人员可以吗; 找工作人员的电话 asks for a number.
_NO_QUESTION = re.compile(r"(?:的.*|[吧啊呀呢哈嘛啦]|好吗|行吗|可以吗|行不行|可以不|在吗|在不在|有吗|有没有|说话|聊聊|聊天)[\s。.！!？?~～]*")


@router.words_anywhere
async def person_asked_with_question(ctx: Context) -> HandlerResult:
    """The question said with the ask for a person goes to the staff with it, not the bot's answer to its words.

    找个真人问问，我家老人的高龄补贴怎么还没发 was answered with the
    allowance's leaflet, whose 找工作人员 then asked the resident to type
    the whole question again.
    """
    text = unicodedata.normalize("NFKC", ctx.text or "").strip()
    if not text or text[0] not in "我俺找转叫请":  # most messages stop here
        return None
    asked = _ASKS_FOR_PERSON.fullmatch(to_simplified(text))
    if asked is None or _NO_QUESTION.fullmatch(asked["question"]) or not normalize(asked["question"]):
        return None
    return await _hand_over(ctx, asked["question"].strip()[:2000])


@router.dialog("handover")
async def handover_dialog(ctx: Context) -> HandlerResult:
    if ctx.payload is not None or not ctx.text:
        return None
    if not normalize(ctx.text):  # 🙂 or 。。。 alone: staff could not answer it; the question is asked again
        return Reply(ctx.t("handover.ask_question"))
    if (more := ctx.dialog.data.get("more")) is not None:  # 继续问工作人员: the same conversation goes on
        if (went_on := await _go_on(ctx, more)) is not None:
            return went_on
    return await _hand_over(ctx, ctx.text)


@router.button("hmore")
async def ask_more(ctx: Context) -> HandlerResult:
    """继续问工作人员 under a staff member's answer: what is typed next goes to that conversation's staff."""
    raw = (ctx.payload or "").partition(":")[2]
    ctx.dialog.enter("handover", "question", more=int(raw) if is_id(raw) else None)
    return Reply(ctx.t("handover.ask_question"))


@router.accepts_words("hmore")
async def words_under_the_answer(ctx: Context) -> HandlerResult:
    """好的，那供暖公司在哪, typed right under a staff member's answer: for that staff, not for the bot to guess at.

    Read alone it was answered as the fee-paying window, and the staff who
    were talking with the resident never saw it. Thanks and OKs stay the bot's.
    """
    if not ctx.text or _ACK.fullmatch(ctx.text.strip()) or _thanks(ctx.text):
        return None
    ids = [int(p[6:]) for _label, p in ctx.shown if p.startswith("hmore:") and is_id(p[6:])]
    if not ids:
        return None
    if _reads_as_a_complaint(ctx):  # 楼下路灯坏了好几天了: a new problem, or still for the staff? asked
        return _ask_which(ctx, ids[0])
    return await _go_on(ctx, ids[0])


# ---------------------------------------------------------------- a new problem typed under the answer

CHOICE = "handover_or_case"  # the dialog holding words that may be a new complaint or more for the staff
MORE, CASE = "hnew:more", "hnew:case"
_SAYS_MORE = re.compile(r".*(?:接着问|继续问|问工作人员|工作人员|问问|第一个).*")
_SAYS_CASE = re.compile(r".*(?:登记|新的|诉求|反映|投诉|报修|第二个).*")


def _reads_as_a_complaint(ctx: Context) -> bool:
    """Whether the words read confidently as a problem to report (the understanding's complaint, a strong rule)."""
    understood = ctx.app.understander.understand(ctx.text)
    return (
        understood.intent is Intent.complaint
        and understood.decision == "answer"
        and understood.confidence >= RULE_CONFIDENCE[Strength.strong]
    )


def _ask_which(ctx: Context, handover_id: int) -> Reply:
    """接着问工作人员 or 登记成新的诉求, the words held for either (sent to the staff, they were no complaint).

    楼下路灯坏了好几天了, typed under an answer about 养老认证, went to that
    staff as 接着问 and never reached a grid. Nothing is sent before the
    resident chooses: the words go one way, once.
    """
    ctx.dialog.enter(CHOICE, "which", id=handover_id, text=ctx.text)
    short = ctx.text if len(ctx.text) <= 30 else ctx.text[:29] + "…"
    buttons = rows(Button(ctx.t("handover.choice_more"), MORE), Button(ctx.t("handover.choice_case"), CASE))
    return Reply(ctx.t("handover.new_or_more", words=short), buttons)


@router.dialog(CHOICE)
async def choice_dialog(ctx: Context) -> HandlerResult:
    """The choice pressed, its number or said (接着问 / 登记); another message leaves the words, said so."""
    handover_id, words = ctx.dialog.data.get("id"), ctx.dialog.data.get("text")
    chosen = ctx.payload
    if chosen is None and ctx.text:
        said = normalize(ctx.text)
        chosen = CASE if _SAYS_CASE.fullmatch(said) else MORE if _SAYS_MORE.fullmatch(said) else None
    ctx.dialog.leave()
    if not isinstance(handover_id, int) or not isinstance(words, str):
        return None
    if chosen not in (MORE, CASE):
        short = words if len(words) <= 30 else words[:29] + "…"
        ctx.notes.append(ctx.t("handover.choice_left", words=short))
        return None  # read on its own; the words held were sent nowhere, and the resident is told
    ctx.text = words
    if chosen == MORE:
        return await _go_on(ctx, handover_id) or Reply(ctx.t("handover.choice_gone"), rows(back_button(ctx)))
    ctx.args, ctx.understanding = "", ctx.app.understander.understand(words)
    return await ctx.app.routes.intents["complaint"](ctx)  # the complaint form, the words its description


def _thanks(text: str) -> bool:
    from knowledge.intents import acknowledges, thanks

    return thanks(normalize(text)) or (acknowledges(text) and not normalize(text))


async def _go_on(ctx: Context, handover_id: int) -> Reply | None:
    """The resident's words added to their own conversation `handover_id`; None when it is not theirs to add to."""
    followed = await support.follow_up(ctx.uow, ctx.person, ctx.text, handover_id=handover_id)
    if followed is None:
        return None
    ctx.dialog.leave()
    return Reply(ctx.t("handover.follow_up_sent", id=followed.id), rows(back_button(ctx)))
