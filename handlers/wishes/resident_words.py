"""The resident's own words about a wish a volunteer marked done: thanks confirm it, "not done" says 还没有.

The push asking 请确认 shows two buttons, but residents answer in words:
收音机收到了，谢谢 or 謝謝小夥子 (it came), 志愿者根本没来，还没弄呢 or 还没有 #1
typed long after (it did not). Read alone these were 答不上来 or the
volunteer registration guide. For someone with no wish awaiting them the
words are read as any other message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.router import HandlerResult
from bot.core.validation import record_number
from bot.models import Wish
from bot.services import wishes
from handlers.common import as_understood
from knowledge.normalize import normalize

from handlers.wishes.actions import list_wishes, my_wishes, not_yet_said, wish_button
from handlers.wishes.reading import sounds_like_the_wall
from handlers.wishes.basics import router, thanks_said
from handlers.wishes.closing import answered_by_staff_since, confirm_said
from handlers.wishes.news import claimers_news
from handlers.wishes.volunteers import cannot_do_it_later, volunteer_offers_help

# 还没弄呢, 根本没来, 没人来, 还没有实现, 没收到: the wish did not come true (matched in the simplified, bare form)
_NOT_DONE = re.compile(
    r"还没(?:有)?(?:弄|办|做|修|送|来|实现|完|搞|到|收到)|(?:根本|压根|就)没(?:有)?(?:来|弄|办|做|修|送|人)"
    r"|没(?:有)?人来|没(?:有)?(?:实现|收到|送来|送到)|(?:志愿者|人|他|她)(?:也|都|还)?没(?:有)?(?:来|联系)"
    r"|(?:也|都|又)没(?:有)?(?:来|弄|办|做|修|送|到|见人)"  # 说好昨天来的也没来
)
# 还没有，说好昨天来的也没来: the button's 还没有 typed with what is missing after it (under the push only)
_NO_FIRST = re.compile(r"\s*(?:还没有|还没呢|还没|没有呢|没有|没呢)(?:呢|啊|呀|哦)?[，,。.！!、~～\s]+\S.*", re.DOTALL)
_NOTHING_ELSE = frozenset({"unknown", "greeting", "thanks"})  # read so, words under the push are about the wish
# What is left of 还没弄呢, 志愿者根本没来 #1 once the words of 'not done' go: nothing worth a second line to the volunteer
_BARE = re.compile(r"[\s，,。.！!、~～?？#＃\d]|还没有|还没|没有|志愿者|小伙子|小姑娘|心愿")
# Typed where the buttons are gone: 还没有 #1 (the button's own words), 还没实现, 志愿者没来
_NOT_DONE_WORDS = ("还没有", "还没", "还没实现", "还没有实现", "没实现", "没有实现", "志愿者没来", "志愿者还没来", "没人来", "没收到", "还没收到")
# Thanks that open the message (谢谢小伙子，收音機很好用); thanks later in it are heard only under the push
_THANKS_FIRST = ("谢谢", "谢谢你", "谢谢您", "多谢", "太感谢了", "谢谢啦", "谢了")
# 谢谢，我想问一下居住证怎么办: thanks before a question are manners, not the wish confirmed
_ASKS = re.compile(r"[?？]|吗|怎么|请问|问一下|哪|什么|能不能|咋")


# Whom or what the words are about. 垃圾三天了没人来收, 快递还没来, 灯修好了，谢谢网格员 are about something
# else, said by a resident who happens to have a wish awaiting them: they must not touch the wish.
_ABOUT_THE_VOLUNTEER = re.compile(r"志愿者|心愿|小伙子|小伙|小姑娘|姑娘|那孩子")
_OTHERS_THANKED = re.compile(r"网格员|网格长|工作人员|社区|物业|书记|主任|医生|大夫|民警|警察|师傅|快递|领导")
_THANKS_ONLY = re.compile(r"(?:谢谢|谢了|多谢|感谢|太感谢|辛苦|感恩)(?:你们|你|您|啦|了|小伙子|小姑娘|志愿者|大家|啊|呀|哈)*")
# What may stand beside the words of 'not done' in a message about nothing else: 还没弄呢, 他根本没来啊
_LEFT_OVER = re.compile(r"[呢啊呀了吧嘛哦他她人还都也就根本压根]")
# Pieces of a wish's words too common to show a message is about it (想要, 一台, 帮忙…)
_COMMON_PIECES = frozenset("想要 希望 需要 帮忙 帮我 一个 一台 一下 有人 可以 能够 我想 我们 家里".split())


# A yes to 请确认心愿是否已经实现, typed right under it: 是的，谢谢小王, 是的 收到了, 对，实现了. Only there:
# elsewhere 收到了 is said to any notice, and a bare 好的 or 嗯 under the push is not taken as a yes either.
_YES = re.compile(
    r"(?:是的?|是啊|是呀|对|对的|对呀|没错)(?:已经)?(?:收到了?|收到啦|实现了|好了|弄好了|办好了|送到了|来了|来过了)?"
    r"(?:谢谢|谢了|多谢|感谢|太感谢了?)?(?:你们|你|您|小\w|志愿者|大家)?(?:啦|了|啊|呀|哈|哦)*"
    r"|(?:已经)?收到了?(?:谢谢|谢了|多谢|感谢)(?:你们|你|您|小\w|志愿者|大家)?(?:啦|了|啊|呀|哈|哦)*"
)

# A character without which a message can say neither 'not done' nor thanks (traditional forms too).
_MAY_SPEAK_OF_A_WISH = re.compile(r"[没沒谢謝辛感]|thank", re.IGNORECASE)


def says_not_done(text: str | None) -> bool:
    return _NOT_DONE.search(normalize(text or "")) is not None


def _speaks_of(form: str, wish: Wish) -> bool:
    """Whether words (normalised) name the volunteer or the wish, or share a piece of the wish's own words (收音机)."""
    if _ABOUT_THE_VOLUNTEER.search(form):
        return True
    what = normalize(wish.what)
    return any(what[i : i + 2] in form for i in range(len(what) - 1) if what[i : i + 2] not in _COMMON_PIECES)


