"""Which command or keyword a message is, if any: /start, 取消, 绑定 CODE, 请假出差去北京, 你好 楼道灯坏了.

Chinese is written without spaces and residents put a greeting before the
matter, so a keyword may be the whole message, its first word, or lead
straight into its argument; a greeting before more words is dropped. The
dispatcher asks this before the open dialog, which keeps the words that are
also ordinary answers (`yielding`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core import validation
from bot.core.router import Handler, RouteTable

if TYPE_CHECKING:
    from bot.core.context import Context

_PARTICLES = "吗啊呀呢哈嘛啦哇喽吖"
_GREETING_GOES_ON = set("像久多几么奇")  # 你好像…, 你好久…: words that begin with a greeting but are none


class Commands:
    def __init__(self, routes: RouteTable) -> None:
        self.routes = routes

    def find(self, ctx: Context, *, greeted: bool = False) -> Handler | None:
        """The handler of the command the text is, or None; sets `ctx.args` (and drops a greeting from `ctx.text`)."""
        text = ctx.text
        if text.startswith("/"):
            name, _, args = text[1:].partition(" ")
            name = name.split("@", 1)[0].lower()  # Telegram appends @botname in groups
            ctx.args = args.strip()
            return self.routes.commands.get(name) or self.routes.intents["unknown_command"]
        form = validation.keyword_form(text)
        # A word that is also an ordinary answer (还没修好呢) is the open dialog's, not a command.
        answering = ctx.dialog.active or self.words_awaited(ctx)  # an open form, or a push asking for words
        yielding = self.routes.yielding if answering else frozenset()
        if form in self.routes.keywords and form not in yielding:
            return self.routes.keywords[form]
        first, args = validation.command_parts(text)
        first_form = validation.keyword_form(first)
        handler = self.routes.keywords.get(first_form)
        if handler is not None and args and first_form not in yielding:
            if first_form in self.routes.preambles:
                return None if greeted else self._after_preamble(ctx, args, handler)
            accepts = self.routes.takes_args.get(first_form)
            if accepts is None or accepts(args):
                ctx.args = args
                return handler
            return None  # 取消 明天的预约: the message is the words, not the keyword
        # 请假出差去北京; but inside a form the words are its answer (请假回来发现楼道灯坏了)
        for word, handler in self.routes.leading if not answering else ():
            rest = validation.after_keyword(text, form, word)
            if rest is not None:
                if word in self.routes.preambles:
                    if greeted or rest[:1] in _GREETING_GOES_ON:
                        continue  # 你好像没回我, 你好久没回: not a greeting; one greeting is dropped, not each
                    return self._after_preamble(ctx, rest, handler)
                ctx.args = rest
                return handler
        return None

    def words_awaited(self, ctx: Context) -> bool:
        """Whether the choices in force belong to a push that asks for words (see Router.accepts_words)."""
        return bool(self.routes.words_handlers(ctx.shown))

    async def allowed(self, ctx: Context, handler: Handler) -> bool:
        """Whether `handler`'s keywords are a command for this person (Router.command's only_for); a slash always is."""
        guard = self.routes.guards.get(handler)
        return guard is None or ctx.text.startswith("/") or await guard(ctx)

    async def said(self, ctx: Context) -> bool:
        """Whether the typed text is a command or keyword (取消, 继续) for this person, without routing it yet."""
        text, args = ctx.text, ctx.args
        try:
            handler = self.find(ctx)
            return handler is not None and await self.allowed(ctx, handler)
        finally:
            ctx.text, ctx.args = text, args

    async def choice_said(self, ctx: Context) -> int | None:
        """The number of 回复3 and the like (Router.choice_word), for whom the word is no command; else None."""
        form = validation.keyword_form(ctx.text) if self.routes.choice_words else ""
        for word, unless in self.routes.choice_words:
            rest = validation.after_keyword(ctx.text, form, word) if form.startswith(word) else None
            number = validation.choice_number(rest) if rest else None
            if number is not None and not await unless(ctx):
                return number
        return None

    def _after_preamble(self, ctx: Context, rest: str, greeting: Handler) -> Handler | None:
        """你好 楼道灯坏了: the greeting is dropped; the rest is the message, a command or not.

        你好吗, 你好啊, hi there: nothing but a particle or a word or two of
        English follows; that is the greeting.
        """
        form = validation.keyword_form(rest)
        if not form.strip(_PARTICLES) or (form.isascii() and len(form.split()) <= 2):  # hi there, hello all
            return greeting
        ctx.text = rest
        return self.find(ctx, greeted=True)  # 你好你好你好…: the rest is read once, not greeting by greeting
