"""SQLModel tables. Importing this package registers every table on the metadata."""

from bot.models.booking import Booking, BookingReminder, BookingSlot, BookingWait
from bot.models.cases import Case, CaseEvent, CaseFollower
from bot.models.conversation import DialogState, InboundMessage
from bot.models.org import Building, Community, District, Grid, Street
from bot.models.notices import Notice
from bot.models.outbox import OutboxMessage, OutboxStatus
from bot.models.partyday import PartyDay, PartyDayReply
from bot.models.photos import Photo
from bot.models.people import Invite, Person, Role, RoleAssignment
from bot.models.support import Handover, HandoverMessage, UnansweredQuestion
from bot.models.scheduler import SchedulerJob
from bot.models.tokens import AccessToken
from bot.models.wishes import Wish, WishEvent

__all__ = [
    "AccessToken",
    "Booking",
    "BookingReminder",
    "BookingSlot",
    "BookingWait",
    "Building",
    "Case",
    "CaseEvent",
    "CaseFollower",
    "Community",
    "DialogState",
    "District",
    "Grid",
    "Handover",
    "HandoverMessage",
    "InboundMessage",
    "Invite",
    "Notice",
    "OutboxMessage",
    "OutboxStatus",
    "PartyDay",
    "PartyDayReply",
    "Person",
    "Photo",
    "Role",
    "RoleAssignment",
    "SchedulerJob",
    "Street",
    "UnansweredQuestion",
    "Wish",
    "WishEvent",
]
