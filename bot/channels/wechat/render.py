"""Neutral replies → WeChat text: buttons become numbered lines (【1】…) answered with the number."""

from __future__ import annotations

import re
import unicodedata

from bot.core.messages import Reply

TEXT_LIMIT_BYTES = 2000  # WeChat refuses customer-service text over 2048 bytes


# The catalogue speaks of tapping (点“跳过”, 点下面的按钮): on WeChat one replies with the words or the number.
_TAP_A_CHOICE = re.compile(r"点(?=“[^”]{1,16}”)")
_TAP_BELOW = re.compile(r"点下面的(按钮|选项|事项|名称|楼栋)|点下面(?!的)")
# 点一下看详情, 点开要评价的那一件, 点按钮或回复…: there is nothing to tap, only a number to reply with
# (and 几点开始 is no tap).
_TAP_OTHERWISE = (
    (re.compile(r"点按钮或回复|点或回复"), "回复"),
    (re.compile(r"点一下(?=看|：|:)"), "回复编号"),
    (re.compile(r"在下面点选"), "回复下面的编号选出"),
    (re.compile(r"点它的“([^”]{1,16})”"), r"回复“\1”那一行的编号"),
    (re.compile(r"点开(?=要)"), "回复编号选出"),
)
# 请回复 1 到 3 之间的数字，或点下面的按钮: once the button is a number too, the second way is the first
# again (…数字，或回复下面的编号) and reads as two different things to do.
_SAME_WAY_AGAIN = (
    (re.compile(r"(回复[^，。：:\n]{0,16}?(?:数字|序号|编号))[，,]?或(?:者)?回复下面的编号"), r"\1"),
    (re.compile(r"(回复“[^”]{1,16}”)或回复(?=“)"), r"\1或"),  # 回复“确认预约”或“确认”
)
# Buttons named outright (请从按钮里选, 这个按钮已经失效了): WeChat shows numbered lines, not buttons.
_BUTTONS_NAMED = (
    (re.compile(r"从按钮里选"), "回复编号选"),
    (re.compile(r"这个按钮"), "这个选项"),
)
# 菜单 /menu：主菜单 — Telegram's commands beside the words: on WeChat the words are what one sends,
# and "/menu" is only noise to a resident (English, with no words before it, keeps them).
_COMMAND_BESIDE_WORDS = re.compile(r"(?<=[\u4e00-\u9fff]) /[a-z_]+(?=[ ：:])")


def as_text(reply: Reply, hint: str) -> str:
    lines = [_as_replied(reply.text)] if reply.text else []
    buttons = reply.flat_buttons
    if buttons:
        lines.append("")
        # 【1】, not "1.": answers often hold numbered lists of their own (materials, bookings),
        # and the resident must see at once which numbers are choices.
        lines += [f"【{number}】{button.label}" for number, button in enumerate(buttons, start=1)]
        lines.append(hint)
    return "\n".join(lines)


def _as_replied(text: str) -> str:
    if " /" in text:
        text = _COMMAND_BESIDE_WORDS.sub("", text)
    if "按钮" in text:
        for named, reply in _BUTTONS_NAMED:
            text = named.sub(reply, text)
    if "点" not in text:
        return text
    text = _TAP_BELOW.sub("回复下面的编号", _TAP_A_CHOICE.sub("回复", text))
    for tap, reply in _TAP_OTHERWISE:
        text = tap.sub(reply, text)
    for again, once in _SAME_WAY_AGAIN:
        text = again.sub(once, text)
    return text


def join(replies: list[Reply], hint: str) -> str:
    """Several replies as one passive answer (WeChat allows one message per request)."""
    return "\n\n".join(as_text(reply, hint) for reply in replies)


def split_bytes(text: str, limit: int = TEXT_LIMIT_BYTES) -> list[str]:
    """Split at line breaks so each part stays under WeChat's byte limit.

    A list of choices and the hint under it stay in one part: the rest of a
    split answer follows as a later message, and a resident must not be left
    with half the choices and no word on how to answer them.
    """
    if len(text.encode()) <= limit:  # nearly every answer
        return [text]
    parts: list[str] = []
    current = ""
    for unit in _units(text, limit):
        candidate = f"{current}\n{unit}" if current else unit
        if len(candidate.encode()) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(unit.encode()) > limit:  # one very long line: cut at a pause, never inside a number
            cut = _readable_cut(unit, limit)
            parts.append(unit[:cut])
            unit = unit[cut:]
        current = unit
    if current:
        parts.append(current)
    return parts or [""]


_CHOICE_LINE = re.compile(r"【\d+】")
_ZWJ = "\u200d"


def _fitting_prefix(line: str, limit: int) -> int:
    """How many characters of `line` fit in `limit` bytes, no emoji parted from what modifies it.

    A skin tone (👍🏻), variation selector (❤️) or joined emoji (👨‍👩‍👧) cut in two
    shows as a stray colour swatch or a broken glyph at the start of the next message.
    """
    cut = len(line.encode()[:limit].decode(errors="ignore"))
    while cut > 1 and (_modifies_previous(line[cut]) or line[cut - 1] == _ZWJ):
        cut -= 1
    return max(cut, 1)  # at least one character, or split_bytes would never get past this line


def _readable_cut(line: str, limit: int) -> int:
    """Where to cut a line too long for one message: after a sentence or a comma, else not in a number.

    A case's description is one long line; cut wherever the bytes ran out,
    a phone number came as 1381 at the end of one message and 2345678 at
    the start of the next, and neither half could be dialled.
    """
    return _readable_end(line, _fitting_prefix(line, limit))


