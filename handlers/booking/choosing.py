"""Which of the resident's bookings is meant: 取消预约 or 改到… in words, a line of a list (第二个不去了), 都不取消.

The words or the line pick the booking; what is then done to it is in
handlers/booking/changing.py.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.numerals import arabic
from bot.core.router import HandlerResult
from bot.core.validation import keyword_form
from bot.core.when import read
from bot.models import Booking
from bot.services import booking, opening
from bot.services.errors import NotFound
from handlers.booking import words
from handlers.booking.basics import router, rules_of, today_of, zone_of
from handlers.booking.changing import CANCEL_WORDS, KEEP_WORDS, ask_cancel, move_wanted, start_reschedule, wanted_of
from handlers.booking.listing import my_bookings
from handlers.booking.staff import day_list_asked
from handlers.common import back_button
from knowledge.intents import asks_day_bookings, calls_off_visit, gives_up, gives_up_booking, without_booking_words
from knowledge.normalize import normalize, to_simplified
from knowledge.understanding import Intent


@router.command("cancelbooking", keywords=("取消预约",))
async def cancel_command(ctx: Context) -> HandlerResult:
    """取消预约 (or /cancelbooking CODE): with one booking, that one is asked about at once; with several, which one."""
    if not ctx.args:
        return await _cancel_named(ctx, "")
    code = ctx.args.split()[0]
    try:
        return await ask_cancel(ctx, code)
    except NotFound:  # staff typing the day list's 取消 CODE: was 没有找到预约码 (only one's own); now its reason asked
        handled = await booking.handled_by_code(ctx.uow, ctx.person, code)
        if handled is None:
            raise
        from handlers.booking.routes import bk_button  # routes builds on this module: imported late

        ctx.payload = f"bk:scx:{handled.id}"
        return await bk_button(ctx)


@router.words_anywhere
async def cancel_said_alone(ctx: Context) -> HandlerResult:
    """帮我取消了吧, 取消了吧, 不去了，帮我取消: nothing named, so as 取消预约 (the one booking asked about, or which).

    The understander reads no booking in them (no 预约 said), and they were
    答不上来 while the resident had one booking to cancel. Without any
    booking it says there is none to cancel.
    """
    if not words.cancels_it(ctx.text):
        return None
    return await _cancel_named(ctx, "")


async def _the_only_booking(ctx: Context, *, waits_too: bool = False) -> Booking | None:
    """The resident's one booking, if they have exactly one and may still change it (and, `waits_too`, no place in line)."""
    found = await booking.mine(ctx.uow, ctx.person)
    if len(found) != 1 or not opening.can_change(rules_of(ctx).plan, found[0].starts_at, ctx.now):
        return None
    if waits_too and await booking.waits_of(ctx.uow, ctx.person):
        return None
    return found[0]


# Said of a booking already made: cancel it (取消吧, 退掉), or move it (改期, 换个时间, 改到后天上午十点).
_CANCEL_SAID = re.compile(r"取消|退掉|退了")
_MOVE_SAID = re.compile(r"改|换|挪|调")
_NOT_MOVING = re.compile(r"(?:不|别|不用|不要|甭)(?:改|换|挪|调)")  # 不改了，把预约取消吧: cancelling, not moving


async def manage_by_words(ctx: Context) -> HandlerResult:
    """取消预约, 改期, 改到下周一下午两点半 … in words: with one booking, straight to that booking's question.

    A day or a service named (取消明天的预约, 老年证的预约改到下周三上午十点)
    picks the bookings it fits: one goes straight to its question, several
    to a list of only those. A move names the day, time or part of the day
    it wants, kept for the booking chosen from the list. Not going to one
    named (周五的预约不去了, 老年证那个不去了) is cancelling it, with 改期 beside.
    Anything else (我约的是几号, 我不去了: cancel or move?) lists the bookings
    with both buttons.
    """
    text = normalize(ctx.text)
    if looks_up_day(text):  # 今天有几个预约, 看看周六的预约: staff see the day's list, a resident their own bookings
        return await day_list_asked(ctx) or await my_bookings(ctx)
    moving = _MOVE_SAID.search(_NOT_MOVING.sub("", text)) is not None
    if _CANCEL_SAID.search(text) and not moving:
        return await _cancel_named(ctx, to_simplified(ctx.text))
    if not moving and (_gives_up_named(ctx, text) or calls_off_visit(text)):  # 上门的不用来了: that visit, 改期 beside
        return await _cancel_named(ctx, to_simplified(ctx.text), move_too=True)
    if not moving:  # 周六约了几个人, 明天预约的人多不多: a day named is that day's list for staff, as 明天的预约 is
        listed = await day_list_asked(ctx) if read(text, today_of(ctx)).day is not None else None
        return listed or await my_bookings(ctx)
    ctx.own_words = False  # the words only chose what to do: nothing to keep as a draft if the resident turns away
    naming, wanted = _split_at_move(to_simplified(ctx.text))
    said = read(wanted, today_of(ctx))
    return await _move_named(ctx, naming, said.day, said.at, said.part)


