"""The words by which a wish's maker and its claimer address each other through the bot.

跟志愿者说…, 志愿者什么时候来, 小王什么时候来, 志愿者电话多少 from the maker;
问一下阿姨…, 跟那个居民说… from the claimer. Shared by the passing on
(messages) and the claimer's news (news).
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from bot.db.uow import UnitOfWork
from bot.models import Person, Wish
from knowledge.normalize import normalize

VOLUNTEER = r"(?:志愿者|小伙子|小伙|小姑娘|姑娘|那孩子)"
RESIDENT = r"(?:(?:那个|这个|那位|这位)居民|心愿的居民|阿姨|大爷|奶奶|爷爷|大妈|大娘|叔叔|大叔|老人家|老人|婶子|婶|大姐|老太太|老爷子|许愿的|许愿人|提心愿的)"
_TO = r"(?:跟|和|给|告诉|转告|让|叫|请|帮我问问|帮我问|问问|问一下|问)(?:一下|下)?(?:那个|这个|那位|这位|认领的)?"
TO_VOLUNTEER = re.compile(_TO + VOLUNTEER)  # 跟志愿者说…, 告诉小伙子…
# 志愿者什么时候来, 小伙子怎么还没来: asked of the bot, meant for the volunteer
VOLUNTEER_COMING = re.compile(VOLUNTEER + r".{0,8}(?:什么时候|啥时候|啥时|几点|哪天|什么时间|怎么还没|咋还没|还没来|还不来|来不来|到底来)")
# 问一下阿姨…, 跟那个居民说…, 问问居民…; not 跟居民说一下停水 or 通知居民 (staff speaking of residents at large)
TO_RESIDENT = re.compile(_TO + RESIDENT + r"|(?:帮我问问|帮我问|问问|问一下)居民")
# 他几点来, 人怎么还没来: asked of the bot by the maker, most likely of the volunteer (offered, not sent: a repairman?)
SOMEONE_COMING = re.compile(r"(?:他|她|人|那人|那个人)(?:今天|明天)?" + VOLUNTEER_COMING.pattern.split(".{0,8}", 1)[1])
# 小伙子叫什么名字, 志愿者是谁, 谁认领的我的心愿: the name they go by is told, nothing more
VOLUNTEER_WHO = re.compile(
    VOLUNTEER + r".{0,4}(?:叫什么|叫啥|名字|姓什么|姓啥|贵姓|是谁|是哪位|哪位)|(?:谁|哪个|哪位)(?:志愿者)?认领(?:了|的)?(?:我的)?(?:心愿|愿望)"
)
# 阿姨，我明天上午一定到 / 小伙子你几点来: the other side called first, as a reply to their message opens
CALLS_RESIDENT = re.compile(r"(?:" + RESIDENT + r")(?:您|你)?(?:好)?")
CALLS_VOLUNTEER = re.compile(r"(?:" + VOLUNTEER + r")(?:您|你)?(?:好)?")
# 志愿者电话多少, 怎么联系志愿者: the resident has no number of theirs, and is given none
VOLUNTEER_CONTACT = re.compile(VOLUNTEER + r".{0,6}(?:电话|手机|号码|联系方式|微信)|(?:怎么|咋|如何|怎样)(?:才能)?(?:联系|找)(?:到|上)?" + VOLUNTEER)
# 小王什么时候来: the volunteer by the name they were told (王志愿者), checked against the claimer
NICKNAME_COMING = re.compile(r"小([\u4e00-\u9fff])(?:志愿者|同志)?(?:今天|明天)?" + VOLUNTEER_COMING.pattern.split(".{0,8}", 1)[1])


async def called_by(uow: UnitOfWork, wish: Wish, surname: str) -> bool:
    """Whether the wish's claimer goes by `surname` (王 for 小王): their surname or the name they go by."""
    volunteer = await uow.session.get(Person, wish.claimed_by) if wish.claimed_by else None
    if volunteer is None:
        return False
    return (volunteer.name or "").startswith(surname) or surname in (volunteer.display_name or "")


REROUTED: ContextVar[bool] = ContextVar("wish_words_rerouted", default=False)  # 不是，我问别的: not asked twice
_COMMON = frozenset("想要 希望 需要 帮忙 帮我 一个 一台 一下 有人 可以 能够 我想 我们 家里 个收".split())


def names_a_claim(text: str, claims: list[Wish]) -> bool:
    """Whether the words share a piece of a claimed wish's own words (收音机), or name its resident (阿姨)."""
    form = normalize(text)
    if re.search(RESIDENT, form):
        return True
    for wish in claims:
        what = normalize(wish.what)
        if any(what[i : i + 2] in form for i in range(len(what) - 1) if what[i : i + 2] not in _COMMON):
            return True
    return False