def _not_done_of(form: str, wish: Wish) -> bool:
    """还没弄呢 alone (nothing else named) or words about the wish; 快递还没来 is about a parcel."""
    return not _LEFT_OVER.sub("", _NOT_DONE.sub("", form)) or _speaks_of(form, wish)


def _thanks_for(form: str, wish: Wish) -> bool:
    return _THANKS_ONLY.fullmatch(form) is not None or _speaks_of(form, wish)


@router.accepts_words("wish:confirm")
async def words_under_confirm(ctx: Context) -> Reply | None:
    """Words typed under 确认已实现 / 还没有: a yes or thanks confirm, "not done" says 还没有; anything else is read as ever."""
    if ctx.message.attachment is not None or not ctx.text:
        return None
    if _YES.fullmatch(normalize(ctx.text)) is not None:  # 是的，谢谢小王: the question answered
        return await _said_yes(ctx)
    if (answered := await _no_under_the_push(ctx)) is not None:
        return answered
    return await words_of_a_wish(ctx)


async def _no_under_the_push(ctx: Context) -> Reply | None:
    """还没有，说好昨天来的也没来 (or 说好昨天来的也没来 alone) right under the push asking about one wish: that wish is
    not done, and the words go to its volunteer; they got 答不上来 and the volunteer heard nothing. Else None."""
    ids = {p.split(":")[2] for _label, p in ctx.shown if p.startswith("wish:notyet:")}
    if len(ids) != 1 or not (_NO_FIRST.fullmatch(ctx.text or "") or says_not_done(ctx.text)):
        return None
    wish_id = record_number(ids.pop())
    waiting = [w for w in await wishes.awaiting_confirmation(ctx.uow, ctx.person) if str(w.id) == wish_id]
    if not waiting:
        return None  # confirmed or put back since: the words are read as ever
    # 垃圾三天了没人来收, 快递还没来 under the push are about something else: only words about the wish,
    # or that name nothing else the bot knows (说好昨天来的也没来), answer it
    form = normalize(ctx.text or "")
    if not _not_done_of(form, waiting[0]) and ctx.app.understander.understand(ctx.text).intent.value not in _NOTHING_ELSE:
        return None
    return await not_yet_said(ctx, waiting[0].id, _detail(ctx.text))  # type: ignore[arg-type]


def _detail(text: str | None) -> str | None:
    """The words, when they say more than 还没有 / 还没弄呢 (what is missing, who did not come); else None."""
    form = normalize(text or "")
    rest = _LEFT_OVER.sub("", _BARE.sub("", _NOT_DONE.sub("", form)))
    return (text or "").strip() if rest else None


async def words_of_a_wish(ctx: Context) -> Reply | None:
    """Thanks confirm the wish, "not done" says 还没有 (under the push or after other messages); else None."""
    if says_not_done(ctx.text):
        return await _not_done(ctx)
    if thanks_said(ctx.text) and not _ASKS.search(ctx.text or ""):  # 谢谢，低保怎么办: manners before a question
        return await _thanked(ctx)
    return None


