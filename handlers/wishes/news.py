"""A claimer's news of their claim, offered to the resident with one tap.

收音机已经买好了，明天送过去 from the volunteer holding the wish got the
guide to day care for the elderly, and the resident heard nothing. Asked,
not sent: 明天去社区办居住证 is their own errand, and 不是，我问别的 answers
the words as ever.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.services import wishes

from handlers.wishes.addressed import REROUTED, names_a_claim
from handlers.wishes.basics import MESSAGE as DIALOG

# A claimer's news, as volunteers report it: 收音机已经买好了，明天送过去 got the guide to day care for the elderly.
_PROGRESS = re.compile(
    r"已经|买好|买到|约好|联系(?:了|过)|打(?:了|过)?电话|明天|后天|今天|下午|上午|晚上|送过去|过去|到了|路上|马上|这周|周末|进展"
)
_ASKED = re.compile(r"[?？]|吗|怎么|如何|咋|哪|什么|请问")


async def claimers_news(ctx: Context) -> Reply | None:
    """News of a claim from its claimer, read as a question the guide cannot answer: passed on to the resident? None else.

    Called by the guide's hook (handlers.guide, through about_a_wish_done) for
    what it reads as a service or nothing: a real question (低保怎么办) is
    answered there as ever once they say 不是.
    """
    if REROUTED.get() or ctx.message.attachment is not None or not ctx.text or len(ctx.text) > 200:
        return None
    if _PROGRESS.search(ctx.text) is None or _ASKED.search(ctx.text):
        return None
    mine = await wishes.claimed_by(ctx.uow, ctx.person)
    if not mine:
        return None
    read = ctx.understanding
    if read is not None and read.intent.value == "service" and read.decision == "answer" and not names_a_claim(ctx.text, mine):
        return None  # 明天去社区办居住证: their own errand, answered as ever
    ctx.dialog.enter(DIALOG, "ask", words=ctx.text)
    ctx.own_words = False  # a question asked, no form of theirs: moving on keeps no draft
    said = ctx.text.strip()[:40]
    if len(mine) == 1:
        buttons = [Button(ctx.t("wishes.msg_yes"), f"wish:msgyes:{mine[0].id}")]
    else:
        buttons = [Button(ctx.t("wishes.msg_for", id=w.id, what=w.what[:12]), f"wish:msgyes:{w.id}") for w in mine]
    return Reply(
        ctx.t("wishes.msg_news", id=mine[0].id, words=said) if len(mine) == 1 else ctx.t("wishes.msg_news_which", words=said),
        rows(*buttons, Button(ctx.t("wishes.msg_no"), "wish:msgno"), per_row=2),
    )
