"""A resident's own bookings, by the names other modules have long imported from here.

The list is in listing, acting on one booking (cancel, move) in
changing, and which booking words or a list's line mean in choosing.
Importing this module registers all three's handlers.
"""

from handlers.booking.changing import answer_cancel, ask_cancel, move_wanted, start_reschedule, wanted_of
from handlers.booking.choosing import cancel_command, line_said, manage_by_words
from handlers.booking.listing import my_bookings

__all__ = [
    "answer_cancel",
    "ask_cancel",
    "cancel_command",
    "line_said",
    "manage_by_words",
    "move_wanted",
    "my_bookings",
    "start_reschedule",
    "wanted_of",
]
