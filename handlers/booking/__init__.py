"""预约办理: appointments at the centre and home visits, the same dialog on every channel.

Residents book from a service's answer (the 预约办理 button), from the menu
or by saying 我要预约: pick a day, a slot (seats left shown), confirm. The
confirmation's one-time token is in the dialog and on the 确认 button, so a
double tap or a redelivered press gives the same booking. `/mybookings`
lists, reschedules and cancels; staff use `/today` and `/bookings DATE`;
grid managers answer home visits from the pushed task.

The modules: routes (where each message and button arrives); the booking
steps in order: starting (the services, the service chosen, 预约上门's
why), mode and mode_chosen (到中心办理 / 预约上门 asked, then chosen), day_list, slot_list (and no_slots: why a
day has nothing to book), confirmation
(the booking made), waiting (joining a full slot's line), asking_again
(the step's question again under a note); typed (what words typed at the steps of choosing a time
do), visits and places (预约上门's address: where the visit goes,
read from words), words (what residents' words mean at the steps), listing
(a resident's own bookings), changing (cancelling or moving one of them),
choosing (which one the words or a list's line mean; mine gathers these
three's names), staff (day lists and the grid manager's answers),
dates (typed days, button stamps), basics (the router and the context's
rules). Importing them registers their handlers.
"""

from handlers.booking import mine, routes, staff  # importing registers their handlers on the router
from handlers.booking.basics import router

__all__ = ["mine", "router", "routes", "staff"]
