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


async def test_a_second_press_that_read_before_the_first_committed_is_told_it_is_booked(ten_seat_app: App, monkeypatch):
    """The interleaving behind a once-failing run of the five presses above: a second press of the same 确认
    looked for its token a moment before the first press committed, then found the booking the first made
    at that time. It told the resident 您在这个时间已经有一个预约了 (as if they had booked something else);
    it is the same confirmation, so it says 已经约好了, and one booking and one seat stay taken."""
    from bot.services import booking as booking_services
    from bot.services.booking import resident

    app = ten_seat_app
    tokens = await _at_confirmation(app, ["twice"])
    first = await app.handle(Inbound(channel="console", user_id="twice", payload=f"bk:ok:{tokens['twice']}"))
    assert "预约成功" in first[0].text

    real = resident.by_token
    stale: set[str] = set()

    def read_before_the_first_commit(where: str):  # noqa: ANN202
        async def by_token(uow, person, token):  # noqa: ANN001, ANN202
            if where not in stale:  # each place's first look saw the database as it was before the first commit
                stale.add(where)
                return None
            return await real(uow, person, token)

        return by_token

    monkeypatch.setattr(booking_services, "by_token", read_before_the_first_commit("handler"))
    monkeypatch.setattr(resident, "by_token", read_before_the_first_commit("service"))
    async with app.db.uow() as uow:  # the second press, read with the first, finds the dialog at its confirmation
        person = await people.get_or_create(uow, "console", "twice")
        for state in (await uow.session.exec(select(DialogState).where(DialogState.person_id == person.id))).all():
            await uow.session.delete(state)
        await uow.session.flush()
        uow.session.add(DialogState(
            person_id=person.id, dialog="booking", step="confirm", updated_at=uow.clock.now(),
            data={"service_id": "health-check", "kind": "centre", "centre": "health", "token": tokens["twice"],
                  "start": "202603030900", "day": "20260303"},
        ))
        await uow.commit()
    second = await app.handle(Inbound(channel="console", user_id="twice", payload=f"bk:ok:{tokens['twice']}"))
    assert "已经约好了" in second[0].text and "已经有一个预约" not in second[0].text
    async with app.db.uow() as uow:
        assert len((await uow.session.exec(select(Booking))).all()) == 1
        assert (await uow.session.exec(select(BookingSlot))).one().taken == 1
