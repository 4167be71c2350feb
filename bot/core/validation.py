"""Checks every inbound message passes before any handler sees it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.messages import Inbound
from bot.core.numerals import arabic
from knowledge.normalize import to_simplified

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_EDGE_PUNCT = " \t\r\n.,!?;:~。，！？；：、…～·'\"“”‘’()（）【】[]<>《》"


@dataclass(frozen=True)
class Cleaned:
    text: str
    problem: str | None = None  # a text key explaining why the message is refused


def clean(message: Inbound, max_length: int) -> Cleaned:
    """Strip control characters and refuse what no handler can use.

    Refusing is answered politely; nothing is stored for a refused message
    beyond the fact it arrived.
    """
    raw = message.text or ""
    if len(raw) > max_length * 4:  # do not even normalise a huge paste
        return Cleaned("", "common.too_long")
    text = _CONTROL.sub("", unicodedata.normalize("NFC", raw)).strip()
    if len(text) > max_length:
        return Cleaned("", "common.too_long")
    if not text and message.payload is None and message.location is None and message.attachment is None:
        return Cleaned("", "common.empty")
    return Cleaned(text)


def keyword_form(text: str) -> str:
    """How a message is compared with command keywords: width-folded, simplified, case-folded, bare.

    Keywords are written in simplified characters; 我的資料 and 今日預約 are
    the same commands, and so is 俺的诉求 (俺 is 我 in the north).
    """
    return to_simplified(unicodedata.normalize("NFKC", text)).strip(_EDGE_PUNCT).lower().replace("俺", "我")


def after_keyword(text: str, form: str, word: str) -> str | None:
    """What follows `word` written straight before it (请假出差去北京 → 出差去北京), else None.

    `form` is :func:`keyword_form` of `text`; the argument is cut from the
    text as written (traditional characters and case kept).
    """
    if not form.startswith(word) or len(form) <= len(word):
        return None
    written = unicodedata.normalize("NFKC", text).strip(_EDGE_PUNCT)
    rest = written[len(word) :].strip(_EDGE_PUNCT + " ")
    return rest or None


_ARGUMENT = re.compile(r"\s+|[:：,，]\s*|(?<=[\u3400-\u9fff])(?=[A-Za-z0-9#＃【\[])")


def command_parts(text: str) -> tuple[str, str]:
    """A keyword and what follows it: "绑定 CODE", "绑定：CODE", "绑定CODE" → ("绑定", "CODE").

    People put a colon or nothing at all between a command and its
    argument as often as a space; a code typed straight after Chinese
    words is still an argument.
    """
    parts = _ARGUMENT.split(text.strip(), maxsplit=1)
    return (parts[0], parts[1].strip()) if len(parts) == 2 else (parts[0], "")


_CHOICE_NUMBER = re.compile(r"(?:选择?|我选)?\s*(?:第\s*(\d{1,3})\s*[个項项号条]?|(\d{1,3})\s*[个項项条]?)(?:吧|啊|呀)?")
# 我要第一个, 好的，第二个, 对，第一个: words of yes or choosing before an ordinal (第…) are still that choice.
# Only before 第: 我要2个 is a quantity, not choice 2.
_LED_CHOICE = re.compile(
    r"(?:好的?|好吧|行|对的?|是的?|嗯+|那就?|就|我要|要|我选|选|那我选)[，,、\s]*(?:那就?|就)?(?:要|选)?\s*第\s*(\d{1,3})\s*[个項项号条]?(?:吧|啊|呀)?"
)
# Chinese digits read one by one (五一, 一二) name no line: a line is said 五, 十一, 第五个. 五一 is the holiday
# (read by the booking's days), and was choice 51 (请回复 1 到 10…).
_DIGIT_BY_DIGIT = re.compile(r"[零〇幺一二两三四五六七八九]{2,}")
_NUMBER_HAO = re.compile(r"(?:选择?|我选)?\s*(\d{1,3})\s*号(?:吧|啊|呀)?")


def choice_number(text: str, *, hao: bool = False) -> int | None:
    """The number of a numbered answer ("2", "２", "2.", "第2个", "第2号", 选一), else None.

    Not 回复2: that is the staff's reply to 转人工 #2, and a list of their
    tasks on screen must not take it.

    A bare "30号" or "三号" is a day of the month, as people name the day
    they want, not the 30th choice: it is left to the dialog to read. With
    `hao` (no dialog open that could want a day), 一号 is choice 1.
    """
    if _DIGIT_BY_DIGIT.fullmatch(keyword_form(text)):
        return None
    form = arabic(keyword_form(text))  # 一, 第一个, 第二项: how numbers are said
    match = _CHOICE_NUMBER.fullmatch(form)
    if match:
        return int(match.group(1) or match.group(2))
    match = _LED_CHOICE.fullmatch(form)
    if match:
        return int(match.group(1))
    match = _NUMBER_HAO.fullmatch(form) if hao else None
    return int(match.group(1)) if match else None


def _bare(text: str) -> str:
    """Letters and digits only: "⬅ 上一页" and "上一页" compare equal, and so do "五星" and "5 星"."""
    form = arabic(unicodedata.normalize("NFKC", text).lower())
    return "".join(ch for ch in form if unicodedata.category(ch)[0] in "LN")


_PARTICLES = re.compile(r"(的|了|吧|啊|呀|哈|嘛|呢|哦|喔)+$")


def chosen_label(text: str, shown: list[list[str]]) -> str | None:
    """The payload of the one shown choice whose label the resident typed ("同意" for 1. 同意), else None.

    On WeChat choices are numbered lines, and people type what they read
    as often as its number, or the part of it that matters: the start of
    the label ("09:30" for "09:30 余8") or, for words, a part found in one
    label only ("上门" for "预约上门"). Whatever fits two labels chooses
    neither.
    """
    typed = _PARTICLES.sub("", _bare(text)) or _bare(text)  # 同意的, 可以啊: the words, not the particle
    if not typed:
        return None
    labels = [(_bare(label), payload) for label, payload in shown]
    tests = [lambda label: label == typed, lambda label: label.startswith(typed)]
    if len(typed) >= 2 and not typed.isdigit():
        # 到中心 for 到中心办理, 上门 for 预约上门: the words that tell the choices apart; but never
        # the words after a negation (是同一件事 is not 不是同一件事，继续提交)
        tests.append(lambda label: typed in label and not _negated(label, typed) and not _gives_up(label, typed))
    for test in tests:
        matches = [payload for label, payload in labels if test(label)]
        if matches:
            return matches[0] if len(matches) == 1 else None
    return None


def choices_begun(text: str, shown: list[list[str]]) -> list[list[str]]:
    """The shown choices whose labels all begin with what was typed, when there are several.

    取消 under 取消 DQPGPU / 取消 K7M2QX fits both, so chooses neither: the
    resident is asked which, rather than the word being read as leaving
    (好的，已退出 left them believing a booking was cancelled).
    """
    typed = keyword_form(text)
    if len(typed) < 2 or typed.isdigit():
        return []
    # only an action named per record (取消 CODE, 认领 #3): 返回 under 返回主菜单 / 返回 低保 is still 返回
    begun = [[label, payload] for label, payload in shown if _names_a_record_after(keyword_form(label), typed)]
    if len(begun) < 2 or len(begun) == len([1 for _label, payload in shown if payload != "menu"]):
        return []  # asked already (取消 again at “取消”哪一个): the word means itself, 取消 leaves
    return begun


def _names_a_record_after(label: str, typed: str) -> bool:
    return label.startswith(typed) and label[len(typed) : len(typed) + 1] in (" ", "#", "＃")


# Words that turn what follows into its opposite: 不是同一件事, and 放弃认领 #1 (认领 #1 typed
# twice by the claimer must not give the wish back), 取消预约, 撤回.
_NEGATIONS = ("不", "没", "别", "非", "未", "放弃", "取消", "撤销", "撤回", "退出", "停止")


# Choices that give something up or undo it: 不排了（3月3日上午上门）, 取消 K7M2QX, 放弃认领 #3, 撤回心愿 #1
_GIVES_UP = re.compile(r"^(?:不|别|取消|放弃|撤回|撤销|删除|退出)")


def _gives_up(label: str, typed: str) -> bool:
    """Whether `label` gives something up and `typed` does not say so: 3月3日 names the day, it does not leave its line.

    A part found in one label chooses it (上门 for 预约上门); under 我的预约
    the date typed was found in 不排了（3月3日上午上门） alone, and the place
    on the waiting list was given up. Such a choice is made only by its own words.
    """
    return _GIVES_UP.match(label) is not None and _GIVES_UP.match(typed) is None


def _negated(label: str, typed: str) -> bool:
    """Whether every place `typed` stands in `label` comes straight after a negation."""
    start = label.find(typed)
    while start != -1:
        if not label[:start].endswith(_NEGATIONS):
            return False
        start = label.find(typed, start + 1)
    return True


_RECORD_ID = re.compile(r"[0-9]{1,9}")


_RECORD_NUMBER = re.compile(r"(?:诉求|心愿)?(?:#|＃|第|编号|号)?\s*(\d{1,9})\s*(?:号|个)?")


def record_number(text: str) -> str | None:
    """The record number typed after a command's word (#12, 第12, 编号12, 十二号), else None."""
    match = _RECORD_NUMBER.fullmatch(arabic(text.strip()))
    return match.group(1) if match else None


