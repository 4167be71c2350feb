"""Roles and one-time binding codes. Every role check of the bot lives here."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Community, Grid, Invite, Person, Role, RoleAssignment, Street
from bot.services import org, outbox, people
from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.texts import Texts

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and retyped
CODE_LENGTH = 8


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(r.value for r in Role if r is not Role.resident)
        raise InvalidInput("roles.unknown_role", role=value, roles=names) from None


@dataclass(frozen=True)
class Scope:
    grid_id: str | None
    community_id: str | None
    street_id: str | None = None


async def resolve_scope(
    uow: UnitOfWork, role: Role, grid_id: str | None, community_id: str | None, street_id: str | None = None
) -> Scope:
    """Where a role is held: a grid for grid roles, a street for street roles, a community for the others."""
    session = uow.session
    if role is Role.resident:
        raise InvalidInput("roles.resident_is_default")
    if role.scope == "street":
        if not street_id:
            ids = list((await session.exec(select(Street.id).limit(2))).all())
            if len(ids) != 1:
                raise InvalidInput("roles.street_required", role=role.value)
            street_id = ids[0]
        if await session.get(Street, street_id) is None:
            raise NotFound("roles.unknown_street", street=street_id)
        return Scope(grid_id=None, community_id=None, street_id=street_id)
    if role.scope == "grid":
        if not grid_id:
            raise InvalidInput("roles.grid_required", role=role.value)
        grid = await session.get(Grid, grid_id)
        if grid is None:
            raise NotFound("roles.unknown_grid", grid=grid_id)
        return Scope(grid_id=grid.id, community_id=grid.community_id)
    if grid_id:
        grid = await session.get(Grid, grid_id)
        if grid is None:
            raise NotFound("roles.unknown_grid", grid=grid_id)
        community_id = community_id or grid.community_id
    if community_id:
        if await session.get(Community, community_id) is None:
            raise NotFound("roles.unknown_community", community=community_id)
        return Scope(grid_id=None, community_id=community_id)
    only = await org.only_community_id(session)
    if only is None:
        raise InvalidInput("roles.community_required")
    return Scope(grid_id=None, community_id=only)


async def create_invite(
    uow: UnitOfWork,
    role: Role,
    *,
    grid_id: str | None = None,
    community_id: str | None = None,
    street_id: str | None = None,
    ttl: timedelta,
    note: str | None = None,
) -> Invite:
    scope = await resolve_scope(uow, role, grid_id, community_id, street_id)
    now = uow.clock.now()
    invite = Invite(
        code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
        role=role.value,
        grid_id=scope.grid_id,
        community_id=scope.community_id,
        street_id=scope.street_id,
        note=note,
        created_at=now,
        expires_at=now + ttl,
    )
    uow.session.add(invite)
    await uow.commit()
    return invite


def normalise_code(raw: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKC", raw).upper() if ch.isalnum())


async def bind(uow: UnitOfWork, person: Person, raw_code: str) -> RoleAssignment:
    """Give `person` the role of a valid, unused, unexpired code; the code is spent."""
    code = normalise_code(raw_code)
    now = uow.clock.now()
    invite = await uow.session.get(Invite, code) if code else None
    if invite is None:
        raise InvalidInput("roles.bad_code")
    if invite.used_at is not None:
        raise InvalidInput("roles.already_have" if invite.used_by == person.id else "roles.code_used")
    if invite.expires_at <= now:
        raise InvalidInput("roles.code_expired")
    if await _active(uow, person.id, Role(invite.role), invite.grid_id, invite.community_id, invite.street_id):  # type: ignore[arg-type]
        raise InvalidInput("roles.already_have")
    spent = await uow.session.exec(  # type: ignore[call-overload]
        update(Invite)
        .where(col(Invite.code) == code, col(Invite.used_at).is_(None), col(Invite.expires_at) > now)
        .values(used_at=now, used_by=person.id)
    )
    if spent.rowcount != 1:  # someone else used it a moment ago
        raise InvalidInput("roles.code_used")
    assignment = RoleAssignment(
        person_id=person.id,  # type: ignore[arg-type]
        role=invite.role,
        grid_id=invite.grid_id,
        community_id=invite.community_id,
        street_id=invite.street_id,
        granted_at=now,
        invite_code=code,
    )
    uow.session.add(assignment)
    await uow.session.flush()
    await _tell_admins(uow, person, assignment)
    await uow.commit()
    return assignment


async def _tell_admins(uow: UnitOfWork, person: Person, assignment: RoleAssignment) -> None:
    admins = await holders(uow, Role.admin, community_id=assignment.community_id)
    for admin in admins:
        if admin.id == person.id:
            continue
        texts = Texts(admin.language)
        who = people.colleague_label(person)
        place = await place_name(uow, assignment, texts)
        outbox.push(
            uow,
            admin,
            Reply(texts.get("roles.admin_notice", who=who, role=texts.get(f"roles.names.{assignment.role}"), place=place)),
            kind="role",
        )


async def _active(
    uow: UnitOfWork, person_id: int, role: Role, grid_id: str | None, community_id: str | None, street_id: str | None = None
) -> RoleAssignment | None:
    query = select(RoleAssignment).where(
        RoleAssignment.person_id == person_id,
        RoleAssignment.role == role.value,
        col(RoleAssignment.revoked_at).is_(None),
    )
    query = query.where(
        col(RoleAssignment.grid_id).is_(None) if grid_id is None else RoleAssignment.grid_id == grid_id
    )
    if community_id is not None:
        query = query.where(RoleAssignment.community_id == community_id)
    if street_id is not None:
        query = query.where(RoleAssignment.street_id == street_id)
    return (await uow.session.exec(query)).first()


async def roles_of(uow: UnitOfWork, person: Person) -> list[RoleAssignment]:
    query = (
        select(RoleAssignment)
        .where(RoleAssignment.person_id == person.id, col(RoleAssignment.revoked_at).is_(None))
        .order_by(col(RoleAssignment.id))
    )
    return list((await uow.session.exec(query)).all())


async def has_role(
    uow: UnitOfWork,
    person: Person,
    *roles: Role,
    grid_id: str | None = None,
    community_id: str | None = None,
    street_id: str | None = None,
) -> bool:
    """Whether the person holds one of `roles` where it matters.

    A grid role counts only in its grid; a community role counts for every
    grid of its community; a street role counts in its street (`street_id`);
    an admin counts as staff.
    """
    wanted = {r.value for r in roles}
    if Role.staff.value in wanted:
        wanted.add(Role.admin.value)
    if grid_id is not None and community_id is None:
        grid = await uow.session.get(Grid, grid_id)
        community_id = grid.community_id if grid else None
    for held in await roles_of(uow, person):
        if held.role not in wanted:
            continue
        if held.street_id is not None:
            if street_id is None or held.street_id == street_id:
                return True
            continue
        if held.grid_id is not None:
            if grid_id is None or held.grid_id == grid_id:
                if community_id is None or held.community_id == community_id:
                    return True
        elif community_id is None or held.community_id == community_id:
            return True
    return False


async def require_role(
    uow: UnitOfWork,
    person: Person,
    *roles: Role,
    grid_id: str | None = None,
    community_id: str | None = None,
    street_id: str | None = None,
) -> None:
    if not await has_role(uow, person, *roles, grid_id=grid_id, community_id=community_id, street_id=street_id):
        raise PermissionDenied()


async def holders(
    uow: UnitOfWork,
    role: Role,
    *,
    grid_id: str | None = None,
    community_id: str | None = None,
    street_id: str | None = None,
) -> list[Person]:
    """Everyone holding `role` in a place, e.g. the admins to tell of a new binding."""
    query = (
        select(Person)
        .join(RoleAssignment, col(RoleAssignment.person_id) == col(Person.id))
        .where(RoleAssignment.role == role.value, col(RoleAssignment.revoked_at).is_(None))
        .order_by(col(Person.id))
    )
    if grid_id is not None:
        query = query.where(RoleAssignment.grid_id == grid_id)
    if community_id is not None:
        query = query.where(RoleAssignment.community_id == community_id)
    if street_id is not None:
        query = query.where(RoleAssignment.street_id == street_id)
    return list((await uow.session.exec(query)).unique().all())


async def community_staff(uow: UnitOfWork, community_id: str | None) -> list[Person]:
    """The community's staff and then its admins, each once: who answers for the community."""
    staff = await holders(uow, Role.staff, community_id=community_id)
    staff += [p for p in await holders(uow, Role.admin, community_id=community_id) if p not in staff]
    return staff


