"""Helpers for booking tests: press the button whose label contains some text, read what is stored."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlmodel import select

from bot.models import Booking, BookingSlot
from tests.helpers import Chat


def payload(chat: Chat, label: str) -> str:
    """The payload of the first button of the last replies whose label contains `label`."""
    for reply in chat.replies:
        for button in reply.flat_buttons:
            if label in button.label:
                return button.payload
    raise AssertionError(f"no button {label!r} in {chat.buttons}")


async def press(chat: Chat, label: str) -> None:
    await chat.press(payload(chat, label))


async def bookings(app) -> list[Booking]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return list((await uow.session.exec(select(Booking).order_by(Booking.id))).all())


async def slots(app) -> list[BookingSlot]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return list((await uow.session.exec(select(BookingSlot).order_by(BookingSlot.id))).all())



async def book(chat: Chat, service: str = "residence-permit", day: str = "3月3日", time: str = "09:00") -> str:
    """Book `service` at `time` on `day` through the dialog; returns the booking code."""
    await chat.press(f"book:{service}")
    if "到中心办理" in chat.buttons:
        await press(chat, "到中心办理")
    await press(chat, day)
    await press(chat, time)
    assert "请核对预约" in chat.text, chat.text
    await press(chat, "确认预约")
    assert "预约成功" in chat.text, chat.text
    import re

    match = re.search(r"预约码：([A-Z2-9]{6})", chat.text)
    assert match
    return match.group(1)


def write_plan(path: Path, **changes) -> Path:  # noqa: ANN003
    """A copy of the shipped opening plan with some fields changed."""
    from bot.services.opening import shipped_plan_path

    data = yaml.safe_load(shipped_plan_path().read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


async def at_home_visit_days(resident: Chat) -> None:
    """A resident asking for a home visit, their address given, at the grid's half-days of 3月3日."""
    await resident.say("高龄津贴怎么申请")
    await press(resident, "预约办理")
    await press(resident, "预约上门")
    await press(resident, "老年人")
    await resident.press("pf:agree")
    for answer in ("李秀英", "13812345678", "烟厂家属院3号楼", "2单元", "301"):
        await resident.say(answer)
    await press(resident, "3月3日")
    assert "09:00-12:00 余2" in resident.buttons and "14:30-17:30 余2" in resident.buttons, resident.buttons
