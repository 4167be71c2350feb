"""Passing a case to another grid (转其他网格, 转给三网格 不归我们管): the grids offered, the grid and reason said in words.

The other actions are in task_buttons, the note dialog in task_notes.
"""

from __future__ import annotations

import re

from bot.core import validation
from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.models import Case
from bot.services import cases
from handlers.cases.basics import NOTE, case_number, rules_of, without_case_named


def hold_transfer_words(ctx: Context, reason: str | None) -> None:
    """Keep what was said with a transfer (server-side, not in a payload) until a grid is pressed."""
    ctx.dialog.enter(NOTE, "grid", action="transfer", note=reason)


def offers_grids(reply: Reply) -> bool:
    return any(button.payload.startswith("case:to:") for button in reply.flat_buttons)


async def transfer_buttons(ctx: Context, case: Case) -> list[Button]:
    """The grids it may go to, and back to the community's staff (退回社区) when a grid has it."""
    buttons = [Button(g.name, f"case:to:{case.id}:{g.id}") for g in await cases.transfer_targets(ctx.uow, case)]
    if cases.may_go_to_staff(case):
        buttons.append(Button(ctx.t("cases.staff_target"), f"case:to:{case.id}:{cases.TO_STAFF}"))
    return buttons


async def offer_grids(ctx: Context, case: Case) -> Reply:
    """转其他网格: the grids to pass the case to; words may have named the grid and the reason already.

    转给三网格 不归我们管: passed on at once, with the reason. 转其他网格，不归我们管:
    the grids, and the reason waits for the one pressed. A press alone: the
    grids, and the reason is asked once a grid is chosen.
    """
    buttons = await transfer_buttons(ctx, case)
    said = _grid_said_in(ctx.text, buttons) if ctx.message.payload is None and ctx.text else None
    if said is not None and said[0] is not None:
        return await transfer(ctx, case.id, said[0], said[1])
    if said is not None and said[1] is not None:
        hold_transfer_words(ctx, said[1])
    return Reply(ctx.t("cases.pick_grid", id=case.id), rows(*buttons, per_row=2))


def grid_said(ctx: Context, buttons: list[Button]) -> tuple[str, str | None] | None:
    """(grid id, reason) typed after 转给 (转给三网格 不归我们管), when the transfer came from words naming a grid; else None."""
    if ctx.message.payload is not None or not ctx.text:
        return None
    said = _grid_said_in(ctx.text, buttons)
    if said is None or said[0] is None:
        return None
    return said[0], said[1]


_REASON_EDGE = " ，,。.：:；;、"


def _grid_said_in(text: str, buttons: list[Button]) -> tuple[str | None, str | None] | None:
    """What 转给 in `text` says: (the grid of `buttons` it names, the reason said around it).

    The grid is the longest start of the words after 转给 that chooses one
    button (三网格 in 转给三网格不归我们管); with none named (转其他网格，不归我们管)
    the reason is what follows 网格. Words before 转 are the reason too,
    said first (不归我们管，转给三网格). None without 转.
    """
    words = without_case_named(text)
    turn = _TURN.search(words)
    if turn is None:
        return None
    before, named = words[: turn.start()], words[turn.end():].lstrip("给到交")
    if not named:
        return None
    labels = [[b.label, b.payload] for b in buttons]
    for end in range(len(named), 1, -1):  # two characters at least: 第 alone is no grid's name
        chosen = validation.chosen_label(named[:end], labels)
        if chosen is not None:
            return chosen.split(":", 3)[3], _reason(before, named[end:])
    _, grid_word, rest = named.partition("网格")
    return None, _reason(before, rest if grid_word else "")


def _reason(before: str, after: str) -> str | None:
    """The reason said around 转给…: after the grid (转给三网格 不归我们管), before 转 (不归我们管，转给三网格), or both."""
    before = _ASKING_TO_TURN.sub("", before.strip(_REASON_EDGE)).strip(_REASON_EDGE)  # 请转给…: 请 is no reason
    said = [part for part in (before, after.strip(_REASON_EDGE)) if part]
    return "，".join(said) or None


# 转给三网格, and a case sent back the way it came: 退回一网格, 交给一网格 (were 答不上来)
_TURN = re.compile(r"转回|转|退回|退给|交给|交回")
_ASKING_TO_TURN = re.compile(r"(请|帮我|帮忙|麻烦你?|那就|就|把它|把这件事|把这个?|这个?|这件事)+$")


async def transfer(ctx: Context, case_id: int, grid_id: str, reason: str | None) -> Reply:
    case = await cases.act(ctx.uow, ctx.person, case_id, "transfer", rules_of(ctx), grid_id=grid_id, note=reason)
    return await transferred(ctx, case)


async def transferred(ctx: Context, case: Case) -> Reply:
    where = await cases.place_label(ctx.uow, case, ctx.texts) if case.grid_id else ctx.t("cases.staff_target")
    return Reply(ctx.t("cases.done_transfer", id=case.id, grid=where))


async def grid_pressed(ctx: Context) -> HandlerResult:
    """A `case:to` pressed after 转给三网格 (不归我们管): passed on at once with the words held; else they are dropped.

    Whatever the message, the held words end with it, quietly (no "left
    the operation" note): they were said with the action, not typed into a
    form, and anything else the manager does next is simply done.
    """
    reason = ctx.dialog.data.get("note")
    ctx.dialog.leave()
    parts = (ctx.payload or "").split(":")
    if len(parts) == 4 and parts[:2] == ["case", "to"]:
        return await transfer(ctx, case_number(parts[2]), parts[3], reason)
    return None