# Looking, before a day's bookings asked for: 看看周六的预约, 帮我瞅瞅明天的预约 (a new booking was started for that day).
_LOOKING = re.compile(r"^(?:帮我|给我)?(?:看看|看一看|看一下|看下|瞅瞅|瞧瞧)")


def looks_up_day(text: str) -> bool:
    """Whether normalized words ask what bookings a day holds (明天预约名单, 看看周六的预约), not to book one."""
    return asks_day_bookings(_LOOKING.sub("", text))


def _gives_up_named(ctx: Context, text: str) -> bool:
    """Whether the words give up a booking they name: by 预约 or its day (周五的不去了), or by its service (老年证那个不去了)."""
    if gives_up_booking(text):
        return True
    named = gives_up(text)
    return bool(named) and bool(_services_named(ctx, named))


async def _cancel_named(ctx: Context, words: str, *, move_too: bool = False) -> HandlerResult:
    """Cancelling: the one booking the words fit is asked about; several fitting are listed, with 取消 alone.

    `move_too` (not going to it, said in words) offers 改期 beside 确定取消:
    not going that day may as well mean going another.
    """
    found = await booking.mine(ctx.uow, ctx.person)
    refused = await _none_to_name(ctx, found, words)
    if refused is not None:
        return refused
    fitting = _fitting(ctx, found, words)
    if fitting is None:  # nothing named: the one booking, else all of them (and the places in line, if any)
        only = await _the_only_booking(ctx, waits_too=True)
        if only is not None:
            return await ask_cancel(ctx, only.code, move_too=move_too)
        if len(found) < 2 or await booking.waits_of(ctx.uow, ctx.person):
            return await my_bookings(ctx)
        fitting = found
    if len(fitting) == 1:
        return await ask_cancel(ctx, fitting[0].code, move_too=move_too)  # past the cut-off, the service says so
    return await _which(ctx, fitting, "cancel")


async def _move_named(ctx: Context, naming: str, day: date | None, at: time | None, part: str | None) -> HandlerResult:
    """Moving: the one booking the words before 改/换 fit goes to its new time; several fitting are listed, with 改期 alone."""
    found = await booking.mine(ctx.uow, ctx.person)
    refused = await _none_to_name(ctx, found, naming)
    if refused is not None:
        return refused
    fitting = _fitting(ctx, found, naming)
    if fitting is None:  # nothing named: the one booking, else all of them
        only = await _the_only_booking(ctx)
        if only is None and len(found) < 2:  # only places in line, or one that can no longer be changed: the list says so
            return await my_bookings(ctx)
        fitting = [only] if only is not None else found
    if len(fitting) == 1:
        return await start_reschedule(ctx, fitting[0].code, day=day, at=at, part=part)
    return await _which(ctx, fitting, "move", move_to=move_wanted(day, at, part))


async def _none_to_name(ctx: Context, found: list[Booking], words: str) -> Reply | None:
    """The answer when the words can name no booking: none at all to change, or none on the day or service named."""
    if not found and not await booking.waits_of(ctx.uow, ctx.person):
        return _nothing_to_change(ctx)
    if found and _names_none_of(ctx, found, words):
        return await my_bookings(ctx, ctx.t("booking.mine_none_named"))
    return None


def _nothing_to_change(ctx: Context) -> Reply:
    """No booking to move or cancel: said plainly, with the way to book (not 答不上来, not a bare 没有预约)."""
    return Reply(ctx.t("booking.mine_none_to_change"), rows(Button(ctx.t("booking.menu"), "book"), back_button(ctx), per_row=2))