async def about_a_wish_done(ctx: Context) -> Reply | None:
    """Words the guide would read as a question that speak of the wish awaiting this resident: as under its push.

    志愿者根本没来，还没弄呢 reads as 志愿者注册, 收音机收到了，谢谢 as nothing,
    when typed after other messages. A question (谢谢，低保怎么办) is left
    to the guide, and so is everything from someone with no wish awaiting them.
    A volunteer offering a hand (有啥活儿, 有什么需要帮忙的吗, 我想当志愿者)
    gets the wall, and one who cannot do their claim (让别人来吧) is asked
    whether to give it back: the guide read these as 答不上来 or a service.
    """
    if ctx.text and sounds_like_the_wall(ctx.text):  # 新愿墙: 心愿墙 as a pinyin keyboard gave it
        return await list_wishes(ctx)  # type: ignore[return-value]
    if (offered := await volunteer_offers_help(ctx)) is not None:
        return offered
    if (giving_back := await cannot_do_it_later(ctx)) is not None:  # 我去不了了，让别人来吧 from a claimer
        return giving_back
    if (news := await claimers_news(ctx)) is not None:  # 收音机已经买好了，明天送过去: for the resident?
        return news
    if not ctx.text or not _MAY_SPEAK_OF_A_WISH.search(ctx.text) or _ASKS.search(ctx.text):
        return None  # every service question passes here: the cheap test first
    if ctx.message.attachment is not None:
        return None
    return await words_of_a_wish(ctx)


@router.keyword(*_NOT_DONE_WORDS, yielding=True)
async def not_done_typed(ctx: Context) -> HandlerResult:
    """还没有 #1 (the button's words, typed) or 志愿者没来 after other messages: as the 还没有 button."""
    number = record_number(ctx.args) if ctx.args else None
    if number is not None:
        ctx.payload = f"wish:notyet:{number}"
        return await wish_button(ctx)
    return await _not_done(ctx) or await as_understood(ctx)


@router.keyword(*_THANKS_FIRST, leading=_THANKS_FIRST, yielding=True)
async def thanks_first(ctx: Context) -> HandlerResult:
    """谢谢小伙子，收音機很好用: thanks for the one wish awaiting confirmation confirm it; else thanks as ever."""
    if _ASKS.search(ctx.text or ""):
        return await as_understood(ctx)
    return await _thanked(ctx) or await as_understood(ctx)


async def _not_done(ctx: Context) -> Reply | None:
    """The one wish awaiting the resident goes back to its volunteer; with several, which one; none (or words
    about something else): None."""
    waiting = await _awaiting_meant(ctx, _not_done_of)
    if not waiting:
        return None
    if len(waiting) == 1:
        return await not_yet_said(ctx, waiting[0].id, _detail(ctx.text))  # type: ignore[arg-type]
    return await _which(ctx, len(waiting))


async def _thanked(ctx: Context) -> Reply | None:
    """The one wish awaiting the resident is confirmed, the thanks passed on; with several, which one; none (or
    thanks to someone else, 谢谢网格员): None."""
    if _OTHERS_THANKED.search(normalize(ctx.text or "")):
        return None
    waiting = await _awaiting_meant(ctx, _thanks_for)
    if not waiting:
        return None
    if len(waiting) == 1:
        return await confirm_said(ctx, waiting[0].id)  # type: ignore[arg-type]
    return await _which(ctx, len(waiting))


async def _said_yes(ctx: Context) -> Reply | None:
    """A yes under the push confirms the one wish awaiting the resident (with its thanks); with several, which one."""
    if _OTHERS_THANKED.search(normalize(ctx.text or "")):
        return None
    waiting = await _awaiting_meant(ctx, lambda _form, _wish: True)  # the push asked about these
    if not waiting:
        return None
    if len(waiting) == 1:
        return await confirm_said(ctx, waiting[0].id)  # type: ignore[arg-type]
    return await _which(ctx, len(waiting))


async def _awaiting_meant(ctx: Context, meant: Callable[[str, Wish], bool]) -> list[Wish]:
    """The wishes awaiting this resident's confirmation that the words are `meant` for; none when the staff
    answered them since (还没弄好 said to the staff member who just answered them is theirs)."""
    form = normalize(ctx.text or "")
    waiting = [w for w in await wishes.awaiting_confirmation(ctx.uow, ctx.person) if meant(form, w)]
    if not waiting or await answered_by_staff_since(ctx, waiting[-1]):
        return []
    return waiting


async def _which(ctx: Context, count: int) -> Reply:
    listed = await my_wishes(ctx)
    assert isinstance(listed, Reply)
    return Reply(ctx.t("wishes.which_confirm", count=count) + "\n" + listed.text, listed.buttons)
