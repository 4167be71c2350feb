"""A request body read up to a limit, so an oversized or endless upload costs nothing.

Starlette's `Request.body()` reads whatever the client sends into memory
before the caller can look at its size. The webhooks and the Open311 API
know how big a real body can be; past that they stop reading and refuse.
"""

from __future__ import annotations

import re

from starlette.requests import Request

_DIGITS = re.compile(r"[0-9]{1,19}")


async def read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is (or says it is) over `limit` bytes."""
    declared = request.headers.get("content-length")
    # ASCII digits only: "²" passes str.isdigit() but not int()
    if declared is not None and (not _DIGITS.fullmatch(declared) or int(declared) > limit):
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():  # chunked uploads declare no length
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
