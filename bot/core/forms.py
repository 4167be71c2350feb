"""What an open form is to the person: its name, and its question asked again.

The profile asked on the way into another form (name and phone before a
complaint or a wish) is that form to the person: it is named after it, and
the form's own words (Router.form_words) are read there too.
"""

from __future__ import annotations

from typing import Any

from bot.core.context import Context
from bot.core.messages import Reply
from bot.texts import Texts


def form_of(dialog: str, data: dict[str, Any] | None) -> str:
    """The form behind dialog `dialog`: the profile asked on the way into another form is that form."""
    then = (data or {}).get("then")
    return then["dialog"] if isinstance(then, dict) and isinstance(then.get("dialog"), str) else dialog


def form_name(texts: Texts, dialog: str, data: dict[str, Any] | None = None) -> str:
    """What a person calls the form behind dialog `dialog` ("反映问题", "个人资料")."""
    key = f"common.forms.{form_of(dialog, data)}"
    return texts.get(key if texts.has(key) else "common.forms.other")


def question_of(prompt: dict[str, Any]) -> Reply:
    """The form's question as last sent (`prompt`), without the lines said once before it that turn.

    ✅ 您的资料已保存, 已记下分类：停车: true when said, and nothing the
    person should read again each time the question is.
    """
    asked = Reply.from_dict(prompt)
    text = "\n".join(asked.text.split("\n")[asked.lead :]) if asked.lead else asked.text
    return Reply(text, asked.buttons, asked.document)


def asked_again(ctx: Context, prompt: dict[str, Any] | None) -> Reply | None:
    """The form's question (`prompt`, as last sent) again, after words that do not answer it; None if unknown.

    For a command meant for others only (a resident's 通过 at 您同意吗): it is
    no matter of their own, and leaving the form for it ended in 已退出 and
    答不上来. Said twice, the lead is said once, not stacked.
    """
    if not prompt:
        return None
    asked = bare_question(ctx, prompt)
    said = ctx.t("common.not_an_answer", said=ctx.text.strip()[:20])
    return Reply(said + "\n" + asked.text, asked.buttons, asked.document, lead=said.count("\n") + 1)


def bare_question(ctx: Context, prompt: dict[str, Any]) -> Reply:
    """The form's question as last sent, without what was said before it then, nor 这一步还在等您回答 (stored before leads were kept)."""
    asked, lead = question_of(prompt), ctx.t("common.not_an_answer", said="\0").split("\0")[0]
    question = "\n".join(line for line in asked.text.split("\n") if not line.startswith(lead))
    return Reply(question, asked.buttons, asked.document)
