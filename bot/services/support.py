"""Unanswered questions and handing a resident over to the staff (转人工).

Handed-over questions go as pushes to the community's staff; a staff reply
is relayed to the resident through the outbox. Every line is kept, and the
unanswered questions are counted, so the knowledge base improves where
residents need it most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.logs import mask
from bot.models import Community, Handover, HandoverMessage, Person, Role, UnansweredQuestion
from bot.services import org, outbox, people, roles
from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.texts import Texts

MAX_KEY = 200


COUNT_UNANSWERED = (
    "INSERT INTO unanswered_questions (key, text, intent, count, first_asked_at, last_asked_at)"
    " VALUES (?, ?, ?, 1, ?, ?)"
    " ON CONFLICT (key) DO UPDATE SET count = unanswered_questions.count + 1, last_asked_at = excluded.last_asked_at"
    " RETURNING id"
)


async def record_unanswered(uow: UnitOfWork, text: str, key: str, intent: str) -> int:
    """Count a question the bot could not answer; returns its id. Safe under concurrency.

    One statement, part of the turn's own transaction (it is turn bookkeeping,
    run for every unanswered message, so it goes straight to the driver).
    """
    sql = await uow.direct()
    now = sql.time(uow.clock.now())
    key = _without_codes(key[:MAX_KEY] or text[:MAX_KEY])
    for code in _CODE.findall(text):  # a printed code, lower-cased in the key where no pattern sees it
        key = key.replace(code.lower(), "********")
    key, text = _without_who(key), _without_who(_without_codes(mask(text)))
    row = await sql.one(COUNT_UNANSWERED, key, text[:500], intent, now, now)
    assert row is not None
    return int(row[0])


# An invite code (8 characters of bot.services.roles.CODE_ALPHABET, digits among them) typed in a
# way the bot did not take as binding: whoever reads the log must not be able to use it.
# Printed codes are upper case: eight such letters are masked even without a digit (lower case, they are words).
_CODE = re.compile(
    r"(?i:(?<![a-z0-9])(?=[a-z]*[2-9])[a-hj-np-z2-9]{8}(?![a-z0-9]))|(?<![A-Za-z0-9])[A-HJ-NP-Z2-9]{8}(?![A-Za-z0-9])"
)


def _without_codes(text: str) -> str:
    return _CODE.sub("********", text)


# Who asked, said in passing (我叫王秀英，住3号楼2单元502): the log is read to improve the knowledge
# base, which needs the question, not the name or the door. The surname and the building stay.
# 我是 + a name is told from 我是低保户 by the surname: the hundred commonest cover nearly everyone.
_SURNAMES = people.COMMON_SURNAMES
_WHO = (
    (re.compile(r"((?:我|俺)叫|名字(?:叫|是)|叫我)([\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}"), r"\1\2**"),
    (re.compile(rf"((?:我|俺)是)([{_SURNAMES}])[\u4e00-\u9fff]{{1,2}}(?=[^\u4e00-\u9fff]|$|我|俺|住|家)"), r"\1\2**"),
    (re.compile(r"((?:号楼|栋|幢)\s*)\d{3,4}(?!\d)"), r"\1***"),
    (re.compile(r"(单元\s*)\d{2,4}"), r"\1***"),
    (re.compile(r"(?<!\d)\d{3,4}(\s*(?:室|号房|房间|房))"), r"***\1"),
    (re.compile(r"(?<!\d)(\d{1,3}\s*[-－]\s*\d{1,2}\s*[-－]\s*)\d{3,4}(?!\d)"), r"\1***"),
)


def _without_who(text: str) -> str:
    for pattern, replacement in _WHO:
        text = pattern.sub(replacement, text)
    return text


# A shared link (a forwarded article) is kept like a question, so that 转人工 can carry it to the
# staff, but it is not a gap in the knowledge base: `kb unanswered` leaves it out.
LINK = "link"
# So is a matter another office handles (身份证丢了): answered, but kept so that 找工作人员 under the
# answer carries the question to the staff instead of asking the resident to type it again.
ELSEWHERE = "elsewhere"
_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+")


def shares_link(text: str) -> bool:
    return _URL.search(text) is not None


async def unanswered(uow: UnitOfWork, *, limit: int = 100, links: bool = False) -> list[UnansweredQuestion]:
    query = select(UnansweredQuestion)
    if not links:
        query = query.where(col(UnansweredQuestion.intent).not_in((LINK, ELSEWHERE)))
    query = query.order_by(col(UnansweredQuestion.count).desc(), col(UnansweredQuestion.last_asked_at).desc()).limit(limit)
    return list((await uow.session.exec(query)).all())


async def question_text(uow: UnitOfWork, question_id: int) -> str | None:
    question = await uow.session.get(UnansweredQuestion, question_id)
    return question.text if question else None


@dataclass(frozen=True)
class Opened:
    handover: Handover
    staff_told: int  # how many staff members were pushed the question
    centre_phone: str | None


async def open_handover(uow: UnitOfWork, person: Person, question: str, *, unhandled: bool = False) -> Opened:
    """Pass the resident's question to the staff of their community.

    `unhandled`: the words are a message the bot failed to handle (an error
    inside its turn); the staff are told so, since no answer went with them.
    """
    question = question.strip()
    if not question:
        raise InvalidInput("handover.empty")
    waiting = None if unhandled else await _waiting(uow, person)
    if waiting is not None:  # asked again before anyone answered: the same conversation, not a second one to answer
        staff = await _add_words(uow, waiting, person, question)
        community = await uow.session.get(Community, waiting.community_id) if waiting.community_id else None
        await uow.commit()
        return Opened(waiting, len(staff), community.phone if community else None)
    now = uow.clock.now()
    community_id = await org.community_id_of(uow, person)
    handover = Handover(
        person_id=person.id,  # type: ignore[arg-type]
        community_id=community_id,
        question=question[:2000],
        created_at=now,
        updated_at=now,
    )
    uow.session.add(handover)
    await uow.session.flush()
    uow.session.add(
        HandoverMessage(
            handover_id=handover.id,  # type: ignore[arg-type]
            author_id=person.id,  # type: ignore[arg-type]
            from_staff=False,
            text=question[:2000],
            created_at=now,
        )
    )
    key = "handover.unhandled_to_staff" if unhandled else "handover.to_staff"
    staff = await _tell_staff(uow, handover, person, key, question=question[:2000])
    community = await uow.session.get(Community, community_id) if community_id else None
    await uow.commit()
    return Opened(handover, len(staff), community.phone if community else None)


FOLLOW_UP_HOURS = 24  # a message the bot cannot answer this soon after a handover goes on to its staff


async def recent_handover(uow: UnitOfWork, person: Person) -> Handover | None:
    """The person's 转人工 still going on (open, or answered within FOLLOW_UP_HOURS), latest first."""
    # Asked on every message the bot cannot answer, and almost always empty:
    # one direct statement, the ORM only for the handover found.
    sql = await uow.direct()
    since = sql.time(uow.clock.now() - timedelta(hours=FOLLOW_UP_HOURS))
    row = await sql.one(_RECENT_HANDOVER, person.id, since)
    return await uow.session.get(Handover, row[0]) if row else None


