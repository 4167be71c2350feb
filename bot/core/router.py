"""Routers: each feature module declares what it answers in one place.

A router maps commands (with their Chinese keywords), button-payload
prefixes, understood intents and dialog names to handlers. The dispatcher
combines the routers of all feature modules and refuses duplicates, so two
features can never silently fight over the same trigger.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.messages import Reply

if TYPE_CHECKING:
    from bot.core.context import Context

HandlerResult = Reply | list[Reply] | None
Handler = Callable[["Context"], Awaitable[HandlerResult]]
Guard = Callable[["Context"], Awaitable[bool]]  # whether a command is one for this person

# Words that, with a number, choose that line of a numbered list for everyone (回3, 回 3): how people
# answer a list on WeChat, and a command for no one. 回复 is registered by handover, where staff's
# 回复 2 … answers a resident.
CHOICE_WORDS = ("回",)


async def _no_one(_ctx: "Context") -> bool:
    """The guard of a choice word that is a command for no one."""
    return False


class Router:
    def __init__(self, name: str) -> None:
        self.name = name
        self.commands: dict[str, Handler] = {}  # "me" for "/me"
        self.keywords: dict[str, Handler] = {}  # "我的资料": whole message or its first word
        self.leads: dict[str, Handler] = {}  # "请假": also straight before its argument (请假出差去北京)
        self.yielding: set[str] = set()  # keywords that are also answers: inside an open dialog, the dialog's
        self.buttons: dict[str, Handler] = {}  # payload prefix before the first ":"
        self.intents: dict[str, Handler] = {}
        self.dialogs: dict[str, Handler] = {}
        self.menu: list[MenuEntry] = []
        self.yes: list[str] = []  # payload prefixes a plain "好的" / "行" may choose
        self.said: list[tuple[str, re.Pattern[str]]] = []  # (payload prefix, words that choose it)
        self.preambles: set[str] = set()  # 你好 …: dropped before the rest of the message
        self.takes_args: dict[str, Callable[[str], bool]] = {}  # keywords that take only some arguments
        self.words: list[tuple[str, Handler]] = []  # (payload prefix, handler): words typed under such a button
        self.guards: dict[Handler, Guard] = {}  # commands only some people may use (see command's only_for)
        self.choice_words: list[tuple[str, Guard]] = []  # (word, guard): word + a number is that choice (choice_word)
        self.forms: dict[str, Handler] = {}  # dialog name: the handler of the form's own words (see form_words)
        self.anywhere: list[Handler] = []  # words of something open to the person, typed away from it (words_anywhere)
        self.openers: dict[Handler, str] = {}  # handler: the form it opens (opens_form)
        self.on_the_form: set[Handler] = set()  # commands said of the open form itself (about_the_form)

    def accepts_yes(self, *prefixes: str) -> None:
        """Let a plain yes (好的, 行, 可以) choose a shown button whose payload starts with one of `prefixes`.

        Only for choices that agree to what was just asked (confirm this
        booking, take this seat, consent); never for deleting or publishing.
        """
        self.yes.extend(prefixes)

    def accepts_said(self, prefix: str, words: re.Pattern[str]) -> None:
        """Let typed words matching `words` (处理好了, 不归我管) choose the one shown button whose payload starts with `prefix`.

        `words` is matched in full against the message's letters and digits
        (simplified, numerals as digits: 转给三网格 is 转给3网格). For what
        staff say to a task in their own words, where the button's label is
        not what they type.
        """
        self.said.append((prefix, words))

    def accepts_words(self, prefix: str) -> Callable[[Handler], Handler]:
        """Free words typed right under a message showing a button whose payload starts with `prefix` go to the handler first.

        A push that asks for the person's words (请居民补充：是几楼的灯？, 问题解决了吗)
        is answered in words, not by its button: 是三单元四楼的灯不亮, read
        alone, is a question about repairs, but it answers the push. The
        handler returns None for words that are not its own; they are then
        read as any message.
        """

        def register(handler: Handler) -> Handler:
            self.words.append((prefix, handler))
            return handler

        return register

    def words_anywhere(self, handler: Handler) -> Handler:
        """Free words go to the handler before they are understood, wherever they are typed.

        For answers to something still open to the person (the Party-day
        notice they were sent) typed away from it, after other turns or once
        its buttons lapsed: 我那天要上班, read alone, is 答不上来. The handler
        returns None, cheaply, for the many words that are not its own.
        """
        self.anywhere.append(handler)
        return handler

    def choice_word(self, word: str, *, unless: Guard) -> None:
        """`word` and a number (回复3, as WeChat users answer a numbered list) choose that choice, for whom `unless` is False.

        For the person `unless` lets through, the words keep the meaning of
        the command they are (回复2 内容, a staff member's answer to 转人工 #2).
        """
        self.choice_words.append((word, unless))

    def form_words(self, dialog: str) -> Callable[[Handler], Handler]:
        """Typed words go to the handler first while form `dialog` is open, and while a question asked on its way in is.

        The profile asked before a form (then: the form) must not take the
        form's own words of leaving (那个心愿算了吧) as a name, or keep the form
        as a draft for them. The handler returns None for words not its own.
        """

        def register(handler: Handler) -> Handler:
            _add(self.forms, dialog, handler, f"form words of {dialog}")
            return handler

        return register

    def opens_form(self, dialog: str) -> Callable[[Handler], Handler]:
        """The handler (its command, button and intent) opens form `dialog`.

        Pressed or said again while that form is open (the menu's 反映问题
        halfway through a complaint), it does not put the form aside for a
        second one: the person is told it is open, with its question
        (intent "form_open"), and may say 重新填.
        """

        def register(handler: Handler) -> Handler:
            self.openers[handler] = dialog
            return handler

        return register

    def about_the_form(self, handler: Handler) -> Handler:
        """A command said of the open form itself (重新填): it is given the form as it is, not stepped out of first."""
        self.on_the_form.add(handler)
        return handler

    def menu_entry(self, label_key: str, payload: str, order: int) -> None:
        """Offer this feature in the main menu; the menu shows only what is built."""
        self.menu.append(MenuEntry(label_key, payload, order))

    def command(
        self,
        *names: str,
        keywords: tuple[str, ...] = (),
        takes_args: Callable[[str], bool] | None = None,
        only_for: Guard | None = None,
    ) -> Callable[[Handler], Handler]:
        """A slash command; `keywords` are words that trigger it without the slash.

        By default a keyword followed by words (绑定 CODE) passes them to the
        handler. With `takes_args`, only words it accepts do: 算了，不办了 is
        still 算了, but 取消 明天的预约 is a message of its own, routed whole.
        With `only_for`, the keywords are a command only for the people it
        accepts (the reviewers' 通过): for anyone else they are words like
        any other, a form's answer included. The slash form stays a command.
        """

        def register(handler: Handler) -> Handler:
            if only_for is not None:
                self.guards[handler] = only_for
            for name in names:
                _add(self.commands, name.lower(), handler, f"command /{name}")
            for word in keywords:
                _add(self.keywords, word, handler, f"keyword {word}")
                if takes_args is not None:
                    self.takes_args[word] = takes_args
            return handler

        return register

    def keyword(
        self,
        *words: str,
        leading: tuple[str, ...] = (),
        yielding: bool = False,
        preamble: bool = False,
        only_for: Guard | None = None,
    ) -> Callable[[Handler], Handler]:
        """Words that trigger the handler; those in `leading` also when the argument follows unspaced.

        Chinese is written without spaces: 请假出差去北京 is 请假 and its
        reason. Only words that never begin another message belong in
        `leading` (参加 would swallow 参加什么活动). `yielding` words are
        also ordinary answers (还没修好呢 typed to a person after 转人工): an
        open dialog takes them first. `preamble` words are the handler's only
        alone: followed by more (你好 楼道灯坏了, 您好，请问…) they are dropped
        and the rest is the message. `only_for` as for `command`.
        """

        def register(handler: Handler) -> Handler:
            self.command(keywords=words, only_for=only_for)(handler)
            if yielding:
                self.yielding.update(words)
            if preamble:
                self.preambles.update(words)
            for word in leading:
                if word not in words:
                    raise ValueError(f"leading keyword {word!r} is not one of the keywords")
                _add(self.leads, word, handler, f"leading keyword {word}")
            return handler

        return register

    def button(self, prefix: str) -> Callable[[Handler], Handler]:
        if ":" in prefix:
            raise ValueError("a button prefix cannot contain ':'")

        def register(handler: Handler) -> Handler:
            _add(self.buttons, prefix, handler, f"button {prefix}")
            return handler

        return register

    def intent(self, *intents: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            for intent in intents:
                _add(self.intents, intent, handler, f"intent {intent}")
            return handler

        return register

    def dialog(self, name: str) -> Callable[[Handler], Handler]:
        """The handler for every message while a person is in dialog `name`.

        It returns None for a message that is not part of the dialog (say a
        menu button from an older message); the dialog is then left and the
        message routed as if no dialog were active.
        """

        def register(handler: Handler) -> Handler:
            _add(self.dialogs, name, handler, f"dialog {name}")
            return handler

        return register


@dataclass(frozen=True)
class MenuEntry:
    label_key: str
    payload: str
    order: int


def _add(table: dict[str, Handler], key: str, handler: Handler, what: str) -> None:
    if key in table:
        raise ValueError(f"{what} is registered twice")
    table[key] = handler


class RouteTable:
    """All routers merged; a trigger registered by two routers is an error at start-up."""

    def __init__(self, routers: list[Router]) -> None:
        self.commands: dict[str, Handler] = {}
        self.keywords: dict[str, Handler] = {}
        self.leads: dict[str, Handler] = {}
        self.buttons: dict[str, Handler] = {}
        self.intents: dict[str, Handler] = {}
        self.dialogs: dict[str, Handler] = {}
        self.menu = sorted((entry for router in routers for entry in router.menu), key=lambda e: e.order)
        self.yes = tuple(prefix for router in routers for prefix in router.yes)
        self.said = tuple(entry for router in routers for entry in router.said)
        self.yielding = frozenset(word for router in routers for word in router.yielding)
        self.preambles = frozenset(word for router in routers for word in router.preambles)
        self.takes_args = {word: accepts for router in routers for word, accepts in router.takes_args.items()}
        self.words = tuple(entry for router in routers for entry in router.words)
        self.guards = {handler: guard for router in routers for handler, guard in router.guards.items()}
        self.choice_words = (
            *((word, _no_one) for word in CHOICE_WORDS),
            *(entry for router in routers for entry in router.choice_words),
        )
        self.anywhere = tuple(handler for router in routers for handler in router.anywhere)
        self.openers = {handler: dialog for router in routers for handler, dialog in router.openers.items()}
        self.on_the_form = frozenset(handler for router in routers for handler in router.on_the_form)
        self.forms: dict[str, Handler] = {}
        for router in routers:
            for attr in ("commands", "keywords", "leads", "buttons", "intents", "dialogs", "forms"):
                target: dict[str, Handler] = getattr(self, attr)
                for key, handler in getattr(router, attr).items():
                    _add(target, key, handler, f"{attr[:-1]} {key} (router {router.name})")
        # the longest first: 党日请假 before 请假
        self.leading = sorted(self.leads.items(), key=lambda item: len(item[0]), reverse=True)

    def opener(self, dialog: str) -> Handler | None:
        """The handler that opens form `dialog` (Router.opens_form), if any."""
        return next((handler for handler, opened in self.openers.items() if opened == dialog), None)

    def words_handlers(self, shown: list[list[str]]) -> list[Handler]:
        """The handlers for free words under the choices `shown` ([label, payload]; see Router.accepts_words)."""
        return [handler for prefix, handler in self.words if any(payload.startswith(prefix) for _label, payload in shown)]
