"""Run an ASGI app on a real local port inside the test's event loop.

The bot's web app and the platform peers talk real HTTP to each other, so
both run as uvicorn servers in the same loop as the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

import uvicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def serving(app, *, lifespan: str = "on") -> AsyncIterator[str]:  # noqa: ANN001
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan=lifespan, log_config=None, access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()  # startup failed: raise its error here
                raise RuntimeError("server stopped before starting")
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
