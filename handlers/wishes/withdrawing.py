"""我的心愿不要了, 取消心愿 #1: the resident takes back a wish still under way, after one confirming press.

Without this 我的心愿不要了 started a new wish with those words as the wish,
and 取消心愿 #1 typed in the form became its reason. The press names the
wish, so nothing is withdrawn by a stray 好的; a claimer is told not to come.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import command_parts, keyword_form, record_number
from bot.services import wishes
from handlers.common import back_button
from knowledge.normalize import normalize

from handlers.wishes.basics import router, wish_id_of

WITHDRAW_WORDS = (
    "取消心愿", "撤回心愿", "撤销心愿", "删除心愿", "删掉心愿", "不要心愿了",
    "心愿不要了", "我的心愿不要了", "这个心愿不要了", "那个心愿不要了", "心愿不用了", "我的心愿不用了",
    "不要这个心愿了", "心愿取消", "我的心愿取消", "心愿撤回",
    "心愿不许了", "心愿算了", "心愿算了吧", "那个心愿算了", "那个心愿算了吧", "这个心愿算了吧", "我的心愿算了",
)
# The same said other ways: 那个心愿就算了吧, 这个愿望不许了, 心愿还是不要了吧
_LET_GO = re.compile(
    r"(?:我的|我那个|那个|这个|那|这)?(?:个)?(?:微)?(?:心愿|愿望)(?:就|还是|也|我)?"
    r"(?:算了|不许了|不许|不要了|不要|不用了|不提了|取消了?|撤回了?)(?:吧|啊|呀|哈)*"
)


# 不要了, 算了吧, 不许了: never mind, said of the wish being made, or of the one just submitted
NEVER_MIND = re.compile(r"(?:我|俺)?(?:不要|不用|不许|不填|不想要|不弄|不办|不提)(?:了)?(?:吧|啊|呀)?|算了(?:吧)?")
# Right under 心愿已提交 they take that one back (its 撤回这个心愿 asks first): 算了 there was 已退出, the wish still
# going. Words that name a wish (心愿不要了) offer every one under way, as anywhere.
router.accepts_said("wish:wdask:", NEVER_MIND)


def says_withdraw(text: str) -> bool:
    """Whether the words take a wish back (我的心愿不要了, 那个心愿算了吧), not make one of them."""
    return keyword_form(command_parts(text)[0]).replace(" ", "") in WITHDRAW_WORDS or _LET_GO.fullmatch(normalize(text)) is not None


# yielding: inside the wish form the form takes them (nothing submitted), not this
@router.keyword(*WITHDRAW_WORDS, yielding=True)
async def withdraw_said(ctx: Context) -> HandlerResult:
    """Which wish to withdraw (the one named, or those under way), each with its own 撤回 button to confirm."""
    number = record_number(ctx.args) if ctx.args else None
    mine = await wishes.withdrawable(ctx.uow, ctx.person)
    if number is not None:
        named = [w for w in mine if w.id == int(number)]
        if not named:  # not theirs, no such wish, or already done: the service's own words
            ctx.payload = f"wish:wd:{number}"
            return await withdraw_pressed(ctx)
        mine = named
    if not mine:
        return Reply(ctx.t("wishes.none_to_withdraw"), rows(Button(ctx.t("wishes.my_wishes"), "wish:mine:0"), back_button(ctx)))
    lines = [f"#{w.id} {w.what} · {ctx.t(f'wishes.states.{w.state}')}" for w in mine]
    ask = ctx.t("wishes.withdraw_ask" if len(mine) == 1 else "wishes.withdraw_which", count=len(mine))
    buttons = [Button(ctx.t("wishes.withdraw_n", id=w.id), f"wish:wd:{w.id}") for w in mine]
    return Reply(ask + "\n" + "\n".join(lines), rows(*buttons, Button(ctx.t("wishes.keep_it"), "menu"), per_row=2))


async def withdraw_pressed(ctx: Context) -> HandlerResult:
    """撤回心愿 #N pressed: the service checks it is theirs and still under way."""
    raw = ctx.payload.split(":")[2] if ctx.payload and ctx.payload.count(":") >= 2 else ""
    wish, told = await wishes.withdraw(ctx.uow, ctx.person, wish_id_of(raw))
    said = ctx.t("wishes.withdrawn", id=wish.id) + ("\n" + ctx.t("wishes.withdrawn_told") if told else "")
    return Reply(said, rows(Button(ctx.t("wishes.my_wishes"), "wish:mine:0"), back_button(ctx)))
