"""The marks a push delivered over an open dialog leaves in its data, kept with the dialog state.

The outbox sets them when it delivers a push with choices to someone in
the middle of a form; the conversation strips them from a form put aside;
bot.core.interruption reads them to settle whom the next message answers.
They are stored JSON: anything of another shape is read as no mark.
"""

from __future__ import annotations

from typing import Any

PUSHED = "_pushed"  # dialog data: the form's choices and the push's, set when a push with choices was delivered
ASKED = "_asked"  # dialog data: the words typed after it, waiting for the person to say whom they answer
MARKS = (PUSHED, ASKED)
# Data with no dialog open: the choices in force came from a push; with the outbox row of a push the
# person saw only part of (a WeChat template message: about 200 characters, no choices)
SHOWN = "_shown_by_push"


def mark_pushed(data: dict[str, Any], shown_before: list[list[str]], pushed: list[list[str]]) -> tuple[dict[str, Any], bool]:
    """The dialog's data once a push with choices has been delivered over it, and whether the choices shown stay.

    The mark keeps the form's choices from before the first push and the
    newest push's. While the question is open, a newer push becomes what
    "回复刚收到的消息" means, and the question's two choices stay the
    numbered ones: its "2" must not become the new push's second button.
    (A new dict, for the ORM.)
    """
    data = dict(data)
    asked = data.get(ASKED)
    if isinstance(asked, dict):
        data[ASKED] = {**asked, "push": pushed}
        return data, True
    mark = data.get(PUSHED)
    form = mark.get("form", shown_before) if isinstance(mark, dict) else mark if isinstance(mark, list) else shown_before
    data[PUSHED] = {"form": form, "push": pushed}
    return data, False


def form_prompt(data: dict[str, Any]) -> dict[str, Any] | None:
    """The form's own question while the mid-form question (bot.core.interruption) stands in its place, else None."""
    asked = data.get(ASKED)
    return prompt_of(asked) if isinstance(asked, dict) else None


def strip(data: dict[str, Any]) -> dict[str, Any]:
    """The dialog's own data, without these marks (a form put aside keeps only its answers)."""
    return {key: value for key, value in data.items() if key not in MARKS}


def prompt_of(asked: dict[str, Any]) -> dict[str, Any] | None:
    """The form's question kept with the words asked about; None when missing or of another shape."""
    prompt = asked.get("prompt")
    return prompt if isinstance(prompt, dict) else None


def mark_shown(data: dict[str, Any], part_of: int | None) -> dict[str, Any]:
    """Data with no dialog open once a push's choices are the ones in force (`part_of`: its row, if seen only in part)."""
    return {**data, SHOWN: {"part_of": part_of}}


def shown_by_push(data: dict[str, Any]) -> bool:
    return isinstance(data.get(SHOWN), dict)


def seen_in_part(data: dict[str, Any]) -> int | None:
    """The outbox row of the push the person saw only part of, else None."""
    mark = data.get(SHOWN)
    row = mark.get("part_of") if isinstance(mark, dict) else None
    return row if isinstance(row, int) else None


def without_shown(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != SHOWN} if SHOWN in data else data
