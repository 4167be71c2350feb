"""Bookings: appointments at the centre and home visits (预约上门), with no double booking.

The rules live here, the arithmetic of days and slots in `opening` (pure).
A seat is taken with one conditional UPDATE on the slot's counter row
(`taken = taken + 1 WHERE taken < capacity`) inside the booking's
transaction: on PostgreSQL the row lock serialises concurrent takers and the
condition is re-checked on the committed row; on SQLite units of work are
serialised anyway. The booking's confirmation token is unique, so a double
tap or a retried message gives the same booking, never two. A resident only
ever sees and changes their own bookings; staff and grid managers are
checked on every action.

Callers use this package's names (`booking.book`, `booking.Rules`, …); the
modules hold one part each:

- rules: the Rules object, codes, tokens, what a slot belongs to
- records: reading a person's bookings, and steps every change shares
- seats: open slots and seats left; taking and freeing a seat
- resident: booking, cancelling and moving one's own booking
- waitlist: waiting for a full slot, the seat held for the next in line
- home_visits: what the grid's managers are told and answer
- holidays: a holiday said by name (元旦), read as the plan's day
- staff: the day's list, arrivals, no-shows, cancelling with a reason
- reminders: the scheduler's tick
- presentation: dates, times and the calendar file
"""

from bot.services.booking.day_closed import NoSlots, why_no_slots
from bot.services.booking.holidays import NamedHoliday, holiday_named
from bot.services.booking.home_visits import accept_proposal, confirm_visit, home_of, propose_visit
from bot.services.booking.presentation import calendar, clock_text, day_text, when_text
from bot.services.booking.records import Booked, Full, Request, by_token, community_of, mine, open_count, own
from bot.services.booking.reminders import due_reminders, tick
from bot.services.booking.resident import book, cancel, check_changeable, reschedule
from bot.services.booking.rules import HOME_REASONS, Rules, new_token, normalise_code
from bot.services.booking.seats import SlotView, day_slots, offered_slot, open_days
from bot.services.booking.staff import day_list, for_staff, handled_by_code, mark, staff_cancel, staff_community, unmark
from bot.services.booking.waitlist import (
    Waiting,
    expire_offers,
    join_waitlist,
    leave_waitlist,
    skip_offer,
    slot_id_at,
    take_offer,
    waits_of,
)

__all__ = [
    "HOME_REASONS",
    "NamedHoliday",
    "NoSlots",
    "Booked",
    "Full",
    "Waiting",
    "Request",
    "Rules",
    "SlotView",
    "accept_proposal",
    "book",
    "by_token",
    "calendar",
    "cancel",
    "check_changeable",
    "clock_text",
    "holiday_named",
    "community_of",
    "confirm_visit",
    "day_list",
    "day_slots",
    "day_text",
    "due_reminders",
    "expire_offers",
    "for_staff",
    "handled_by_code",
    "home_of",
    "join_waitlist",
    "leave_waitlist",
    "mark",
    "mine",
    "new_token",
    "normalise_code",
    "open_count",
    "offered_slot",
    "open_days",
    "own",
    "propose_visit",
    "reschedule",
    "skip_offer",
    "slot_id_at",
    "staff_cancel",
    "staff_community",
    "take_offer",
    "unmark",
    "waits_of",
    "tick",
    "when_text",
    "why_no_slots",
]
