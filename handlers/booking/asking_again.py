"""The question of the booking step the resident is at, asked again under a note (a question answered, 确认 too soon)."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Reply
from handlers.booking.basics import zone_of
from handlers.booking.confirmation import ask_confirm
from handlers.booking.dates import parse_day_stamp, parse_stamp
from handlers.booking.day_list import pick_day
from handlers.booking.mode import ask_mode
from handlers.booking.slot_list import pick_slot


async def ask_again(ctx: Context, note: str) -> Reply:
    """The question of the step the booking is at, asked again under a note: its numbered choices keep working.

    A reply without the step's buttons would make a following "1" mean the
    main menu's first item, and the booking would be lost.
    """
    data = ctx.dialog.data
    if ctx.dialog.step == "mode":  # 到中心办理 / 预约上门 still to be chosen
        return ask_mode(ctx, note.rstrip("\n"))
    start = parse_stamp(data.get("start", ""), zone_of(ctx)) if ctx.dialog.step == "confirm" else None
    if start is not None:  # the time chosen stays: asked again, not lost
        asked = await ask_confirm(ctx, start)
        return Reply("\n".join([note, asked.text]), asked.buttons)
    day = parse_day_stamp(data.get("day", "")) if ctx.dialog.step in ("slot", "confirm") else None
    return await pick_slot(ctx, day, note) if day is not None else await pick_day(ctx, note)
