"""What a volunteer asks about themselves: their hours (我的志愿时长), their tasks, saying 我是志愿者 again.

A volunteer asking for their hours got the guide to registering as one,
and 待办 told them they had no right to it; one already bound who said
我是志愿者 was told how to bind. A volunteer asking for something to do in
their own words (有啥活儿, 我能帮什么忙, 我这周有空) got 答不上来 or the
guide to paying utility bills (有什么需要帮忙的吗); 我想当志愿者 the guide to
registering. Everyone else is answered as before.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.models import Role
from bot.services import roles, wishes
from bot.services.errors import PermissionDenied
from bot.services.wishes.served import hours_served
from handlers.common import as_understood, back_button
from knowledge.normalize import normalize

from handlers.wishes.actions import list_wishes
from handlers.wishes.basics import router

HOURS_WORDS = ("我的志愿时长", "我的服务时长", "我的志愿服务时长", "我的志愿者时长", "查志愿时长", "查询志愿时长", "志愿时长查询")


@router.command(keywords=HOURS_WORDS, takes_args=lambda _args: False)
async def my_hours(ctx: Context) -> HandlerResult:
    """The volunteer's confirmed hours, in all and this month; from anyone else the words are read as ever (the guide)."""
    try:
        served = await hours_served(ctx.uow, ctx.person, ctx.app.settings.timezone)
    except PermissionDenied:
        return await as_understood(ctx)
    said = ctx.t("wishes.my_hours", total=f"{served.total:g}", month=f"{served.this_month:g}", count=served.wishes)
    return Reply(said, rows(Button(ctx.t("wishes.wall"), "wish:wall"), back_button(ctx), per_row=2))


async def volunteer_tasks(ctx: Context) -> Reply | None:
    """待办 from a volunteer: their claims and the wall (as 我的认领 shows); None for someone who is no volunteer."""
    if not await roles.has_role(ctx.uow, ctx.person, Role.volunteer):
        return None
    listed = await list_wishes(ctx)
    assert isinstance(listed, Reply)
    return listed


async def already_volunteer(ctx: Context) -> Reply | None:
    """我是志愿者 from one already bound: what they can do now, not how to bind; None for anyone else."""
    if not await roles.has_role(ctx.uow, ctx.person, Role.volunteer):
        return None
    return Reply(
        ctx.t("wishes.already_volunteer"),
        rows(Button(ctx.t("wishes.wall"), "wish:wall"), back_button(ctx), per_row=2),  # the wall shows their claims too
    )


# A volunteer offering a hand, as said: each clause one of these (有空 and what to do, in either order).
_WHEN = r"(?:这周末?|这个周末|本周|下周末?|周末|今天|明天|后天|上午|下午|晚上|这两天|这几天|最近|平时|(?:周|星期|礼拜)[一二三四五六日天1-7])*"
_OFFERS = re.compile(
    "(?:%s)+" % "|".join(
        (
            rf"(?:我|俺)?{_WHEN}(?:都|也|正好|刚好)?有(?:空|时间)(?:的话)?(?:啊|呢)?",  # 我这周有空
            r"(?:请问)?(?:还)?有(?:没有|啥|什么|哪些|没)?(?:活儿?|事儿?|任务|心愿|(?:需要|要)(?:我)?帮忙的|需要帮助的|(?:我)?能帮(?:忙)?的|我能做的|可以帮忙的)"
            r"(?:吗|么|没|没有|不|呢)?(?:要(?:做|干)|可以(?:做|干)|能(?:做|干))?(?:吗|么|呢)?",  # 有啥活儿, 有什么需要帮忙的吗
            r"(?:我|俺)?(?:能|可以|可)?帮(?:点|上)?(?:啥|什么|点什么|些什么)(?:忙)?(?:吗|呢)?",  # 我能帮什么忙
            r"(?:我|俺)?(?:能|可以|想|也想|愿意)(?:帮忙|帮帮忙|出份力|做点事|做点什么|干点活儿?)(?:吗|呢|啊)?",  # 我也想帮帮忙
            r"(?:我|俺)?(?:也)?(?:想|要)(?:当|做|参加|报名)?(?:个)?志愿(?:者|服务)(?:活动)?",  # 我想当志愿者: already one
        )
    )
)
_CLAUSES = re.compile(r"[\s,，。.!！?？;；、~～]+")


def offers_help(text: str | None) -> bool:
    """Whether every clause of `text` is a volunteer offering a hand (有啥活儿, 我这周有空，能帮什么忙)."""
    clauses = [normalize(c) for c in _CLAUSES.split(text or "") if c.strip()]
    return bool(clauses) and len(text or "") <= 40 and all(c and _OFFERS.fullmatch(c) for c in clauses)


