"""A wish finished or confirmed in plain words, long after the buttons that asked for it.

A volunteer holding a claim says 搬完了，干了两个小时 (or 完成了, 干了两小时);
the resident whose wish is done says 确认, 已经搬好了 or 实现了. Without
these words the volunteer got a list of services and the resident
"答不上来", and neither could finish the wish any more. For anyone else —
no claim held, no wish awaiting them — the words are understood as they
would have been without this module.
"""

from __future__ import annotations

import re
from itertools import product

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import command_parts, keyword_form, record_number
from bot.services import wishes
from handlers.common import as_understood, back_button

from handlers.wishes.actions import confirm_buttons, my_wishes, wish_button
from handlers.wishes.basics import SERVED, grateful, router, rules_of
from handlers.wishes.closing import CLAUSES, answered_by_staff_since, confirm_said, hours_in, part_of_day

# A volunteer's "done": 完成了, 搬完了, 已经办好了, 都弄完啦. (已完成, 心愿完成了 are the button's words, in actions.)
_DONE_VERBS = (
    "完成", "做完", "搬完", "办完", "办好", "弄完", "弄好", "做好", "干完", "忙完", "搞定", "修好", "送到", "送完",
    "送过去", "送去", "送过来", "买好", "买到", "装好", "陪完", "办妥", "弄妥",
)
DONE_SAID = frozenset(
    f"{before}{verb}{after}" for before, verb, after in product(("", "已经", "都", "我", "我已经", "我都"), _DONE_VERBS, ("了", "啦"))
)
# The resident's "it came true": explicit words (确认已实现, the button's own label) and the plain ones
# (已经好了, 搬好了). The plain ones are not taken while staff have just answered a 转人工 of theirs.
EXPLICIT_CONFIRM = frozenset(
    {"确认", "确认已实现", "确认实现", "确认实现了", "确认完成", "确认心愿已实现", "已实现", "实现了", "已经实现了", "心愿实现了", "心愿已实现", "心愿已经实现了"}
)
PLAIN_CONFIRM = frozenset(
    f"{before}{verb}{after}"
    for before, verb, after in product(
        ("", "已经", "都"), ("搬好", "弄好", "修好", "送到", "办好", "买好", "装好", "做好"), ("了", "啦")  # not 收到了: said to any notice
    )
) | {"已经好了", "都好了"}
CONFIRM_SAID = EXPLICIT_CONFIRM | PLAIN_CONFIRM
# 干了两个小时 (and 干了两个小时，搬完了): the hours said first; not a keyword unless hours follow.
_HOURS_FIRST = "干了"


@router.keyword(*sorted(DONE_SAID | CONFIRM_SAID), _HOURS_FIRST, leading=(_HOURS_FIRST,), yielding=True)
async def done_in_words(ctx: Context) -> HandlerResult:
    said = keyword_form(command_parts(ctx.text)[0] if ctx.args else ctx.text)
    clauses = {keyword_form(c) for c in CLAUSES.split(ctx.text) if c}
    hours = hours_in(ctx.text)
    done = bool(clauses & DONE_SAID) or (said.startswith(_HOURS_FIRST) and hours is not None)
    confirmed = bool(clauses & CONFIRM_SAID)
    if done:  # a volunteer's words first: a claim held is work under way (办好了 is both)
        mine = await wishes.claimed_by(ctx.uow, ctx.person)
        if mine:
            return await _claim_done(ctx, mine, hours)
    if confirmed:
        # 已经搬好了，谢谢小伙子: thanking whoever did it says which it was; 已经修好了 alone could be anything
        thanked = grateful(ctx.text)
        answer = await _confirmed(ctx, explicit=bool(clauses & EXPLICIT_CONFIRM), thanked=thanked)
        if answer is not None:
            return answer
    return await as_understood(ctx)


