"""Logging that never shows a phone number or a token."""

from __future__ import annotations

import logging
import re

_PATTERNS = (
    # mobile numbers, however written: 13812345678, +86 138 1234 5678, 8613812345678, 0086-138-1234-5678
    (re.compile(r"(?<![\d+])(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)"), r"\1****\2"),
    (re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])"), r"\1********\2"),  # ID card numbers (身份证号)
    (re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{30,}\b"), "<telegram-token>"),  # bot tokens
    (re.compile(r"(access_token=)[^&\s]+"), r"\1<hidden>"),  # WeChat API query strings
    (re.compile(r"(://[^:/\s]+:)[^@\s]+@"), r"\1<hidden>@"),  # passwords in URLs
)


def mask(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class MaskingFilter(logging.Filter):
    """Rewrites every record's final message, whatever library logged it."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s and len(s) >= 6)

    def filter(self, record: logging.LogRecord) -> bool:
        message = mask(record.getMessage())
        for secret in self._secrets:
            message = message.replace(secret, "<hidden>")
        record.msg, record.args = message, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def setup(level: str = "INFO", secrets: tuple[str, ...] = ()) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Below WARNING these print whole requests: URLs with the token, python-telegram-bot every
    # message's text both ways (names, addresses, what residents wrote).
    for noisy in ("httpx", "telegram", "aiosqlite", "sqlalchemy.engine", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