_RECENT_HANDOVER = (
    "SELECT id FROM handovers WHERE person_id = ? AND status IN ('open', 'answered') AND updated_at >= ?"
    " ORDER BY updated_at DESC, id DESC LIMIT 1"
)


async def follow_up(uow: UnitOfWork, person: Person, text: str, *, handover_id: int | None = None) -> Handover | None:
    """Pass a resident's next words to the staff of their recent handover (or of `handover_id`, theirs).

    "好的，那需要带银行卡吗" typed after a staff reply, or "我住北苑2号楼"
    typed while still waiting for one, belongs to that conversation;
    without this it was logged as a question nobody could answer and the
    staff never saw it. Returns None when there is no such handover: none
    recent, someone else's, or one passed to the grid (its case goes on).
    """
    text = text.strip()
    if handover_id is None:
        handover = await recent_handover(uow, person)
    else:
        handover = await uow.session.get(Handover, handover_id)
        if handover is not None and (handover.person_id != person.id or handover.status == PASSED):
            handover = None
    if handover is None or not text:
        return None
    await _add_words(uow, handover, person, text)
    return handover


async def _waiting(uow: UnitOfWork, person: Person) -> Handover | None:
    """The person's latest 转人工 no one has answered yet, if any."""
    query = (
        select(Handover)
        .where(Handover.person_id == person.id, Handover.status == "open")
        .order_by(col(Handover.id).desc())
        .limit(1)
    )
    return (await uow.session.exec(query)).first()


async def _add_words(uow: UnitOfWork, handover: Handover, person: Person, text: str) -> list[Person]:
    """The resident's further words on `handover`, pushed to its staff as 接着问; returns who was told."""
    now = uow.clock.now()
    uow.session.add(
        HandoverMessage(handover_id=handover.id, author_id=person.id, from_staff=False, text=text[:2000], created_at=now)  # type: ignore[arg-type]
    )
    handover.status, handover.updated_at = "open", now
    return await _tell_staff(uow, handover, person, "handover.follow_up_to_staff", text=text[:2000])


