"""主题党日 for its members: the notice, signing up and asking leave, by button or in their own words."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import is_id, says_yes
from bot.models import PartyDay, Role
from bot.services import partyday, roles
from bot.services.schedule import month_start
from handlers.asides import another_matter
from handlers.common import back_button, goes_back
from handlers.partyday.basics import LEAVE, router, rules_of, staff_community
from handlers.partyday.setting import attendance, start_set
from knowledge.normalize import fold
from knowledge.understanding import Intent


@router.intent("party_day")
@router.command("partyday", keywords=("主题党日", "党日", "本月主题党日", "这个月主题党日"))
async def party_day(ctx: Context) -> HandlerResult:
    """Staff: `/partyday` is the attendance list (`/partyday set` sets it); others: the current notice."""
    if ctx.args.lower() in ("set", "设置"):
        return await start_set(ctx)
    if ctx.message.text and ctx.message.text.strip().startswith("/"):
        community = await staff_community(ctx)
        if community is not None:
            return await attendance(ctx, community)
    return await _current(ctx)


async def _current(ctx: Context, community_id: str | None = None) -> Reply:
    rules = rules_of(ctx)
    cur = await partyday.current(ctx.uow, ctx.person, rules, community_id=community_id)
    buttons: list[Button] = []
    if cur.party_day is None:
        text = ctx.t("partyday.not_published", month=cur.default_day.month, day=cur.default_day.day)
    else:
        member = await roles.has_role(ctx.uow, ctx.person, Role.party_member, community_id=cur.community_id)
        shown = partyday.describe(ctx.texts, rules, cur.party_day)
        if not member:  # 请回复“报名” to someone then told 只对党员开放: the way to answer is the members' only
            shown = shown.rsplit("\n", 1)[0]
        lines = [ctx.t("partyday.title_current"), shown]
        if cur.answer is not None:
            if cur.answer.status == partyday.JOIN:
                lines.append(ctx.t("partyday.your_join"))
            else:
                lines.append(ctx.t("partyday.your_leave", reason=cur.answer.reason or ""))
        text = "\n".join(lines)
        if member:
            buttons += partyday.answer_buttons(ctx.texts, cur.party_day)[0]
    if await staff_community(ctx) is not None:
        buttons += [Button(ctx.t("partyday.list_button"), "pd:list"), Button(ctx.t("partyday.set_button"), "pd:set")]
    buttons.append(back_button(ctx))
    return Reply(text, rows(*buttons, per_row=2))


# Members answer a notice in their own few words as often as with its buttons, and
# often long after it, when its buttons are no longer the ones a typed answer refers to.
# A change of mind after 请假 is said as often as pressed (改成参加, 我还是参加吧).
_JOIN_WORDS = (
    "报名", "党日报名", "报名参加", "参加", "我参加", "我要参加", "我报名", "我要报名", "我能参加", "能参加", "我会参加",
    "改成参加", "改为参加", "改成报名", "改报名", "我改成参加", "还是参加", "还是参加吧", "我还是参加", "我还是参加吧",
)
# What may follow 报名 and still be the Party day (报名 这个月的党日); 报名 老年大学 is another matter.
_ABOUT_PARTY_DAY = re.compile(r"(?:这个月|本月|下个?月|\d+月|\d+号)?的?(?:主题)?(?:党日|党员)?(?:活动)?(?:了|吧|啊|呀|哈)*")


def _about_party_day(args: str) -> bool:
    """Whether the words after 报名 / 参加 still speak of the Party day (报名 老年大学 signed a member up for it)."""
    return _ABOUT_PARTY_DAY.fullmatch(fold(args).replace(" ", "")) is not None


async def _concerns(ctx: Context) -> bool:
    """Whether 报名 / 请假 is about the Party day: a member's always; anyone else's only while one is set (then refused)."""
    return await partyday.concerns(ctx.uow, ctx.person, rules_of(ctx))


@router.command(keywords=_JOIN_WORDS, takes_args=_about_party_day, only_for=_concerns)
async def join_keyword(ctx: Context) -> HandlerResult:
    return await _join(ctx, None)


# Staff asking who comes in words: 谁报名了 was 答不上来, 党日报名情况 the notice with a button to the list.
_LIST_WORDS = (
    "谁报名了", "都谁报名了", "有谁报名了", "谁请假了", "谁没回复", "报名情况", "党日报名情况", "主题党日报名情况",
    "报名名单", "党日名单", "党日报名名单", "查看报名情况", "党日谁报名了", "主题党日谁报名了",
)


async def _is_staff(ctx: Context) -> bool:
    return await staff_community(ctx) is not None


@router.command(keywords=_LIST_WORDS, takes_args=lambda _args: False, only_for=_is_staff)
async def list_keyword(ctx: Context) -> HandlerResult:
    """The attendance list for the community's staff; for anyone else the words are read as ever."""
    community = await staff_community(ctx)
    assert community is not None  # only_for let only staff through
    return await attendance(ctx, community)