async def _claim_done(ctx: Context, mine: list, hours: float | None) -> HandlerResult:  # noqa: ANN001 - list[Wish]
    """The one claim held is done (with the hours said, else they are asked); with several, which one."""
    number = record_number(ctx.args) if ctx.args else None
    if len(mine) == 1 or number is not None:
        wish_id = int(number) if number is not None else mine[0].id
        if hours is None:
            ctx.payload = f"wish:done:{wish_id}"  # asks the hours, as 已完成 does
            return await wish_button(ctx)
        wish = await wishes.fulfil(ctx.uow, ctx.person, wish_id, hours, rules_of(ctx))
        return Reply(ctx.t("wishes.fulfilled", id=wish.id))
    # the hours said are kept for the one chosen: its press fulfils it with them, as an hours button does
    pressed = f"wish:hrs:{{id}}:{round(hours, 2):g}" if hours is not None else "wish:done:{id}"
    buttons = [Button(ctx.t("wishes.done", id=w.id), pressed.format(id=w.id)) for w in mine]
    return Reply(ctx.t("wishes.which_done", count=len(mine)), rows(*buttons, back_button(ctx), per_row=2))


async def _confirmed(ctx: Context, *, explicit: bool, thanked: bool = False) -> HandlerResult:
    """The one wish awaiting the resident is confirmed; with several, their wishes to choose from."""
    number = record_number(ctx.args) if ctx.args else None
    if number is not None and explicit:  # 确认已实现 #3: the button's words, typed
        ctx.payload = f"wish:confirm:{number}"
        return await wish_button(ctx)
    waiting = await wishes.awaiting_confirmation(ctx.uow, ctx.person)
    if not waiting:
        return None
    if not explicit and await answered_by_staff_since(ctx, waiting[-1]):
        return None  # 已经好了 to the staff member who just answered: theirs, not the wish's
    if len(waiting) == 1 and (explicit or thanked):
        return await confirm_said(ctx, waiting[0].id)  # type: ignore[arg-type]
    if len(waiting) == 1:  # 已经修好了 may be about anything (a complaint fixed): asked, not taken
        wish = waiting[0]
        return Reply(
            ctx.t("wishes.is_it_this_one", id=wish.id, what=wish.what[:30]),
            rows(*confirm_buttons(ctx, wish.id), back_button(ctx)),  # type: ignore[arg-type]
        )
    listed = await my_wishes(ctx)
    assert isinstance(listed, Reply)
    return Reply(ctx.t("wishes.which_confirm", count=len(waiting)) + "\n" + listed.text, listed.buttons)


# 陪了三个小时, 搬了两个多小时, 陪了一上午: a claimer's report of the time served, typed alone, got 答不上来
# (only 已完成's hours question read it). Asked with one tap, not done at once: 今天陪了三个小时，明天还去 is
# work under way, and the words of going on (明天, 还要, 还没) leave it to be read as ever.
_SERVED = re.compile(r"(?:陪|干|忙|弄|搬|修|帮|做|服务|打扫|收拾|整理|聊|跑|送|装)(?:了|完)")
_GOING_ON = re.compile(r"明天|后天|下次|还要|还得|还没|再去|要去|打算|准备|还差|没弄完|没做完|没干完|[?？吗]")
router.accepts_yes("wish:hrsok:")  # 好的 / 是的 under 是说心愿 #3 已经完成、服务了 3 小时吗


@router.words_anywhere
async def time_served_said(ctx: Context) -> Reply | None:
    """A claimer's 陪了三个小时 (alone, or as its sentence): is the claim done with those hours? None for anyone else."""
    if ctx.message.attachment is not None or not ctx.text or len(ctx.text) > 30:
        return None
    if _SERVED.search(ctx.text) is None or _GOING_ON.search(ctx.text) is not None:
        return None  # the cheap test first: every message passes here
    hours, about = hours_in(ctx.text), None
    if hours is None:
        about = part_of_day(ctx.text)  # 陪了一上午: about 3, said so
        if about is None:
            return None
    mine = await wishes.claimed_by(ctx.uow, ctx.person)
    if not mine:
        return None
    n = round(hours if hours is not None else float(about or 0), 2)
    buttons = [Button(ctx.t("wishes.done_hours_n", id=w.id, n=f"{n:g}"), f"wish:hrsok:{w.id}:{n:g}") for w in mine]
    if len(mine) == 1:  # 不对，两个半小时: the length put right is read as at 已完成's question
        ctx.dialog.enter(SERVED, "hours", id=mine[0].id)
        ctx.own_words = False  # a question asked, no form of theirs: moving on keeps no draft
    key = "wishes.done_with_hours" if len(mine) == 1 else "wishes.done_with_hours_which"
    first = mine[0]
    said = ctx.t(key, id=first.id, what=first.what[:20], n=f"{n:g}", count=len(mine))
    return Reply(said, rows(*buttons, back_button(ctx), per_row=2))
