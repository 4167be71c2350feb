"""我想改一下心愿，不要书了，要个书包: a wish changed after it was submitted.

Read as a new wish, the whole sentence became one (心愿：我想改一下心愿，
不要书了，要个书包) sent to staff beside the old one, which went on to the
volunteers. A wish under way is not edited in place (staff approved what it
said; a volunteer may be buying it): with one press the old one is
withdrawn (its claimer told) and the changed one submitted, its reason kept,
so staff review what is wanted now.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import wishes
from handlers.common import back_button
from knowledge.normalize import normalize

from handlers.wishes.basics import DIALOG, router, wish_id_of

CHANGING = "wish_change"  # the wish to change is chosen; the new words, when said, wait in the dialog
CHANGE = re.compile(
    r"(?:改|换|修改|更改|变更|重写)(?:一下|下)?(?:我的|那个|这个|我那个)?(?:微)?(?:心愿|愿望)"
    r"|(?:心愿|愿望)(?:要|想|能不能|能|可以|可不可以)?(?:改|换|修改|更改)(?:一下|下)?(?:成|为)?|(?:心愿|愿望)(?:写|说|填)错了"
)
_CLAUSES = re.compile(r"[，,。；;！!、\s]+")
_NOT_WANTED = re.compile(r"(?:我|俺)?(?:不要|不想要|不用)\S{0,12}?了?(?:吧|啊)?")  # 不要书了: what it no longer is
_ASKING = re.compile(r"^(?:我想|我要|想|能不能|可以|可不可以|帮我|请)+|(?:吗|吧|呢|行吗|可以吗|好吗)+$")


def says_change(text: str | None) -> bool:
    """Whether the words ask to change a wish already made (改一下心愿, 心愿写错了)."""
    return CHANGE.search(normalize(text or "")) is not None


def new_what(text: str) -> str:
    """要个书包 from 我想改一下心愿，不要书了，要个书包 (or 心愿改成要个书包); "" when only the change is asked."""
    kept: list[str] = []
    for clause in _CLAUSES.split(text.strip()):
        found = CHANGE.search(clause)
        if found is not None:
            clause = clause[found.end():]  # 改成要个书包: what comes after the asking
        clause = _ASKING.sub("", clause).strip()
        if clause and not _NOT_WANTED.fullmatch(clause) and not re.fullmatch(r"[了吗吧呢啊的]+", clause):
            kept.append(clause)
    return "，".join(kept)[:200]


async def change_said(ctx: Context) -> Reply:
    """Which wish to change (each with its own button), the new words kept for the press; none: said so."""
    mine = await wishes.withdrawable(ctx.uow, ctx.person)
    if not mine:
        return Reply(
            ctx.t("wishes.none_to_change"),
            rows(Button(ctx.t("wishes.menu_entry"), "wishnew"), Button(ctx.t("wishes.my_wishes"), "wish:mine:0"), back_button(ctx)),
        )
    what = new_what(ctx.text or "")
    ctx.dialog.enter(CHANGING, "which", what=what)
    ctx.own_words = False  # a question asked; the words are in it, and said again cost nothing
    lines = [f"#{w.id} {w.what} · {ctx.t(f'wishes.states.{w.state}')}" for w in mine]
    ask = ctx.t("wishes.change_ask", what=what) if what else ctx.t("wishes.change_ask_what")
    if any(w.state == "claimed" for w in mine):
        ask += ctx.t("wishes.change_claimed_note")
    buttons = [Button(ctx.t("wishes.change_n", id=w.id), f"wish:chg:{w.id}") for w in mine]
    return Reply(ask + "\n" + "\n".join(lines), rows(*buttons, Button(ctx.t("wishes.change_keep"), "menu"), per_row=2))


@router.dialog(CHANGING)
async def change_dialog(ctx: Context) -> HandlerResult:
    """改心愿 #N pressed (its words held); anything else leaves the question and is read as ever."""
    what = str(ctx.dialog.data.get("what") or "")
    ctx.dialog.leave()
    if ctx.payload and ctx.payload.startswith("wish:chg:"):
        return await change_pressed(ctx, what)
    return None


async def change_pressed(ctx: Context, what: str = "") -> Reply:
    """The old wish withdrawn (the service checks it is theirs and under way), the changed one taken as a new wish."""
    raw = ctx.payload.split(":")[2] if ctx.payload and ctx.payload.count(":") >= 2 else ""
    old, told = await wishes.withdraw(ctx.uow, ctx.person, wish_id_of(raw))
    said = ctx.t("wishes.changed_withdrawn", id=old.id) + ("\n" + ctx.t("wishes.withdrawn_told") if told else "")
    why = old.why if old.why and old.why != "—" else ""
    if not what:
        ctx.dialog.enter(DIALOG, "what", why=why)  # the reason kept: asked the new wish, then by when
        return Reply(said + "\n" + ctx.t("wishes.ask_what"))
    from handlers.wishes.making import ask_step, told_what_and_why  # the form imports this module: imported late

    step = "by" if why else "why"
    ctx.dialog.enter(DIALOG, step, what=what, why=why)
    asked = told_what_and_why(ctx) if why else ask_step(ctx, step)
    return Reply(said + "\n" + asked.text, asked.buttons)
