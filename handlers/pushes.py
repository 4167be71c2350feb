"""A push seen only in part, shown whole: what a WeChat template message promises.

Outside WeChat's 48-hour window a push reaches the person only as a
template message: about 200 characters and no choices, ending 给公众号发任意
消息，查看全文和选项. Their next message keeps that promise: a greeting or
anything small is answered with the whole push and its choices; a matter
of their own is answered as ever, with a line saying how to see the push
(看通知). The push's choices are in force from its delivery, so 5 or 收到
answers it at once.
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Reply, rows
from bot.core.router import HandlerResult, Router
from bot.services import outbox, push_marks
from handlers.common import back_button
from knowledge.understanding import Intent

router = Router("pushes")

# Messages that ask for nothing of their own: the whole push is the answer
_SMALL_TALK = (Intent.greeting, Intent.thanks, Intent.help, Intent.unknown)


@router.command("lastpush", keywords=("看通知", "查看通知", "通知全文", "看全文", "查看全文", "刚才的通知"))
async def last_push(ctx: Context) -> HandlerResult:
    """The latest push delivered to this person, whole, with its choices."""
    payload = await outbox.delivered_payload(ctx.uow, ctx.person.id)  # type: ignore[arg-type]
    if payload is None:
        return Reply(ctx.t("common.no_push"), rows(back_button(ctx)))
    return Reply.from_dict(payload)


@router.intent("push_seen_in_part")
async def seen_in_part(ctx: Context) -> HandlerResult:
    """Asked by the dispatcher of a message typed after a push seen in part, which chose none of its choices."""
    row = push_marks.seen_in_part(ctx.dialog.data)
    if row is None or ctx.dialog.active:
        return None
    ctx.dialog.data.pop(push_marks.SHOWN, None)  # promised once
    if not ctx.text or ctx.app.understander.understand(ctx.text).intent not in _SMALL_TALK:  # a photo, a matter of their own
        ctx.notes.append(ctx.t("common.push_in_part"))
        return None
    payload = await outbox.delivered_payload(ctx.uow, ctx.person.id, row)  # type: ignore[arg-type]
    return Reply.from_dict(payload) if payload is not None else None
