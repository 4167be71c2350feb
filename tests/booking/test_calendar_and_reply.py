"""The .ics attachment and the neutral Reply's document round trip."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.messages import Button, Document, Reply, rows
from bot.models import Booking
from bot.services.booking import calendar
from bot.services.booking.presentation import _fold


def test_a_reply_with_a_document_round_trips_through_its_dict():
    reply = Reply("hi", rows(Button("a", "b")), document=Document("x.ics", "text/calendar", b"\x00\xffBEGIN"))
    data = reply.to_dict()
    assert isinstance(data["document"]["data"], str)
    assert Reply.from_dict(data) == reply
    assert "document" not in Reply("plain").to_dict()  # stored replies without a file are unchanged


def test_the_calendar_file_is_valid_icalendar_with_folded_utf8_lines():
    booking = Booking(
        id=7, code="ABC234", token="t", person_id=1, community_id="wenfeng", kind="centre", service_id="x", slot_id=1,
        starts_at=datetime(2026, 3, 3, 1, 0, tzinfo=UTC), ends_at=datetime(2026, 3, 3, 1, 30, tzinfo=UTC),
        created_at=datetime(2026, 3, 2, tzinfo=UTC), updated_at=datetime(2026, 3, 2, tzinfo=UTC),
    )
    doc = calendar(booking, title="居住证申领（ABC234）", location="便民服务中心 一楼便民服务大厅 1号窗口（综合受理）；制证在辖区派出所户籍窗口",
                   description="预约码 ABC234, 请带身份证", now=datetime(2026, 3, 2, tzinfo=UTC))
    text = doc.data.decode("utf-8")
    assert doc.filename == "booking-ABC234.ics" and doc.mime_type == "text/calendar"
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "LOCATION:便民服务中心 一楼便民服务大厅 1号窗口（综合受理）；制证在辖区派出所户籍窗口" in unfolded
    assert "DESCRIPTION:预约码 ABC234\\, 请带身份证" in unfolded
    assert _fold("A" * 80).split("\r\n ")[0] == "A" * 75