def _readable_end(line: str, cut: int) -> int:
    """Where to end `line` at or before character `cut`: a pause in its second half, else not inside a number."""
    if cut >= len(line):
        return len(line)
    for marks in _PAUSES:
        pauses = [at for at in range(cut - 1, cut // 2 - 1, -1) if line[at] in marks and _ends_a_pause(line, at)]
        if pauses:
            return pauses[0] + 1
    start = cut
    while start > 0 and _in_a_word(line[start - 1]) and _in_a_word(line[start]):
        start -= 1  # 13812345678, a code or a web address: whole on one side
    return start if start >= cut // 2 else cut


def _ends_a_pause(line: str, at: int) -> bool:
    """A mark that ends a phrase, not the . of 3.5 or of mp.weixin.qq.com."""
    return not (line[at].isascii() and at + 1 < len(line) and _in_a_word(line[at + 1]))


def _in_a_word(char: str) -> bool:
    """A character of a number, a Latin word or a web address (printable ASCII but a space)."""
    return char.isascii() and char.isprintable() and not char.isspace()


def _modifies_previous(char: str) -> bool:
    return char == _ZWJ or unicodedata.category(char) in ("Mn", "Me", "Sk")


def cut_short(text: str, note: str, limit: int = TEXT_LIMIT_BYTES) -> str:
    """As much of `text` as fits one message with `note`, its closing choices kept whole.

    An account without customer-service messages has this one message only;
    the choices are what the resident answers next, so they are not what is cut.
    """
    body, choices = _closing_choices(text, limit)
    tail = f"\n{note}\n\n{choices}" if choices else f"\n{note}"
    room = limit - len(tail.encode())
    parts = split_bytes(body, room)
    shown = parts[0]
    left = room - len(shown.encode()) - 1
    if len(parts) > 1 and left >= 60:  # the next part is one long line (a description): as much of it as fits
        shown = f"{shown}\n{parts[1][: _readable_end(parts[1], _fitting_prefix(parts[1], left - 3))]}…"
    return shown + tail


_PAUSES = ("。！？；!?;", "，、,. ")  # a sentence's end first, else a comma: 年龄越… read as cut mid-word


def cut_keeping_last(replies: list[Reply], hint: str, note: str, limit: int = TEXT_LIMIT_BYTES) -> str:
    """Several replies in one message that cannot hold them all: the last one whole, the ones before cut.

    The last reply is what the resident answers next (a complaint form's
    question after the answers to questions said with it): cutting it and
    keeping only its choices left 【1】跳过 with nothing saying what it skips.
    """
    if len(replies) < 2:  # nothing before the last to cut (and no replies[-1] at all when empty)
        return cut_short(join(replies, hint), note, limit)
    last = as_text(replies[-1], hint)
    room = limit - len(f"\n{note}\n\n{last}".encode())
    if room < 200:
        return cut_short(join(replies, hint), note, limit)
    shown = split_bytes(join(replies[:-1], hint), room)[0]
    return f"{shown}\n{note}\n\n{last}"


def _closing_choices(text: str, limit: int) -> tuple[str, str]:
    """(the text before, the list of choices and hint it ends with), or (text, "") when it ends otherwise."""
    last = _units(text, limit // 2)[-1]
    if _CHOICE_LINE.match(last) is None or last == text:
        return text, ""
    return text[: -len(last)].rstrip("\n"), last


def _units(text: str, limit: int) -> list[str]:
    """The lines of `text`, each run of choice lines glued to the line under it (the hint) as one unit.

    A run too long for one part is left as single lines.
    """
    units: list[str] = []
    for line in text.split("\n"):
        after_choice = bool(units) and _CHOICE_LINE.match(units[-1].rsplit("\n", 1)[-1]) is not None
        if after_choice and len(f"{units[-1]}\n{line}".encode()) <= limit:
            units[-1] = f"{units[-1]}\n{line}"
        else:
            units.append(line)
    return units


TEMPLATE_CHARS = 200  # what a template message's field shows


def template_text(reply: Reply, more: str, limit: int = TEMPLATE_CHARS) -> str:
    """A push outside the 48-hour window as one template field: its words, marked when cut.

    The numbered choices cannot be answered from a template message, and its
    field holds about 200 characters: a cut text ends with `more`, which
    tells the person to write to the account for the whole of it.
    """
    text = _as_replied(reply.text).strip()
    if len(text) <= limit and not reply.buttons:
        return text
    room = limit - len(more) - 1
    if len(text) > room:  # at a pause, and never inside a phone number: 请打 0374-51… could be dialled
        text = text[: _readable_end(text, room - 1)].rstrip() + "…"
    return text + "\n" + more


def template_rest(rest: list[str], reply: Reply, hint: str, lead: str, more: str, limit: int = TEMPLATE_CHARS) -> str:
    """The parts of a push not yet delivered (the window closed between parts) as one template field.

    They come under `lead` (接上条): repeating the push's beginning, read a
    moment ago, left the rest unsaid. Its numbered choices come off, as in
    `template_text`, which marks a cut text or one with choices with `more`.
    """
    words = "\n".join(rest)
    if reply.buttons:  # the choices and their hint close the last part (split_bytes keeps them whole)
        words = words.removesuffix(as_text(Reply("", reply.buttons), hint).strip()).rstrip()
    return template_text(Reply(f"{lead}\n{words}".strip(), reply.buttons), more, limit)
