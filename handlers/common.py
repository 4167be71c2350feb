"""Greeting, help, the main menu, leaving a dialog, and what to say when nothing fits."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.core.validation import is_id
from bot.models import Role
from bot.services import booking, roles
from bot.services.errors import InvalidInput, NotFound
from knowledge import small_talk
from knowledge.normalize import normalize

router = Router("common")
router.menu_entry("menu.help", "help", order=90)

# Answering "有照片吗？" with no photo: 没有, 没照片, 不用了, 俺不会发 (matched against letters only, see
# Router.accepts_said); the forms that ask it let these words press their 跳过.
NO_PHOTO = re.compile(
    r"(算了)?(我|俺)?(这|手头|手机里|现在)?(没有|没|无|不用|不要|不发|不拍|没拍|拍不了|发不了|不会发|不会拍|不会弄)了?"
    r"(照片|相片|图片|图|照|相|拍)?(了|吧|啊|呀|哦|呢|啦)*"
)


def record_id(raw: str, missing_key: str) -> int:
    """A record id from a button's data; anything else answers "no such record"."""
    if not is_id(raw):
        # a forged or cut-off button with no number at all: no "没有编号为  的…" with a blank where the number goes
        raise NotFound(missing_key, id=raw[:10]) if raw.strip() else NotFound("errors.not_found")
    return int(raw)


def back_button(ctx: Context) -> Button:
    """The way back to the main menu, under most answers."""
    return Button(ctx.t("menu.back"), "menu")


def main_menu(ctx: Context, text: str | None = None) -> Reply:
    entries = ctx.app.routes.menu
    buttons = [Button(ctx.t(entry.label_key), entry.payload) for entry in entries]
    return Reply(text or ctx.t("menu.title"), rows(*buttons, per_row=2))


@router.command("start")
async def start(ctx: Context) -> HandlerResult:
    if ctx.args.lower().startswith("bind"):
        from handlers.roles import bind_with_code

        try:
            return await bind_with_code(ctx, ctx.args[4:].lstrip("_-: "))
        except InvalidInput as refused:  # a used or expired QR code: say so, and still welcome a new follower
            return main_menu(ctx, ctx.t(refused.key, **refused.params) + "\n\n" + ctx.t("common.welcome"))
    return main_menu(ctx, ctx.t("common.welcome"))


# 你好楼道灯坏了, 在吗我想问个事: the greeting and the matter in one breath (the Chinese ones only:
# hi would swallow history).
_GREETINGS_LEADING = ("你好", "您好", "在吗", "在不在", "早上好", "下午好", "晚上好")


@router.keyword(*_GREETINGS_LEADING, "hi", "hello", leading=_GREETINGS_LEADING, preamble=True)
@router.intent("greeting")
async def greeting(ctx: Context) -> HandlerResult:
    """A hello; a season's greeting is greeted back, and 我想问一下 is asked to go on (neither is an unanswered question)."""
    norm = normalize(ctx.text)
    if small_talk.festive(norm):  # 中秋快乐, 新年好
        return main_menu(ctx, ctx.t("common.festive"))
    if small_talk.preamble(norm):  # 我想问一下, 打扰一下: the matter is still to come
        return Reply(ctx.t("common.go_on"), rows(back_button(ctx)))
    return main_menu(ctx, ctx.t("common.greeting"))


@router.intent("thanks")
async def thanks(ctx: Context) -> HandlerResult:
    """谢谢 / 好的 / 再见: a kind word back, and the way to the menu; nothing is recorded as unanswered."""
    from handlers.wishes import thanked_for_a_wish  # wishes build on this module: imported late

    if small_talk.patient(normalize(ctx.text)):  # 好事多磨: patience, not thanks (nor a wish done under 请确认)
        return Reply(ctx.t("small_talk.patience"), rows(back_button(ctx)))
    confirmed = await thanked_for_a_wish(ctx)  # 谢谢小伙子 under 请确认: the wish is done
    if confirmed is not None:
        return confirmed
    return Reply(ctx.t("common.thanks"), rows(back_button(ctx)))


@router.command("help", keywords=("帮助", "help", "怎么用", "使用说明"))
@router.button("help")
@router.intent("help")
async def help_(ctx: Context) -> HandlerResult:
    topic = small_talk.about_the_bot(normalize(ctx.text))
    if topic is not None:  # 你是机器人吗, 能发语音吗, 字太小了看不清
        return Reply(ctx.t(_about_the_bot_key(topic, ctx.message.channel)), rows(back_button(ctx)))
    sections = [ctx.t("common.help")] + [ctx.t(f"common.help_for.{role}") for role in await _roles_with_help(ctx)]
    return Reply("\n\n".join(sections), rows(back_button(ctx)))


# Each role's own words, after the help every person gets: a grid manager asking 帮助 was told
# only how to ask a question, never 待办 or 已上门. Leaders and admins do what these do.
_HELP_OF_ROLE = {
    Role.grid_manager.value: "grid_manager", Role.grid_leader.value: "grid_manager",
    Role.staff.value: "staff", Role.admin.value: "staff",
    Role.volunteer.value: "volunteer", Role.party_member.value: "party_member",
}


async def _roles_with_help(ctx: Context) -> list[str]:
    held = {_HELP_OF_ROLE.get(a.role) for a in await roles.roles_of(ctx.uow, ctx.person)}
    return [name for name in ("grid_manager", "staff", "volunteer", "party_member") if name in held]


