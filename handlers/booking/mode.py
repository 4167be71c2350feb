"""到中心办理 or 预约上门: the question asked first for a service that can be done at home, and words typed at it.

A day or a time typed there (晚上七点, 下午三点 明天) left the booking,
答不上来 and the booking put aside; it is kept for the day chosen after
the mode, as one said with the request (预约办高龄津贴 明天下午三点) is.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.when import Said
from bot.services import booking
from handlers.booking.basics import rules_of
from handlers.booking.dates import said_data, said_of
from handlers.booking.holiday_words import said_with_holiday
from knowledge.reading import Intent


def ask_mode(ctx: Context, note: str | None = None) -> Reply:
    """到中心办理 / 预约上门 for the service being booked, under a note if any."""
    text = ctx.t("booking.pick_mode", service=rules_of(ctx).name(ctx.dialog.data["service_id"]))
    buttons = rows(
        Button(ctx.t("booking.mode_centre"), "bk:mode:centre"),
        Button(ctx.t("booking.mode_home"), "bk:mode:home"),
        per_row=2,
    )
    return Reply(f"{note}\n{text}" if note else text, buttons)


def when_at_mode(ctx: Context) -> HandlerResult:
    """A day or a time typed at the mode's question: kept, and the question asked again saying so; else None."""
    said = said_with_holiday(ctx, ctx.text)  # 元旦 too: the plan's day of it
    if not said or ctx.app.understander.understand(ctx.text).intent is not Intent.unknown:
        return None  # 明天上班吗: a question of its own, answered as anywhere
    ctx.own_words = False  # kept in the dialog's data: nothing to keep as a draft
    kept = said_of(ctx.dialog.data)
    merged = Said(said.day or kept.day, said.at or (kept.at if said.part is None else None), said.part if said.at is None else None)
    ctx.dialog.goto("mode", **{"wanted_day": None, "wanted_time": None, "wanted_part": None, **said_data(merged)})
    return ask_mode(ctx, ctx.t("booking.when_kept_mode", when=when_text(ctx, merged)))


def when_text(ctx: Context, said: Said) -> str:
    """明天 as the day list would show it (11月28日（周六）), with the part of the day or the time said."""
    pieces = [booking.day_text(ctx.texts, said.day)] if said.day is not None else []
    if said.at is not None:
        pieces.append(f"{said.at:%H:%M}")
    elif said.part:
        pieces.append(ctx.t(f"booking.part.{said.part}"))
    return "".join(pieces)
