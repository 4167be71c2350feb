"""A push that arrives while a person is in a dialog: whom does the next thing they type answer?

On WeChat and the console a push's buttons become the numbered choices
(bot.services.outbox), so a push that lands in the middle of a form takes
over "1", "2" and sends the form's choices away; and the words typed next
go to the form, though they often answer the push (请居民补充：是几楼的灯?
typed "3楼" while a new complaint waits for its description). Either way a
resident's words would land in the wrong place without anyone noticing.

So the delivery marks the open dialog (`mark_pushed`, keeping the form's
own choices), and the next message typed is settled here: a choice only
one side has goes there; anything else is asked about once — "接着填" or
"回复刚收到的消息" — with the words kept server-side until the answer.
Commands (取消, 继续) and presses of real buttons need no question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core import validation

PUSHED = "_pushed"  # dialog data: the dialog's own choices, set when a push with choices was delivered
ASKED = "_asked"  # dialog data: the words typed after it, waiting for the person to say whom they answer
TO_FORM = "mid:form"
TO_PUSH = "mid:push"
MARKS = (PUSHED, ASKED)


@dataclass(frozen=True)
class Settled:
    """How to route the message: with which choices in force, and whether the dialog may take it."""

    shown: list[list[str]]
    past_dialog: bool = False  # the words answer the push: the dialog is stepped out of, not given them
    words: str | None = None  # the words kept while asking, to route now in place of the answer to the question
    prompt: dict[str, Any] | None = None  # past_dialog: the form's question, for its draft


@dataclass(frozen=True)
class Ask:
    """Ask whom the words answer; `again` when the person answered the question with something else."""

    words: str
    again: bool = False


def mark_pushed(data: dict[str, Any], shown_before: list[list[str]]) -> dict[str, Any]:
    """The dialog's data once a push with choices has been delivered over it (a new dict, for the ORM).

    A second push keeps the form's choices from before the first. Words
    waiting for an answer about the first push are asked about again with
    the next message: the numbers now mean the newest push.
    """
    data = dict(data)
    asked = data.pop(ASKED, None)
    if PUSHED not in data:
        data[PUSHED] = asked["form"] if asked else shown_before
    return data


def remember_prompt(data: dict[str, Any], prompt: dict[str, Any] | None) -> None:
    """Keep the form's question as it was before asking: a form put aside shows it again on 继续."""
    data[ASKED].setdefault("prompt", prompt)


def strip(data: dict[str, Any]) -> dict[str, Any]:
    """The dialog's own data, without these marks (a form put aside keeps only its answers)."""
    return {key: value for key, value in data.items() if key not in MARKS}


def pending(data: dict[str, Any]) -> bool:
    return PUSHED in data or ASKED in data


def settle(data: dict[str, Any], text: str, payload: str | None, shown: list[list[str]], *, command: bool) -> Settled | Ask:
    """Decide, for one message, what the marks in `data` mean; removes the marks it has used.

    `shown` is the choices in force (the push's, or the question's after
    `Ask`); `command` whether the typed text is a command such as 取消.
    """
    asked = data.pop(ASKED, None)
    if asked is not None:
        return _answered(data, asked, text, payload, shown, command=command)
    form_choices: list[list[str]] = data.pop(PUSHED, None) or []
    if payload is not None or not text or command:
        return Settled(shown)
    on_push, on_form = _fits(text, shown), _fits(text, form_choices)
    if on_push and not on_form:
        return Settled(shown)
    if on_form and not on_push:
        return Settled(form_choices)
    data[ASKED] = {"text": text, "form": form_choices, "push": shown}
    return Ask(text)


def _answered(
    data: dict[str, Any], asked: dict[str, Any], text: str, payload: str | None, shown: list[list[str]], *, command: bool
) -> Settled | Ask:
    side = payload if payload in (TO_FORM, TO_PUSH) else None
    if side is None and payload is None and text and not command:
        number = validation.choice_number(text)
        if number is not None and 1 <= number <= len(shown):
            side = shown[number - 1][1]
        else:
            side = validation.chosen_label(text, shown)
    if side == TO_FORM:
        return Settled(asked["form"], words=asked["text"])
    if side == TO_PUSH:
        return Settled(asked["push"], past_dialog=True, words=asked["text"], prompt=asked.get("prompt"))
    if payload is None and text and not command:  # other words: the question stands, the first words kept
        data[ASKED] = asked
        return Ask(asked["text"], again=True)
    return Settled(asked["form"])  # a command or another button: as if the question had not been asked


def _fits(text: str, choices: list[list[str]]) -> bool:
    """Whether the typed text picks one of `choices`, by number or by its words."""
    if not choices:
        return False
    number = validation.choice_number(text)
    if number is not None:
        return 1 <= number <= len(choices)
    return validation.chosen_label(text, choices) is not None
