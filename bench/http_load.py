"""A load generator light enough that the server, not the client, is what gets measured.

httpx needs 1-2 ms of CPU per request on these machines, more than the
servers under test (0.2-0.9 ms): the client filled a core before either
server did, and throughput measured the client. Here every request is
rendered to bytes before timing, and each of `concurrency` keep-alive
connections writes one request and reads its response: about 0.04 ms of
client CPU per request.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlencode

Check = Callable[[bytes], bool]


class LoadError(RuntimeError):
    pass


def render_post(
    host: str,
    port: int,
    path: str,
    params: dict[str, str],
    body: bytes,
    *,
    content_type: str = "text/xml",
    headers: dict[str, str] | None = None,
) -> bytes:
    """One HTTP/1.1 POST, as bytes ready for the socket."""
    target = f"{path}?{urlencode(params)}" if params else path
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    head = (
        f"POST {target} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def process_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far; Linux's /proc only."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> bytes:
    """Send one request and return its response's body; anything but a 200 with a length is an error."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    if head[9:12] != b"200":
        raise LoadError(head.decode(errors="replace"))
    lower = head.lower()
    start = lower.find(b"content-length:")
    if start < 0:
        raise LoadError("a response without Content-Length: " + head.decode(errors="replace"))
    length = int(lower[start + 15 : lower.index(b"\r\n", start)])
    return await reader.readexactly(length)


async def run(host: str, port: int, requests: Iterable[bytes], concurrency: int, check: Check) -> None:
    """Send every request, `concurrency` at a time, each connection taking the next when its answer is in."""
    pending: Iterator[bytes] = iter(requests)

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for request in pending:
                body = await exchange(reader, writer, request)
                if not check(body):
                    raise LoadError(f"unexpected answer: {body[:200]!r}")
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(concurrency)))


async def latencies(host: str, port: int, requests: Iterable[bytes], check: Check) -> list[float]:
    """Seconds from sending each request to having its whole answer, one at a time on one connection."""
    reader, writer = await asyncio.open_connection(host, port)
    taken = []
    try:
        for request in requests:
            sent = time.perf_counter()
            body = await exchange(reader, writer, request)
            taken.append(time.perf_counter() - sent)
            if not check(body):
                raise LoadError(f"unexpected answer: {body[:200]!r}")
    finally:
        writer.close()
    return taken
