"""A case's states and the transitions between them."""

from __future__ import annotations

OPEN_STATES = ("submitted", "accepted", "in_progress", "need_info", "reopened", "escalated")
# States in which the grid's clock runs (need_info waits for the resident; escalated is the street's).
CLOCK_STATES = ("submitted", "accepted", "in_progress", "reopened")
STATES = (*OPEN_STATES, "resolved", "closed")

# action → (states it may start from, state it leads to); None keeps the state.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "submit": (frozenset({""}), "submitted"),
    "accept": (frozenset({"submitted", "reopened"}), "accepted"),
    "start": (frozenset({"accepted"}), "in_progress"),
    "ask_info": (frozenset({"submitted", "accepted", "in_progress", "reopened"}), "need_info"),
    "info": (frozenset(OPEN_STATES) | {"resolved"}, None),  # the resident adds information
    "resolve": (frozenset({"accepted", "in_progress", "need_info", "reopened", "escalated"}), "resolved"),
    "escalate": (frozenset({"submitted", "accepted", "in_progress", "need_info", "reopened"}), "escalated"),
    "transfer": (frozenset({"submitted", "accepted", "in_progress", "need_info", "reopened", "escalated"}), "submitted"),
    "confirm": (frozenset({"resolved"}), "closed"),
    "reopen": (frozenset({"resolved"}), "reopened"),
    "remind": (frozenset(CLOCK_STATES), None),
    "to_leader": (frozenset(CLOCK_STATES), None),
    "to_street": (frozenset(CLOCK_STATES), None),
}
STAFF_ACTIONS = ("accept", "start", "ask_info", "resolve", "escalate", "transfer")
NOTE_REQUIRED = ("ask_info", "resolve", "escalate")
SATISFIED_FROM = 3  # a rating of 1–2 reopens the case
MAX_DESCRIPTION = 2000
MAX_CASE_PHOTOS = 9  # the reporter's photos on one case, the form's and 补充's together (WeChat picks nine at once)


def shown_state(state: str, first_resolved_at: object) -> str:
    """The state as people read it: a case closed without ever being resolved was withdrawn by its reporter (已撤回)."""
    return "withdrawn" if state == "closed" and first_resolved_at is None else state
