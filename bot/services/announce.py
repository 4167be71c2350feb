"""Announcements by staff: to a community, a grid or the holders of a role, previewed then confirmed.

`preview` counts the audience and checks the text without writing
anything; `send` writes the notice and its outbox rows. The confirmation
carries a one-time token that becomes the notice's key, so a double tap
or a platform retry of the confirmation sends nothing twice.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select

from bot.core.messages import Reply
from bot.db.uow import UnitOfWork
from bot.models import Grid, Notice, Person, Role
from bot.services import notices, roles
from bot.services.errors import InvalidInput, NotFound
from bot.texts import Texts

KINDS = ("announcement", "publicity")  # publicity: 一征三议两公开, the publication of a decision
ALL = "*"  # 全部: every community the staff member holds staff in


@dataclass(frozen=True)
class Preview:
    audience: notices.Audience
    label: str
    count: int
    text: str
    token: str  # the confirmation's one-time key


async def _authorise(uow: UnitOfWork, staff: Person | None, audience: notices.Audience) -> None:
    if staff is not None:
        await roles.require_role(uow, staff, Role.staff, community_id=audience.community_id)


async def staff_scopes(uow: UnitOfWork, staff: Person) -> list[str]:
    """The communities where `staff` may broadcast; refused for anyone else."""
    held = [
        a.community_id
        for a in await roles.roles_of(uow, staff)
        if a.role in (Role.staff.value, Role.admin.value) and a.community_id
    ]
    if not held:
        from bot.services.errors import PermissionDenied

        raise PermissionDenied()
    return list(dict.fromkeys(held))


async def communities_of(uow: UnitOfWork, staff: Person) -> list[tuple[str, str]]:
    """(id, name) of each community where `staff` may broadcast, to choose from; refused for anyone else."""
    from bot.services import org

    scopes = await staff_scopes(uow, staff)
    names = {community.id: community.name for community in await org.communities(uow)}
    return [(community_id, names.get(community_id, community_id)) for community_id in scopes]


async def chosen_communities(uow: UnitOfWork, staff: Person, chosen: str) -> list[str]:
    """The communities a notice goes to for the choice `chosen` (a community's id, or ALL): the staff member's own only.

    The choice comes back as a button payload, which anyone can forge: a
    community they hold no staff role in is refused, as is anyone not staff.
    """
    scopes = await staff_scopes(uow, staff)
    if chosen == ALL:
        return scopes
    if chosen not in scopes:
        from bot.services.errors import PermissionDenied

        raise PermissionDenied()
    return [chosen]


async def grids_of(uow: UnitOfWork, community_id: str) -> list[Grid]:
    from bot.services import org

    return await org.grids(uow, community_id)


def render(texts: Texts, kind: str, text: str) -> Reply:
    return Reply(texts.get(f"announce.header_{kind}") + "\n" + text)


async def preview(
    uow: UnitOfWork, staff: Person | None, audience: notices.Audience, text: str, *, kind: str = "announcement"
) -> Preview:
    await _authorise(uow, staff, audience)
    if kind not in KINDS:
        raise InvalidInput("announce.bad_kind")
    text = notices.check_text(text)
    people = await notices.recipients(uow, audience)
    if not people:
        raise InvalidInput("announce.empty_audience")
    texts = Texts(staff.language if staff is not None else "zh")
    label = await notices.audience_label(uow, audience, texts)
    return Preview(audience, label, len(people), text, secrets.token_hex(8))


async def send(
    uow: UnitOfWork,
    staff: Person | None,
    audience: notices.Audience,
    text: str,
    token: str,
    *,
    kind: str = "announcement",
    urgent: bool = False,
    reached: set[int] | None = None,
) -> tuple[Notice, bool]:
    """Broadcast; returns the notice and whether it is new (False: this confirmation was already sent).

    `reached`: people a notice of the same confirmation went to already
    (全部: staff of two communities are in both): left out, and added to.
    """
    await _authorise(uow, staff, audience)
    key = f"announce:{token}"
    existing = await notices.already(uow, key)
    if existing is not None:
        return existing, False
    text = notices.check_text(text)
    people = _not_yet(await notices.recipients(uow, audience), reached)
    if not people:
        raise InvalidInput("announce.empty_audience")
    notice = await notices.enqueue(
        uow,
        kind=kind,
        audience=audience.key,
        text=text,
        people=people,
        reply_for=notices.per_language(lambda texts: render(texts, kind, text)),
        community_id=audience.community_id,
        key=key,
        urgent=urgent,
        author_id=staff.id if staff is not None else None,
    )
    if notice is None:  # the same confirmation, at the same moment, from a retry
        existing = await notices.already(uow, key)
        if existing is None:
            raise NotFound("announce.no_such_notice", id=token)
        return existing, False
    return notice, True


async def preview_to(
    uow: UnitOfWork, staff: Person | None, audiences: list[notices.Audience], text: str, *, kind: str = "announcement"
) -> Preview:
    """`preview` for one audience or several (全部: one per community), counted as one person each."""
    if len(audiences) == 1:
        return await preview(uow, staff, audiences[0], text, kind=kind)
    for audience in audiences:
        await _authorise(uow, staff, audience)
    reached: set[int] = set()
    labels, texts = [], Texts(staff.language if staff is not None else "zh")
    for audience in audiences:
        if _not_yet(await notices.recipients(uow, audience), reached):
            labels.append(await notices.audience_label(uow, audience, texts))
    if not reached:
        raise InvalidInput("announce.empty_audience")
    if kind not in KINDS:
        raise InvalidInput("announce.bad_kind")
    return Preview(audiences[0], "、".join(labels), len(reached), notices.check_text(text), secrets.token_hex(8))


async def send_to(
    uow: UnitOfWork,
    staff: Person | None,
    audiences: list[notices.Audience],
    text: str,
    token: str,
    *,
    kind: str = "announcement",
    urgent: bool = False,
) -> list[tuple[Notice, bool]]:
    """`send` to one audience or several: a notice each (the first keyed by `token` alone, as for one), a person once.

    An audience left with nobody new is skipped, unless none has anyone.
    """
    for audience in audiences:
        await _authorise(uow, staff, audience)
    reached: set[int] = set()
    sent = []
    for n, audience in enumerate(audiences):
        key = token if n == 0 else f"{token}-{n}"
        existing = await notices.already(uow, f"announce:{key}")
        if existing is None and len(audiences) > 1 and not _not_yet(await notices.recipients(uow, audience), set(reached)):
            continue
        sent.append(await send(uow, staff, audience, text, key, kind=kind, urgent=urgent, reached=reached))
    if not sent:
        raise InvalidInput("announce.empty_audience")
    return sent


def _not_yet(people: list[notices.Recipient], reached: set[int] | None) -> list[notices.Recipient]:
    """Those of `people` not in `reached` (None: all of them), added to it."""
    if reached is None:
        return people
    fresh = [person for person in people if person.person_id not in reached]
    reached.update(person.person_id for person in fresh)
    return fresh


async def reports(uow: UnitOfWork, staff: Person | None, *, limit: int = 8) -> list[notices.Report]:
    """The latest notices of the staff member's communities with their delivery counts."""
    scopes = None if staff is None else await staff_scopes(uow, staff)
    return await notices.recent(uow, scopes, limit=limit)


async def report_for_staff(uow: UnitOfWork, staff: Person | None, notice_id: int) -> notices.Report:
    report = await notices.report(uow, notice_id)
    if staff is not None:
        if report.notice.community_id not in await staff_scopes(uow, staff):
            raise NotFound("announce.no_such_notice", id=notice_id)
    return report


CORRECTION_WINDOW = timedelta(hours=48)  # 通知写错了 is said of a notice just sent, not of last month's


async def last_own(uow: UnitOfWork, staff: Person) -> tuple[Notice, notices.Audience] | None:
    """The staff member's latest announcement or publicity (within CORRECTION_WINDOW) and its audience, to correct it.

    A sent notice cannot be recalled from phones; what staff can do is send
    a correction to the very same people, without choosing them again.
    """
    scopes = await staff_scopes(uow, staff)
    query = (
        select(Notice)
        .where(
            Notice.author_id == staff.id,
            col(Notice.kind).in_(KINDS),
            col(Notice.community_id).in_(scopes),
            col(Notice.created_at) >= uow.clock.now() - CORRECTION_WINDOW,
        )
        .order_by(col(Notice.id).desc())
        .limit(1)
    )
    notice = (await uow.session.exec(query)).first()
    if notice is None or notice.community_id is None:
        return None
    audience = _stored_audience(notice.audience, notice.community_id)
    return (notice, audience) if audience is not None else None


def _stored_audience(key: str, community_id: str) -> notices.Audience | None:
    """The audience a notice was sent to, from its stored key ("grid:wenfeng-01", "role:party_member@wenfeng")."""
    kind, _, rest = key.partition(":")
    if kind == "community":
        return notices.Audience("community", community_id)
    if kind == "grid":
        return notices.Audience("grid", community_id, rest)
    if kind == "role":
        role, _, where = rest.partition("@")
        return notices.Audience("role", community_id, None if where == community_id else where, role)
    return None
