"""Words a resident types about a case of theirs still open, away from any form: more details, or a nudge.

People add to a report the way they would tell a neighbour: 路灯那个事还要补充
一下，是东边那个路灯 was 答不上来; 补充一下，楼道灯还是不亮 began a second
complaint of the same light; 我再补充一下 (the details still to come) went
to the grid as the details themselves. And they chase it in a word: 催一下,
能不能快点来修 were 答不上来, 都三天了还没人来修 got the 便民维修 leaflet; then
they showed the resident's list and reminded nobody (see chasing).
Said by someone with an open case of their own, these are about that case;
said by anyone else they are read as any other message.
"""

from __future__ import annotations

import re

from bot.core import validation
from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.numerals import arabic
from bot.core.router import HandlerResult
from bot.models import Case
from bot.services import cases
from handlers.cases.basics import INFO, case_number, router, rules_of
from handlers.cases.chasing import chase_said
from handlers.common import back_button
from knowledge.intents import chases, describes_problem
from knowledge.normalize import normalize

SAID = "case_said_later"  # details said for one of several open cases: which one, the words held

# 补充 as "let me add" (补充一下, 再补充两句, 还有个情况要补充, 补充：…), not a thing named 补充 (补充医疗保险, 补充养老金).
_ANNOUNCE = re.compile(
    r"(?:我|俺)?(?:还有(?:一|个|一个)?(?:情况|事|点|一点)?|另外|顺便)?(?:跟你们|给你们|和你们)?"
    r"(?:还|再|还要|还得|要|想|得|需要|来)*补充(?:一下|下|几句|两句|一点|点|一些|些)?(?:情况|信息|内容|细节)?"
    r"(?:一下|下)?(?:啊|吧|哈|呀|哦)?(?![医保养公住])"
)
# What is left of the announcement that says nothing yet: punctuation, a particle, the case only named (路灯那个事).
_NOTHING_SAID = re.compile(r"[\s\W_]*(?:[\u4e00-\u9fff]{0,8}?(?:那个|这个|那件|这件|的)(?:事情?|事儿|问题))?[\s\W_啊吧哈呀哦呢]*")
# A nudge: 催一下, 帮我催催, 麻烦催一下网格员, 能不能快点来修, 赶紧派人来看看.
_NUDGE = re.compile(
    r"(?:麻烦|帮我|帮忙|请|给我|你们)?(?:再)?催(?:一下|一催|催|下)?(?:网格员|他们|一下网格员|一下他们)?(?:吧|啊|呀|哈|呗)*"
    r"|(?:能不能|可不可以|能|请|麻烦|你们)?(?:快点|快些|快一点|尽快|赶紧|赶快|抓紧)(?:派个?人|来人|安排人?)?(?:来|过来)?"
    r"(?:修|处理|解决|弄|看看?|看一下|管管?)?(?:一下)?(?:吧|啊|呀|吗|呢|行不|好不好)*"
)
# How long they have waited, said first (都三天了, 已经一个星期了): the chase itself follows.
_WAITED = re.compile(r"^(?:都|已经|这都)?(?:[0-9]+|好几|几)(?:天|个?星期|个?礼拜|周|个?月)了?[，,\s]*")


def announces_more(text: str) -> bool:
    """Whether the words say the resident is adding to what they reported (补充一下, 还有个情况要补充)."""
    return _ANNOUNCE.search(validation.keyword_form(text)) is not None


def details_in(text: str) -> bool:
    """Whether, beyond announcing more (我再补充一下), the words say something (是东边那个路灯)."""
    rest = _ANNOUNCE.sub("", validation.keyword_form(text), count=1)
    return _NOTHING_SAID.fullmatch(rest) is None


def nudges(text: str) -> bool:
    """催一下, 快点来修吧, 都三天了还没人来修: chasing, not describing a problem anew."""
    norm = normalize(text)
    if _NUDGE.fullmatch(norm):
        return True
    waited = _WAITED.sub("", arabic(norm))
    return chases(waited) and not describes_problem(waited)


@router.words_anywhere
async def said_of_an_open_case(ctx: Context) -> HandlerResult:
    """More details or a nudge from a resident with an open case of their own; None for anyone else's words."""
    if ctx.message.attachment is not None or not ctx.text or ctx.not_for_a_case:
        return None
    more, nudge = announces_more(ctx.text), False
    if not more:
        nudge = nudges(ctx.text)
        if not nudge:
            return None
    if nudge:  # chased: the open case's handlers reminded (was the resident's list, and nobody told)
        return await _chased(ctx)
    candidates = await cases.asking_reporter(ctx.uow, ctx.person) or await cases.own_open(ctx.uow, ctx.person)
    if not candidates:
        return None  # nothing of theirs open: 补充一下，楼道灯还是不亮 is a report
    if len(candidates) > 1:
        return _which(ctx, candidates)
    return await more_for(ctx, candidates[0].id, ctx.text)


async def _chased(ctx: Context) -> Reply | None:
    """催一下 of their own open cases and those they follow (关注): a follower waits as much; None with neither."""
    own = await cases.own_open(ctx.uow, ctx.person)
    candidates = own + [c for c in await cases.followed_open(ctx.uow, ctx.person) if c not in own]
    return await chase_said(ctx, candidates) if candidates else None


async def more_for(ctx: Context, case_id: int, words: str) -> Reply:
    """The words added to the case when they say something; else the details asked for, as 补充信息 does."""
    if not details_in(words):
        ctx.dialog.enter(INFO, "text", id=case_id)
        return Reply(ctx.t("cases.ask_info_text", id=case_id))
    case = await cases.add_info(ctx.uow, ctx.person, case_id, rules_of(ctx), text=words)
    return Reply(ctx.t("cases.info_added", id=case.id), rows(Button(ctx.t("cases.view", id=case.id), f"cs:view:{case.id}"), back_button(ctx)))


def _which(ctx: Context, candidates: list[Case]) -> Reply:
    """Several open: which case the words are for, the words held until one is chosen."""
    ctx.dialog.enter(SAID, "which", text=ctx.text)
    buttons = [Button(f"{ctx.t('cases.add_info')} #{c.id}", f"cs:add:{c.id}") for c in candidates[:8]]
    return Reply(ctx.t("cases.which_to_add", count=len(candidates)), rows(*buttons, back_button(ctx), per_row=2))


@router.dialog(SAID)
async def which_dialog(ctx: Context) -> HandlerResult:
    """The case chosen for the words held: they are added to it (or its details asked for); anything else leaves them."""
    words = ctx.dialog.data.get("text")
    ctx.dialog.leave()
    chosen = validation.button_parts(ctx.payload)[1] if ctx.payload and ctx.payload.startswith("cs:add:") else None
    if not isinstance(words, str) or not chosen:
        return None  # another message: read on its own
    return await more_for(ctx, case_number(chosen[0]), words)
