"""Neutral replies → Telegram messages: HTML escaped, split under 4096 characters, inline keyboards."""

from __future__ import annotations

import html
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit, ParseMode

from bot.core.messages import Reply

PARSE_MODE = ParseMode.HTML
# Telegram counts characters after entity parsing; leave room for the bold title tags.
CHUNK = MessageLimit.MAX_TEXT_LENGTH - 96
HEADING = 16  # characters after 【title】 still read as its heading (要带的材料, 请及时受理：)


@dataclass(frozen=True)
class Outgoing:
    text: str  # HTML
    keyboard: InlineKeyboardMarkup | None


def render(reply: Reply) -> list[Outgoing]:
    """One reply as one or more messages; the buttons go under the last one."""
    chunks = chunks_of(reply)
    keyboard = keyboard_of(reply)
    return [
        Outgoing(_html(chunk, first=index == 0), keyboard if index == len(chunks) - 1 else None)
        for index, chunk in enumerate(chunks)
    ]


def chunks_of(reply: Reply) -> list[str]:
    """The text of each message a reply goes as; none for a file or photo alone (the rest of a reply cut short).

    A reply with buttons but no words still needs a message to carry them.
    """
    if not reply.text and not reply.buttons and (reply.picture is not None or reply.document is not None):
        return []
    return split(reply.text or " ", CHUNK)


def keyboard_of(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(button.label[:64], callback_data=button.payload) for button in row] for row in reply.buttons]
    )


def split(text: str, limit: int = CHUNK) -> list[str]:
    """Split at line breaks where possible, never inside a character."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut < limit // 2:  # no useful line break: cut at the limit
            cut = limit
        chunks.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:].lstrip("\n")
    if rest:
        chunks.append(rest)
    return chunks


def _html(text: str, *, first: bool) -> str:
    """Escape everything; a leading 【title】 is shown bold, with a short rest of its line (要带的材料).

    A whole first line in bold made a question (【…】可以到中心办理…您选哪种？),
    a push's news or a resident's words quoted after the title a bold block.
    """
    close = text.find("】") if first and text.startswith("【") else -1
    if close == -1 or close >= 40 or "\n" in text[:close]:
        return html.escape(text, quote=False)
    title, rest = text[: close + 1], text[close + 1 :]
    line, newline, body = rest.partition("\n")
    if newline and len(line) <= HEADING:  # a heading line: the text goes on below it
        title, rest = title + line, newline + body
    return f"<b>{html.escape(title, quote=False)}</b>{html.escape(rest, quote=False)}"