# Voice and the size of the letters are the channel's: WeChat reads a voice as words when the
# account has speech recognition on (bot/channels/wechat/inbound.py); Telegram's voice is not read.
_CHANNELS_WITH_OWN_ANSWER = {"voice": ("wechat", "telegram"), "font": ("wechat", "telegram"), "access": ("wechat",)}


def _about_the_bot_key(topic: str, channel: str) -> str:
    """The text answering a question about the bot: per channel for voice and the letters' size."""
    if topic not in _CHANNELS_WITH_OWN_ANSWER:
        return f"common.about_{topic}"
    own = channel if channel in _CHANNELS_WITH_OWN_ANSWER[topic] else "other"
    return f"common.about_{topic}_{own}"


@router.command("menu", keywords=("菜单", "主菜单", "menu", "目录", "main menu"))
@router.button("menu")
async def menu(ctx: Context) -> HandlerResult:
    return main_menu(ctx)


# 算了，算了 / 取消，谢谢 / 算了，太麻烦了: still only leaving. But words naming what to cancel
# (取消 明天的预约, 取消，党日请假, 取消 #3) are a message of their own, routed whole.
_NAMES_WHAT = re.compile(r"预约|约|诉求|投诉|心愿|党日|活动|报名|请假|排队|候补|今天|明天|后天|明儿|周|星期|礼拜|号|\d")


def _only_leaving(args: str) -> bool:
    return _NAMES_WHAT.search(normalize(args)) is None


# A booking's code after 取消 (取消 3TXBJ6, as the confirmation showed it): six letters or digits, a digit or
# capitals among them; typed in small letters only (取消 kdmpqx), it must be one of the person's own bookings
# (取消 thanks is not one)
_BOOKING_CODE = re.compile(r"(?=.*[0-9A-Z])[A-Za-z0-9]{6}")
_CODE_SHAPED = re.compile(r"[A-Za-z]{6}")


async def _names_a_booking(ctx: Context, args: str) -> bool:
    if _BOOKING_CODE.fullmatch(args):
        return True
    if not _CODE_SHAPED.fullmatch(args):
        return False
    return args.upper() in {item.code for item in await booking.mine(ctx.uow, ctx.person)}


@router.command("cancel", keywords=("取消", "退出", "算了", "cancel"), takes_args=_only_leaving)
async def cancel(ctx: Context) -> HandlerResult:
    """Leave what is under way (the dispatcher has already left any dialog); 取消 CODE asks to cancel that booking.

    取消 3TXBJ6, typed away from the list, was read as leaving: 好的，已退出,
    and the booking stood while the resident believed it cancelled.
    """
    if await _names_a_booking(ctx, ctx.args.strip()):
        return await ctx.app.routes.commands["cancelbooking"](ctx)
    return main_menu(ctx, ctx.t("common.cancelled"))


async def as_understood(ctx: Context) -> HandlerResult:
    """Route words as if no keyword had matched them: understood, then answered by their intent's handler.

    For keyword handlers that find the words are not theirs after all
    (已解决了谢谢 from a resident, 确认 with no wish waiting).
    """
    routes = ctx.app.routes
    ctx.args = ""
    for anywhere in routes.anywhere:  # as the dispatcher does: 收到，准时参加 answers the Party-day notice
        result = await anywhere(ctx)
        if result is not None:
            return result
    ctx.understanding = ctx.app.understander.understand(ctx.text)
    handler = routes.intents.get(ctx.understanding.intent.value) or routes.intents["unknown"]
    return await handler(ctx)


# 返回, 上一步, 回去: back one question in a form or a booking; what was answered is kept.
_GO_BACK = re.compile(r"(?:返回|退回|回去|后退|往回|回到?上一?步|上一步|上一页|返回上一步)(?:吧|啊|呀)?")


def goes_back(text: str) -> bool:
    return _GO_BACK.fullmatch(normalize(text)) is not None


@router.words_anywhere
async def back_with_nothing_open(ctx: Context) -> HandlerResult:
    """上一步, 返回 with no form open and no 返回 button to take it: the main menu, not 答不上来 logged for staff."""
    if len(ctx.text) > 8 or not goes_back(ctx.text):
        return None
    return main_menu(ctx, ctx.t("common.back_to_menu"))


@router.intent("unknown_command")
async def unknown_command(ctx: Context) -> HandlerResult:
    return Reply(ctx.t("common.unknown_command"), rows(Button(ctx.t("menu.help"), "help")))


@router.intent("stale_button")
async def stale_button(ctx: Context) -> HandlerResult:
    ctx.stale = True  # the pressed message may show what its first press answered: a channel keeps it
    return main_menu(ctx, ctx.t("common.stale_button"))


@router.intent("attachment")
async def attachment(ctx: Context) -> HandlerResult:
    from handlers.cases.waiting import to_waiting_case  # cases build on this module: imported late

    added = await to_waiting_case(ctx)  # the rest of an album, a photo sent just after filing or asked for
    if added is not None:
        return added
    voice = ctx.message.attachment is not None and ctx.message.attachment.kind == "voice"
    if not voice:
        return main_menu(ctx, ctx.t("common.attachment_unexpected"))
    # WeChat turns speech into text as it is sent (上滑转文字); elsewhere the phone's keyboard does
    key = "common.voice_unreadable" if ctx.message.channel == "wechat" else "common.voice_unreadable_keyboard"
    return main_menu(ctx, ctx.t(key))
