"""The scheduler's tick: expire offers not taken in time, queue the reminders that are due."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.upsert import insert
from bot.db.uow import Database, UnitOfWork
from bot.models import Booking, BookingReminder, Person
from bot.models.booking import BookingKind, VisitStatus
from bot.services import opening, outbox
from bot.services.booking.presentation import when_text
from bot.services.booking.rules import ACTIVE, Rules
from bot.services.booking.waitlist import expire_offers
from bot.texts import Texts


async def due_reminders(uow: UnitOfWork, rules: Rules, now: datetime) -> int:
    """Queue the reminders due at `now`: the evening before and one hour before; each at most once.

    A reminder is due from its time until the booking starts (the day-before
    one until the hour-before one takes over); a booking made after a
    reminder's time does not get that reminder. Home visits are reminded once
    confirmed.
    """
    plan, timezone = rules.plan, rules.timezone
    query = select(Booking, Person).join(Person, col(Person.id) == col(Booking.person_id)).where(
        col(Booking.status).in_(ACTIVE), col(Booking.starts_at) > now, col(Booking.starts_at) <= now + timedelta(days=2)
    )
    sent = 0
    for booking, person in (await uow.session.exec(query)).all():
        if booking.kind == BookingKind.home and booking.visit_status != VisitStatus.confirmed:
            continue
        if _closed(rules, booking):  # no "see you tomorrow" for a time the plan no longer has
            continue
        times = opening.reminder_times(plan, booking.starts_at, timezone)
        for kind, at in times.items():
            until = times["hour_before"] if kind == "day_before" else booking.starts_at
            if not (at <= now < until) or booking.created_at >= at:
                continue
            if not await _first_time(uow, booking.id, kind, now):
                continue
            texts = Texts(person.language)
            outbox.push(
                uow, person,
                Reply(
                    texts.get(f"booking.reminder_{kind}", code=booking.code, service=rules.name(booking.service_id),
                              when=when_text(texts, booking.starts_at, timezone),
                              where=booking.address or rules.where(texts, booking.service_id)),
                    rows(Button(texts.get("booking.mine_button"), "bk:mine")),
                ),
                kind="booking_reminder",
                urgent=kind == "hour_before",  # an hour before, quiet hours would make it useless
            )
            sent += 1
    if sent:
        await uow.commit()
    return sent


CLOSED = "closed"  # the reminder kind of "your day is closed now"
CLOSED_LOOKAHEAD = timedelta(days=31)


async def closed_day_notices(uow: UnitOfWork, rules: Rules, now: datetime) -> int:
    """Tell whoever booked a time the opening plan no longer has (a holiday added since, hours changed).

    They would otherwise get reminders for a closed day and come to a
    locked door. Each booking is told once, with 改期 and 取消.
    """
    plan, timezone = rules.plan, rules.timezone
    query = select(Booking, Person).join(Person, col(Person.id) == col(Booking.person_id)).where(
        col(Booking.status).in_(ACTIVE), col(Booking.starts_at) > now, col(Booking.starts_at) <= now + CLOSED_LOOKAHEAD
    )
    told = 0
    for booking, person in (await uow.session.exec(query)).all():
        if not _closed(rules, booking) or not await _first_time(uow, booking.id, CLOSED, now):
            continue
        texts = Texts(person.language)
        holiday = opening.day_info(plan, booking.starts_at.astimezone(ZoneInfo(timezone)).date()).holiday
        reason = texts.get("booking.closed_holiday", holiday=holiday) if holiday else texts.get("booking.closed_changed")
        outbox.push(
            uow, person,
            Reply(
                texts.get("booking.closed_notice", code=booking.code, service=rules.name(booking.service_id),
                          when=when_text(texts, booking.starts_at, timezone), reason=reason),
                rows(
                    Button(texts.get("booking.reschedule_code", code=booking.code), f"bk:mv:{booking.code}"),
                    Button(texts.get("booking.cancel_code", code=booking.code), f"bk:cx:{booking.code}"),
                    per_row=2,
                ),
            ),
            kind="booking_reminder",
        )
        told += 1
    if told:
        await uow.commit()
    return told


async def _first_time(uow: UnitOfWork, booking_id: int | None, kind: str, now: datetime) -> bool:
    """Record that `kind` went to the booking; False when it had already (each kind at most once, across processes)."""
    table = BookingReminder.__table__  # type: ignore[attr-defined]
    written = await uow.session.exec(  # type: ignore[call-overload]
        insert(uow.session, table)
        .values(booking_id=booking_id, kind=kind, sent_at=now)
        .on_conflict_do_nothing(index_elements=["booking_id", "kind"])
        .returning(table.c.id)
    )
    return written.first() is not None


def _closed(rules: Rules, booking: Booking) -> bool:
    """Whether the opening plan no longer has the booking's time (a holiday added since, hours changed)."""
    home = booking.kind == BookingKind.home
    return opening.find_slot(rules.plan, booking.starts_at, rules.timezone, home=home) is None


async def tick(db: Database, rules: Rules, now: datetime) -> int:
    """What the scheduler runs every few minutes: expire offers, tell of closed days, send due reminders."""
    async with db.uow() as uow:  # one unit of work: on SQLite, one short hold of the writer lock per tick
        expired = await expire_offers(uow, rules, now)
        closed = await closed_day_notices(uow, rules, now)
        reminded = await due_reminders(uow, rules, now)
    return expired + closed + reminded