# Where the booking is named and where the new time: 老年证的预约|改到下周三上午十点, 下周一有事去不了了能|换一天吗.
# 改/换/挪/调 as a verb of moving, not inside a word (调解, 换领).
_MOVE_VERB = re.compile(r"(?:改|换|挪|调)(?=到|成|在|个|一|下|时|日|天|期|$)")


def _split_at_move(words: str) -> tuple[str, str]:
    """The words before the verb of moving (which booking) and from it on (the new time); all of them are the new time without one."""
    verb = _MOVE_VERB.search(words)
    return (words[: verb.start()], words[verb.start():]) if verb else ("", words)


def _fitting(ctx: Context, found: list[Booking], words: str) -> list[Booking] | None:
    """The bookings `words` name by their day or their service; None when they name neither, or name what none is.

    A day that fits none but is a bare weekday (周一 said on a Monday) is
    also tried a week on: residents mean the coming one.
    """
    fitting = found
    day = read(words, today_of(ctx)).day
    if day is not None:
        on_day = _on_day(ctx, fitting, day) or (_on_day(ctx, fitting, day + timedelta(days=7)) if _BARE_WEEKDAY.search(words) else [])
        fitting = on_day or fitting
    services = _services_named(ctx, words)
    fitting = [item for item in fitting if item.service_id in services] or fitting
    return fitting if len(fitting) < len(found) else None


def _names_none_of(ctx: Context, found: list[Booking], words: str) -> bool:
    """Whether the words name a day or a service that none of the bookings is on (取消居住证的预约, only 老年证 booked).

    Then the one booking there is must not be asked about as if it were the
    one named: the resident is told, and shown what they have.
    """
    day = read(words, today_of(ctx)).day
    if day is not None and not _on_day(ctx, found, day) and not (
        _BARE_WEEKDAY.search(words) and _on_day(ctx, found, day + timedelta(days=7))
    ):
        return True
    services = _services_named(ctx, words)
    return bool(services) and not any(item.service_id in services for item in found)


_BARE_WEEKDAY = re.compile(r"(?<![下上这本])(?:周|星期|礼拜)[一二三四五六日天1-7]")


def _on_day(ctx: Context, found: list[Booking], day: date) -> list[Booking]:
    timezone = ZoneInfo(zone_of(ctx))
    return [item for item in found if item.starts_at.astimezone(timezone).date() == day]


def _services_named(ctx: Context, words: str) -> set[str]:
    """The services the words name (居住证, 老年证), read by the understander without the words of booking."""
    form = without_booking_words(normalize(words))
    if not form:
        return set()
    said = ctx.app.understander.understand(form)
    if said.intent is not Intent.service or not said.named:
        return set()
    if said.decision == "answer" and said.service_id:
        return {said.service_id}
    return {candidate.service_id for candidate in said.candidates}


async def _which(ctx: Context, fitting: list[Booking], doing: str, *, move_to: str = "") -> HandlerResult:
    """The bookings to choose from, one line and one button each: typing a line's number presses its button.

    The cancel list also has 都不取消, which a typed 取消 or 算了 chooses:
    leaving it, the resident is told that no booking was cancelled.
    """
    rules = rules_of(ctx)
    timezone = zone_of(ctx)
    changeable = [item for item in fitting if opening.can_change(rules.plan, item.starts_at, ctx.now)]
    if not changeable:
        return await my_bookings(ctx)
    lines = [ctx.t("booking.which_to_move" if doing == "move" else "booking.mine_which_cancel")]
    buttons = []
    for index, item in enumerate(changeable, start=1):
        lines.append(ctx.t("booking.mine_line", number=index, code=item.code, service=rules.name(item.service_id),
                           when=booking.when_text(ctx.texts, item.starts_at, timezone, end=item.ends_at), state="").rstrip())
        if doing == "move":
            buttons.append(Button(ctx.t("booking.reschedule_code", code=item.code), f"bk:mv:{item.code}{move_to}"))
        else:
            buttons.append(Button(ctx.t("booking.cancel_code", code=item.code), f"bk:cx:{item.code}"))
    if doing == "cancel":
        buttons.append(Button(ctx.t("booking.mine_cancel_none"), f"{KEEP_ALL}:keep"))
    return Reply("\n".join(lines), rows(*buttons, back_button(ctx), per_row=1))


KEEP_ALL = "bkall"  # the cancel list's 都不取消; the prefix is this module's own
router.accepts_said(KEEP_ALL, re.compile(r"(?:取消|算了|退出|不取消|不取消了|都不取消|不用了)(?:吧|了|啊)?"))


