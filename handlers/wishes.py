"""微心愿: residents make wishes, staff approve them, volunteers claim and fulfil them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.clock import local
from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.numerals import arabic
from bot.core.router import HandlerResult, Router
from bot.core.validation import button_parts, is_id, keyword_form
from bot.models import Person
from bot.services import wishes
from bot.services.deadlines import Rules, rules_for
from bot.services.errors import PermissionDenied
from handlers.booking.dates import parse_day
from handlers.common import back_button, record_id
from handlers.photos import photo_button, photo_replies
from handlers.profile import ask_profile
from knowledge.normalize import normalize

router = Router("wishes")
router.menu_entry("wishes.menu_entry", "wishnew", order=40)
router.accepts_yes("wish:confirm")  # "好的" under 请确认 says the wish came true

DIALOG = "wish"
REASON = "wish_reason"
THANKS = "wish_thanks"
SERVED = "wish_hours"
HOURS = (1, 2, 3, 4, 5, 6)  # the number typed is the hours; other lengths are typed (两个半小时, 8小时)
# Words that make a message a thank-you, typed under "要给志愿者留句感谢的话吗？" instead of pressing the button.
GRATITUDE = re.compile(r"谢|辛苦|好人|多亏|麻烦(你|您)|感激|感恩|暖心|点赞|👍|🙏|❤|thank", re.IGNORECASE)
# Spoken thanks only: a 👍 or a bare 好的 under 请确认 is not taken as confirming a wish.
WORDS_OF_THANKS = re.compile(r"谢|辛苦|感恩|thank", re.IGNORECASE)


def _rules(ctx: Context) -> Rules:
    return rules_for(ctx.app.settings)


def _int(raw: str) -> int:
    return record_id(raw, "wishes.no_such")


# 我想许个愿, 想提个微心愿: wanting to make a wish, with nothing said yet about what it is
_ONLY_ASKS_TO_WISH = re.compile(
    r"(?:我|俺)?(?:也)?(?:想|要|想要)?(?:许|提|有|说|报)?(?:个|一个|下)?(?:微)?(?:心愿|愿望|愿)(?:吧|啊|呀)?"
)
MAX_WHAT = 200


def _wish_said(ctx: Context) -> str:
    """The wish said with the request (希望有人陪我去医院复查, 微心愿 想要一台收音机), or ""."""
    said = (ctx.text if ctx.understanding is not None else ctx.args).strip()
    if not said or len(said) > MAX_WHAT or _ONLY_ASKS_TO_WISH.fullmatch(normalize(said)):
        return ""
    return said


@router.command("wish", keywords=("微心愿", "许愿", "许个心愿", "许心愿", "我有个心愿"))
@router.button("wishnew")
@router.intent("wish")
async def start(ctx: Context) -> HandlerResult:
    """Make a wish; what was already said is the wish, and the next question is why."""
    said = _wish_said(ctx)
    step, data = ("why", {"what": said}) if said else ("what", {})
    asked = await ask_profile(ctx, ("name", "phone", "address"), then={"dialog": DIALOG, "step": step, "data": data})
    if asked is not None:
        return asked
    ctx.dialog.enter(DIALOG, step, **data)
    if said:
        return Reply(ctx.t("wishes.got_what", what=said) + "\n" + ctx.t("wishes.ask_why"))
    return Reply(ctx.t("wishes.ask_what"))


def _ask_by(ctx: Context, before: str = "") -> Reply:
    buttons = [Button(ctx.t(f"wishes.by_{d}"), f"wi:by:{d}") for d in (7, 14, 30, 0)]
    return Reply((before + "\n" if before else "") + ctx.t("wishes.ask_by"), rows(*buttons, per_row=2))


def _ask_photo(ctx: Context) -> Reply:
    return Reply(ctx.t("wishes.ask_photo"), rows(Button(ctx.t("wishes.skip"), "wi:skip")))


# "By when", as people say it: 3月20日, 三月二十号, 20号, 下礼拜三之前, 月底, 半个月内, 过几天, 不着急.
_BY_AROUND = re.compile(r"^(?:最好|希望|争取|尽量|在|能在|大概|差不多)+|(?:之前|以前|前|为止|左右|之内|以内|内|吧|啊|就行|就好|都行)+$")
_NO_HURRY = re.compile(r"不急|不着急|不用急|不赶|随便|无所谓|什么时候都行|啥时候都行|哪天都行|都可以|不限")
_SOON = re.compile(r"尽快|越快越好|越早越好|马上|急|快点|过几天|这几天|最近")
_DATE_LIKE = re.compile(r"(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}[日号]?")
_WEEKEND = re.compile(r"(这|本|这个|下|下个)?周末")
_SPAN = re.compile(r"(\d{1,3}|半)(?:个)?(天|周|星期|礼拜|月)")
SOON_DAYS = 7  # 尽快 is the 一周内 choice


def _in_days(today: date, days: int) -> date:
    return today + timedelta(days=days)


def _month_end(today: date, months_ahead: int) -> date:
    first = date(today.year + (today.month - 1 + months_ahead) // 12, (today.month - 1 + months_ahead) % 12 + 1, 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def read_wanted_by(text: str, today: date) -> tuple[bool, date | None]:
    """(understood, the date) for the by-when answer; (True, None) is 不着急. The date may be in the past.

    A day said as for a booking (明天, 下周三, 3月20日, 20号) is read by the
    booking's own reader; what is particular to a wish (周末, 半个月内, 月底,
    尽快) is read here.
    """
    said = _BY_AROUND.sub("", keyword_form(text).replace(" ", ""))  # 下礼拜三: its 三 is a weekday, not 3
    form = arabic(said)
    if not form or _NO_HURRY.search(form):
        return (bool(form), None)
    if _SOON.fullmatch(form):
        return True, _in_days(today, SOON_DAYS)
    if _WEEKEND.fullmatch(form):
        return True, _weekend(form, today)
    if _DATE_LIKE.fullmatch(form):  # 2月30日 is no day at all
        when = parse_day(said, today)
        return when is not None, when
    if match := _SPAN.fullmatch(form):
        count = 0.5 if match.group(1) == "半" else int(match.group(1))
        days = {"天": 1, "周": 7, "星期": 7, "礼拜": 7, "月": 30}[match.group(2)]
        return True, _in_days(today, max(1, round(count * days)))
    ends = {"月底": 0, "这个月底": 0, "本月底": 0, "下个月": 1, "下月": 1, "下个月底": 1, "下月底": 1}
    if form in ends:
        return True, _month_end(today, ends[form])
    if form in ("年底", "今年", "今年底", "过年"):
        return True, date(today.year, 12, 31)
    when = parse_day(said, today)  # 明天, 明儿, 下周三, 20号
    return when is not None, when


def _weekend(form: str, today: date) -> date:
    """周末 / 这周末: this week's Sunday; 下周末: next week's."""
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(weeks=1 if form.startswith("下") else 0, days=6)


@router.dialog(DIALOG)
async def wish_dialog(ctx: Context) -> HandlerResult:
    step = ctx.dialog.step
    payload = ctx.payload or ""
    if payload and payload != "resume" and not payload.startswith("wi:"):
        return None
    if step == "what":
        if not ctx.text:
            return Reply(ctx.t("wishes.ask_what"))
        if len(ctx.text) > MAX_WHAT:
            return Reply(ctx.t("wishes.too_long", limit=MAX_WHAT))
        ctx.dialog.goto("why", what=ctx.text)
        return Reply(ctx.t("wishes.ask_why"))
    if step == "why":
        if not ctx.text:
            return Reply(ctx.t("wishes.ask_why"))
        if len(ctx.text) > 500:  # never cut silently: the step waits for the whole text, shorter
            return Reply(ctx.t("wishes.why_too_long", limit=500))
        ctx.dialog.goto("by", why=ctx.text)
        return _ask_by(ctx)
    if step == "by":
        today = local(ctx.now, ctx.app.settings.timezone).date()
        if payload.startswith("wi:by:") and is_id(payload[6:]):
            days = int(payload[6:])
            ctx.dialog.goto("photo", by=(today + timedelta(days=days)).isoformat() if days else None)
            return _ask_photo(ctx)
        if not ctx.text:
            return _ask_by(ctx)
        understood, when = read_wanted_by(ctx.text, today)
        if not understood:  # say what was not understood: a question asked again looks like a stuck bot
            return _ask_by(ctx, ctx.t("wishes.by_unclear", text=ctx.text[:20]))
        if when is not None and when < today:
            return _ask_by(ctx, ctx.t("wishes.by_past", date=when.isoformat()))
        ctx.dialog.goto("photo", by=when.isoformat() if when else None)
        return _ask_photo(ctx)
    if step == "photo":
        photo_ref = photo_size = None
        if payload != "wi:skip":
            attachment = ctx.message.attachment
            if attachment is None or attachment.kind != "photo":
                return _ask_photo(ctx)
            rules = _rules(ctx)
            if attachment.size is not None and attachment.size > rules.max_photo_bytes:
                return Reply(
                    ctx.t("cases.photo_too_big", limit=rules.max_photo_bytes // (1024 * 1024)),
                    rows(Button(ctx.t("wishes.skip"), "wi:skip")),
                )
            photo_ref, photo_size = attachment.ref, attachment.size
        data = ctx.dialog.data
        wish = await wishes.make_wish(
            ctx.uow,
            ctx.person,
            what=data["what"],
            why=data["why"],
            wanted_by=date.fromisoformat(data["by"]) if data.get("by") else None,
            rules=_rules(ctx),
            photo_ref=photo_ref,
            photo_size=photo_size,
        )
        ctx.dialog.leave()
        return Reply(ctx.t("wishes.made", id=wish.id), rows(Button(ctx.t("wishes.my_wishes"), "wish:mine:0"), back_button(ctx)))
    return None


@router.command("wishes", keywords=("心愿墙", "心愿列表", "我的心愿", "微心愿列表"))
async def list_wishes(ctx: Context) -> HandlerResult:
    """Volunteers: the open wishes and their own claims; everyone else: their own wishes."""
    try:
        open_ = await wishes.open_wishes(ctx.uow, ctx.person)
    except PermissionDenied:
        return await _my_wishes(ctx)
    mine = await wishes.claimed_by(ctx.uow, ctx.person)
    lines: list[str] = []
    buttons: list[Button] = []
    if mine:
        lines.append(ctx.t("wishes.my_claims_title", count=len(mine)))
        for wish in mine:
            lines.append(f"#{wish.id} {wish.what}")
            buttons.append(Button(ctx.t("wishes.done", id=wish.id), f"wish:done:{wish.id}"))
            buttons.append(Button(ctx.t("wishes.release", id=wish.id), f"wish:rel:{wish.id}"))
    if open_:
        lines.append(ctx.t("wishes.open_title", count=len(open_)))
        for wish in open_:
            area = await wishes.grid_name(ctx.uow, wish)
            lines.append(wishes.public_card(wish, ctx.texts, area))
            buttons.append(Button(ctx.t("wishes.claim_n", id=wish.id), f"wish:claim:{wish.id}"))
    if not lines:
        return Reply(ctx.t("wishes.none_open"), rows(back_button(ctx)))
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


_WISH_NUMBER = re.compile(r"(?:心愿)?(?:#|＃|第|编号|号)?\s*(\d{1,9})\s*(?:号|个)?")


@router.keyword("认领", "我来认领", "我认领", "我要认领", "认领心愿")
async def typed_claim(ctx: Context) -> HandlerResult:
    """认领 #3 (a button's words, typed) claims wish 3; 我来认领 alone shows the wall to choose from.

    A volunteer answering a push after other messages came between has no
    claim button left to match; the claim itself is checked by the service.
    """
    match = _WISH_NUMBER.fullmatch(arabic(ctx.args.strip()))
    if match is None:
        return await list_wishes(ctx)
    ctx.payload = f"wish:claim:{match.group(1)}"
    return await wish_button(ctx)


async def _my_wishes(ctx: Context) -> HandlerResult:
    mine = await wishes.wishes_of(ctx.uow, ctx.person)
    if not mine:
        return Reply(ctx.t("wishes.none_yet"), rows(Button(ctx.t("wishes.menu_entry"), "wishnew"), back_button(ctx)))
    lines = [ctx.t("wishes.mine_title", count=len(mine))]
    lines += [f"#{w.id} {w.what} · {ctx.t(f'wishes.states.{w.state}')}" for w in mine]
    return Reply("\n".join(lines), rows(back_button(ctx)))


@router.button("wish")
async def wish_button(ctx: Context) -> HandlerResult:
    action, args = button_parts(ctx.payload)
    raw = args[0] if args else ""
    rules = _rules(ctx)
    if action == "mine":
        return await _my_wishes(ctx)
    if action == "ok":
        wish = await wishes.review(ctx.uow, ctx.person, _int(raw), approve=True)
        return Reply(ctx.t("wishes.approved", id=wish.id))
    if action == "no":
        wish_id = _int(raw)
        await _reviewable(ctx, wish_id)
        ctx.dialog.enter(REASON, "reason", id=wish_id)
        return Reply(ctx.t("wishes.ask_reason", id=wish_id))
    if action == "claim":
        claimed = await wishes.claim(ctx.uow, ctx.person, _int(raw), rules)
        wish = claimed.wish
        return Reply(
            ctx.t("wishes.claimed", id=wish.id, what=wish.what, details=claimed.details),
            rows(
                Button(ctx.t("wishes.done", id=wish.id), f"wish:done:{wish.id}"),
                Button(ctx.t("wishes.release", id=wish.id), f"wish:rel:{wish.id}"),
                *([photo_button(ctx, f"wish:photo:{wish.id}")] if wish.photo_ref else []),
                per_row=2,
            ),
        )
    if action == "photo":
        return await _wish_photo(ctx, _int(raw))
    if action == "done":
        wish_id = _int(raw)
        ctx.dialog.enter(SERVED, "hours", id=wish_id)  # "两个半小时" may be typed instead of pressed
        buttons = [Button(ctx.t("wishes.hours", n=n), f"wish:hrs:{wish_id}:{n}") for n in HOURS]
        return Reply(ctx.t("wishes.ask_hours", id=wish_id), rows(*buttons, per_row=3))
    if action == "hrs" and len(args) == 2 and is_id(args[1]):
        wish = await wishes.fulfil(ctx.uow, ctx.person, _int(raw), float(args[1]), rules)
        return Reply(ctx.t("wishes.fulfilled", id=wish.id))
    if action == "rel":
        wish = await wishes.release(ctx.uow, ctx.person, _int(raw))
        return Reply(ctx.t("wishes.released", id=wish.id))
    if action == "confirm":
        wish = await wishes.confirm(ctx.uow, ctx.person, _int(raw))
        ctx.dialog.enter(THANKS, "offered", id=wish.id)  # the thanks may be typed straight away
        return Reply(
            ctx.t("wishes.confirmed", id=wish.id),
            rows(Button(ctx.t("wishes.thank"), f"wish:thank:{wish.id}"), back_button(ctx)),
        )
    if action == "notyet":
        wish = await wishes.not_yet(ctx.uow, ctx.person, _int(raw))
        return Reply(ctx.t("wishes.not_yet_sent", id=wish.id))
    if action == "thank":
        wish_id = _int(raw)
        ctx.dialog.enter(THANKS, "text", id=wish_id)
        return Reply(ctx.t("wishes.ask_thanks"))
    return await ctx.app.routes.intents["stale_button"](ctx)


async def _wish_photo(ctx: Context, wish_id: int) -> HandlerResult:
    wish = await wishes.with_photo_for(ctx.uow, ctx.person, wish_id)
    if not wish.photo_ref:
        return Reply(ctx.t("photos.none_wish", id=wish.id), rows(back_button(ctx)))
    maker = await ctx.uow.session.get(Person, wish.person_id)
    title = ctx.t("photos.of_wish", id=wish.id)
    return await photo_replies(ctx, title, [(wish.photo_ref, maker)], wish.person_id, back_button(ctx))


async def _reviewable(ctx: Context, wish_id: int) -> None:
    from bot.services.errors import Conflict

    wish = await wishes.load(ctx.uow, wish_id)
    if not await wishes.may_review(ctx.uow, ctx.person, wish):
        raise PermissionDenied()
    if wish.state != "pending":
        raise Conflict("wishes.reviewed_already", id=wish_id)


@router.dialog(REASON)
async def reason_dialog(ctx: Context) -> HandlerResult:
    if ctx.payload is not None:
        return None
    if not ctx.text:
        return Reply(ctx.t("wishes.ask_reason", id=ctx.dialog.data["id"]))
    wish = await wishes.review(ctx.uow, ctx.person, ctx.dialog.data["id"], approve=False, reason=ctx.text)
    ctx.dialog.leave()
    return Reply(ctx.t("wishes.declined", id=wish.id))


@router.dialog(THANKS)
async def thanks_dialog(ctx: Context) -> HandlerResult:
    if ctx.payload is not None:
        return None
    if ctx.dialog.step == "offered" and not GRATITUDE.search(ctx.text):
        ctx.dialog.leave()  # only asked, nothing under way: no "left unfinished" note
        return None  # a message without thanks in it is about something else
    if not ctx.text:
        return Reply(ctx.t("wishes.ask_thanks"))
    wish = await wishes.thank(ctx.uow, ctx.person, ctx.dialog.data["id"], ctx.text)
    ctx.dialog.leave()
    return Reply(ctx.t("wishes.thanked", id=wish.id), rows(back_button(ctx)))


@router.dialog(SERVED)
async def hours_dialog(ctx: Context) -> HandlerResult:
    """The hours of service typed as they are said: 2.5, 两个半小时, 三个钟头, 半小时."""
    if ctx.payload is not None:
        ctx.dialog.leave()
        return None  # a button (one of the hours, or anything else) goes its own way
    hours = parse_hours(ctx.text)
    if hours is None:
        return None
    wish = await wishes.fulfil(ctx.uow, ctx.person, ctx.dialog.data["id"], hours, _rules(ctx))
    ctx.dialog.leave()
    return Reply(ctx.t("wishes.fulfilled", id=wish.id))


def parse_hours(text: str) -> float | None:
    form = arabic(text.strip().replace(" ", "")).lower()
    if re.fullmatch(r"半(个)?(小时|钟头)", form):
        return 0.5
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(个)?(半)?(个)?(小时|钟头|钟|h|hours?)?(半)?", form)
    if match is None:
        return None
    return float(match.group(1)) + (0.5 if match.group(3) or match.group(6) else 0.0)


async def thanked_for_a_wish(ctx: Context) -> Reply | None:
    """谢谢小伙子 under 请确认: the wish is done, and the words are for the volunteer.

    Only words of thanks, and only when exactly one wish waits for the
    resident's confirmation: a bare 好的 or 再见 confirms nothing here.
    """
    if not WORDS_OF_THANKS.search(ctx.text or ""):
        return None
    waiting = await wishes.awaiting_confirmation(ctx.uow, ctx.person)
    if len(waiting) != 1:
        return None
    wish = await wishes.confirm(ctx.uow, ctx.person, waiting[0].id)  # type: ignore[arg-type]
    await wishes.thank(ctx.uow, ctx.person, wish.id, ctx.text)  # type: ignore[arg-type]
    return Reply(ctx.t("wishes.confirmed_with_thanks", id=wish.id), rows(back_button(ctx)))
