"""诉求: a resident reports a problem; grid managers, leaders and street staff handle it in chat.

Resident buttons start with `cs:`, handler buttons with `case:`; every
press goes through the services, which re-check role, ownership and state.

The modules: filing (where the resident's form begins), form_steps (its
dialog, step by step: form_category, form_where, form_photo_step,
similar_offer, submitting; form_asks holds its questions, form_photos the
photos it keeps), with categories and places (the category and the place
read from the resident's words) and form_words (what other words typed in it
mean), mine (the resident's own cases, following,
rating), waiting (words away from any form that belong to a case), task_buttons
(what the presses of those who handle a case do, and the card they see),
task_notes (the result, reason or question a press asks for), task_words
(the same actions typed: 收到, 处理好了, 转给三网格), away (their words and photos typed
away from a task's push), basics (the router and what they
share, 看照片 included), withdrawing (the reporter's 不用修了已经好了), said_later (a
resident's 补充一下 or 催一下 about an open case of theirs), chasing (催一下: its
handlers reminded), adding (补充's words and photos, nine photos a case), overdue_asked (a
handler's 超时的诉求), rating_thanks (谢谢你们 under the rating push),
follower_verdict (没修好 from a follower). Importing them registers their handlers.
"""

from handlers.cases import away, filing, follower_verdict, mine, overdue_asked, rating_thanks, said_later, task_buttons, task_notes, task_words, waiting, withdrawing  # importing registers their handlers on the router
from handlers.cases.basics import router
from handlers.cases.task_buttons import describe_task

__all__ = ["away", "describe_task", "filing", "follower_verdict", "mine", "overdue_asked", "rating_thanks", "router", "said_later", "task_buttons", "task_notes", "task_words", "waiting", "withdrawing"]
