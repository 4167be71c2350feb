"""主题党日 for its members: the notice, signing up and asking leave, by button or in their own words."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import is_id, says_yes
from bot.models import Role
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


async def _current(ctx: Context) -> Reply:
    rules = rules_of(ctx)
    cur = await partyday.current(ctx.uow, ctx.person, rules)
    buttons: list[Button] = []
    if cur.party_day is None:
        text = ctx.t("partyday.not_published", month=cur.default_day.month, day=cur.default_day.day)
    else:
        lines = [ctx.t("partyday.title_current"), partyday.describe(ctx.texts, rules, cur.party_day)]
        if cur.answer is not None:
            if cur.answer.status == partyday.JOIN:
                lines.append(ctx.t("partyday.your_join"))
            else:
                lines.append(ctx.t("partyday.your_leave", reason=cur.answer.reason or ""))
        text = "\n".join(lines)
        if await roles.has_role(ctx.uow, ctx.person, Role.party_member, community_id=cur.community_id):
            buttons += partyday.answer_buttons(ctx.texts, cur.party_day)[0]
    if await staff_community(ctx) is not None:
        buttons += [Button(ctx.t("partyday.list_button"), "pd:list"), Button(ctx.t("partyday.set_button"), "pd:set")]
    buttons.append(back_button(ctx))
    return Reply(text, rows(*buttons, per_row=2))


# Members answer a notice in their own few words as often as with its buttons, and
# often long after it, when its buttons are no longer the ones a typed answer refers to.
@router.keyword("报名", "党日报名", "报名参加", "参加", "我参加", "我要参加", "我报名", "我要报名", "我能参加", "能参加", "我会参加")
async def join_keyword(ctx: Context) -> HandlerResult:
    return await _join(ctx, None)


@router.keyword(
    "请假", "党日请假", "我请假", "我要请假", "参加不了", "请个假", "我参加不了", "参加不了了", "我参加不了了",
    leading=("请假", "党日请假", "我请假", "我要请假", "我参加不了"),
)
async def leave_keyword(ctx: Context) -> HandlerResult:
    if ctx.args:
        return await _leave(ctx, None, ctx.args)
    await partyday.current(ctx.uow, ctx.person, rules_of(ctx))  # refuses early when there is nothing to answer
    ctx.dialog.enter(LEAVE, "reason", id=None)
    return Reply(ctx.t("partyday.ask_reason"))


# Asking whether one's answer was taken: the notice shows it (您已报名参加 / 您已请假).
@router.keyword("报名了吗", "我报名了吗", "报上名了吗", "我报上名了吗", "报名了没", "报名了没有", "我报名了没有", "请假了吗", "我请假了吗", "请上假了吗")
async def my_answer(ctx: Context) -> HandlerResult:
    return await _current(ctx)


async def _join(ctx: Context, party_day_id: int | None) -> Reply:
    party_day_ = await partyday.answer(ctx.uow, ctx.person, rules_of(ctx), partyday.JOIN, party_day_id=party_day_id)
    return Reply(ctx.t("partyday.joined", month=month_start(party_day_.month).month))


async def _leave(ctx: Context, party_day_id: int | None, reason: str) -> Reply:
    await partyday.answer(ctx.uow, ctx.person, rules_of(ctx), partyday.LEAVE, party_day_id=party_day_id, reason=reason)
    ctx.dialog.leave()
    return Reply(ctx.t("partyday.leave_recorded", reason=reason.strip()[:200]))


@router.button("pd")
async def buttons(ctx: Context) -> HandlerResult:
    _, action, rest = ((ctx.payload or "") + "::").split(":", 2)
    rest = rest.rstrip(":")
    party_day_id = int(rest) if is_id(rest) else None
    if action == "join":
        return await _join(ctx, party_day_id)
    if action == "leave":
        if party_day_id is None:
            return await leave_keyword(ctx)
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
    rf"(?:算了|好的?|行|那)?{_PUNCT}(?:我)?(?:还是|可以|能|会|一定|准时|到时候)*(?:去|参加|来|到)(?:的|吧|了|哈|呀)*{_PUNCT}"
)
_ASKS = re.compile(r"[?？]|吗|怎么|如何|咋|能不能|可不可以|可以不|行不行|哪")
# Words around a reason that are no reason: 我去不了, 那天参加不了 ask for it as 请假 does
_NO_REASON = re.compile(rf"(?:我|那天|到时候|这次|这个月|本月|的|主题党日|党日|活动|可能|估计|恐怕|真|实在){_PUNCT}")


@router.accepts_words("pd:join")
async def words_under_notice(ctx: Context) -> Reply | None:
    """Words typed under the notice's 报名参加 / 请假: a change of mind, or leave with its reason before or after."""
    if ctx.message.attachment is not None or not ctx.text:
        return None
    text = fold(ctx.text).strip()
    if _ASKS.search(text):
        return None  # 怎么请假, 能请假吗: a question, answered as any
    if _JOIN_SAID.fullmatch(text):
        return await _join(ctx, None)
    said = _LEAVE_AFTER.fullmatch(text) or _LEAVE_BEFORE.fullmatch(text)
    if said is None:
        return None
    reason = said.group("reason").strip(" ，,。.、；;：:")
    if not _NO_REASON.sub("", reason):
        return await leave_keyword(ctx)  # 我那天去不了: the reason is asked, as for 请假
    return await _leave(ctx, None, reason)
