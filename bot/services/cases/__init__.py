"""Complaints and requests (诉求): the closed loop of the grid workflow.

submitted → accepted → in_progress → resolved → (the resident rates) closed,
with need_info (asking the resident), escalated (at the street), transfer
to another grid, and reopened (a dissatisfied rating or "not fixed") for
rework. Every transition is checked against `TRANSITIONS`, re-checks who
may do it, writes a `CaseEvent` and pushes to whoever must know, all in
one transaction. Overdue cases are reminded and escalated by `due`.

Callers use this package's names (`cases.file_case`, `cases.act`, …); the
modules hold one part each:

- states: the states and the transitions between them
- routing: which grid a place belongs to
- access: who may see and act on a case
- recipients: who is told
- events: the audit trail and the pushes of each step
- lifecycle: filing, acting, adding information (nine photos a case at most), rating
- chasing: a resident's 催一下, reminding the handlers once per 12 hours
- withdrawing: the reporter's 不用修了
- info_pushes: what a resident adds, told to the handlers once per burst (an album: one push)
- following: following a similar case instead of filing, with the photos sent for it
- reading: a resident's cases, a handler's tasks, a case's history
- overdue: reminders and escalation of overdue cases
- presentation: a case as each reader sees it, and its buttons
- privacy: what others than the reporter and the handlers may see of a case
"""

from bot.services.cases.access import (
    case_for_handler,
    case_for_reporter,
    case_for_resident,
    case_for_viewer,
    check_escalation,
    may_escalate,
    may_handle,
    may_view,
)
from bot.services.cases.lifecycle import (
    Rated,
    act,
    add_info,
    check_photo,
    TO_STAFF,
    check_transfer,
    file_case,
    may_go_to_staff,
    rate,
    transfer_targets,
)
from bot.services.cases.following import Followed, follow, followed_open, follower_ids, similar
from bot.services.cases.overdue import due
from bot.services.cases.presentation import (
    HistoryLine,
    Reader,
    buttons_for,
    card,
    event_label,
    handler_buttons,
    history_lines,
    photo_refs,
    place_label,
    rating_buttons,
    when,
)
from bot.services.cases.privacy import public_place, public_text, redact
from bot.services.cases.reading import (
    asking_reporter,
    awaiting_rating,
    own_open,
    cases_of,
    handles_cases,
    history,
    open_cases,
    tasks,
    tasks_for_action,
    waiting_for,
)
from bot.services.cases.recipients import grid_handlers, street_staff, watchers
from bot.services.cases.routing import Place, distance_m, grid_at, grid_by_text, route
from bot.services.cases.states import (
    CLOCK_STATES,
    MAX_CASE_PHOTOS,
    MAX_DESCRIPTION,
    NOTE_REQUIRED,
    OPEN_STATES,
    SATISFIED_FROM,
    STAFF_ACTIONS,
    STATES,
    TRANSITIONS,
)

__all__ = [
    "CLOCK_STATES",
    "MAX_CASE_PHOTOS",
    "MAX_DESCRIPTION",
    "NOTE_REQUIRED",
    "OPEN_STATES",
    "SATISFIED_FROM",
    "STAFF_ACTIONS",
    "STATES",
    "TRANSITIONS",
    "Followed",
    "HistoryLine",
    "Place",
    "Rated",
    "Reader",
    "act",
    "asking_reporter",
    "awaiting_rating",
    "own_open",
    "add_info",
    "buttons_for",
    "card",
    "case_for_handler",
    "case_for_reporter",
    "case_for_resident",
    "case_for_viewer",
    "cases_of",
    "check_escalation",
    "check_photo",
    "check_transfer",
    "TO_STAFF",
    "may_go_to_staff",
    "distance_m",
    "due",
    "event_label",
    "file_case",
    "follow",
    "followed_open",
    "follower_ids",
    "grid_at",
    "grid_by_text",
    "grid_handlers",
    "handler_buttons",
    "history",
    "history_lines",
    "photo_refs",
    "may_escalate",
    "may_handle",
    "may_view",
    "open_cases",
    "place_label",
    "public_place",
    "public_text",
    "rate",
    "rating_buttons",
    "redact",
    "route",
    "similar",
    "transfer_targets",
    "street_staff",
    "handles_cases",
    "tasks",
    "tasks_for_action",
    "waiting_for",
    "watchers",
    "when",
]
