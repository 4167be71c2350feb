"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, TypeDecorator
from sqlalchemy.engine import Dialect


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes everywhere.

    SQLite drops the offset, so values are stored as naive UTC and read back
    as aware UTC; comparing a naive and an aware datetime would otherwise
    raise deep inside a service.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQLite text, e.g. from a server default
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC)


def dump_json(value: Any) -> str:
    """JSON columns as the engine and direct SQL both write them.

    Chinese text is stored as itself: `\\uXXXX` escapes would double the bytes
    of every stored reply and dialog, and so the pages each turn writes.
    """
    return json.dumps(value, ensure_ascii=False)
