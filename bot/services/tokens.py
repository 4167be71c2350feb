"""Shared platform access tokens: one valid token for all processes, refreshed under a lock.

Fetching a new WeChat token invalidates the previous one, so a process that
finds the token stale locks its row, looks again (another process may have
just refreshed it) and only then fetches. A token refused by the platform is
refreshed only if it is still the stored one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.db.upsert import insert
from bot.db.uow import Database
from bot.models import AccessToken

MARGIN = timedelta(minutes=5)  # refresh this long before the platform's expiry
Fetch = Callable[[], Awaitable[tuple[str, int]]]  # → (token, expires_in seconds)


async def get(db: Database, name: str, fetch: Fetch, *, refused: str | None = None) -> str:
    """A valid token; `refused` is a token the platform just rejected (40001/42001)."""
    async with db.uow() as uow:
        row = await uow.session.get(AccessToken, name)
        if row is not None and _usable(row, uow.clock.now(), refused):
            return row.token
    return await _refresh(db, name, fetch, refused)


def _usable(row: AccessToken, now: datetime, refused: str | None) -> bool:
    return row.token != refused and row.expires_at - MARGIN > now


async def _refresh(db: Database, name: str, fetch: Fetch, refused: str | None) -> str:
    async with db.uow() as uow:
        session = uow.session
        table = AccessToken.__table__  # type: ignore[attr-defined]
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        await session.exec(  # type: ignore[call-overload]
            insert(session, table)
            .values(name=name, token="", expires_at=epoch, updated_at=epoch)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        query = select(AccessToken).where(AccessToken.name == name).execution_options(populate_existing=True)
        if not db.is_sqlite:  # SQLite's write transaction already excludes other writers
            query = query.with_for_update()
        row = (await session.exec(query)).one()
        now = uow.clock.now()
        if _usable(row, now, refused) and row.token:
            return row.token  # another process refreshed it while we waited for the lock
        token, expires_in = await fetch()
        row.token = token
        row.expires_at = now + timedelta(seconds=expires_in)
        row.updated_at = now
        await uow.commit()
        return token
