"""People and their profile: the personal data a flow may need, and its erasure."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from datetime import timedelta

from sqlalchemy import String, cast, or_, update
from sqlmodel import col, select

from bot.core.numerals import arabic
from bot.db.upsert import insert
from bot.db.uow import UnitOfWork
from bot.models import Handover, HandoverMessage, InboundMessage, OutboxMessage, Person, UnansweredQuestion
from bot.models.cases import Case, CaseEvent
from bot.models.outbox import OutboxStatus
from bot.models.wishes import Wish
from bot.services import photos
from bot.services.errors import InvalidInput
from knowledge.intents import complaint
from knowledge.normalize import normalize

ERASED = "（应本人要求已删除）"
SEEN_GRANULARITY = timedelta(minutes=10)
MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


async def get_or_create(
    uow: UnitOfWork,
    channel: str,
    user_id: str,
    *,
    display_name: str | None = None,
    language: str | None = None,
    default_language: str = "zh",
) -> Person:
    """The person behind (channel, user id); created on first contact, never committed here."""
    person = await _find(uow, channel, user_id)
    if person is None:
        person = await create(uow, channel, user_id, display_name=display_name, language=language, default_language=default_language)
    touch(uow, person, display_name)
    return person


async def create(
    uow: UnitOfWork,
    channel: str,
    user_id: str,
    *,
    display_name: str | None,
    language: str | None,
    default_language: str,
) -> Person:
    """One INSERT … ON CONFLICT DO NOTHING: two first messages arriving at once create one person."""
    now = uow.clock.now()
    statement = (
        insert(uow.session, Person)
        .values(
            channel=channel,
            channel_user_id=user_id,
            display_name=display_name[:100] if display_name else None,
            language=language_of(language, default_language),
            created_at=now,
            last_seen_at=now,
        )
        .on_conflict_do_nothing(index_elements=["channel", "channel_user_id"])
        .returning(Person)
    )
    person = (await uow.session.exec(statement)).scalars().first()  # type: ignore[call-overload]
    if person is None:  # the same person's other message created them a moment ago
        person = await _find(uow, channel, user_id)
    assert person is not None
    return person


def touch(uow: UnitOfWork, person: Person, display_name: str | None) -> None:
    """Note the person was seen; written at most every few minutes to spare a write per message."""
    now = uow.clock.now()
    if now - person.last_seen_at > SEEN_GRANULARITY:
        person.last_seen_at = now
    name = display_name[:100] if display_name else None
    if name and person.display_name != name:
        person.display_name = name


async def _find(uow: UnitOfWork, channel: str, user_id: str) -> Person | None:
    result = await uow.session.exec(
        select(Person).where(Person.channel == channel, Person.channel_user_id == user_id)
    )
    return result.first()


def contacted(person: Person) -> None:
    """They wrote to us, so they can be reached again (e.g. unblocked the bot)."""
    if person.unreachable_at is not None or person.unreachable_reason is not None:
        person.unreachable_at = None
        person.unreachable_reason = None


def language_of(language: str | None, default: str) -> str:
    """The bot's language for a client's language code (en or zh), else the default."""
    if language and language.lower().startswith("en"):
        return "en"
    if language and language.lower().startswith("zh"):
        return "zh"
    return default


NAME_MAX = 20
NOT_IN_A_NAME = re.compile(r"[0-9，。！？、；：,.!?;:/]")
# What a name never holds but a sentence typed at the name question does: a pronoun (我家门口…), a question
# (怎么还要名字), what goes wrong (门口老有车乱停 was kept as a name), what one came for (预约, 反映, 想要…).
NOT_A_NAME = re.compile(
    r"[我俺咱你您吗呢]|怎么|怎样|咋|如何|哪|什么|啥|多少|能不能|可不可以|要不要|是不是|有没有|为什么|为啥"
    r"|坏|漏|塌|臭|脏|吵|乱|堵[住了着]|丢了|掉了|满了|不亮|没人|积水|危险|老是|总是|一直"
    r"|预约|反映|投诉|举报|问题|事情|办理|申请|咨询"
    r"|想要|想有|希望|需要|^要[个台辆副件张把]|[一两][个台辆副件把]"  # 想要一台收音机: the wish, not a name
)
HAN_NAME_MAX = 8  # 欧阳娜娜, 王秀英阿姨; longer, in characters alone (阿依古丽·买买提 has its dot), is a sentence


# 我叫王秀英, 俺是老张, 叫我王阿姨就行, 我姓王, 免贵姓王: people answer "怎么称呼您" in a sentence;
# the name (or the surname they gave) is what is kept.
_NAME_LEAD = re.compile(
    r"^(?:(?:我|俺)(?:的)?(?:名字|姓名)?(?:叫|是|姓)|免贵姓|姓(?=\S{1,2}$)|(?:名字|姓名)(?:叫|是|:|：)|你?(?:就)?叫我|称呼我)"
)
_NAME_TAIL = re.compile(r"(?:就行了?|就好了?|就可以了?|吧|呀|啊)$")


# 俺姓王，叫俺王大娘就行: how they want to be called, wherever in the sentence it comes.
_CALL_ME = re.compile(r"(?:叫|喊|称呼)(?:我|俺)\s*(\S+?)\s*(?:就行了?|就好了?|就可以了?|吧|呀|啊)?$")


# 继续, 跳过, 下一步, 好的, 嗯: what moves a form on or only says yes, typed at the name question; never a
# name (继续 was saved, and the grid manager saw 居民：继**).
NAVIGATION = re.compile(
    r"(?:继续|跳过|略过|下一步|下一个|往下|接着来|好的?|好吧|好了|好嘞|行了?|行吧|嗯+|恩+|哦+|噢+|喔+|对的?|是的?"
    r"|可以的?|没问题|确定|确认|提交|完成|完了|没有了?|没了|不知道|知道了|收到|ok|okay|yes|next|skip|continue"
    r"|(?:我|俺)?(?:不)?(?:同意|愿意)|中)"  # 同意 typed again after the consent (it was kept as the name: 居民：同*)
    r"(?:吧|了|啊|呀|哈|哦|的|嗯)*"
)


def _emoji_part(ch: str) -> bool:
    """An emoji or its joiners and modifiers: no part of a name."""
    return unicodedata.category(ch) in ("So", "Sk", "Cf") or 0xFE00 <= ord(ch) <= 0xFE0F


def normalise_name(raw: str) -> str:
    """How to address the resident: a name or 王阿姨, not a sentence typed at the wrong step."""
    name = unicodedata.normalize("NFKC", raw).strip().strip("。.，,！! ")  # "张桂兰。" as voice input writes it
    name = "".join(ch for ch in name if not _emoji_part(ch)).strip()  # 张桂兰🙂 (WeChat's [微笑]): the name only
    if not name:
        raise InvalidInput("profile.bad_name", limit=NAME_MAX)
    if NAVIGATION.fullmatch(re.sub(r"[\s,，。.!！~～、]+", "", name).lower()):
        raise InvalidInput("profile.name_needed")
    called = _CALL_ME.search(name)
    if called is not None:  # 叫俺王大娘就行, 俺姓王 叫俺王大娘就行
        name = called.group(1)
    name = _NAME_TAIL.sub("", _NAME_LEAD.sub("", name)).strip("。.，,！! ") or name
    if not name or len(name) > NAME_MAX or NOT_IN_A_NAME.search(name):
        raise InvalidInput("profile.bad_name", limit=NAME_MAX)
    if NOT_A_NAME.search(name) or complaint(normalize(name)):
        raise InvalidInput("profile.bad_name", limit=NAME_MAX)
    if len(name) > HAN_NAME_MAX and re.fullmatch(r"[\u4e00-\u9fff]+", name):
        raise InvalidInput("profile.bad_name", limit=HAN_NAME_MAX)
    return name


# 我的手机13837456789, 俺手机号是…, 电话：…: the number said in a sentence.
_PHONE_LEAD = re.compile(r"^(?:我|俺)?(?:的)?(?:手机|电话|联系电话|联系方式)(?:号码|号)?(?:是|为|:|：)?")


_MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[\d\s-]{10,14}(?<=\d)")


def phone_in(text: str) -> str | None:
    """A mobile number said inside a sentence (俺电话换了，新号是139 1234 5678), normalised; else None."""
    found = _MOBILE_IN_TEXT.search(unicodedata.normalize("NFKC", text))
    if found is None:
        return None
    try:
        return normalise_phone(found.group())
    except InvalidInput:
        return None


# 电话, 手机号是: what says the number that follows is the phone, in 我叫王桂兰 电话13900001111.
_PHONE_WORDS = re.compile(r"(?:我的|俺的|我|俺)?(?:联系电话|联系方式|手机号码|手机号|手机|电话号码|电话|号码)(?:是|为|:|：)?")


def name_and_phone(raw: str) -> tuple[str | None, str] | None:
    """The name and the mobile number said together (我叫王桂兰 电话13900001111, 王桂兰 13900001111).

    None when no mobile number is in the text; the name is None when nothing
    is left beside the number. InvalidInput when what is left is not a name.
    """
    text = unicodedata.normalize("NFKC", raw)
    phone = phone_in(text)
    if phone is None:
        return None
    found = _MOBILE_IN_TEXT.search(text)  # the number phone_in read: what is left beside it is the name
    assert found is not None
    rest = _PHONE_WORDS.sub(" ", text[: found.start()] + " " + text[found.end():])
    rest = re.sub(r"[\s,，。.、;；]+", " ", rest).strip()
    if not rest:
        return None, phone
    return normalise_name(rest), phone


def normalise_phone(raw: str) -> str:
    """A phone number as residents type or say it (spaces, dashes, +86, full-width, 一三九…) → digits."""
    text = arabic(unicodedata.normalize("NFKC", raw).strip().rstrip("。."))  # 一三九…。 read out to voice input
    text = _PHONE_LEAD.sub("", text.lstrip())
    text = re.sub(r"[\s()（）]", "", text)
    text = re.sub(r"^(\+?86)", "", text)
    if MOBILE.match(text.replace("-", "")):
        return text.replace("-", "")
    if LANDLINE.match(text):
        return text
    raise InvalidInput("profile.bad_phone")


# The hundred-odd commonest surnames: enough to tell 我是张秀兰 (a name) from 我是低保户 (not one).
COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


def mask_name(name: str) -> str:
    """The surname and a star per other character: enough to greet the resident, not to name them to others."""
    return name[0] + "*" * (len(name) - 1) if name else ""


def resident_label(person: Person) -> str:
    """How staff and grid managers see a resident: the masked name, or 居民<id> when there is none."""
    return mask_name(person.name) if person.name else f"居民{person.id}"


CHANNEL_NAMES = {"wechat": "微信", "telegram": "Telegram", "console": "控制台"}


def colleague_label(person: Person) -> str:
    """How staff see a colleague (a party member, a new role holder): the name, else a short handle.

    A WeChat openid or a Telegram chat id means nothing to staff; its last
    four characters beside the platform are enough to match `roles list`.
    """
    if person.name or person.display_name:
        return person.name or person.display_name  # type: ignore[return-value]
    return f"{CHANNEL_NAMES.get(person.channel, person.channel)}用户…{person.channel_user_id[-4:]}"


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    if len(phone) >= 7:
        return f"{phone[:3]}****{phone[-4:]}"
    return "****"


@dataclass(frozen=True)
class ProfileUpdate:
    name: str | None = None
    phone: str | None = None
    community_id: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None


async def save_profile(uow: UnitOfWork, person: Person, update_: ProfileUpdate) -> None:
    """Store what the profile dialog collected; the person has consented by now."""
    if person.consent_at is None:
        person.consent_at = uow.clock.now()
    for field_name in ("name", "phone", "community_id", "building", "unit", "room"):
        value = getattr(update_, field_name)
        if value is not None:
            setattr(person, field_name, value)
    await uow.commit()


async def forget(uow: UnitOfWork, person: Person) -> None:
    """Erase the person's personal data (right to erasure).

    The profile goes, and so do stored replies, which may quote it (e.g. the
    answer to /me); the caller leaves any dialog, whose data may hold
    half-entered details. Wishes still under way are withdrawn: nobody could
    reach them to fulfil one. Roles stay: they are the centre's organisation, not
    personal data, and the admin revokes them.
    """
    from bot.services.wishes import withdraw_all  # wishes use this module: imported late

    # A claimer could no longer reach them: their wishes under way are withdrawn, the claimer told.
    await withdraw_all(uow, person)
    await _scrub_what_others_hold(uow, person)  # while the profile still says what to look for
    person.name = person.phone = person.building = person.unit = person.room = None
    person.community_id = None
    person.consent_at = None
    person.display_name = None
    await uow.session.exec(  # type: ignore[call-overload]
        update(InboundMessage).where(InboundMessage.person_id == person.id).values(reply=None)
    )
    # What they told the staff may hold personal details too; the exchange stays, their words go.
    await uow.session.exec(  # type: ignore[call-overload]
        update(HandoverMessage).where(HandoverMessage.author_id == person.id).values(text=ERASED)
    )
    await uow.session.exec(  # type: ignore[call-overload]
        update(Handover).where(Handover.person_id == person.id).values(question=ERASED)
    )
    # Their cases keep the problem and its grid (the community's record of public matters);
    # the home address and contact go, and so does why they made a wish.
    await uow.session.exec(  # type: ignore[call-overload]
        update(Case).where(Case.person_id == person.id).values(address=ERASED, contact=None)
    )
    await uow.session.exec(update(Wish).where(Wish.person_id == person.id).values(why=ERASED))  # type: ignore[call-overload]
    # Photos may show a home or a face: their bytes go (the records still say one was sent).
    await photos.forget_person(uow, person)
    await uow.commit()


async def _scrub_what_others_hold(uow: UnitOfWork, person: Person) -> None:
    """Take the person's name, phone and door out of text that outlives the profile.

    A case's description stays (the problem is the community's record), but
    "我是1502的赵六，电话…" typed into it must not be shown to neighbours
    once the profile that masked it is gone; nor may a push about them that
    has not gone out yet still carry their phone, nor the staff's log of
    unanswered questions their name.
    """
    from bot.services.cases.privacy import redact  # cases use this module: imported late

    own = [value for value in (person.name, person.phone) if value and len(value) >= 2]
    if not own:
        return
    for case in (await uow.session.exec(select(Case).where(Case.person_id == person.id))).all():
        case.description = redact(case.description, person)
    notes = select(CaseEvent).where(CaseEvent.actor_id == person.id, col(CaseEvent.note).is_not(None))
    for event in (await uow.session.exec(notes)).all():
        event.note = redact(event.note or "", person)
    for wish in (await uow.session.exec(select(Wish).where(Wish.person_id == person.id))).all():
        wish.what = redact(wish.what, person)
    # Pushes and the log also hold other people's words: only this person's own details go from
    # them (redact's phone and door patterns would blank the centre's phone in someone's notice).
    theirs = [*own, *([person.room] if person.room and len(person.room) >= 2 else [])]
    waiting = select(OutboxMessage).where(
        col(OutboxMessage.status).in_((OutboxStatus.pending, OutboxStatus.sending)),
        or_(*(cast(OutboxMessage.payload, String).contains(value, autoescape=True) for value in own)),
    )
    for row in (await uow.session.exec(waiting)).all():
        row.payload = {**row.payload, "text": _without(str(row.payload.get("text", "")), theirs)}
    asked = select(UnansweredQuestion).where(
        or_(*(col(UnansweredQuestion.text).contains(value, autoescape=True) for value in own))
    )
    for question in (await uow.session.exec(asked)).all():
        question.text = _without(question.text, theirs)


def _without(text: str, values: list[str]) -> str:
    for value in values:
        text = text.replace(value, "**")
    return text
