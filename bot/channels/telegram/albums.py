"""A Telegram album (photos picked together) answered once, when all of it has come.

Telegram sends the photos of an album as separate updates sharing a
`media_group_id`. Each is dispatched the moment it arrives, as any message
(its turn committed before the webhook answers, so none is lost and a
redelivery is known by its update_id); only the answers wait here until no
part has come for `QUIET` seconds, and then go as one message. Answered one
by one, an album sent at the complaint form's photo question got
"诉求已提交 #1" and then "照片已补充到诉求 #1" for every later photo: three
messages for one sending. This is what aiogram's media-group middleware
does, with the difference that the parts are never held undispatched.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.core.messages import Button, Reply

from bot.channels.telegram.inbound import Incoming

QUIET = 1.0  # seconds without a new part after which the album is taken as complete
SAME_ENDING = 8  # characters two answers end with alike to be one said again (its question, 办理人员能看到。)

Send = Callable[[Incoming, list[Reply]], Awaitable[None]]


@dataclass
class _Album:
    incoming: Incoming  # the first part: where to answer
    parts: list[list[Reply]] = field(default_factory=list)  # each part's replies, in the order they came
    last: float = 0.0  # when the latest part came (the loop's clock)


class Albums:
    """The answers of the albums on their way, by chat and media_group_id."""

    def __init__(self, send: Send, quiet: float = QUIET) -> None:
        self._send = send
        self.quiet = quiet
        self._open: dict[tuple[int, str], _Album] = {}

    def add(self, incoming: Incoming, replies: list[Reply]) -> asyncio.Task[None] | None:
        """Hold one part's replies; returns the task that answers the album when it is the album's first part."""
        assert incoming.media_group_id is not None
        key = (incoming.chat_id, incoming.media_group_id)
        now = asyncio.get_running_loop().time()
        album = self._open.get(key)
        if album is not None:
            album.parts.append(replies)
            album.last = now
            return None
        self._open[key] = _Album(incoming, [replies], now)
        return asyncio.create_task(self._answer_when_complete(key))

    async def _answer_when_complete(self, key: tuple[int, str]) -> None:
        loop = asyncio.get_running_loop()
        album = self._open[key]
        try:
            while (left := album.last + self.quiet - loop.time()) > 0:
                await asyncio.sleep(left)
        finally:  # cancelled at shutdown: answered at once rather than never
            del self._open[key]
            await self._send(album.incoming, fold(album.parts))


def fold(parts: list[list[Reply]]) -> list[Reply]:
    """The replies to an album's parts as one answer.

    A part's reply with the same buttons as the reply of the part before it,
    ending the same way, says the same thing again with what the later photo
    changed (照片收到了, 这是第 3 张; 照片已补充到诉求 #1, 现有 3 张): the later
    one replaces it. What is left, such as the case filed by the first photo
    and the photos added to it after, is joined into one message with the
    buttons of all. A reply carrying a file or a photo of its own is sent as
    it is.
    """
    kept: list[tuple[int, Reply]] = []
    for index, replies in enumerate(parts):
        for reply in replies:
            if kept and kept[-1][0] < index and _says_again(kept[-1][1], reply):
                kept[-1] = (index, reply)
            else:
                kept.append((index, reply))
    replies = [reply for _index, reply in kept]
    if len(replies) < 2 or any(r.picture is not None or r.document is not None for r in replies):
        return replies
    return [Reply("\n".join(r.text for r in replies if r.text), _all_buttons(replies))]


def _says_again(earlier: Reply, later: Reply) -> bool:
    """The same answer or question again: the same buttons, and words that end the same way.

    照片收到了，…请再用文字说说是什么问题 and 照片收到了（这是第 2 张），…请再用文字说说是什么问题;
    the case filed (我的诉求) and a photo added to it (查看 #1) are two things, both kept.
    """
    if earlier.picture is not None or earlier.document is not None or earlier.buttons != later.buttons:
        return False
    return earlier.text == later.text or _common_ending(earlier.text, later.text) >= SAME_ENDING


def _common_ending(a: str, b: str) -> int:
    length = 0
    while length < min(len(a), len(b)) and a[-1 - length] == b[-1 - length]:
        length += 1
    return length


def _all_buttons(replies: list[Reply]) -> tuple[tuple[Button, ...], ...]:
    """Every reply's rows of buttons, each button once (返回主菜单 under both comes once)."""
    seen: set[str] = set()
    out: list[tuple[Button, ...]] = []
    for reply in replies:
        for row in reply.buttons:
            fresh = tuple(button for button in row if button.payload not in seen)
            seen.update(button.payload for button in fresh)
            if fresh:
                out.append(fresh)
    return tuple(out)
