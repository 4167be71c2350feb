"""Words typed away from any form that belong to a case, and what is asked before they are filed there.

A handler's 请居民补充 comes as a push with a 补充信息 button, but people
simply type the answer (3楼和4楼之间); a photo arrives a minute after
filing; a grid manager types 处理好了 away from the task's push; a resident
says 不满意 of a case awaiting a rating. None of these is a question nobody
answered.

But a case waiting for the resident's answer is no reason to file every
question they ask there: 麻烦看一下下周二还有号没 went to the grid as the
noise complaint's details, and the resident got no answer. Words that ask
something are asked about first: 补充给诉求 #N, or a question of their own.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core import validation
from bot.core.numerals import arabic
from bot.core.validation import button_parts
from bot.services import cases
from handlers.cases.basics import INFO, case_number, photo_of, router
from handlers.asides import another_matter
from handlers.cases.adding import add_to_case
from handlers.cases.form_photos import hold_loose_photo
from handlers.cases.form_words import MOVING_ON, only_asks_to_report
from handlers.cases.places import PLACE_MARK
from handlers.cases.said_later import announces_more, details_in, nudges
from handlers.common import back_button
from knowledge import intents
from knowledge.normalize import normalize

WORDS = "case_words"  # words that ask something, typed while a case waits for the resident's answer
ADD, OTHER = "cs:words:add", "cs:words:other"
# Words that ask something of their own (keyword form): a question mark or word, 还有…没.
_ASKS = re.compile(r"[?？]|吗|么|怎么|咋|啥|什么|哪|多少|几[点天个号时]|有没有|能不能|可不可以|是不是|还有.{0,6}没|没有?$")
# 不知道是哪个单元, 说不准是几楼: an answer that ends in a question word, not a question.
_DOES_NOT_KNOW = re.compile(r"(?:我|俺)?也?(?:不知道|不清楚|不晓得|说不准|说不好|记不清|忘了)")
# 几单元, 哪栋楼: the place a handler asks about, named (看看是几单元), never another matter.
_WHICH_PLACE = re.compile(r"[几哪](?:号楼|栋|幢|单元|层|楼|室|户)")
_NO = re.compile(r"(不是|不对|不用|别|问别的|另外的事|其他的事|其它的事)")


async def to_waiting_case(ctx: Context) -> Reply | None:
    """Words or a photo that belong to one of the person's cases (see the module), handled there; else None.

    Asked of every message the bot cannot otherwise answer; a case
    handler's own words for a task's action (处理好了, 转给三网格) typed
    away from its push are that action, a case only named (查看 #2) is
    opened, and a resident's words about a case awaiting their rating
    (打4分, 不满意, 满意) rate it.
    """
    from handlers.cases.task_words import on_case_named, on_said_action  # task_words builds on mine: imported late
    from handlers.cases.mine import rating_said

    acted = await on_said_action(ctx) or await on_case_named(ctx) or await rating_said(ctx)
    if acted is not None:
        return acted
    if ctx.not_for_a_case:  # they said so, a moment ago
        return None
    photo = photo_of(ctx)
    if photo is None and _only_an_ok(ctx.text):
        return None  # 跳过 typed twice after filing, 下一步: not what a handler asked
    case = await cases.waiting_for(ctx.uow, ctx.person, photo=photo is not None)
    if case is None and photo is not None:
        from handlers.cases.away import result_photo  # away builds on task_words, which builds on mine: imported late

        offered = await result_photo(ctx, photo)  # a handler's photo of a task done (井盖已经固定好了)
        if offered is not None:
            return offered
        return await hold_loose_photo(ctx, photo)  # sent before the complaint: held for it, and asked what it is about
    if case is None or (photo is None and not ctx.text):
        return None
    return await _words_for(ctx, case.id) if photo is None else await _added(ctx, case.id, ctx.text or None, photo)


@router.accepts_words("cs:add:")
async def words_under_the_push(ctx: Context) -> HandlerResult:
    """Words typed right under a 请居民补充 push: its answer, though read alone they may name a service.

    是三单元四楼的灯不亮 read alone is a repair question, 不知道是哪个单元 a
    utility bill: the grid manager waited for ever, and the resident got a
    leaflet. Under the push they go to the case its 补充信息 button names (a
    question of their own is asked about first), when it is still open.
    """
    if ctx.not_for_a_case:
        return None
    if _only_an_ok(ctx.text):  # 好的, 谢谢, 跳过: an OK to the request, not the information it asks for
        return await ok_under_a_request(ctx)
    if nudges(ctx.text):  # 催一下 under the request: a chase (answered as one, see said_later), not its answer
        return None
    number = _asked_for(ctx)
    if number is None:
        return None
    case = await cases.case_for_reporter(ctx.uow, ctx.person, number)
    if case.state not in cases.OPEN_STATES:
        return None
    if (photo := photo_of(ctx)) is not None:  # a photo with its caption: both the answer (the photo was dropped)
        return await _added(ctx, case.id, ctx.text, photo)  # type: ignore[arg-type]
    return await _words_for(ctx, case.id)


# The answer promised for later (好的，我问问邻居, 等我去看看, 回头告诉你): it is still to come.
_LATER = re.compile(
    r"^(?:好的?|行|嗯|收到|知道了)?(?:等我|等)?(?:我|俺)?(?:先|再|得|去|回头|等一?下|等会儿?|稍等)*"
    r"(?:问问|问一下|打听|看看|看一下|瞧瞧|数数|量量|查查|想想|拍)\S{0,6}(?:再|就)?(?:告诉|回|说|发)?\S{0,4}$"
)


def _only_an_ok(text: str) -> bool:
    """好的, 谢谢, 收到, 我问问邻居, and the forms' own way forward (跳过, 下一步): never the information asked for."""
    norm = normalize(text)
    if validation.says_yes(text) or intents.thanks(norm) or MOVING_ON.fullmatch(norm) is not None:
        return True
    return len(norm) <= 14 and _LATER.match(norm) is not None and not re.search(r"\d|[一二三四五六七八九十]+(?:楼|单元|号|层)", norm)


async def ok_under_a_request(ctx: Context) -> Reply | None:
    """好的 to 请居民补充: the request still waits for the words, and its choices stay the numbered ones.

    Answered 不客气 with 返回主菜单, the next words (是三单元四楼的灯不亮) were
    no longer under the request and were read as a repair question.
    """
    number = _asked_for(ctx)
    if number is None:
        return None
    again = tuple((Button(label, payload),) for label, payload in ctx.shown)
    return Reply(ctx.t("cases.ok_then_words", id=number), again)


def _asked_for(ctx: Context) -> int | None:
    """The one case whose 补充信息 button was last shown; None when none or several were."""
    asking = {button_parts(payload)[1][0] for _label, payload in ctx.shown if payload.startswith("cs:add:")}
    return case_number(asking.pop()) if len(asking) == 1 else None


async def _words_for(ctx: Context, case_id: int) -> Reply | None:
    """The words added to the case, or, when they ask something of their own, the question which they are.

    None for words that begin another matter (我要反映问题, 我想约明天办居住证,
    老年证怎么办): they were forwarded to the grid as 居民补充 and moved the
    case on, while the resident got no new complaint and no answer.
    """
    if begins_another_matter(ctx):
        return None
    if announces_more(ctx.text) and not details_in(ctx.text):  # 我再补充一下: the details are still to come
        ctx.dialog.enter(INFO, "text", id=case_id)
        return Reply(ctx.t("cases.ask_info_text", id=case_id))
    said = validation.keyword_form(ctx.text)
    if _ASKS.search(said) and not _DOES_NOT_KNOW.match(said):
        ctx.dialog.enter(WORDS, "which", id=case_id, text=ctx.text)
        return Reply(
            ctx.t("cases.words_which", id=case_id, words=_short(ctx.text)),
            rows(Button(ctx.t("cases.words_add", id=case_id), ADD), Button(ctx.t("cases.words_other"), OTHER)),
        )
    return await _added(ctx, case_id, ctx.text, None)


@router.dialog(WORDS)
async def words_dialog(ctx: Context) -> HandlerResult:
    """The answer to "补充给诉求 #N, or a question of your own?": a press, its number, 是 or 不是; anything else leaves it."""
    chosen = ctx.payload
    if chosen is None and ctx.text:
        chosen = OTHER if _NO.search(validation.keyword_form(ctx.text)) else ADD if validation.says_yes(ctx.text) else None
    case_id, words = ctx.dialog.data.get("id"), ctx.dialog.data.get("text")
    ctx.dialog.leave()
    if not isinstance(case_id, int) or not isinstance(words, str):
        return None  # a dialog saved without its words (an older shape): nothing held to file or ask about
    if chosen not in (ADD, OTHER):
        return _went_on(ctx, case_id, words)
    if chosen == ADD:
        return await _added(ctx, case_id, words, None)
    from handlers.common import as_understood

    ctx.text, ctx.not_for_a_case = words, True  # read as any message, never offered to the case again
    return await as_understood(ctx)


def _went_on(ctx: Context, case_id: int, words: str) -> None:
    """Another message instead of an answer: the question is left, said so, and this message read on its own.

    Asked once, it never stands in the way (as the 接着填 / 回复刚收到的消息
    question of bot.core.interruption): kept open, it was put aside as a
    half-filled "刚才的操作" to 继续, a form the resident never began, and the
    words stayed with neither the grid nor an answer without a word said.
    They are not filed: they asked something, and nobody said they were for
    the case.
    """
    ctx.notes.append(ctx.t("cases.words_left", id=case_id, words=_short(words)))
    return None


def begins_another_matter(ctx: Context) -> bool:
    """A new complaint asked for, a booking, a service question plainly its own.

    Never words that name a place (我明天去看看是几单元, 三单元四楼) nor 不知道是哪个单元:
    those answer what a handler asks.
    """
    said = arabic(normalize(ctx.text))
    if _DOES_NOT_KNOW.match(validation.keyword_form(ctx.text)) or PLACE_MARK.search(said) or _WHICH_PLACE.search(said):
        return False
    return only_asks_to_report(ctx.text) or another_matter(ctx)


def _short(words: str) -> str:
    """The words quoted back, cut to a line."""
    return words if len(words) <= 30 else words[:29] + "…"


async def _added(ctx: Context, case_id: int, text: str | None, photo: tuple[str, int | None] | None) -> Reply:
    """The words and photo added to the case, said back; a photo's caption goes with it, never dropped.

    A photo sent a minute after filing with 楼道里还堆了杂物 under it reached
    the case without those words. A photo past the case's nine is refused
    in words, its caption still added (adding.add_to_case).
    """
    case, refused = await add_to_case(ctx, case_id, text, photo)
    kept = photo is not None and refused is None
    # how many the case holds: the rest of an album is answered once, by its last photo's count (Telegram)
    count = len(await cases.photo_refs(ctx.uow, case, reader="reporter")) if kept else 0
    said = [ctx.t("cases.photo_added" if kept else "cases.info_added", id=case_id, n=count)]
    if kept and text and text.strip():
        said.append(ctx.t("cases.caption_added", words=_short(text.strip())))
    said.append(refused or "")
    buttons = rows(Button(ctx.t("cases.view", id=case_id), f"cs:view:{case_id}"), back_button(ctx))
    return Reply("\n".join(filter(None, said)), buttons)
