"""The console channel: a terminal chat as one person, also scriptable through a pipe.

Buttons become numbered lines that the person answers with the number,
exactly as on WeChat, so every dialog can be tried locally. Pushes to this
console user (a task, a notice) are shown between turns.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.app import App
from bot.core.messages import Inbound, Reply
from bot.services import outbox
from bot.texts import Texts

CHANNEL = "console"


def render(reply: Reply) -> str:
    lines = [reply.text] if reply.text else []
    if reply.picture is not None:  # a terminal shows no image: say there is one
        size = f", {len(reply.picture.data) // 1024} KB" if reply.picture.data else ""
        lines.append(f"  [📷 {reply.picture.mime_type}{size}]")
    for number, button in enumerate(reply.flat_buttons, start=1):
        lines.append(f"  {number}. {button.label}")
    return "\n".join(lines)


class ConsoleChat:
    def __init__(self, app: App, user: str, stdin: TextIO, stdout: TextIO) -> None:
        self.app = app
        self.user = user
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = stdin.isatty()
        self.worker = f"console:{user}"

    def _print(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    async def run(self) -> None:
        texts = Texts(self.app.settings.language)
        if self.interactive:
            self._print(texts.get("console.banner", user=self.user))
        await self.show_pushes()
        while True:
            line = await self._read_line()
            if line is None:
                return
            if not self.interactive:
                self._print(f"> {line}")
            for reply in await self.say(line):
                self._print(render(reply))
            await self.show_pushes()

    async def say(self, text: str) -> list[Reply]:
        return await self.app.handle(Inbound(channel=CHANNEL, user_id=self.user, text=text))

    async def show_pushes(self) -> None:
        """Print and mark delivered what the outbox holds for this console user."""
        async with self.app.db.uow() as uow:
            rows = await outbox.claim(uow, CHANNEL, self.worker, address=self.user)
        for row in rows:
            self._print(Texts(self.app.settings.language).get("console.push") + render(Reply.from_dict(row.payload)))
            async with self.app.db.uow() as uow:
                await outbox.mark_sent(uow, row.id, self.worker)  # type: ignore[arg-type]

    async def _read_line(self) -> str | None:
        if self.interactive:
            self.stdout.write("你> ")
            self.stdout.flush()
        line = await asyncio.to_thread(self.stdin.readline)
        if line == "":
            return None
        return line.rstrip("\r\n")


async def run_console(app: App, user: str, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    await ConsoleChat(app, user, stdin, stdout).run()
