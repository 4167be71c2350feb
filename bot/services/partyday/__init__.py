"""The theme Party day (主题党日): the month's arrangement, its notices, and the members' answers.

Every month on the configured day (the 10th): a pre-notice some days
before and the notice on the morning of the day go to the community's
Party members. Staff set the theme, time, place and content; if nothing is
set when the pre-notice is due, the staff are reminded instead. The
scheduler's tick (`tick`) asks what is due at `now`; each (community,
month, kind) is sent at most once, guarded by the notice's unique key.

Callers use this package's names (`partyday.tick`, `partyday.Rules`, …);
the modules hold one part each: rules (settings, times, how it reads),
notices (the tick), members (what members see and answer), staff
(setting and changing it), attendance (who answered what).
"""

from bot.services.partyday.rules import PRE_NOTICE, NOTICE, STAFF_REMINDER, UPDATE, JOIN, LEAVE, Rules, Times, times, notice_key, party_day_of
from bot.services.partyday.notices import tick, notice_builder, answer_buttons, describe, format_when
from bot.services.partyday.members import Current, party_community, upcoming_month, current, answer, answerable
from bot.services.partyday.staff import parse_when, pending_elsewhere, require_staff, staff_community, Arrangement, check_arrangement, Told, set_party_day, told_line
from bot.services.partyday.attendance import Attendee, Attendance, attendance
from bot.services.partyday.told import community_names, concerns, member_communities, open_notices, upcoming

__all__ = [
    "Arrangement",
    "Attendance",
    "Attendee",
    "Current",
    "JOIN",
    "LEAVE",
    "NOTICE",
    "PRE_NOTICE",
    "Rules",
    "STAFF_REMINDER",
    "Times",
    "Told",
    "UPDATE",
    "answer",
    "answerable",
    "answer_buttons",
    "attendance",
    "check_arrangement",
    "community_names",
    "concerns",
    "current",
    "describe",
    "format_when",
    "member_communities",
    "notice_builder",
    "notice_key",
    "open_notices",
    "parse_when",
    "pending_elsewhere",
    "party_community",
    "party_day_of",
    "require_staff",
    "set_party_day",
    "staff_community",
    "tick",
    "times",
    "told_line",
    "upcoming",
    "upcoming_month",
]