async def volunteer_offers_help(ctx: Context) -> Reply | None:
    """有啥活儿 / 我能帮什么忙 / 我这周有空 from a volunteer: the wall (and their claims); None for anyone else."""
    if ctx.message.attachment is not None or not offers_help(ctx.text):
        return None
    return await volunteer_offers_help_anyway(ctx)


async def wishes_to_claim(ctx: Context) -> Reply:
    """The wall for a volunteer; anyone else is told that claiming is for registered volunteers, and how to become one.

    Both were taken as the wish itself: 有啥心愿可以认领 became a wish of those
    words, with the profile questions asked first.
    """
    offered = await volunteer_offers_help_anyway(ctx)
    if offered is not None:
        return offered
    return Reply(
        ctx.t("wishes.claim_needs_volunteer"),
        rows(Button(ctx.t("wishes.how_to_register"), "svc:volunteer-registration"), back_button(ctx), per_row=1),
    )


async def volunteer_offers_help_anyway(ctx: Context) -> Reply | None:
    """The wall with thanks, as for 有啥活儿, from a volunteer whatever their words; None for anyone else."""
    if not await roles.has_role(ctx.uow, ctx.person, Role.volunteer):
        return None
    listed = await list_wishes(ctx)
    assert isinstance(listed, Reply)
    if listed.text == ctx.t("wishes.none_open"):  # nothing to claim, nothing held: said so, not "press 认领"
        return Reply(ctx.t("wishes.offer_none"), listed.buttons)
    return Reply(ctx.t("wishes.offer_thanks") + "\n" + listed.text, listed.buttons)


# A volunteer who cannot do what they claimed says so (这个我弄不了, 我去不了了，让别人来吧): read alone these
# were guesses at services. Asked, not done: giving a wish back tells its maker and offers it again.
_CANNOT = re.compile(
    r"(?:弄|办|做|干|修|去|来|帮|搞)不(?:了|成|定)|没(?:空|时间)(?:去|弄|做)?了|有事(?:去不了|来不了)|放弃|让别人|换个人|换人|找别人"
)
_ASKED = re.compile(r"[?？]|吗|怎么|如何|咋|哪|什么")


async def cannot_do_it(ctx: Context) -> Reply | None:
    """Words saying they cannot do it ask whether to give the wish back; None from anyone holding no claim."""
    if ctx.message.attachment is not None or not ctx.text:
        return None
    text = normalize(ctx.text)
    if not _CANNOT.search(text) or _ASKED.search(ctx.text):
        return None
    mine = await wishes.claimed_by(ctx.uow, ctx.person)
    if not mine:
        return None
    buttons = [Button(ctx.t("wishes.release", id=w.id), f"wish:rel:{w.id}") for w in mine]
    first = mine[0]
    said = ctx.t("wishes.give_back_one", id=first.id, what=first.what[:30]) if len(mine) == 1 else ctx.t("wishes.give_back_which")
    return Reply(said, rows(*buttons, back_button(ctx), per_row=2))


_NAMES_THE_CLAIM = re.compile(r"心愿|认领|让别人|换个人|找别人|换人")


async def cannot_do_it_later(ctx: Context) -> Reply | None:
    """The words under the claim's 放弃认领, or later when they name the wish or another volunteer (让别人去吧).

    Read by the guide's hook, not as words under the button: a push asking
    for words would make 搬完了，干了两个小时 typed there no command.
    """
    under_claim = any(payload.startswith("wish:rel:") for _label, payload in ctx.shown)
    if not under_claim and not _NAMES_THE_CLAIM.search(normalize(ctx.text or "")):
        return None  # 我那天去不了 alone may be about anything (a Party day, a booking)
    return await cannot_do_it(ctx)


# 我认领的那个阿姨电话多少, 居民住哪: a claimer asking whom to meet got the centre's opening hours.
# 阿姨家几楼, 大爷家在哪 got the guide to housekeeping's window
_CONTACT = re.compile(r"电话|手机|号码|联系方式|怎么联系|地址|住哪|住在哪|门牌|几号楼|几单元|哪个单元|哪栋|几楼|几层|家在哪|哪一户|哪户|几号房|几室")
_WHOSE = re.compile(r"居民|阿姨|大爷|奶奶|爷爷|大妈|大娘|叔叔|大叔|老人|婶|大姐|老太太|老爷子|认领|心愿|联系人|许愿")


@router.words_anywhere
async def claimer_asks_whom_to_meet(ctx: Context) -> Reply | None:
    """A claimer asking for the resident's phone or door: their claims, each with whom to meet; None for anyone else."""
    if ctx.message.attachment is not None or not ctx.text or len(ctx.text) > 40:
        return None
    form = normalize(ctx.text)
    if not (_CONTACT.search(form) and _WHOSE.search(form)):
        return None  # the cheap test first: every message passes here
    if not await wishes.claimed_by(ctx.uow, ctx.person):
        return None
    listed = await list_wishes(ctx)
    assert isinstance(listed, Reply)
    return listed
