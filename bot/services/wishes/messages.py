"""Words between a wish's maker and the volunteer who claimed it, passed on by the bot.

跟志愿者说我下午三点以后在家 got the guide to registering as a volunteer,
and a volunteer's 问一下阿姨收音机要什么样的 the guide to housekeeping:
neither side could reach the other through the bot (the resident never
gets the volunteer's phone). Only the maker and the claimer of a wish under
way may pass words on, each to the other; anyone else, a forged button
included, is refused here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Person, Wish
from bot.services import outbox
from bot.services.errors import Conflict, PermissionDenied
from bot.services.wishes.records import load, record_event, volunteer_name

UNDER_WAY = ("claimed", "fulfilled")  # a claimer to speak to; fulfilled may still need a word (还差个遥控器)
WAITING = ("pending", "approved")  # no claimer yet


@dataclass(frozen=True)
class Passed:
    """The wish the words went with, and whether they went to its volunteer (else to its maker)."""

    wish: Wish
    to_volunteer: bool


async def speakable(uow: UnitOfWork, person: Person) -> list[Wish]:
    """The wishes `person` may pass words on for: theirs with a claimer, and the ones they hold as claimer."""
    query = (
        select(Wish)
        .where(col(Wish.state).in_(UNDER_WAY), col(Wish.claimed_by).is_not(None))
        .where((Wish.person_id == person.id) | (Wish.claimed_by == person.id))
        .order_by(col(Wish.id))
    )
    return list((await uow.session.exec(query)).all())


async def waiting_for_a_claimer(uow: UnitOfWork, person: Person) -> list[Wish]:
    """The person's wishes nobody has claimed yet (为什么志愿者还没来 is answered with these)."""
    query = select(Wish).where(Wish.person_id == person.id, col(Wish.state).in_(WAITING)).order_by(col(Wish.id))
    return list((await uow.session.exec(query)).all())


async def withdrawn_from(uow: UnitOfWork, volunteer: Person, *, days: int = 7) -> Wish | None:
    """The wish this volunteer held that its maker withdrew lately: 跟阿姨说我明天到 is answered with it, not a guide."""
    since = uow.clock.now() - timedelta(days=days)
    query = (
        select(Wish)
        .where(Wish.claimed_by == volunteer.id, Wish.state == "withdrawn", col(Wish.updated_at) >= since)
        .order_by(col(Wish.updated_at).desc())
        .limit(1)
    )
    return (await uow.session.exec(query)).first()


async def check_speaker(uow: UnitOfWork, person: Person, wish_id: int) -> Wish:
    """The wish if `person` may pass words on for it now; refused for anyone but its maker and claimer."""
    wish = await load(uow, wish_id)
    if person.id not in (wish.person_id, wish.claimed_by):
        raise PermissionDenied()
    if wish.state not in UNDER_WAY or wish.claimed_by is None:
        key = "wishes.msg_no_claimer" if wish.state in WAITING else "wishes.msg_closed"
        raise Conflict(key, id=wish_id)
    return wish


async def pass_on(uow: UnitOfWork, person: Person, wish_id: int, words: str) -> Passed:
    """Push `words` to the other side of the wish, with a button to answer; the words are not logged."""
    wish = await check_speaker(uow, person, wish_id)
    to_volunteer = person.id == wish.person_id
    words = words.strip()[:500]
    if to_volunteer:
        to_id = wish.claimed_by
        build = lambda texts: Reply(  # noqa: E731
            texts.get("wishes.push_msg_from_resident", id=wish.id, what=wish.what[:30], words=words),
            rows(Button(texts.get("wishes.reply_resident", id=wish.id), f"wish:msg:{wish.id}")),
        )
    else:
        to_id = wish.person_id
        build = lambda texts: Reply(  # noqa: E731
            texts.get(
                "wishes.push_msg_from_volunteer", id=wish.id, what=wish.what[:30], volunteer=volunteer_name(person, texts), words=words
            ),
            rows(Button(texts.get("wishes.reply_volunteer", id=wish.id), f"wish:msg:{wish.id}")),
        )
    assert to_id is not None
    await outbox.push_to(uow, to_id, build, kind="wish")
    record_event(uow, wish, "message", wish.state, person, "to=volunteer" if to_volunteer else "to=resident")
    await uow.commit()
    return Passed(wish, to_volunteer)