async def _tell_staff(uow: UnitOfWork, handover: Handover, resident: Person, key: str, **params: str) -> list[Person]:
    """Push the resident's words to the community's staff, each with 回复他; returns who was told.

    A staff member asking is not told: their own question, pushed to them,
    made their next words a reply to themselves.
    """
    staff = [member for member in await roles.community_staff(uow, handover.community_id) if member.id != resident.id]
    who = people.resident_label(resident)
    for member in staff:
        texts = Texts(member.language)
        reply = Reply(
            texts.get(key, id=handover.id, who=who, **params),
            rows(
                Button(texts.get("handover.reply_button"), f"hreply:{handover.id}"),
                Button(texts.get("handover.pass_button"), f"hgrid:{handover.id}"),
                per_row=2,
            ),
        )
        outbox.push(uow, member, reply, kind="handover")
    return staff


async def staff_reply(uow: UnitOfWork, staff: Person, handover_id: int, text: str) -> Handover:
    """Relay a staff member's answer to the resident; only staff of that community may."""
    text = text.strip()
    if not text:
        raise InvalidInput("handover.empty_reply")
    handover = await handover_for_staff(uow, staff, handover_id)
    resident = await uow.session.get(Person, handover.person_id)
    assert resident is not None
    now = uow.clock.now()
    uow.session.add(
        HandoverMessage(
            handover_id=handover_id,
            author_id=staff.id,  # type: ignore[arg-type]
            from_staff=True,
            text=text[:2000],
            created_at=now,
        )
    )
    handover.status = "answered"
    handover.updated_at = now
    texts = Texts(resident.language)
    outbox.push(
        uow,
        resident,
        Reply(
            texts.get("handover.to_resident", question=handover.question[:60], answer=text),
            rows(Button(texts.get("handover.ask_more"), f"hmore:{handover.id}")),  # what is asked next goes on here
        ),
        kind="handover",
    )
    await uow.commit()
    return handover


PASSED = "passed"  # a handover turned into a case for the grid: the grid's workflow answers it now


async def handover_for_staff(uow: UnitOfWork, staff: Person, handover_id: int) -> Handover:
    """The handover, if `staff` may answer it; a forged button id gets nothing.

    Someone who is no staff anywhere is refused before the number is looked
    up: 没有这个编号 against 没有权限 would tell them which numbers exist.
    """
    await _staff_communities(uow, staff)
    handover = await uow.session.get(Handover, handover_id)
    if handover is None:
        raise NotFound("handover.no_such", id=handover_id)
    if not await roles.has_role(uow, staff, Role.staff, community_id=handover.community_id):
        raise PermissionDenied()
    return handover


async def last_staff_reply(uow: UnitOfWork, handover: Handover) -> HandoverMessage | None:
    """The latest answer a staff member sent on `handover`: shown to a second one about to answer it too."""
    query = (
        select(HandoverMessage)
        .where(HandoverMessage.handover_id == handover.id, col(HandoverMessage.from_staff).is_(True))
        .order_by(col(HandoverMessage.id).desc())
        .limit(1)
    )
    return (await uow.session.exec(query)).first()


async def _staff_communities(uow: UnitOfWork, staff: Person) -> set[str | None]:
    """The communities `staff` answers for as staff or admin; refused when none."""
    held = [a for a in await roles.roles_of(uow, staff) if a.role in (Role.staff.value, Role.admin.value)]
    if not held:
        raise PermissionDenied()
    return {a.community_id for a in held}


async def open_handovers(uow: UnitOfWork, staff: Person) -> list[Handover]:
    """The open questions a staff member may answer."""
    communities = await _staff_communities(uow, staff)
    # The limit after choosing the communities: other communities' waiting questions must not hide theirs.
    query = (
        select(Handover)
        .where(
            Handover.status == "open",
            col(Handover.community_id).in_(communities) | col(Handover.community_id).is_(None),
        )
        .order_by(col(Handover.id))
        .limit(20)
    )
    return list((await uow.session.exec(query)).all())


async def latest_words(uow: UnitOfWork, handover_ids: list[int]) -> dict[int, str]:
    """Each handover's last words from the resident: what staff answer is often a follow-up, not the question."""
    if not handover_ids:
        return {}
    query = (
        select(HandoverMessage.handover_id, HandoverMessage.text)
        .where(col(HandoverMessage.handover_id).in_(handover_ids), col(HandoverMessage.from_staff).is_(False))
        .order_by(col(HandoverMessage.id))
    )
    return {handover_id: text for handover_id, text in (await uow.session.exec(query)).all()}


async def exchanges(uow: UnitOfWork, *, limit: int = 50) -> list[tuple[Handover, list[HandoverMessage]]]:
    """Recent handovers with their lines, for `resident-bot kb handovers`."""
    handovers = (await uow.session.exec(select(Handover).order_by(col(Handover.id).desc()).limit(limit))).all()
    result = []
    for handover in handovers:
        lines = (
            await uow.session.exec(
                select(HandoverMessage)
                .where(HandoverMessage.handover_id == handover.id)
                .order_by(col(HandoverMessage.id))
            )
        ).all()
        result.append((handover, list(lines)))
    return result
