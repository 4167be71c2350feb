"""WeChat messages and events (as parsed by wechatpy) → neutral inbound messages."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from wechatpy import events, messages

from bot.core.messages import Attachment, Inbound, Location
from bot.core.validation import choice_number

CHANNEL = "wechat"

# WeChat does not pass a sticker (动画表情) on to an Official Account: it sends this text in its place.
STICKER_PLACEHOLDER = "【收到不支持的消息类型，暂无法显示】"


@dataclass(frozen=True)
class Incoming:
    inbound: Inbound
    key: str  # what WeChat retries carry again: MsgId, or sender + CreateTime for events


@dataclass(frozen=True)
class Unsubscribed:
    openid: str


@dataclass(frozen=True)
class Ignored:
    reason: str


Event = Incoming | Unsubscribed | Ignored


def read(message: messages.BaseMessage) -> Event:
    openid = message.source
    key = str(message.id) if message.id else _retry_key(message)

    def incoming(**fields: object) -> Incoming:
        return Incoming(Inbound(channel=CHANNEL, user_id=openid, message_id=key, **fields), key)  # type: ignore[arg-type]

    match message:
        case messages.TextMessage() if message.content == STICKER_PLACEHOLDER:
            return incoming()  # a sticker carries no words: not a question, nor an answer to a dialog
        case messages.TextMessage():
            return incoming(text=emoji_as_unicode(message.content or ""))  # <Content/>: nothing typed, answered as such
        case messages.VoiceMessage():
            if words := _recognised(message.recognition):  # when the account enabled speech recognition
                return incoming(text=words)
            return incoming(attachment=Attachment("voice", message.media_id))
        case messages.LocationMessage():
            return incoming(location=Location(float(message.location_x), float(message.location_y), message.label or None))
        case messages.ImageMessage():
            return incoming(attachment=Attachment("photo", message.media_id or message.image, mime_type="image/jpeg"))
        case messages.VideoMessage() | messages.ShortVideoMessage():
            return incoming(attachment=Attachment("video", message.media_id))
        case messages.LinkMessage():
            return incoming(text=f"{message.title} {message.url}".strip())
        case events.SubscribeScanEvent() | events.ScanEvent():
            return incoming(text=_start(message.scene_id))
        case events.SubscribeEvent():
            return incoming(text="/start")
        case events.UnsubscribeEvent():
            return Unsubscribed(openid)
        case events.ClickEvent():
            return incoming(payload=(message.key or "")[:64])
        case events.ViewEvent() | events.LocationEvent():
            return Ignored(message.type)  # a menu link opened / a periodic location report: no answer expected
        case messages.BaseMessage() if message.type == "event":
            return Ignored(f"event {getattr(message, 'event', '?')}")
    return incoming()  # a kind the bot does not handle: answered politely by the dispatcher


# What a speaker says before the answer, which the recogniser writes down: 嗯，第一个吧。 呃我叫张桂兰。
# 嗯 呃 唔 never begin a word; 额 (额度), 哎 (哎呀) and 那个 (那个灯坏了) are fillers only with a pause after them.
_FILLER = re.compile(r"^(?:(?:[嗯呃唔]+|(?:[啊额哦噢诶欸唉哎]+|那个|这个|就是|然后)(?=[，,、\s]))[，,、\s]*)+")


def _recognised(recognition: str | None) -> str:
    """The words of WeChat's speech recognition, without the "。" it ends every result with, nor the fillers before.

    "张桂兰。" is a name, "13912345678。" a phone number; a bare "。" (nothing
    understood) is no words at all, so the voice is asked to be typed.
    "嗯，第一个吧。" answers a numbered question: read with its 嗯, it left
    the form half filled as a question the bot could not answer.
    """
    words = (recognition or "").strip().rstrip("。.").strip()
    words = _FILLER.sub("", words).strip() or words
    return _chosen_as_said(words) or words


# How a choice is said aloud before its number: 好的，第二个. 那就第一个吧. 我要第三个.
_LEAD_IN = re.compile(r"^(?:好的|好|对|行|可以|那就|那|就要|就|我就要|我要|要)[，,、\s]*")


def _chosen_as_said(words: str) -> str | None:
    """A numbered answer said with words before it ("好的，第二个" → "第二个"), else None.

    Only where what follows is a choice: 好的，谢谢 and 我要预约 stay as said.
    """
    for _ in range(3):  # 好的，那就第一个吧: a word or two before the number
        shorter = _LEAD_IN.sub("", words, count=1)
        if shorter == words or not shorter:
            return None
        if choice_number(shorter) is not None:
            return shorter
        words = shorter
    return None


def _start(scene: str | None) -> str:
    """A QR code's scene value: binding codes are `bind_CODE`, as in Telegram deep links."""
    scene = (scene or "").removeprefix("qrscene_")
    return f"/start {scene}" if scene else "/start"


def _retry_key(message: messages.BaseMessage) -> str:
    """What a retry of a message without MsgId carries again (events never have one)."""
    if message.type == "event":
        return _event_key(message)
    return _unnumbered_key(message)


def _unnumbered_key(message: messages.BaseMessage) -> str:
    """A message that came without MsgId: its sender, second and whole content.

    Two different messages sent within one second are two messages; only a
    retry repeats the same XML.
    """
    digest = hashlib.sha256(repr(message).encode()).hexdigest()[:24]
    return f"{message.source}:{message.time}:{message.type}:{digest}"[:128]


