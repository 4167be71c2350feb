"""A push that arrives while a person is in a dialog: whom does the next thing they type answer?

On WeChat and the console a push's buttons become the numbered choices
(bot.services.outbox), so a push that lands in the middle of a form takes
over "1", "2" and sends the form's choices away; and the words typed next
go to the form, though they often answer the push (请居民补充：是几楼的灯?
typed "3楼" while a new complaint waits for its description). Either way a
resident's words would land in the wrong place without anyone noticing.

So the delivery marks the open dialog (bot.services.push_marks, keeping the form's
own choices), and the next message typed is settled here: a choice only
one side has goes there; anything else is asked about once — "接着填" or
"回复刚收到的消息" — with the words kept server-side until the answer.
Commands (取消, 菜单) and presses of real buttons need no question.

The question is asked once and never stands in the way: answered by its
number, its words or the words people use for either side (继续, 回复,
是补充给网格员的), it sends the words kept there; any other message means
the person went on without answering, and the words kept go to the form,
where they would have gone before this question existed, and then that
message is handled as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.core import validation
from bot.services.push_marks import ASKED, PUSHED, prompt_of

TO_FORM = "mid:form"
TO_PUSH = "mid:push"

# How people answer the question in their own words (keyword form: simplified, bare), only while it
# is asked. The form: 接着填, 继续, 填表的, 前面那个. The push: 回复, 是补充给网格员的, 回消息, 后面那个.
_FOR_THE_FORM = re.compile(r"(接着|继续|填|表|前面|上面|第一个)")
_FOR_THE_PUSH = re.compile(r"(回复|回消息|答复|补充|网格员|工作人员|新消息|那条消息|后面|下面|第二个)")
# What may stand beside those words in an answer (是补充给网格员的, 填表的, 接着填吧): anything else left over
# makes the message one of its own (上面漏水), which must not be taken for the answer and dropped.
_WORDS_OF_THEIR_OWN = re.compile(r"是|的|给|那个|这个|那条|这条|吧|啊|呀|呢|我|要|想|刚才|刚|收到|消息|个|条|写|吗")
_SAID_AT_MOST = 14  # characters: longer words are a message of their own, not an answer to the question


@dataclass(frozen=True)
class Settled:
    """How to route the message: with which choices in force, and what to route first."""

    shown: list[list[str]]
    past_dialog: bool = False  # the words answer the push: the dialog is stepped out of, not given them
    words: str | None = None  # the words kept while asking, to route now (before `went_on`, if any)
    prompt: dict[str, Any] | None = None  # the form's question as it was before asking, for a draft
    went_on: bool = False  # the message did not answer the question: route `words` to the form, then it


@dataclass(frozen=True)
class Ask:
    """Ask whom the words answer."""

    words: str


def remember_prompt(data: dict[str, Any], prompt: dict[str, Any] | None) -> None:
    """Keep the form's question as it was before asking: a form put aside shows it again on 继续."""
    data[ASKED].setdefault("prompt", prompt)


def pending(data: dict[str, Any]) -> bool:
    return PUSHED in data or ASKED in data


def settle(data: dict[str, Any], text: str, payload: str | None, shown: list[list[str]], *, command: bool) -> Settled | Ask:
    """Decide, for one message, what the marks in `data` mean; removes the marks it has used.

    `shown` is the choices in force (the push's, or the question's after
    `Ask`); `command` whether the typed text is a command such as 取消.
    """
    asked = data.pop(ASKED, None)
    if isinstance(asked, dict) and isinstance(asked.get("text"), str):  # anything else is dropped, not a traceback
        return _answered(asked, text, payload, shown)
    mark = data.pop(PUSHED, None)
    form_choices, push_choices = _marked(mark, shown)
    if payload is not None or not text or command:
        return Settled(shown)
    on_push, on_form = _fits(text, push_choices), _fits(text, form_choices) or _moves_the_form(text)
    if on_push and not on_form:
        return Settled(push_choices)
    if on_form and not on_push:
        # A choice of the form's (3 for its third category): the push is still unanswered, and the
        # words typed next may be for it. The form's choices then are the ones it shows next.
        data[PUSHED] = {"push": push_choices}
        return Settled(form_choices)
    data[ASKED] = {"text": text, "form": form_choices, "push": push_choices}
    return Ask(text)


def _marked(mark: Any, shown: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """(the form's choices, the push's) as marked; a list is the form's alone, as marked before."""
    if isinstance(mark, dict):
        return _choices(mark.get("form"), shown), _choices(mark.get("push"), shown)
    return _choices(mark, []), shown


def _choices(value: Any, default: list[list[str]]) -> list[list[str]]:
    """Stored choices ([label, payload] pairs) as they are; `default` for a mark of any other shape."""
    if isinstance(value, list) and all(
        isinstance(choice, list) and len(choice) == 2 and all(isinstance(part, str) for part in choice) for choice in value
    ):
        return value
    return default


def _answered(asked: dict[str, Any], text: str, payload: str | None, shown: list[list[str]]) -> Settled:
    side = payload if payload in (TO_FORM, TO_PUSH) else None
    if side is None and payload is None and text:
        side = _side_typed(text, shown)
    words, prompt = asked["text"], prompt_of(asked)
    form, push = _choices(asked.get("form"), []), _choices(asked.get("push"), [])
    if side == TO_FORM:
        return Settled(form, words=words, prompt=prompt)
    if side == TO_PUSH:
        return Settled(push, past_dialog=True, words=words, prompt=prompt)
    # Anything else (a command, other words, another button): they went on without answering.
    return Settled(form, words=words, prompt=prompt, went_on=True)


def _side_typed(text: str, shown: list[list[str]]) -> str | None:
    """The side chosen by a typed answer: its number, its words, or the words people use for it."""
    number = validation.choice_number(text)
    if number is not None:
        return shown[number - 1][1] if 1 <= number <= len(shown) else None
    chosen = validation.chosen_label(text, shown)
    if chosen is not None:
        return chosen
    said = validation.keyword_form(text)
    if len(said) > _SAID_AT_MOST:
        return None
    form, push = _FOR_THE_FORM.search(said) is not None, _FOR_THE_PUSH.search(said) is not None
    if form == push or _WORDS_OF_THEIR_OWN.sub("", _FOR_THE_PUSH.sub("", _FOR_THE_FORM.sub("", said))):
        return None  # 上面漏水, 工作人员什么时候来: a message of their own, handled after the kept words
    return TO_FORM if form else TO_PUSH


# The form's own way forward or back (返回, 跳过, 下一步): it answers no push.
_FORM_MOVES = re.compile(r"(?:返回|上一步|回去|跳过|下一步|不办了|算了|好了)(?:吧|了|啊)*")


def _moves_the_form(text: str) -> bool:
    return _FORM_MOVES.fullmatch(validation.keyword_form(text)) is not None


def _fits(text: str, choices: list[list[str]]) -> bool:
    """Whether the typed text picks one of `choices`, by number or by its words."""
    if not choices:
        return False
    number = validation.choice_number(text)
    if number is not None:
        return 1 <= number <= len(choices)
    return validation.chosen_label(text, choices) is not None
