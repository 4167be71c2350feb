"""What every booking follows: the rules' inputs, codes, tokens and the resource a slot belongs to."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from bot.models.booking import BookingKind, BookingStatus
from bot.services import opening
from bot.services.opening import OpeningPlan
from bot.texts import Texts


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the window
CODE_LENGTH = 6
ACTIVE = (BookingStatus.booked.value,)
HOME_REASONS = ("elderly", "disabled", "other")


@dataclass(frozen=True)
class Rules:
    """What the booking services need besides the database: the opening plan, the zone, the services."""

    plan: OpeningPlan
    timezone: str
    knowledge: Any  # knowledge.loader.KnowledgeBase (`.get(service_id)`)

    @classmethod
    def of(cls, app: Any) -> Rules:  # bot.app.App
        return cls(opening.plan_for(app.settings), app.settings.timezone, app.knowledge)

    def service(self, service_id: str) -> Any:
        return self.knowledge.get(service_id)

    def name(self, service_id: str) -> str:
        service = self.service(service_id)
        return service.name if service is not None else service_id

    def where(self, texts: Texts, service_id: str) -> str:
        service = self.service(service_id)
        if service is None:
            return ""
        return f"{texts.get(f'centres.{service.where.centre.value}')} {service.where.window}"


def new_token() -> str:
    """A confirmation's one-time token (kept in the dialog and in the confirm button)."""
    return secrets.token_urlsafe(12)


def normalise_code(raw: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKC", raw).upper() if ch.isalnum())[:CODE_LENGTH + 2]


def resource_of(kind: str, centre: str | None = None, grid_id: str | None = None) -> str:
    return f"home:{grid_id}" if kind == BookingKind.home else f"centre:{centre}"
