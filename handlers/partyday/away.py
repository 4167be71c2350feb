"""Party-day answers typed away from the notice: after other turns, or once its buttons lapsed.

A member asks 低保要带什么材料 and then types 我那天要上班; or a day later,
这次党日我请假. Under the notice such words are read by
`members.words_under_notice`; away from it they were 答不上来, a booking
question or the notice again, and no leave was taken. Here they act on the
upcoming Party day the member was told of (asking which, if two are open),
with the same refusals as under the notice. Words that do not name the
Party day are a member's only: from anyone else they are read as ever.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import is_id
from bot.models import PartyDay
from bot.services import booking, partyday, wishes
from handlers.common import back_button
from handlers.partyday.basics import LEAVE, router, rules_of
from handlers.partyday.members import (
    _ASKS,
    _BUSY,
    _JOIN_SAID,
    _LEAVE_AFTER,
    _LEAVE_BEFORE,
    _LEAVE_WORDS,
    _NO_REASON,
    _NOT_A_REASON,
    _current,
    _join,
    _leave,
    asks_time_or_place,
)
from knowledge.normalize import fold

WHICH = "partyday_which"

# The Party day named (这次党日我请假, 党日活动我参加, 报名党日): the words around the name are set aside.
_NAMED = re.compile(r"党日|党员活动")
_NAME_WORDS = re.compile(r"(?:这次|这期|本期|下次|这个月|本月|下个?月)?的?(?:主题)?(?:党日|党员活动)(?:活动)?(?:的)?")
# Not named, a reason alone is leave only when it speaks of that day (我那天要上班), not of every day (我要上班).
# 几点开始, 什么时候开会: when it starts. A bare 在哪里 or 几点 may be about anything just said; these are not.
_STARTS = re.compile(r"开始|开会|举行|集合")
_THAT_DAY = re.compile(r"那天|当天|那日|到时候?|那会儿?|那时候?|这次")
# Words of coming that are no other thing's: 参加 / 报名 (去, 来 or 到 alone answer too much else).
_JOIN_VERB = re.compile(r"参加|报名")
# Words of leave that also cancel a booking (我去不了): a member with a booking is read as ever.
_PARTY_LEAVE = re.compile(r"请个?假|参加")
_STRIP = " ，,。.、；;：:！!"
# Someone else to do it (让别人来吧, 换个人): what a volunteer says of a claim, never of their own Party day.
_SOMEONE_ELSE = re.compile(r"让别人|换个?人|找别人|别人去|别人来")
# What _LEAVE_AFTER and _LEAVE_BEFORE need somewhere in the words (members._LEAVE_WORDS and 参加不了, 去不了).
_LEAVE_WORD = re.compile(_LEAVE_WORDS)


@dataclass(frozen=True)
class Said:
    """What the words answer: 报名 (join) or 请假 (leave) with its reason, None when it is to be asked."""

    status: str
    reason: str | None = None
    loose: bool = False  # words of other matters too (我去不了, a reason alone): a booking of theirs comes first


def read(text: str, *, named: bool) -> Said | None:
    """The answer the words give, if they give one; `named`: the words named the Party day (already set aside)."""
    if not text or _ASKS.search(text):
        return None  # 党日几点开始, 能请假吗: a question, answered as any
    if not named and _SOMEONE_ELSE.search(text):
        return None  # 我去不了了，让别人来吧: a volunteer's claim given back, not leave
    if _JOIN_SAID.fullmatch(text) and (named or _JOIN_VERB.search(text)):
        return Said(partyday.JOIN)
    # the leave patterns scan the whole text (.+?): only where a word of leave is at all
    said = (_LEAVE_AFTER.fullmatch(text) or _LEAVE_BEFORE.fullmatch(text)) if _LEAVE_WORD.search(text) else None
    if said is not None:
        reason = said.group("reason").strip(_STRIP).removeprefix("了").strip(_STRIP)  # 去不了了，… : 了 is no reason
        loose = not named and _PARTY_LEAVE.search(text) is None
        return Said(partyday.LEAVE, reason if _NO_REASON.sub("", reason) else None, loose)
    if len(text) <= 30 and _BUSY.search(text) and not _NOT_A_REASON.search(text) and (named or _THAT_DAY.search(text)):
        return Said(partyday.LEAVE, text.strip(_STRIP), loose=not named)  # 我那天要上班: the reason is the leave
    return None


@router.words_anywhere
async def words_away(ctx: Context) -> HandlerResult:
    """报名 / 请假 said away from the notice: for the Party day it names, or the one the member was told of."""
    if ctx.message.attachment is not None or not ctx.text:
        return None
    text = fold(ctx.text).strip()
    named = _NAMED.search(text) is not None
    if not named and _STARTS.search(text) and asks_time_or_place(text):
        return await _time_asked(ctx)
    said = read(_NAME_WORDS.sub("", text).strip(_STRIP) if named else text, named=named)
    if said is None:
        return None
    rules = rules_of(ctx)
    if named:  # anyone may name it; who may answer is the service's to say (非党员: 只对党员开放)
        days = await partyday.upcoming(ctx.uow, ctx.person, rules)
        return await _act(ctx, days[0].id if len(days) == 1 else None, said) if len(days) <= 1 else await _which(ctx, days, said)
    if not await partyday.member_communities(ctx.uow, ctx.person):
        return None  # 我那天要上班 from someone who is no member: not a Party-day leave
    if said.loose and (await booking.mine(ctx.uow, ctx.person) or await wishes.claimed_by(ctx.uow, ctx.person)):
        return None  # 我去不了 with a booking or a wish claimed: that one, as ever (让别人来吧 gives the wish back)
    days = await partyday.open_notices(ctx.uow, ctx.person, rules)
    if not days:
        return await _as_it_stands(ctx)
    return await _act(ctx, days[0].id, said) if len(days) == 1 else await _which(ctx, days, said)


async def _as_it_stands(ctx: Context) -> Reply:
    """No notice told of: the month's Party day as it stands, with its 报名 / 请假 once set.

    It was 您现在没有要回复的主题党日通知 and a button to the same notice: a
    member who looked the arrangement up and typed 我那天要去医院，来不了 was
    told there was nothing to answer, without when it is or how to answer.
    """
    shown = await _current(ctx)
    return Reply(ctx.t("partyday.no_open_notice") + "\n" + shown.text, shown.buttons)


async def _time_asked(ctx: Context) -> HandlerResult:
    """几点开始, 在哪开 from a member: the Party day's time and place (or that they are not out yet), not the centre's hours.

    The centre's hours are one line away (社区几点上班); from anyone else the
    words are read as ever. Right after 这个月党日是哪天 (not published yet),
    几点开始 was the centre's opening hours.
    """
    if not await partyday.member_communities(ctx.uow, ctx.person):
        return None
    days = await partyday.open_notices(ctx.uow, ctx.person, rules_of(ctx))
    if len(days) > 1:
        return None  # two communities' days: which is not for a bare 几点
    # none told of yet (not set, or set and not announced): still the Party day a member means, as it stands
    shown = await _current(ctx, days[0].community_id if days else None)
    return Reply(shown.text + "\n" + ctx.t("partyday.centre_hours_elsewhere"), shown.buttons)


async def _act(ctx: Context, party_day_id: int | None, said: Said) -> Reply:
    """Signed up, leave taken, or its reason asked, as under the notice (the service refuses whom it must)."""
    if said.status == partyday.JOIN:
        return await _join(ctx, party_day_id)
    if said.reason:
        return await _leave(ctx, party_day_id, said.reason)
    await partyday.answerable(ctx.uow, ctx.person, rules_of(ctx), party_day_id=party_day_id)  # refused before the reason
    ctx.dialog.enter(LEAVE, "reason", id=party_day_id)
    return Reply(ctx.t("partyday.ask_reason"))


async def _which(ctx: Context, days: list[PartyDay], said: Said) -> Reply:
    """Two communities' Party days open: which one; a reason given is kept while they choose."""
    names = await partyday.community_names(ctx.uow, [day.community_id for day in days])
    if said.status == partyday.JOIN:
        action = "join"
    elif said.reason is None:
        action = "leave"  # its reason asked once the day is chosen
    else:
        action = "for"
        ctx.dialog.enter(WHICH, "which", reason=said.reason)
    zone = ZoneInfo(rules_of(ctx).timezone)
    buttons = []
    for day in days:
        starts = day.starts_at.astimezone(zone)
        label = ctx.t("partyday.which_button", community=names.get(day.community_id, day.community_id), month=starts.month, day=starts.day)
        buttons.append(Button(label, f"pd:{action}:{day.id}"))
    return Reply(ctx.t("partyday.which_one"), rows(*buttons, back_button(ctx)))


@router.dialog(WHICH)
async def which_dialog(ctx: Context) -> HandlerResult:
    """The Party day chosen for the leave whose reason was given: taken with that reason."""
    payload = ctx.payload or ""
    prefix = "pd:for:"
    if not payload.startswith(prefix) or not is_id(payload[len(prefix):]):
        return None  # anything else: read as ever (the buttons' pd:for without the reason asks it)
    return await _leave(ctx, int(payload[len(prefix):]), str(ctx.dialog.data.get("reason") or ""))
