"""The home visits of the day in a grid manager's morning digest.

The digest listed open cases only: a visit booked for that afternoon
reached the grid manager as one push days before, under whatever came
after it. The morning digest now names each visit of the day in their
grid — its half-day, the service, the address, and whether they have
confirmed it (with the words that do: 确认上门 CODE).
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from functools import cache

from sqlmodel import col, select

from bot.db.uow import UnitOfWork
from bot.models import Booking, RoleAssignment
from bot.models.booking import BookingKind, BookingStatus, VisitStatus
from bot.services.due import DigestLine
from bot.texts import Texts

# The digest goes out in the morning: the visits from a few hours before it (begun, not yet marked) to the night.
_SINCE, _UNTIL = timedelta(hours=4), timedelta(hours=16)
_STATE_KEYS = {VisitStatus.confirmed: "booking.digest_visit_confirmed", VisitStatus.proposed: "booking.digest_visit_proposed"}


async def visits_today(uow: UnitOfWork, assignment: RoleAssignment, now: datetime) -> list[DigestLine]:
    """One line per home visit of the grid still to be made today, in the reader's language."""
    if not assignment.grid_id:
        return []
    query = (
        select(Booking)
        .where(
            Booking.kind == BookingKind.home,
            Booking.grid_id == assignment.grid_id,
            Booking.status == BookingStatus.booked,
            col(Booking.starts_at) >= now - _SINCE,
            col(Booking.starts_at) < now + _UNTIL,
        )
        .order_by(col(Booking.starts_at), col(Booking.id))
        .limit(10)
    )
    zone = now.tzinfo  # the digest's local time: its hours are the community's
    return [_line(visit, zone) for visit in (await uow.session.exec(query)).all()]


def _line(visit: Booking, zone: tzinfo | None) -> DigestLine:
    hours = f"{visit.starts_at.astimezone(zone):%H:%M}-{visit.ends_at.astimezone(zone):%H:%M}"
    state_key = _STATE_KEYS.get(visit.visit_status or "", "booking.digest_visit_unconfirmed")
    service, address, code = _service_names().get(visit.service_id, visit.service_id), visit.address or "", visit.code

    def line(texts: Texts) -> str:
        state = texts.get(state_key, code=code)
        return texts.get("booking.digest_visit", hours=hours, service=service, address=address, state=state)

    return line


@cache
def _service_names() -> dict[str, str]:
    """The catalogue's official names by id (the ids are fixed; the digest needs no knowledge base loaded)."""
    from knowledge.loader import read_catalogue

    return {service_id: item.name for service_id, item in read_catalogue().items()}
