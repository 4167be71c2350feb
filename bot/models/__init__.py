"""SQLModel tables. Importing this package registers every table on the metadata."""

from bot.models.conversation import DialogState, InboundMessage
from bot.models.org import Building, Community, District, Grid, Street
from bot.models.outbox import OutboxMessage, OutboxStatus
from bot.models.people import Invite, Person, Role, RoleAssignment
from bot.models.support import Handover, HandoverMessage, UnansweredQuestion

__all__ = [
    "Building",
    "Community",
    "DialogState",
    "District",
    "Grid",
    "Handover",
    "HandoverMessage",
    "InboundMessage",
    "Invite",
    "OutboxMessage",
    "OutboxStatus",
    "Person",
    "Role",
    "RoleAssignment",
    "Street",
    "UnansweredQuestion",
]