def _event_key(message: messages.BaseMessage) -> str:
    """What a retried event carries again: the sender and second (WeChat's advice), and which event it is.

    Two taps on the menu within one second are two events; only a retry
    repeats all of sender, second, event and key.
    """
    event = getattr(message, "event", "") or ""
    event_key = getattr(message, "key", None) or getattr(message, "scene_id", None) or ""
    return f"{message.source}:{message.time}:{event}:{event_key}"[:128]


# WeChat's emoji panel sends codes, not Unicode: "[强]" and "/:strong" for 👍, "/::)" for 🙂. Every
# name of the panel is here: one left out stayed as typed, and "[旺柴]" sent at "问题在哪里？" was
# filed as the place of a complaint, "张桂兰[吃瓜]" as a name.
_NAMED = {
    "微笑": "🙂", "撇嘴": "😕", "色": "😍", "发呆": "😳", "得意": "😎", "流泪": "😢", "害羞": "😊", "闭嘴": "🤐",
    "睡": "😴", "大哭": "😭", "尴尬": "😅", "发怒": "😠", "调皮": "😜", "呲牙": "😁", "惊讶": "😮", "难过": "😞",
    "囧": "😳", "抓狂": "😫", "吐": "🤮", "偷笑": "🤭", "愉快": "😊", "白眼": "🙄", "傲慢": "😤", "困": "😪",
    "惊恐": "😱", "憨笑": "😄", "悠闲": "😌", "咒骂": "🤬", "疑问": "❓", "嘘": "🤫", "晕": "😵", "衰": "😩",
    "骷髅": "💀", "敲打": "🔨", "再见": "👋", "擦汗": "😓", "抠鼻": "🤭", "鼓掌": "👏", "坏笑": "😏", "右哼哼": "😤",
    "左哼哼": "😤", "哈欠": "🥱", "鄙视": "😒", "委屈": "🥺", "快哭了": "😥", "阴险": "😏", "亲亲": "😘",
    "可怜": "🥺", "笑脸": "😄", "生病": "😷", "脸红": "😳", "破涕为笑": "😂", "恐惧": "😨", "失望": "😞",
    "无语": "😶", "嘿哈": "😄", "捂脸": "🤦", "奸笑": "😏", "机智": "🤓", "皱眉": "😟", "耶": "✌️", "吃瓜": "🍉",
    "加油": "💪", "汗": "😓", "天啊": "😱", "Emm": "🤔", "社会社会": "👍", "旺柴": "🐶", "好的": "👌", "打脸": "🤕",
    "哇": "😲", "翻白眼": "🙄", "666": "👍", "让我看看": "👀", "叹气": "😮‍💨", "苦涩": "😣", "裂开": "😖",
    "嘴唇": "💋", "爱心": "❤️", "心碎": "💔", "拥抱": "🤗", "强": "👍", "赞": "👍", "弱": "👎", "握手": "🤝",
    "胜利": "✌️", "抱拳": "🙏", "勾引": "👆", "拳头": "👊", "OK": "👌", "合十": "🙏", "啤酒": "🍺", "咖啡": "☕",
    "蛋糕": "🎂", "玫瑰": "🌹", "凋谢": "🥀", "菜刀": "🔪", "炸弹": "💣", "便便": "💩", "月亮": "🌙", "太阳": "☀️",
    "庆祝": "🎉", "礼物": "🎁", "红包": "🧧", "發": "🧧", "福": "🧧", "烟花": "🎆", "爆竹": "🧨", "猪头": "🐷",
    "跳跳": "💃", "发抖": "😰", "转圈": "💃", "饭": "🍚", "西瓜": "🍉", "奋斗": "💪", "可爱": "😊", "饥饿": "😋",
    "冷汗": "😰", "吓": "😱", "示爱": "❤️", "飞吻": "😘", "爱你": "🤟", "差劲": "👎", "NO": "🙅", "激动": "🤩",
}
_CODES = {
    "/:strong": "👍", "/:weak": "👎", "/:ok": "👌", "/:handclap": "👏", "/:heart": "❤️", "/:rose": "🌹",
    "/:share": "🤝", "/:v": "✌️", "/::)": "🙂", "/::D": "😁", "/::P": "😛", "/::(": "🙁", "/::<": "😢",
}
# A code is followed at once by whatever was typed next ("/::)谢谢"): known codes are matched
# exactly, longest first, and an unknown one takes ASCII symbols and letters only, as codes are.
_KNOWN_CODES = "|".join(re.escape(code) for code in sorted(_CODES, key=len, reverse=True))
_EMOJI_CODE = re.compile(rf"\[([\u4e00-\u9fffA-Za-z0-9]{{1,4}})\]|{_KNOWN_CODES}|/:(?:(?![/\[\]])[!-~]){{1,8}}")


def emoji_as_unicode(text: str) -> str:
    """The text with WeChat's emoji codes as the emoji they show; unknown codes as 🙂."""
    if "[" not in text and "/:" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return _NAMED.get(match.group(1), match.group(0))  # [某某] that is no emoji stays as typed
        return _CODES.get(match.group(0), "🙂")

    return _EMOJI_CODE.sub(one, text)
