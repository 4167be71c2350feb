"""Broadcasts: a notice row plus one outbox row per recipient, written in one transaction.

The outbox rows are inserted in bulk (Core executemany in chunks), so a
notice to 100,000 people is a few statements, not 100,000 ORM objects.
A notice with a `key` happens at most once: the key is unique, and the
rows are only written by the transaction that inserted it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, func, literal, or_, tuple_, union_all
from sqlmodel import col, select

from bot.core.messages import Reply
from bot.db.upsert import insert
from bot.db.uow import UnitOfWork
from bot.models import Building, Grid, Notice, OutboxMessage, OutboxStatus, Person, Role, RoleAssignment
from bot.services.errors import InvalidInput, NotFound
from bot.services.outbox import earliest
from bot.texts import Texts

CHUNK = 5000
MAX_TEXT = 4000


@dataclass(frozen=True, slots=True)
class Recipient:
    person_id: int
    channel: str
    address: str
    language: str
    unreachable_reason: str | None  # set when the person blocked the bot or unsubscribed
    unreachable: bool = False


_COLUMNS = (
    Person.id,
    Person.channel,
    Person.channel_user_id,
    Person.language,
    Person.unreachable_at,
    Person.unreachable_reason,
)


def _recipients(rows: Sequence[Any]) -> list[Recipient]:
    seen: set[int] = set()
    result = []
    for person_id, channel, address, language, unreachable_at, reason in rows:
        if person_id in seen:
            continue
        seen.add(person_id)
        result.append(
            Recipient(person_id, channel, address, language, reason or "unreachable", unreachable_at is not None)
        )
    return result


# --- audiences -----------------------------------------------------------------


@dataclass(frozen=True)
class Audience:
    """Who a broadcast goes to: a whole community, one grid, or the holders of a role."""

    kind: str  # "community", "grid" or "role"
    community_id: str
    grid_id: str | None = None
    role: str | None = None

    @property
    def key(self) -> str:
        if self.kind == "grid":
            return f"grid:{self.grid_id}"
        if self.kind == "role":
            where = self.grid_id or self.community_id
            return f"role:{self.role}@{where}"
        return f"community:{self.community_id}"


async def resolve_audience(
    uow: UnitOfWork, *, community_id: str | None = None, grid_id: str | None = None, role: str | None = None
) -> Audience:
    """An audience from ids an operator or a button gives; unknown places are refused."""
    from bot.services import roles

    if grid_id:
        grid = await uow.session.get(Grid, grid_id)
        if grid is None:
            raise NotFound("roles.unknown_grid", grid=grid_id)
        community_id = grid.community_id
    scope = await roles.resolve_scope(uow, Role.staff, None, community_id)
    if role:
        parsed = roles.parse_role(role)
        return Audience("role", scope.community_id, grid_id, parsed.value)
    if grid_id:
        return Audience("grid", scope.community_id, grid_id)
    return Audience("community", scope.community_id)


async def audience_label(uow: UnitOfWork, audience: Audience, texts: Texts) -> str:
    from bot.models import Community

    community = await uow.session.get(Community, audience.community_id)
    place = community.name if community else audience.community_id
    if audience.grid_id:
        grid = await uow.session.get(Grid, audience.grid_id)
        place += grid.name if grid else audience.grid_id
    if audience.kind == "role":
        return texts.get("announce.audience_role", place=place, role=texts.get(f"roles.names.{audience.role}"))
    return texts.get("announce.audience_place", place=place)


async def stored_audience_label(uow: UnitOfWork, key: str, texts: Texts) -> str:
    """A notice's stored audience (`Audience.key`: "grid:wenfeng-01") as staff name it.

    Staff reading 发送情况 know 第一网格全体, not the ids of the org file; a
    key that names no known place is shown as it is.
    """
    kind, _, rest = key.partition(":")
    role, _, where = rest.partition("@") if kind == "role" else ("", "", rest)
    grid = await uow.session.get(Grid, where) if where else None
    community_id = grid.community_id if grid else where
    if kind == "role" and role in {r.value for r in Role}:
        if not where:
            return texts.get(f"roles.names.{role}")
        return await audience_label(uow, Audience("role", community_id, grid.id if grid else None, role), texts)
    if kind in ("grid", "community") and where:
        return await audience_label(uow, Audience(kind, community_id, grid.id if grid else None), texts)
    return key


async def recipients(uow: UnitOfWork, audience: Audience) -> list[Recipient]:
    if audience.kind == "role":
        return await role_holders(uow, Role(audience.role), community_id=audience.community_id, grid_id=audience.grid_id)
    if audience.kind == "grid":
        return await grid_residents(uow, audience.grid_id or "")
    return await community_residents(uow, audience.community_id)


async def role_holders(
    uow: UnitOfWork, *roles_: Role, community_id: str | None = None, grid_id: str | None = None
) -> list[Recipient]:
    """Everyone holding one of `roles_` in a place (staff includes admins if both are asked)."""
    query = (
        select(*_COLUMNS)
        .join(RoleAssignment, col(RoleAssignment.person_id) == col(Person.id))
        .where(col(RoleAssignment.role).in_([r.value for r in roles_]), col(RoleAssignment.revoked_at).is_(None))
        .order_by(col(Person.id))
    )
    if community_id is not None:
        query = query.where(RoleAssignment.community_id == community_id)
    if grid_id is not None:
        query = query.where(RoleAssignment.grid_id == grid_id)
    return _recipients((await uow.session.exec(query)).all())


async def community_residents(uow: UnitOfWork, community_id: str) -> list[Recipient]:
    """Residents who gave this community as their address, and everyone holding a role in it."""
    in_role = select(RoleAssignment.person_id).where(
        RoleAssignment.community_id == community_id, col(RoleAssignment.revoked_at).is_(None)
    )
    query = (
        select(*_COLUMNS)
        .where(or_(Person.community_id == community_id, col(Person.id).in_(in_role)))
        .order_by(col(Person.id))
    )
    return _recipients((await uow.session.exec(query)).all())


async def grid_residents(uow: UnitOfWork, grid_id: str) -> list[Recipient]:
    """Residents living in the grid's buildings, and the grid's own role holders."""
    buildings = select(Building.community_id, Building.name).where(Building.grid_id == grid_id)
    in_role = select(RoleAssignment.person_id).where(
        RoleAssignment.grid_id == grid_id, col(RoleAssignment.revoked_at).is_(None)
    )
    query = (
        select(*_COLUMNS)
        .where(
            or_(
                and_(
                    col(Person.building).is_not(None),
                    tuple_(Person.community_id, Person.building).in_(buildings),
                ),
                col(Person.id).in_(in_role),
            )
        )
        .order_by(col(Person.id))
    )
    return _recipients((await uow.session.exec(query)).all())


# --- enqueueing ------------------------------------------------------------------


async def already(uow: UnitOfWork, key: str) -> Notice | None:
    return (await uow.session.exec(select(Notice).where(Notice.key == key))).first()


async def enqueue(
    uow: UnitOfWork,
    *,
    kind: str,
    audience: str,
    text: str,
    people: Sequence[Recipient],
    reply_for: Callable[[Recipient], Reply],
    community_id: str | None = None,
    key: str | None = None,
    urgent: bool = False,
    author_id: int | None = None,
    commit: bool = True,
) -> Notice | None:
    """Write the notice and its outbox rows; None when a notice with `key` exists already.

    `reply_for` is called once per recipient (cache per language inside it
    when the text does not depend on the person).
    """
    now = uow.clock.now()
    values = {
        "key": key,
        "kind": kind,
        "community_id": community_id,
        "audience": audience[:128],
        "text": text[:MAX_TEXT],
        "urgent": urgent,
        "author_id": author_id,
        "recipients": len(people),
        "created_at": now,
    }
    table = Notice.__table__  # type: ignore[attr-defined]
    statement = insert(uow.session, table).values(**values)
    if key is not None:
        statement = statement.on_conflict_do_nothing(index_elements=["key"])
    notice_id = (await uow.session.exec(statement.returning(table.c.id))).scalar_one_or_none()
    if notice_id is None:
        return None
    not_before = earliest(uow, now, urgent=urgent)
    outbox_table = OutboxMessage.__table__  # type: ignore[attr-defined]
    payloads: dict[Reply, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    for person in people:
        reply = reply_for(person)
        payload = payloads.get(reply)
        if payload is None:
            payload = payloads[reply] = reply.to_dict()
        rows.append(
            {
                "person_id": person.person_id,
                "channel": person.channel,
                "address": person.address,
                "kind": kind,
                "payload": payload,
                "status": OutboxStatus.unreachable if person.unreachable else OutboxStatus.pending,
                "attempts": 0,
                "not_before": not_before,
                "created_at": now,
                "last_error": person.unreachable_reason[:500] if person.unreachable else None,
                "notice_id": notice_id,
            }
        )
        if len(rows) >= CHUNK:
            await uow.session.exec(outbox_table.insert(), params=rows)  # type: ignore[call-overload]
            rows = []
    if rows:
        await uow.session.exec(outbox_table.insert(), params=rows)  # type: ignore[call-overload]
    if commit:
        await uow.commit()
    return Notice(id=notice_id, **values)


def per_language(build: Callable[[Texts], Reply]) -> Callable[[Recipient], Reply]:
    """A `reply_for` that builds the reply once per language."""
    cache: dict[str, Reply] = {}

    def reply_for(person: Recipient) -> Reply:
        reply = cache.get(person.language)
        if reply is None:
            reply = cache[person.language] = build(Texts(person.language))
        return reply

    return reply_for


# --- delivery reports --------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    notice: Notice
    sent: int
    failed: int
    unreachable: int
    pending: int  # waiting (quiet hours, back-off) or being sent

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.unreachable + self.pending


async def report(uow: UnitOfWork, notice_id: int) -> Report:
    notice = await uow.session.get(Notice, notice_id)
    if notice is None:
        raise NotFound("announce.no_such_notice", id=notice_id)
    counts = await _counts(uow, notice_id)
    return Report(
        notice,
        sent=counts.get(OutboxStatus.sent, 0),
        failed=counts.get(OutboxStatus.failed, 0),
        unreachable=counts.get(OutboxStatus.unreachable, 0) + counts.get(OutboxStatus.missed, 0),  # told of it later
        pending=counts.get(OutboxStatus.pending, 0) + counts.get(OutboxStatus.sending, 0),
    )


async def _counts(uow: UnitOfWork, notice_id: int) -> dict[str, int]:
    """The notice's outbox rows by status, with those the retention rule deleted (bot.services.outbox_retention).

    One statement, so a cleanup committing meanwhile cannot count a row twice or not at all.
    """
    live = (
        select(col(OutboxMessage.status), func.count())
        .where(OutboxMessage.notice_id == notice_id)
        .group_by(col(OutboxMessage.status))
    )
    expired = [
        select(literal(status.value, String), column).where(col(Notice.id) == notice_id)
        for status, column in (
            (OutboxStatus.sent, col(Notice.expired_sent)),
            (OutboxStatus.failed, col(Notice.expired_failed)),
            (OutboxStatus.unreachable, col(Notice.expired_unreachable)),
        )
    ]
    counts: dict[str, int] = {}
    for status, count in (await uow.session.exec(union_all(live, *expired))).all():  # type: ignore[call-overload]
        counts[status] = counts.get(status, 0) + count
    return counts


async def recent(uow: UnitOfWork, community_ids: Sequence[str] | None, *, limit: int = 10) -> list[Report]:
    query = select(Notice).order_by(col(Notice.id).desc()).limit(limit)
    if community_ids is not None:
        query = query.where(col(Notice.community_id).in_(list(community_ids)))
    notices = (await uow.session.exec(query)).all()
    return [await report(uow, n.id) for n in notices if n.id is not None]


def check_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise InvalidInput("announce.empty_text")
    if len(text) > MAX_TEXT - 100:
        raise InvalidInput("announce.too_long", limit=MAX_TEXT - 100)
    return text
