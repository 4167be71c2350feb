"""微心愿: residents make wishes, staff approve them, volunteers claim and fulfil them.

The modules: making (the resident's form), wanted_by (by when, as people
say it), actions (the wall and every press on a wish), closing (declining,
the hours served, the thanks), said (a wish finished or
confirmed in plain words), resident_words (thanks or
"not done" for a wish awaiting confirmation), withdrawing (a wish taken
back), changing (a wish changed after it was made), messages, addressed and news (words between the maker and the claimer), reviewing (a wish named by number: 心愿 #3, 通过 #3, 不通过 #3 理由),
volunteers (a volunteer's hours, tasks, 我是志愿者 again), basics (the router and what they share).
Importing them registers their handlers; every press goes through
bot.services.wishes, which re-checks role, ownership and state.
"""

from handlers.wishes import actions, changing, closing, making, messages, resident_words, reviewing, said, volunteers, withdrawing  # importing registers their handlers on the router
from handlers.wishes.basics import router
from handlers.wishes.closing import thanked_for_a_wish

__all__ = ["actions", "changing", "closing", "making", "messages", "resident_words", "reviewing", "router", "said", "thanked_for_a_wish", "volunteers", "withdrawing"]
