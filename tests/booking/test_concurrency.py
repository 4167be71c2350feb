"""No double booking: 200 concurrent confirmations for 10 seats, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import App, build_app
from bot.core.messages import Inbound
from bot.models import Booking, BookingSlot, DialogState
from bot.services import booking, people
from tests.booking.helpers import write_plan
from tests.conftest import make_settings

SEATS = 10
ATTEMPTS = 200


@pytest.fixture
async def ten_seat_app(db_url: str, clock, tmp_path: Path) -> AsyncIterator[App]:
    plan = write_plan(tmp_path / "plan.yaml", seats_per_slot=SEATS, windows=[], rota=[], max_open_bookings=3)
    app = await build_app(make_settings(db_url, opening_plan_file=plan), clock=clock)
    yield app
    await app.close()


async def _at_confirmation(app: App, users: list[str]) -> dict[str, str]:
    """Put every user at the confirmation step of the same slot (as the dialog leaves them)."""
    tokens = {}
    async with app.db.uow() as uow:
        for user in users:
            person = await people.get_or_create(uow, "console", user)
            token = booking.new_token()
            tokens[user] = token
            uow.session.add(
                DialogState(
                    person_id=person.id, dialog="booking", step="confirm", updated_at=uow.clock.now(),
                    data={"service_id": "health-check", "kind": "centre", "centre": "health", "token": token,
                          "start": "202603030900", "day": "20260303"},
                )
            )
        await uow.commit()
    return tokens


async def test_two_hundred_concurrent_confirmations_for_ten_seats(ten_seat_app: App):
    app = ten_seat_app
    users = [f"u{i:03d}" for i in range(ATTEMPTS)]
    tokens = await _at_confirmation(app, users)
    results = await asyncio.gather(
        *(app.handle(Inbound(channel="console", user_id=u, payload=f"bk:ok:{tokens[u]}", message_id=f"m-{u}")) for u in users)
    )
    texts = [replies[0].text for replies in results]
    assert sum("预约成功" in t for t in texts) == SEATS
    assert sum("刚刚这个时段被约满了" in t for t in texts) == ATTEMPTS - SEATS
    async with app.db.uow() as uow:
        made = (await uow.session.exec(select(Booking))).all()
        [slot] = (await uow.session.exec(select(BookingSlot))).all()
    assert len(made) == SEATS and len({b.person_id for b in made}) == SEATS
    assert (slot.taken, slot.capacity) == (SEATS, SEATS)


async def test_the_same_confirmation_pressed_concurrently_books_once(ten_seat_app: App):
    app = ten_seat_app
    [user] = ["double"]
    tokens = await _at_confirmation(app, [user])
    results = await asyncio.gather(
        *(app.handle(Inbound(channel="console", user_id=user, payload=f"bk:ok:{tokens[user]}")) for _ in range(5))
    )
    texts = [replies[0].text for replies in results]
    assert sum("预约成功" in t for t in texts) == 1 and sum("已经约好了" in t for t in texts) == 4
    async with app.db.uow() as uow:
        assert len((await uow.session.exec(select(Booking))).all()) == 1
        assert (await uow.session.exec(select(BookingSlot))).one().taken == 1


async def test_the_same_token_in_two_units_of_work_at_once_books_once(ten_seat_app: App):
    """Two processes handling the same confirmation: the token's unique key settles it, the seat is not lost."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    app = ten_seat_app
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "console", "twice")
        await uow.commit()
    rules = booking.Rules.of(app)
    request = booking.Request(
        service_id="health-check", kind="centre", centre="health", token="same-token",
        start=datetime(2026, 3, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
    )

    async def attempt():  # noqa: ANN202
        async with app.db.uow() as uow:
            return await booking.book(uow, rules, person, request)

    results = await asyncio.gather(attempt(), attempt(), attempt())
    assert sorted(r.again for r in results) == [False, True, True]
    assert len({r.booking.id for r in results}) == 1
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(BookingSlot))).one().taken == 1
