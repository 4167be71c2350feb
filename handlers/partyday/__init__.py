"""主题党日: members see the notice and sign up or ask leave; staff set it and see who comes.

The modules: members (the notice, signing up, leave, members' own words),
away (those words typed away from the notice),
setting (staff set the month's Party day and see the attendance), basics
(the router and the rules). Importing them registers their handlers.
"""

from handlers.partyday import away, members, setting  # importing registers their handlers on the router
from handlers.partyday.basics import router

__all__ = ["away", "members", "router", "setting"]
