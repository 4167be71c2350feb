"""Photos sent with cases and wishes: noted with the record, fetched in the background, kept as bytes.

A platform's reference is not enough to show a photo later: WeChat keeps
a message's image for three days, and a Telegram file_id means nothing to
WeChat (nor a MediaId to Telegram). So `note` queues every photo in the
transaction that stores its record, and a keeper per channel (`PhotoKeeper`)
fetches the bytes soon after. Until then a viewer on the same platform is
shown the photo by its reference.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import col, select

from bot.core.messages import Picture
from bot.db.upsert import insert
from bot.db.uow import Database, UnitOfWork
from bot.models import Case, CaseEvent, Person, Photo, Wish
from bot.models.photos import HeldPhoto
from bot.services.background import keep_running

log = logging.getLogger(__name__)

CHANNELS = ("telegram", "wechat")  # platforms whose photos the bot can fetch
HELD_FOR = timedelta(minutes=30)  # a photo sent with no form open waits this long for the complaint begun next
WECHAT_KEEPS = timedelta(days=3)  # a message's MediaId is valid this long
LEASE = timedelta(minutes=2)  # a keeper that dies mid-fetch releases its photos after this
MAX_ATTEMPTS = 6
STILL_COMING = timedelta(hours=1)  # a photo not fetched by then is not said to be on its way
FORGOTTEN = "forgotten"  # a photo state: its sender asked to be forgotten, so it is neither kept nor sent on
EXPIRED = "expired"  # a photo state: past the retention period with nothing open needing it, its bytes erased
_WISHES_DONE = ("declined", "confirmed", "withdrawn", "lapsed")  # a wish in any other state may still need its photo


class PhotoGone(Exception):
    """The platform will never give these bytes (expired, unknown, too big)."""


Fetch = Callable[[str], Awaitable[tuple[bytes, str]]]  # a reference → (bytes, MIME type)


async def note(uow: UnitOfWork, sender: Person | None, ref: str | None, size: int | None = None) -> None:
    """Queue the photo `sender` just sent for keeping, once per reference, in the caller's transaction.

    The same photo may come again (forwarded to a wish after a case): one
    row, settled by the unique (channel, ref) even when two turns race.
    """
    if not ref or sender is None or sender.channel not in CHANNELS:
        return
    now = uow.clock.now()
    await uow.session.exec(  # type: ignore[call-overload]
        insert(uow.session, Photo)
        .values(channel=sender.channel, ref=ref, person_id=sender.id, size=size, next_try_at=now, created_at=now)
        .on_conflict_do_nothing(index_elements=["channel", "ref"])
    )


@dataclass(frozen=True)
class Shown:
    """What a viewer gets of one photo: the picture to send, or why there is none (a text key)."""

    picture: Picture | None
    missing: str | None = None  # photos.pending, photos.lost


async def shown(uow: UnitOfWork, viewer: Person, refs: list[tuple[str, Person | None]]) -> list[Shown]:
    """The photos behind `refs` (reference, who sent it) as `viewer` can be shown them.

    Callers decide who may see which photos; this only finds the bytes or a
    reference the viewer's platform understands.
    """
    result = []
    for ref, sender in refs:
        channel = sender.channel if sender is not None else None
        photo = None
        if channel is not None:
            query = select(Photo).where(Photo.channel == channel, Photo.ref == ref)
            photo = (await uow.session.exec(query)).first()
        result.append(_shown(photo, ref, channel, viewer, uow.clock.now()))
    return result


def _shown(photo: Photo | None, ref: str, channel: str | None, viewer: Person, now: datetime) -> Shown:
    if photo is not None and photo.state == "kept":
        return Shown(Picture(photo.id, photo.channel, photo.ref, photo.created_at, photo.mime_type, photo.data))
    if photo is not None and photo.state == FORGOTTEN:  # erased by /forget: not sent by its reference either
        return Shown(None, "photos.lost")
    if photo is not None and photo.state == EXPIRED:  # erased after the retention period: nor by its reference
        return Shown(None, "photos.expired")
    if channel == viewer.channel and _fresh(channel, photo.created_at if photo else None, now):
        return Shown(Picture(photo.id if photo else None, channel, ref, photo.created_at if photo else None))
    if photo is not None and photo.state == "pending":
        # Long pending: the platform keeps failing, or this installation cannot fetch from it at all
        # (a WeChat account without its AppSecret). "On its way" would then be a promise never kept.
        return Shown(None, "photos.pending" if now - photo.created_at < STILL_COMING else "photos.unfetched")
    return Shown(None, "photos.lost")


def _fresh(channel: str, taken: datetime | None, now: datetime) -> bool:
    """Whether the platform still knows the reference (Telegram's file_ids last)."""
    if channel != "wechat":
        return True
    return taken is not None and now - taken < WECHAT_KEEPS - timedelta(hours=1)


def usable_ref(picture: Picture, channel: str, now: datetime) -> str | None:
    """The reference `channel` can send the picture by, when it is that platform's and still valid."""
    if picture.channel == channel and _fresh(channel, picture.taken_at, now):
        return picture.ref
    return None


async def data_of(db: Database | None, picture: Picture) -> tuple[bytes, str] | None:
    """A picture's bytes: its own, or the kept ones when it travelled without (the outbox, a retry)."""
    if picture.data is not None:
        return picture.data, picture.mime_type
    if picture.photo_id is None or db is None:
        return None
    async with db.uow() as uow:
        photo = await uow.session.get(Photo, picture.photo_id)
        if photo is None or photo.data is None:
            return None
        return photo.data, photo.mime_type


async def forget_person(uow: UnitOfWork, person: Person) -> None:
    """/forget: the photos a person sent lose their bytes (the records say a photo was there)."""
    await uow.session.exec(  # type: ignore[call-overload]
        update(Photo)
        .where(col(Photo.person_id) == person.id)
        .values(data=None, state=FORGOTTEN, error="forgotten at the sender's request", person_id=None)
    )
    await uow.session.exec(delete(HeldPhoto).where(col(HeldPhoto.person_id) == person.id))  # type: ignore[call-overload]


async def hold(uow: UnitOfWork, person: Person, ref: str, size: int | None) -> int:
    """Hold a photo sent with no form open for the complaint the person begins next; returns how many are held.

    Residents often send the photo first and say what it shows after
    (楼下井盖坏了): answered 没有需要图片的事项, it was dropped. The same
    photo sent twice is held once.
    """
    now = uow.clock.now()
    held = await _held_rows(uow, person, now)
    if ref not in [row.ref for row in held]:
        row = HeldPhoto(person_id=person.id, ref=ref, size=size, created_at=now)  # type: ignore[arg-type]
        uow.session.add(row)
        held.append(row)
    return len(held)


async def take_held(uow: UnitOfWork, person: Person) -> list[tuple[str, int | None]]:
    """The photos held for the person (sent within HELD_FOR), oldest first, no longer held: a form takes them."""
    held = await _held_rows(uow, person, uow.clock.now())
    await uow.session.exec(delete(HeldPhoto).where(col(HeldPhoto.person_id) == person.id))  # type: ignore[call-overload]
    return [(row.ref, row.size) for row in held]


async def _held_rows(uow: UnitOfWork, person: Person, now: datetime) -> list[HeldPhoto]:
    """The person's held photos still in time, oldest first; those held too long are let go here."""
    await uow.session.exec(  # type: ignore[call-overload]
        delete(HeldPhoto).where(col(HeldPhoto.person_id) == person.id, col(HeldPhoto.created_at) < now - HELD_FOR)
    )
    query = select(HeldPhoto).where(HeldPhoto.person_id == person.id).order_by(col(HeldPhoto.id))
    return list((await uow.session.exec(query)).all())


async def expire(uow: UnitOfWork, retention: timedelta, now: datetime, *, batch: int = 500) -> int:
    """Erase the bytes of photos sent longer than `retention` before `now` that no open case or wish still needs.

    A photo of a stairwell or a leaking ceiling often shows a home or a face;
    it is kept while the matter is open or awaits its rating and for
    the retention period, then only the record that a photo was sent stays.
    Returns how many were erased; a later tick takes the rest.
    """
    from bot.services.cases.states import OPEN_STATES  # bot.services.cases imports this module

    cutoff = now - retention
    needing = (*OPEN_STATES, "resolved")  # resolved awaits the rating: 没解决 reopens it
    open_case = select(Case.id).where(Case.photo_ref == Photo.ref, col(Case.state).in_(needing))
    open_event = (
        select(CaseEvent.id)
        .join(Case, col(Case.id) == CaseEvent.case_id)
        .where(CaseEvent.photo_ref == Photo.ref, col(Case.state).in_(needing))
    )
    open_wish = select(Wish.id).where(Wish.photo_ref == Photo.ref, col(Wish.state).not_in(_WISHES_DONE))
    due = (
        select(Photo.id)
        .where(
            col(Photo.state).in_(("pending", "kept", "lost")),
            col(Photo.created_at) < cutoff,
            ~open_case.exists(),
            ~open_event.exists(),
            ~open_wish.exists(),
        )
        .limit(batch)
    )
    ids = list((await uow.session.exec(due)).all())
    if ids:
        await uow.session.exec(  # type: ignore[call-overload]
            update(Photo)
            .where(col(Photo.id).in_(ids))
            .values(data=None, state=EXPIRED, error="erased after the retention period")
        )
    await uow.commit()
    return len(ids)


class PhotoKeeper:
    """Fetches one channel's pending photos and stores their bytes; runs beside that channel's drainer."""

    def __init__(self, db: Database, channel: str, fetch: Fetch, *, max_bytes: int, batch_size: int = 4) -> None:
        self.db = db
        self.channel = channel
        self.fetch = fetch
        self.max_bytes = max_bytes
        self.batch_size = batch_size

    async def run_once(self) -> int:
        """Fetch one batch of due photos; returns how many were tried."""
        claimed = await self._claim()
        for photo_id, ref, attempts, created_at in claimed:
            await self._keep(photo_id, ref, attempts, created_at)
        return len(claimed)

    async def run_forever(self, stop: asyncio.Event, idle_seconds: float = 5.0) -> None:
        await keep_running(self.run_once, stop, idle_seconds, f"keeping {self.channel} photos")

    async def _claim(self) -> list[tuple[int, str, int, datetime]]:
        async with self.db.uow() as uow:
            now = uow.clock.now()
            query = (
                select(Photo)
                .where(Photo.channel == self.channel, Photo.state == "pending", col(Photo.next_try_at) <= now)
                .order_by(col(Photo.id))
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            )
            photos = list((await uow.session.exec(query)).all())
            for photo in photos:
                photo.next_try_at = now + LEASE  # other keepers leave it alone meanwhile
            claimed = [(p.id, p.ref, p.attempts, p.created_at) for p in photos]  # type: ignore[misc]
            await uow.commit()
        return claimed

    async def _keep(self, photo_id: int, ref: str, attempts: int, created_at: datetime) -> None:
        try:
            data, mime = await self.fetch(ref)
            if len(data) > self.max_bytes:
                raise PhotoGone(f"{len(data)} bytes, more than {self.max_bytes}")
        except PhotoGone as exc:
            await self._record(photo_id, state="lost", error=str(exc))
            return
        except Exception as exc:  # the platform or the network failed: try again later
            log.warning("fetching %s photo %s failed: %s", self.channel, photo_id, type(exc).__name__)
            await self._record(photo_id, error=f"{type(exc).__name__}: {exc}"[:300], attempts=attempts + 1)
            return
        await self._record(photo_id, state="kept", data=data, mime=mime)

    async def _record(
        self,
        photo_id: int,
        *,
        state: str | None = None,
        error: str | None = None,
        data: bytes | None = None,
        mime: str | None = None,
        attempts: int | None = None,
    ) -> None:
        async with self.db.uow() as uow:
            photo = await uow.session.get(Photo, photo_id)
            if photo is None or photo.state != "pending":  # forgotten meanwhile
                return
            now = uow.clock.now()
            photo.error = error
            if state == "kept":
                photo.state, photo.data, photo.size, photo.kept_at = "kept", data, len(data or b""), now
                photo.mime_type = mime or photo.mime_type
            elif state == "lost" or (attempts is not None and attempts >= MAX_ATTEMPTS):
                photo.state = "lost"
            if attempts is not None:
                photo.attempts = attempts
                photo.next_try_at = now + timedelta(minutes=2**attempts)
            await uow.commit()