def is_id(raw: str) -> bool:
    """Whether a button's argument is a record id the database can look up.

    Button data comes from the client: "²" passes str.isdigit() but not int(),
    and twenty digits overflow PostgreSQL's integer; either would reach the
    person as a system error instead of "no such record".
    """
    return _RECORD_ID.fullmatch(raw) is not None


# A plain yes, as people answer "可以吗？" or "同意吗？" (traditional forms are folded first).
YES_WORDS = frozenset(
    "好 好的 好滴 好啊 好嘞 好吧 行 行的 行啊 行吧 可以 可以的 可以啊 中 成 没问题 同意 要 我要 要的 对 是 是的 "
    "嗯 嗯嗯 恩 确定 确认 妥 ok okay yes y 👌 👍".split()
)


_YES_PARTS = re.compile(r"[\s,，。.!！~～、;；]+")
_YES_EDGES = re.compile(r"^(?:我们|咱们|我|俺)|(?:吧|啊|呀|的|了|哈|呗)+$")


def says_yes(text: str) -> bool:
    """Whether a message is only a yes, as people say it: 好的, 我同意, 嗯，同意吧, 同意，同意, 行行行.

    Every part of it must be a yes word (我 before it and a particle after
    it aside): 我不同意 and 好的，但是… are not.
    """
    parts = [part for part in _YES_PARTS.split(keyword_form(text)) if part]
    return bool(parts) and all(_yes_word(part) for part in parts)


