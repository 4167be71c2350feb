"""The photo keeper against the WeChat API peer, on both databases: retries, limits, and two keepers at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from bot.app import build_app
from bot.channels.wechat.api import WeChatApi
from bot.models import Photo
from bot.services import people, photos
from bot.services.photos import PhotoKeeper
from tests.channels.wechat_harness import APPID, SECRET
from tests.conftest import make_settings
from tests.peers.wechat import WeChatPeer

PHOTO = b"\xff\xd8\xff\xe0" + b"x" * 2000


async def noted(app, media_ids: list[str]) -> None:  # noqa: ANN001
    """Photos a WeChat resident sent with a case, as the case service notes them."""
    async with app.db.uow() as uow:
        sender = await people.get_or_create(uow, "wechat", "o-resident")
        for media_id in media_ids:
            await photos.note(uow, sender, media_id, None)
            await photos.note(uow, sender, media_id, None)  # a retried message: still one photo
        await uow.commit()


async def states(app) -> list[tuple[str, int, bytes | None]]:  # noqa: ANN001
    async with app.db.uow() as uow:
        rows = (await uow.session.exec(select(Photo).order_by(Photo.id))).all()
        return [(p.state, p.attempts, p.data) for p in rows]


async def test_a_busy_platform_is_tried_again_later_and_an_oversize_photo_is_given_up(db_url, clock):
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        app = await build_app(make_settings(db_url, wechat_appid=APPID, wechat_secret=SECRET, wechat_api_url=peer.url), clock=clock)
        api = WeChatApi.create(app.settings, app.db)
        try:
            small, big = peer.add_media(PHOTO), peer.add_media(PHOTO * 10)
            await noted(app, [small, big])
            keeper = PhotoKeeper(app.db, "wechat", api.fetch_photo, max_bytes=len(PHOTO) * 2)
            peer.fail("/media/get", -1, times=1)  # 系统繁忙 for the first photo
            assert await keeper.run_once() == 2
            assert await states(app) == [("pending", 1, None), ("lost", 0, None)]
            assert await keeper.run_once() == 0  # not before its back-off
            clock.advance(timedelta(minutes=3))
            assert await keeper.run_once() == 1
            assert await states(app) == [("kept", 1, PHOTO), ("lost", 0, None)]
        finally:
            await api.close()
            await app.close()


async def test_two_keepers_fetch_each_photo_once(db_url, clock):
    async with WeChatPeer(appid=APPID, secret=SECRET) as peer:
        settings = make_settings(db_url, wechat_appid=APPID, wechat_secret=SECRET, wechat_api_url=peer.url)
        apps = [await build_app(settings, clock=clock) for _ in range(2)]  # two processes, one database
        apis = [WeChatApi.create(a.settings, a.db) for a in apps]
        try:
            media = [peer.add_media(PHOTO + bytes([n])) for n in range(6)]
            await noted(apps[0], media)
            keepers = [PhotoKeeper(a.db, "wechat", api.fetch_photo, max_bytes=10**6, batch_size=2) for a, api in zip(apps, apis)]
            while sum(await asyncio.gather(*(k.run_once() for k in keepers))):
                pass
            assert [s for s, _a, _d in await states(apps[0])] == ["kept"] * 6
            fetched = [c.params["media_id"] for c in peer.calls_to("/media/get")]
            assert sorted(fetched) == sorted(media)  # none fetched twice
        finally:
            for api, a in zip(apis, apps):
                await api.close()
                await a.close()


def test_a_photo_the_keeper_could_not_store_still_goes_by_reference_on_its_platform_but_a_forgotten_one_never():
    from datetime import UTC, datetime

    from bot.models import Person, Photo
    from bot.services.photos import FORGOTTEN, _shown

    now = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    viewer = Person(channel="wechat", channel_user_id="o-manager", language="zh", created_at=now, last_seen_at=now)
    failed = Photo(id=1, channel="wechat", ref="MEDIA_1", state="lost", created_at=now, next_try_at=now)
    assert _shown(failed, "MEDIA_1", "wechat", viewer, now).picture.ref == "MEDIA_1"  # too big to keep, still valid
    failed.state = FORGOTTEN
    shown = _shown(failed, "MEDIA_1", "wechat", viewer, now)
    assert shown.picture is None and shown.missing == "photos.lost"