@dataclass(frozen=True)
class Holding:
    assignment: RoleAssignment
    person: Person


async def list_assignments(uow: UnitOfWork, *, include_revoked: bool = False) -> list[Holding]:
    query = select(RoleAssignment, Person).join(Person, col(Person.id) == col(RoleAssignment.person_id))
    if not include_revoked:
        query = query.where(col(RoleAssignment.revoked_at).is_(None))
    rows = (await uow.session.exec(query.order_by(col(RoleAssignment.id)))).all()
    return [Holding(assignment, person) for assignment, person in rows]


async def revoke(uow: UnitOfWork, assignment_id: int) -> Holding:
    assignment = await uow.session.get(RoleAssignment, assignment_id)
    if assignment is None or assignment.revoked_at is not None:
        raise NotFound("roles.no_such_assignment", id=assignment_id)
    person = await uow.session.get(Person, assignment.person_id)
    assert person is not None
    assignment.revoked_at = uow.clock.now()
    texts = Texts(person.language)
    place = await place_name(uow, assignment, texts)
    outbox.push(
        uow,
        person,
        Reply(texts.get("roles.revoked_notice", role=texts.get(f"roles.names.{assignment.role}"), place=place)),
        kind="role",
    )
    await uow.commit()
    return Holding(assignment, person)


async def place_name(uow: UnitOfWork, assignment: RoleAssignment | Invite, texts: Texts) -> str:
    if assignment.grid_id:
        grid = await uow.session.get(Grid, assignment.grid_id)
        community = await uow.session.get(Community, grid.community_id) if grid else None
        return f"{community.name if community else ''}{grid.name if grid else assignment.grid_id}"
    if assignment.community_id:
        community = await uow.session.get(Community, assignment.community_id)
        return community.name if community else assignment.community_id
    if getattr(assignment, "street_id", None):
        street = await uow.session.get(Street, assignment.street_id)
        return street.name if street else str(assignment.street_id)
    return ""