@router.keyword(
    "请假", "党日请假", "我请假", "我要请假", "参加不了", "请个假", "我参加不了", "参加不了了", "我参加不了了",
    leading=("请假", "党日请假", "我请假", "我要请假", "我参加不了"),
    only_for=_concerns,  # a resident's 请假 with no Party day in sight is some other matter
)
async def leave_keyword(ctx: Context) -> HandlerResult:
    if ctx.args:
        return await _leave(ctx, None, ctx.args)
    # refused before the reason is asked: nothing to answer, or no member (told only after typing it)
    await partyday.answerable(ctx.uow, ctx.person, rules_of(ctx))
    ctx.dialog.enter(LEAVE, "reason", id=None)
    return Reply(ctx.t("partyday.ask_reason"))


# Asking whether one's answer was taken: the notice shows it (您已报名参加 / 您已请假).
@router.keyword("报名了吗", "我报名了吗", "报上名了吗", "我报上名了吗", "报名了没", "报名了没有", "我报名了没有", "请假了吗", "我请假了吗", "请上假了吗")
async def my_answer(ctx: Context) -> HandlerResult:
    return await _current(ctx)


async def _join(ctx: Context, party_day_id: int | None) -> Reply:
    """Signed up: when and where said again, and 请假 kept at hand (几点开始 next is about it, not the centre's hours)."""
    party_day_ = await partyday.answer(ctx.uow, ctx.person, rules_of(ctx), partyday.JOIN, party_day_id=party_day_id)
    text = "\n".join([ctx.t("partyday.joined", month=month_start(party_day_.month).month), _when_and_where(ctx, party_day_)])
    leave = Button(ctx.t("partyday.leave_button"), f"pd:leave:{party_day_.id}")
    return Reply(text, rows(leave, back_button(ctx), per_row=2))


async def _leave(ctx: Context, party_day_id: int | None, reason: str) -> Reply:
    """Leave noted; 报名参加 kept at hand, so 改成参加 or 算了我还是去吧 typed next is understood."""
    party_day_ = await partyday.answer(
        ctx.uow, ctx.person, rules_of(ctx), partyday.LEAVE, party_day_id=party_day_id, reason=reason
    )
    ctx.dialog.leave()
    join = Button(ctx.t("partyday.join_button"), f"pd:join:{party_day_.id}")
    return Reply(ctx.t("partyday.leave_recorded", reason=reason.strip()[:200]), rows(join, back_button(ctx), per_row=2))


def _when_and_where(ctx: Context, party_day_: PartyDay) -> str:
    starts = party_day_.starts_at.astimezone(ZoneInfo(rules_of(ctx).timezone))
    return "\n".join(
        [ctx.t("partyday.line_time", when=partyday.format_when(ctx.texts, starts)), ctx.t("partyday.line_place", place=party_day_.place)]
    )


@router.button("pd")
async def buttons(ctx: Context) -> HandlerResult:
    _, action, rest = ((ctx.payload or "") + "::").split(":", 2)
    rest = rest.rstrip(":")
    party_day_id = int(rest) if is_id(rest) else None
    if action == "join":
        return await _join(ctx, party_day_id)
    if action in ("leave", "for"):  # for: a Party day chosen for a leave whose reason was given (away.WHICH), once lapsed
        if party_day_id is None:
            return await leave_keyword(ctx)
        await partyday.answerable(ctx.uow, ctx.person, rules_of(ctx), party_day_id=party_day_id)
        ctx.dialog.enter(LEAVE, "reason", id=party_day_id)
        return Reply(ctx.t("partyday.ask_reason"))
    if action == "list":
        return await attendance(ctx, await partyday.staff_community(ctx.uow, ctx.person))
    if action == "set":
        return await start_set(ctx)
    return await _current(ctx)


@router.dialog(LEAVE)
async def leave_dialog(ctx: Context) -> HandlerResult:
    """The reason for leave, typed: but 好的, 谢谢 or 返回 is no reason, and 明天几点开门 is another matter.

    Each was stored as the reason the Party organisation reads.
    """
    if ctx.payload is not None or not ctx.text:
        return None
    if goes_back(ctx.text):
        ctx.dialog.leave()
        return Reply(ctx.t("partyday.no_leave"), rows(back_button(ctx)))
    if says_yes(ctx.text) or ctx.app.understander.understand(ctx.text).intent is Intent.thanks:
        ctx.own_words = False  # nothing of theirs to keep
        return Reply(ctx.t("partyday.ask_reason_again"))
    if another_matter(ctx):
        return None  # answered as any message; no leave asked for
    return await _leave(ctx, ctx.dialog.data.get("id"), ctx.text)




