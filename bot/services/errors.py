"""Errors a service raises for the person in front of the bot.

Each carries a text key from the catalogue, so the dispatcher can answer
the person politely in their language instead of leaking an exception.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    key = "errors.generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key)


class PermissionDenied(DomainError):
    key = "errors.permission"


class NotFound(DomainError):
    key = "errors.not_found"


class Conflict(DomainError):
    key = "errors.conflict"


class InvalidInput(DomainError):
    key = "errors.invalid"
