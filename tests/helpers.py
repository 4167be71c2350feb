"""A chat driver for dialog tests: say something, press a button, read the answer."""

from __future__ import annotations


from datetime import timedelta

from bot.app import App
from bot.core.messages import Inbound, Location, Reply
from bot.models import Role
from bot.services import outbox, roles


class Chat:
    def __init__(self, app: App, user: str, channel: str = "console") -> None:
        self.app = app
        self.user = user
        self.channel = channel
        self.replies: list[Reply] = []

    async def send(self, message: Inbound) -> list[Reply]:
        self.replies = await self.app.handle(message)
        return self.replies

    async def say(self, text: str, *, message_id: str | None = None) -> list[Reply]:
        return await self.send(Inbound(channel=self.channel, user_id=self.user, text=text, message_id=message_id))

    async def press(self, payload: str) -> list[Reply]:
        return await self.send(Inbound(channel=self.channel, user_id=self.user, payload=payload))

    async def share_location(self, latitude: float, longitude: float) -> list[Reply]:
        return await self.send(
            Inbound(channel=self.channel, user_id=self.user, location=Location(latitude, longitude))
        )

    @property
    def text(self) -> str:
        """All reply texts of the last turn, joined."""
        return "\n".join(reply.text for reply in self.replies)

    @property
    def buttons(self) -> list[str]:
        return [button.label for reply in self.replies for button in reply.flat_buttons]

    async def pushes(self) -> list[str]:
        """Deliver and return what the outbox holds for this person, as a console would."""
        async with self.app.db.uow() as uow:
            rows = await outbox.claim(uow, self.channel, "test", address=self.user)
        for row in rows:
            async with self.app.db.uow() as uow:
                await outbox.mark_sent(uow, row.id, "test")  # type: ignore[arg-type]
        return [Reply.from_dict(row.payload).text for row in rows]


async def bind(app: App, user: str, role: Role, channel: str = "console", **scope: str) -> Chat:
    """A person who has bound `role` with an invitation code, as staff hand them out."""
    async with app.db.uow() as uow:
        code = (await roles.create_invite(uow, role, ttl=timedelta(days=3650), **scope)).code
    person = Chat(app, user, channel)
    await person.say(f"绑定 {code}")
    assert "绑定成功" in person.text, person.text
    return person


async def run_cli(*args: str, env: dict[str, str], cwd: object) -> tuple[int, str, str]:
    """`resident-bot ARGS` as a subprocess, without blocking the event loop that runs the peers."""
    import asyncio
    import sys

    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, out.decode(), err.decode()


async def push_to(app: App, channel: str, address: str, reply: Reply) -> int:
    """Queue a push to (channel, address) as a service would; returns the outbox row id."""
    from bot.services import people

    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, channel, address)
        row = outbox.push(uow, person, reply, kind="notice")
        await uow.commit()
        return row.id  # type: ignore[return-value]


async def unanswered(app: App) -> list[str]:
    """What the log of unanswered questions holds, shared links too: words the bot failed to place."""
    from bot.services import support

    async with app.db.uow() as uow:
        return [question.text for question in await support.unanswered(uow, links=True)]


async def outbox_row(app: App, row_id: int):  # noqa: ANN201 - an OutboxMessage
    from bot.models import OutboxMessage

    async with app.db.uow() as uow:
        return await uow.session.get(OutboxMessage, row_id)


class EndlessUpload:
    """An ASGI request whose body never ends, counting how much of it was read.

    For calling an endpoint in process: over HTTP the client would go on
    sending whatever the server did, and nothing would tell how much it read.
    """

    CHUNK = 64 * 1024

    def __init__(self, path: str, *, query: str = "", headers: dict[str, str] | None = None) -> None:
        self.scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": query.encode(),
            "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
            "server": ("127.0.0.1", 80),
            "client": ("127.0.0.1", 1),
        }
        self.chunks_read = 0
        self.sent: list[dict[str, object]] = []

    async def receive(self) -> dict[str, object]:
        self.chunks_read += 1
        if self.chunks_read > 1000:  # 64 MiB: whoever reads this far would read forever
            return {"type": "http.request", "body": b"", "more_body": False}
        return {"type": "http.request", "body": b" " * self.CHUNK, "more_body": True}

    async def send(self, message: dict[str, object]) -> None:
        self.sent.append(message)

    @property
    def status(self) -> object:
        return self.sent[0]["status"]
