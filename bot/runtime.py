"""The background side of a running bot: outbox drainers, photo keepers and the elected scheduler.

Shared by `resident-bot serve` (bot/web.py, alongside the webhooks) and
`resident-bot worker` (bot/cli/worker.py, without a web server), so both
start and stop the same things in the same order.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.app import App
from bot.services.delivery import Drainer, Sender
from bot.services.photos import Fetch, PhotoKeeper

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """What the running process holds, reachable from request handlers and tests."""

    app: App
    telegram: object | None = None  # TelegramChannel, when serving the Telegram webhook or polling
    wechat: object | None = None  # WeChatChannel, when serving the WeChat callback
    closers: list[Callable[[], Awaitable[object]]] = field(default_factory=list)  # run at shutdown, in order
    drainers: list[Drainer] = field(default_factory=list)
    keepers: list[PhotoKeeper] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    scheduler: object | None = None  # scheduler.leader.LeaderScheduler, when this process campaigns

    def add_drainer(self, channel: str, sender: Sender, *, rate_per_second: float, chat_rate_per_second: float) -> Drainer:
        settings = self.app.settings
        drainer = Drainer(
            self.app.db,
            channel,
            sender,
            rate_per_second=rate_per_second,
            chat_rate_per_second=chat_rate_per_second,
            batch_size=settings.outbox_batch_size,
            max_attempts=settings.outbox_max_attempts,
        )
        self.drainers.append(drainer)
        return drainer

    def add_keeper(self, channel: str, fetch: Fetch) -> PhotoKeeper:
        from bot.services.deadlines import rules_for

        keeper = PhotoKeeper(self.app.db, channel, fetch, max_bytes=rules_for(self.app.settings).max_photo_bytes)
        self.keepers.append(keeper)
        return keeper

    def start_background(self, *, scheduler: bool | None = None) -> None:
        """Start every drainer and photo keeper, and the scheduler campaign unless told not to."""
        settings = self.app.settings
        for drainer in self.drainers:
            self.tasks.append(asyncio.create_task(drainer.run_forever(self.stop, settings.outbox_idle_seconds)))
        for keeper in self.keepers:
            # Photos come seldom: a keeper looks five times less often than a drainer.
            self.tasks.append(asyncio.create_task(keeper.run_forever(self.stop, settings.outbox_idle_seconds * 5)))
        if settings.scheduler_enabled if scheduler is None else scheduler:
            from scheduler.leader import LeaderScheduler

            leader = LeaderScheduler(self.app)
            self.scheduler = leader
            self.tasks.append(asyncio.create_task(leader.run(self.stop)))

    async def stop_background(self) -> None:
        """Stop claiming, let sends already under way finish and be recorded, stop the scheduler."""
        self.stop.set()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for drainer in self.drainers:
            await drainer.settle()

    async def close(self) -> None:
        for closer in self.closers:
            with contextlib.suppress(Exception):
                await closer()


async def add_telegram_sender(runtime: Runtime, bot: object | None = None) -> object:
    """The Telegram outbox drainer and photo keeper (creating and checking the Bot unless given); returns the Bot."""
    from bot.channels.telegram.transport import TelegramSender, download, make_bot

    settings = runtime.app.settings
    if bot is None:
        bot = make_bot(settings)
        await bot.initialize()  # getMe: fails fast on a wrong token
        runtime.closers.append(bot.shutdown)
    runtime.add_drainer(
        "telegram",
        TelegramSender(bot, runtime.app.db),  # type: ignore[arg-type]
        rate_per_second=settings.telegram_rate_per_second,
        chat_rate_per_second=settings.telegram_chat_rate_per_second,
    )
    runtime.add_keeper("telegram", lambda ref: download(bot, ref))  # type: ignore[arg-type]
    return bot


def add_wechat_sender(runtime: Runtime) -> bool:
    """The WeChat outbox drainer and photo keeper, when the AppID and secret for the API are configured."""
    settings = runtime.app.settings
    if not settings.pushes_reach("wechat"):  # the same rule by which the handlers promise a push
        return False
    from bot.channels.wechat.api import WeChatApi
    from bot.channels.wechat.sender import WeChatSender
    from bot.texts import Texts

    api = WeChatApi.create(settings, runtime.app.db)
    runtime.closers.append(api.close)
    runtime.add_drainer(
        "wechat",
        WeChatSender(api, Texts(settings.language)),
        rate_per_second=settings.wechat_rate_per_second,
        chat_rate_per_second=settings.wechat_rate_per_second,
    )
    runtime.add_keeper("wechat", api.fetch_photo)
    return True


async def add_every_sender(runtime: Runtime) -> list[str]:
    """The drainers of every configured channel (for `resident-bot worker`)."""
    settings = runtime.app.settings
    channels = []
    if settings.telegram_token is not None:
        await add_telegram_sender(runtime)
        channels.append("telegram")
    if add_wechat_sender(runtime):
        channels.append("wechat")
    return channels


def freeze_startup_heap() -> None:
    """Keep what start-up built out of the garbage collector's full passes.

    The knowledge base, its index and the pinyin and OpenCC dictionaries are
    some 300,000 objects that live as long as the process. Every full
    collection walked them all, pausing all requests for 0.1 s or more on
    these machines; frozen, they are skipped. Called once by a server
    process after start-up (not in tests, where apps come and go).
    """
    gc.collect()
    gc.freeze()
