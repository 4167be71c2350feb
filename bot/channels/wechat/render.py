"""Neutral replies → WeChat text: buttons become numbered lines (【1】…) answered with the number."""

from __future__ import annotations

from bot.core.messages import Reply

TEXT_LIMIT_BYTES = 2000  # WeChat refuses customer-service text over 2048 bytes


def as_text(reply: Reply, hint: str) -> str:
    lines = [reply.text] if reply.text else []
    buttons = reply.flat_buttons
    if buttons:
        lines.append("")
        # 【1】, not "1.": answers often hold numbered lists of their own (materials, bookings),
        # and the resident must see at once which numbers are choices.
        lines += [f"【{number}】{button.label}" for number, button in enumerate(buttons, start=1)]
        lines.append(hint)
    return "\n".join(lines)


def join(replies: list[Reply], hint: str) -> str:
    """Several replies as one passive answer (WeChat allows one message per request)."""
    return "\n\n".join(as_text(reply, hint) for reply in replies)


def split_bytes(text: str, limit: int = TEXT_LIMIT_BYTES) -> list[str]:
    """Split at line breaks so each part stays under WeChat's byte limit."""
    if len(text.encode()) <= limit:  # nearly every answer
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode()) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(line.encode()) > limit:  # one very long line: cut by characters
            cut = len(line)
            while len(line[:cut].encode()) > limit:
                cut = cut * 3 // 4
            parts.append(line[:cut])
            line = line[cut:]
        current = line
    if current:
        parts.append(current)
    return parts or [""]