# Yes words said over and over or run together, as voice input writes them: 行行行, 好的好的, 嗯嗯中.
_YES_RUN = re.compile(
    "(?:(?:" + "|".join(sorted((re.escape(word) for word in YES_WORDS), key=len, reverse=True)) + ")"
    "(?:啊|呀|吧|的|了|嘞|呢|哈|呐|滴)*)+"
)


def _yes_word(part: str) -> bool:
    if part in YES_WORDS or _bare(part) in YES_WORDS:
        return True
    trimmed = _YES_EDGES.sub("", part)
    return bool(trimmed) and (trimmed in YES_WORDS or _YES_RUN.fullmatch(_bare(trimmed) or trimmed) is not None)


def yes_choice(text: str, shown: list[list[str]], prefixes: tuple[str, ...]) -> str | None:
    """The payload of the one shown choice that a plain yes accepts ("行" for 可以, "好的" for 同意), else None.

    Which choices a yes may take is registered by the features (Router.yes):
    confirming a booking or consenting, never deleting data or publishing.
    """
    if not says_yes(text):
        return None
    matches = [payload for _label, payload in shown if payload.startswith(prefixes)]
    return matches[0] if len(matches) == 1 else None


def said_form(text: str) -> str:
    """Letters and digits only, simplified, numerals as digits: how words said for a choice are compared."""
    return _bare(to_simplified(text))


def said_choice(text: str, shown: list[list[str]], said: tuple[tuple[str, re.Pattern[str]], ...]) -> str | None:
    """The payload of the one shown choice that these words mean (Router.accepts_said), else None."""
    form = said_form(text)
    for prefix, words in said:
        if words.fullmatch(form):
            matches = [payload for _label, payload in shown if payload.startswith(prefix)]
            if len(matches) == 1:
                return matches[0]
    return None


def button_parts(payload: str | None) -> tuple[str, list[str]]:
    """A button's `prefix:action:arg:…` as (action, args); what is missing is empty ("" / []).

    Payloads come from the client: any shape may arrive, and each handler
    checks the arguments it needs (is_id) before using them.
    """
    _prefix, _, rest = (payload or "").partition(":")
    action, *args = rest.split(":") if rest else [""]
    return action, args