@router.button(KEEP_ALL)
async def keep_all(ctx: Context) -> HandlerResult:
    """都不取消, or 取消 typed at the list of bookings to cancel: nothing was cancelled, and it says so and how to."""
    ctx.dialog.leave()
    return Reply(ctx.t("booking.mine_none_cancelled"), rows(Button(ctx.t("booking.mine_button"), "bk:mine"), back_button(ctx), per_row=2))


# A line of a list named in words: 取消第一个, 第一个不去了, 第2个改到明天上午十点.
_LINE_SAID = re.compile(r"第\s*([0-9一二三四五六七八九十]{1,3})\s*(?:个|项|条|号)?")
_MOVE_LINE = re.compile(r"改|换|挪|调")


@router.accepts_words("bk:cx:")
@router.accepts_words("bk:mv:")
async def line_said(ctx: Context) -> HandlerResult:
    """Words naming a line of the bookings shown do what its button does (a bare 第2个 is its number already).

    On a list of one kind of button (取消 or 改期) line N is the Nth
    button, as its number is; on the list of all bookings, line N is the
    Nth booking, and the words say whether to cancel or move it. Without a
    line, 不要了 on the list of all bookings is cancelling (see below).
    """
    words = keyword_form(ctx.text)
    line = _LINE_SAID.search(words)
    if line is None:
        return await _given_up_under_the_list(ctx)
    rest = words[: line.start()] + words[line.end():]  # 改到下周二上午十点: read as said, not as digits
    shown = [payload for _label, payload in ctx.shown if payload.startswith(("bk:cx:", "bk:mv:"))]
    kinds = {payload[:6] for payload in shown}
    if CANCEL_WORDS.search(rest) and not KEEP_WORDS.search(CANCEL_WORDS.sub("", rest)):
        doing = "bk:cx:"
    elif _MOVE_LINE.search(rest):
        doing = "bk:mv:"
    elif len(kinds) == 1:
        doing = next(iter(kinds))
    else:
        return None
    codes = await _lines_shown(ctx, shown, both=len(kinds) > 1)
    number = int(arabic(line.group(1))) if arabic(line.group(1)).isdigit() else 0
    if not 1 <= number <= len(codes):
        return None
    code = codes[number - 1]
    if doing == "bk:cx:":
        return await ask_cancel(ctx, code)
    ctx.own_words = False
    said = read(rest, today_of(ctx))
    carried = next((payload for payload in shown if payload.startswith(f"bk:mv:{code}")), "")
    day, at, part = (said.day, said.at, said.part) if said else wanted_of(carried.split(":")[3:])
    return await start_reschedule(ctx, code, day=day, at=at, part=part)


# The booking meant, said as if pointing at the list: 这个, 那个预约, 我的预约 (or nothing at all: 不要了).
_THIS_ONE = re.compile(r"(?:我的|那个?|这个?)?(?:预约)?")


async def _given_up_under_the_list(ctx: Context) -> HandlerResult:
    """不要了, 不去了, 这个预约不要了 under the list of all one's bookings: cancelling, as 取消 there.

    The one booking shown is asked about, with its 改期 beside; of several,
    which. On a list of one kind of button (which to cancel, which to move)
    the words are not read: there they may as well mean never mind.
    """
    shown = [payload for _label, payload in ctx.shown if payload.startswith(("bk:cx:", "bk:mv:"))]
    named = gives_up(normalize(ctx.text))
    if {payload[:6] for payload in shown} != {"bk:cx:", "bk:mv:"} or named is None or not _THIS_ONE.fullmatch(named):
        return None
    codes = list(dict.fromkeys(payload.split(":")[2] for payload in shown if payload.startswith("bk:cx:")))
    if len(codes) == 1:
        return await ask_cancel(ctx, codes[0], move_too=True)
    return await _which(ctx, [item for item in await booking.mine(ctx.uow, ctx.person) if item.code in codes], "cancel")


async def _lines_shown(ctx: Context, shown: list[str], *, both: bool) -> list[str]:
    """The booking codes of the lines shown, in order: the resident's bookings on the full list, else the buttons'."""
    if both:
        return [item.code for item in await booking.mine(ctx.uow, ctx.person)]
    return list(dict.fromkeys(payload.split(":")[2] for payload in shown))
