"""A name typed alone (王建国, 我叫王建国), or with a number (王建国 13700001111): offered to be kept as theirs.

Elderly residents introduce themselves before saying what they want, and a
grid manager who has just bound their role types their name next. It got
答不上来, and the name went into the log of questions the knowledge base
lacks, unmasked, where staff read it. It is asked about instead, and kept
only when they say so, through the profile's consent and saving (as a
number typed alone is: handlers/phone_alone.py).

Read only when nothing else understood the words, and only where a name is
likely: a common surname first, three characters bare (two-character words
are mostly words: 周末, 马上), or after 我叫 / 我是, or beside a mobile
number; never ending as a place, a question or a thing does (许昌市, 高血压).
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.services import people
from bot.services.errors import InvalidInput
from handlers.common import main_menu

router = Router("name_alone")
DIALOG = "name_alone"
router.accepts_yes("nm:keep")  # 好的, 是的 to 要登记为您的姓名吗: that is what was asked

# The commonest surnames (people.COMMON_SURNAMES, as the profile's consent question reads a name), and the
# compound ones still met.
_COMPOUND = "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|长孙|令狐|夏侯|宇文|司徒|端木|独孤|南宫|闻人"
_HAN = r"[\u4e00-\u9fff]"
_NAME = rf"(?:{_COMPOUND}){_HAN}{{1,2}}|[{people.COMMON_SURNAMES}]{_HAN}{{1,2}}"
# Where the words end as no name does: a place (市 区 路 楼 苑), a question or a sigh (吗 呢 了), a thing.
_NOT_A_NAME_END = set("市区县镇乡村路街道巷站场院楼号室店馆园苑城省厂所局处科队部吗呢吧啊呀了的么嘛哈病症压炎费钱证卡票表单药水电气到去来走")

_SAID = re.compile(rf"(?:我叫|我的名字(?:是|叫)|我名字叫|本人|姓名[:：]?|名字[:：]?)\s*({_NAME})")
_I_AM = re.compile(rf"(?:我是|俺是)({_NAME})")
_BARE = re.compile(rf"({_NAME})")
# 我姓李, 俺姓王: a surname said as such is how they are to be called (the profile keeps 李, as its name step does)
_SURNAME = re.compile(rf"(?:我|俺|本人)?姓((?:{_COMPOUND})|[{people.COMMON_SURNAMES}])(?:的)?")


def name_alone(text: str) -> str | None:
    """The name that is the whole message (王建国, 我叫王建国, 我是王建国), else None."""
    words = text.strip().rstrip("。.!！~～")
    for pattern, shortest in ((_SAID, 2), (_I_AM, 3), (_BARE, 3), (_SURNAME, 1)):
        found = pattern.fullmatch(words)
        if found is not None:
            name = found.group(1)
            return name if len(name) >= shortest and _looks_like_a_name(name) else None
    return None


def name_with_phone(text: str) -> tuple[str, str] | None:
    """A name and a mobile number said together (王建国 13700001111, 我叫王建国电话137…), else None."""
    try:
        said = people.name_and_phone(text)
    except InvalidInput:
        return None
    if said is None or said[0] is None or not people.MOBILE.match(said[1]):
        return None
    name = name_alone(said[0]) or (said[0] if re.fullmatch(_NAME, said[0]) and _looks_like_a_name(said[0]) else None)
    if name is None and len(said[0]) == 1 and said[0] in people.COMMON_SURNAMES and _SURNAME.search(text):
        name = said[0]  # 我姓李，电话138…: the surname is the name given
    return (name, said[1]) if name else None


def _looks_like_a_name(name: str) -> bool:
    return name[-1] not in _NOT_A_NAME_END


async def offer_to_keep(ctx: Context, name: str, phone: str | None = None) -> Reply:
    """Ask whether to keep the name (and the number) as theirs; what is kept already is said so."""
    if ctx.person.name == name and (phone is None or ctx.person.phone == phone):
        return main_menu(ctx, ctx.t("profile.name_is_yours"))
    ctx.dialog.enter(DIALOG, "ask", said_name=name, **({"phone": phone} if phone else {}))
    ctx.own_words = False  # a question about the words, not a form: going on to something else keeps no draft
    question = ctx.t("profile.name_phone_alone", name=name, phone=phone) if phone else ctx.t("profile.name_alone", name=name)
    return Reply(question, rows(Button(ctx.t("profile.name_keep"), "nm:keep"), Button(ctx.t("profile.phone_not_mine"), "nm:no")))


@router.dialog(DIALOG)
async def answered(ctx: Context) -> HandlerResult:
    """Kept through the profile (consent first, when not given yet); anything else leaves them unsaved."""
    from handlers.profile_form import keep_details

    data = ctx.dialog.data
    offered = {field: data[key] for field, key in (("name", "said_name"), ("phone", "phone")) if isinstance(data.get(key), str)}
    if ctx.payload == "nm:keep" and offered:
        ctx.dialog.leave()
        return await keep_details(ctx, offered)
    if ctx.payload == "nm:no":
        ctx.dialog.leave()
        return main_menu(ctx, ctx.t("profile.name_not_kept"))
    return None  # other words: nothing kept, the words are handled as ever
