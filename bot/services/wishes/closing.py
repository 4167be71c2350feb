"""The resident confirms (or says not yet) and thanks; due() releases stale claims and confirms old ones."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Person, Wish
from bot.services import outbox
from bot.services.deadlines import Rules
from bot.services.errors import Conflict, InvalidInput, PermissionDenied
from bot.services.wishes.lapsing import lapse_unclaimed
from bot.services.wishes.records import load, record_event
from bot.services.wishes.volunteering import release_claim
from bot.texts import Texts

async def confirm(uow: UnitOfWork, resident: Person, wish_id: int) -> Wish:
    wish = await load(uow, wish_id)
    if wish.person_id != resident.id:
        raise PermissionDenied()
    return await confirm_wish(uow, wish, resident, auto=False)


async def confirm_wish(uow: UnitOfWork, wish: Wish, actor: Person | None, *, auto: bool) -> Wish:
    """Shared by the resident's confirmation and the automatic one after `auto_confirm_days`."""
    now = uow.clock.now()
    done = await uow.session.exec(  # type: ignore[call-overload]
        update(Wish)
        .where(col(Wish.id) == wish.id, col(Wish.state) == "fulfilled")
        .values(state="confirmed", confirmed_at=now, auto_confirmed=auto, updated_at=now)
    )
    if done.rowcount != 1:
        raise Conflict("wishes.confirmed_already" if wish.state == "confirmed" else "wishes.not_fulfilled", id=wish.id)
    wish = await load(uow, wish.id)  # type: ignore[arg-type]
    record_event(uow, wish, "auto_confirm" if auto else "confirm", "fulfilled", actor)
    volunteer = await uow.session.get(Person, wish.claimed_by) if wish.claimed_by else None
    if volunteer is not None:
        texts = Texts(volunteer.language)
        outbox.push(
            uow, volunteer, Reply(texts.get("wishes.push_confirmed", id=wish.id, hours=f"{wish.hours or 0:g}")), kind="wish"
        )
    if auto:
        resident = await uow.session.get(Person, wish.person_id)
        if resident is not None:
            texts = Texts(resident.language)
            outbox.push(uow, resident, Reply(texts.get("wishes.push_auto_confirmed", id=wish.id, what=wish.what)), kind="wish")
    await uow.commit()
    return wish


async def not_yet(uow: UnitOfWork, resident: Person, wish_id: int, words: str | None = None) -> Wish:
    """The resident says it is not done: the volunteer is told and the claim goes on.

    `words` are what she said with it (还没有，说好昨天来的也没来): they go to
    the volunteer in the same push, not kept in the trail (as messages are not).
    """
    wish = await load(uow, wish_id)
    if wish.person_id != resident.id:
        raise PermissionDenied()
    if wish.state != "fulfilled":
        raise Conflict("wishes.not_fulfilled", id=wish_id)
    now = uow.clock.now()
    rules_hours = (wish.claim_expires_at - wish.claimed_at) if wish.claim_expires_at and wish.claimed_at else timedelta(hours=72)
    wish.state = "claimed"
    wish.fulfilled_at = None
    wish.hours = None
    wish.claim_expires_at = now + rules_hours
    wish.updated_at = now
    record_event(uow, wish, "not_yet", "fulfilled", resident)
    volunteer = await uow.session.get(Person, wish.claimed_by) if wish.claimed_by else None
    if volunteer is not None:
        texts = Texts(volunteer.language)
        # 请和居民联系 with no way to answer: the volunteer has her phone, but may answer through the bot too
        answer = Button(texts.get("wishes.reply_resident", id=wish.id), f"wish:msg:{wish.id}")
        said = (words or "").strip()[:500]
        told = texts.get("wishes.push_not_yet", id=wish.id, what=wish.what)
        if said:
            told += "\n" + texts.get("wishes.push_not_yet_words", words=said)
        outbox.push(uow, volunteer, Reply(told, rows(answer)), kind="wish")
    await uow.commit()
    return wish


async def check_thankable(uow: UnitOfWork, resident: Person, wish_id: int) -> Wish:
    """The wish if its maker may still thank its volunteer: checked before the words are asked, not after they are typed."""
    wish = await load(uow, wish_id)
    if wish.person_id != resident.id:
        raise PermissionDenied()
    if wish.state != "confirmed":
        raise Conflict("wishes.not_fulfilled", id=wish_id)
    if wish.thanks:
        raise Conflict("wishes.thanked_already", id=wish_id)
    return wish


async def thank(uow: UnitOfWork, resident: Person, wish_id: int, text: str) -> Wish:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("wishes.empty_thanks")
    wish = await check_thankable(uow, resident, wish_id)
    wish.thanks = text[:500]
    record_event(uow, wish, "thank", wish.state, resident, text)
    volunteer = await uow.session.get(Person, wish.claimed_by) if wish.claimed_by else None
    if volunteer is not None:
        texts = Texts(volunteer.language)
        outbox.push(uow, volunteer, Reply(texts.get("wishes.push_thanks", id=wish.id, text=text[:500])), kind="wish")
    await uow.commit()
    return wish


async def due(uow: UnitOfWork, now: datetime, rules: Rules) -> int:
    """Release expired claims, confirm long-fulfilled wishes, lapse unclaimed ones past their date;
    idempotent (conditional updates)."""
    done = await lapse_unclaimed(uow, now, rules.calendar.timezone)
    expired = select(Wish).where(Wish.state == "claimed", col(Wish.claim_expires_at) <= now).order_by(col(Wish.id))
    for wish in list((await uow.session.exec(expired)).all()):
        try:
            await release_claim(uow, wish, None, "expire")
            done += 1
        except Conflict:
            await uow.rollback()
    cutoff = now - timedelta(days=rules.auto_confirm_days)
    stale = select(Wish).where(Wish.state == "fulfilled", col(Wish.fulfilled_at) <= cutoff).order_by(col(Wish.id))
    for wish in list((await uow.session.exec(stale)).all()):
        try:
            await confirm_wish(uow, wish, None, auto=True)
            done += 1
        except Conflict:
            await uow.rollback()
    return done
