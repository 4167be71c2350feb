"""Dates, times and the calendar file, shared by handlers and pushes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.core.messages import Document
from bot.models import Booking
from bot.texts import Texts


def clock_text(when: datetime, timezone: str, texts: Texts) -> str:
    """A deadline as elderly readers read a date: 3月3日 07:00, not 3-3 07:00."""
    local = when.astimezone(ZoneInfo(timezone))
    return texts.get("booking.clock", month=local.month, day=local.day, time=f"{local:%H:%M}")


def day_text(texts: Texts, day: date) -> str:
    weekday = texts.get("booking.weekdays").split(",")[day.weekday()]
    return texts.get("booking.day", month=day.month, day=day.day, weekday=weekday)


def when_text(texts: Texts, start: datetime, timezone: str, *, end: datetime | None = None) -> str:
    local = start.astimezone(ZoneInfo(timezone))
    text = f"{day_text(texts, local.date())} {local:%H:%M}"
    if end is not None:
        text += f"-{end.astimezone(ZoneInfo(timezone)):%H:%M}"
    return text


def calendar(booking: Booking, *, title: str, location: str, description: str, now: datetime) -> Document:
    """The booking as an iCalendar (.ics) file, with an alarm an hour before."""

    def stamp(value: datetime) -> str:
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//resident-bot//booking//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{booking.code}-{booking.id}@resident-bot",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(booking.starts_at)}",
        f"DTEND:{stamp(booking.ends_at)}",
        f"SUMMARY:{escape(title)}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}",
        "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT1H", f"DESCRIPTION:{escape(title)}", "END:VALARM",
        "END:VEVENT", "END:VCALENDAR",
    ]
    body = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    return Document(f"booking-{booking.code}.ics", "text/calendar", body.encode("utf-8"))


def _fold(line: str, limit: int = 75) -> str:
    """RFC 5545 folding: lines of at most 75 octets, continued with a leading space; never splits a character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 1, 75  # the continuation's leading space counts
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
