"""Assembling the bot: settings, database, routes, understanding.

Every entry point (console, web server, worker, tests) builds the same App,
so they differ only in the channel they put in front of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.core.dispatcher import Dispatcher
from bot.core.messages import Inbound, Reply
from bot.core.router import RouteTable
from bot.db import migrate
from bot.db.engine import create_engine
from bot.db.uow import Database
from bot.services.schedule import parse_quiet_hours
from knowledge.loader import KnowledgeBase, KnowledgeBaseError, load
from knowledge.understanding import Understander

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The bot cannot start; the message says what to do, in one line."""


@dataclass
class App:
    settings: Settings
    db: Database
    routes: RouteTable
    knowledge: KnowledgeBase
    dispatcher: Dispatcher = field(init=False)
    understander: Understander = field(init=False)

    def __post_init__(self) -> None:
        self.understander = Understander(self.knowledge)
        self.dispatcher = Dispatcher(self, self.routes)

    @property
    def clock(self) -> Clock:
        return self.db.clock

    async def handle(self, message: Inbound) -> list[Reply]:
        return await self.dispatcher.handle(message)

    async def close(self) -> None:
        await self.db.dispose()


async def build_app(settings: Settings, *, clock: Clock | None = None) -> App:
    from handlers import route_table

    knowledge = load_knowledge(settings)
    check_opening_plan(settings)
    engine = create_engine(settings.database_url)
    db = Database(engine, clock or SystemClock(), parse_quiet_hours(settings.quiet_hours, settings.timezone))
    try:
        await prepare_database(settings, db)
    except BaseException:
        await db.dispose()
        raise
    return App(settings=settings, db=db, routes=route_table(), knowledge=knowledge)


def check_opening_plan(settings: Settings) -> None:
    """Refuse to start on an invalid opening plan (bookings), naming the file and field."""
    from bot.services.opening import OpeningPlanError, plan_for

    try:
        plan_for(settings)
    except OpeningPlanError as exc:
        raise StartupError(f"开放安排（预约）有错误，机器人不能启动：\n{exc}") from None


def load_knowledge(settings: Settings) -> KnowledgeBase:
    """The knowledge base, or a refusal to start that lists every problem in it."""
    try:
        return load(settings.knowledge_path) if settings.knowledge_path else load()
    except KnowledgeBaseError as exc:
        raise StartupError(f"知识库有错误，机器人不能启动（用 resident-bot kb check 查看）：\n{exc}") from None


async def prepare_database(settings: Settings, db: Database) -> None:
    """Migrate the embedded database; refuse to run on an outdated shared one."""
    if settings.migrate_on_start:
        await migrate.upgrade_async(settings.database_url)
    else:
        try:
            current = await migrate.current_revision(db.engine)
        except Exception as exc:  # unreachable server, wrong credentials, …
            raise StartupError(f"连不上数据库 {_safe_url(settings.database_url)}：{exc}") from None
        head = migrate.head_revision(settings.database_url)
        if current != head:
            raise StartupError(
                f"数据库结构版本是 {current or '空'}，需要 {head}：请先运行 resident-bot db upgrade"
            )
    if settings.sample_org:
        from bot.services import org

        async with db.uow() as uow:
            if not await org.has_any_community(uow):
                counts = await org.import_org(uow, org.read_org_file(org.sample_org_path()))
                log.info("loaded the sample community (%s grids)", counts["grids"])


def _safe_url(url: str) -> str:
    """The database URL without its password, for messages and logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(无法解析的地址)"
