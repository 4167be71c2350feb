"""Request bodies are read only up to their limit, whatever the headers claim."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from bot.request_body import read_body


def _request(content_length: bytes, body: bytes) -> Request:
    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {"type": "http", "method": "POST", "path": "/", "query_string": b"",
             "headers": [(b"content-length", content_length)]}
    return Request(scope, receive)


@pytest.mark.parametrize("declared", [b"\xb2", b"-1", b"1e3", b" 5", b"9" * 40])  # "²" is a digit to str.isdigit()
async def test_a_content_length_that_is_not_a_plain_number_is_refused_without_a_traceback(declared: bytes):
    assert await read_body(_request(declared, b"hello"), 64) is None


async def test_a_body_within_its_limit_is_read_whole():
    assert await read_body(_request(b"5", b"hello"), 64) == b"hello"