# A member's own words under the notice. The reason comes first as often as not
# (我那天要去医院复查 请个假, 出差了参加不了), and a change of mind is said, not
# pressed (算了我还是去吧). Read alone, each was a service question or 答不上来.
_PUNCT = r"[\s，,。.、；;：:！!~～]*"
_LEAVE_WORDS = r"(?:请个?假|去不了|参加不了|来不了|不能参加|不能去|没法参加|没法去|参加不成)"
_LEAVE_AFTER = re.compile(
    rf"(?P<reason>.+?){_PUNCT}(?:所以|就|只能|得)?(?:我)?(?:要|想|得|只能)?(?:跟您|跟你)?{_LEAVE_WORDS}(?:了|吧|啊|哈|呀)*{_PUNCT}"
)
_LEAVE_BEFORE = re.compile(rf"(?:我)?(?:要|想)?(?:请个?假|参加不了|去不了){_PUNCT}(?:因为)?(?P<reason>.+)")
_JOIN_SAID = re.compile(
    rf"(?:算了|好的?|行|那|收到了?|知道了)?{_PUNCT}(?:我)?(?:还是|可以|能|会|一定|准时|按时|到时候|改成|改为|改)*(?:去|参加|来|到|报名)(?:的|吧|了|哈|呀)*{_PUNCT}"
)
# 我那天要上班, 那天出差: why they cannot come, said without 请假 — under the notice, that is leave asked
_BUSY = re.compile(
    r"上班|加班|值班|倒班|出差|有事|去医院|住院|看病|复查|体检|不在家|回老家|在外地|出远门|接孩子|送孩子|带孩子|带孙子|"
    r"照顾|陪护|开会|培训|考试|生病|病了|不舒服"
)
_NOT_A_REASON = re.compile(r"什么|啥|多少|几|怎么|帮我|预约|办理")
# 几点开始, 在哪开, 什么时候: the time or place of the Party day in view, asked in a few words
_TIME_PLACE_ASKED = re.compile(r"几点|什么时候|啥时候|哪一?天|几号|哪里|哪儿|哪|什么地方|啥地方|地点|时间|地址")
_AROUND_ASKED = re.compile(r"党日活动|主题党日|党日|活动|那天|请问|在|是|到|开始|开会|开|举行|集合|结束|去|见|会|的|啊|呢|吗|呀|那|这|个|[?？\s,，。.]")


def asks_time_or_place(text: str) -> bool:
    """几点开始, 在哪开, 什么时候: only when and where asked, with nothing that names another matter."""
    return _TIME_PLACE_ASKED.search(text) is not None and not _AROUND_ASKED.sub("", _TIME_PLACE_ASKED.sub("", text))


_ASKS = re.compile(r"[?？]|吗|怎么|如何|咋|能不能|可不可以|可以不|行不行|哪")
# Words around a reason that are no reason: 我去不了, 那天参加不了 ask for it as 请假 does, and so does
# 我去不了，请假 (its 我去不了 was stored as the reason the Party organisation reads)
_NO_REASON = re.compile(
    rf"(?:我|那天|到时候|这次|这个月|本月|的|主题党日|党日|活动|可能|估计|恐怕|真|实在|{_LEAVE_WORDS[3:-1]}|了|吧){_PUNCT}"
)


@router.accepts_words("pd:join")
@router.accepts_words("pd:leave")  # under 已为您报名 (with 请假 at hand): the same words
async def words_under_notice(ctx: Context) -> Reply | None:
    """Words typed under the notice's 报名参加 / 请假: a change of mind, or leave with its reason before or after."""
    if ctx.message.attachment is not None or not ctx.text:
        return None
    text = fold(ctx.text).strip()
    if asks_time_or_place(text):
        return await _current(ctx)  # 几点开始 under the notice: its time, not the centre's opening hours
    if _ASKS.search(text):
        return None  # 怎么请假, 能请假吗: a question, answered as any
    if _JOIN_SAID.fullmatch(text):
        return await _join(ctx, None)
    said = _LEAVE_AFTER.fullmatch(text) or _LEAVE_BEFORE.fullmatch(text)
    if said is None:
        if len(text) <= 30 and _BUSY.search(text) and not _NOT_A_REASON.search(text):
            return await _leave(ctx, None, text.strip(" ，,。.、；;：:！!"))  # 我那天要上班: the reason is the leave
        return None
    reason = said.group("reason").strip(" ，,。.、；;：:")
    if not _NO_REASON.sub("", reason):
        return await leave_keyword(ctx)  # 我那天去不了: the reason is asked, as for 请假
    return await _leave(ctx, None, reason)
