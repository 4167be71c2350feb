"""What a handler gets: the message, the person, their dialog and the services' unit of work."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.core.messages import Inbound
from bot.db.uow import UnitOfWork
from bot.models import Person
from bot.texts import Texts

if TYPE_CHECKING:
    from bot.services.conversation import DialogSnapshot
    from bot.app import App
    from knowledge.understanding import Understanding


class Dialog:
    """A person's place in a multi-step conversation, persisted per person.

    Handlers change it; the conversation service stores it with the turn,
    so a restart continues where the person was.
    """

    def __init__(self, state: DialogSnapshot) -> None:
        self._state = state

    @property
    def name(self) -> str | None:
        return self._state.dialog

    @property
    def step(self) -> str | None:
        return self._state.step

    @property
    def data(self) -> dict[str, Any]:
        return self._state.data

    @property
    def active(self) -> bool:
        return self._state.dialog is not None

    @property
    def written(self) -> bool:
        """Whether the dialog holds the person's own words (then it is a form, kept for hours)."""
        return self._state.written

    def mark_written(self) -> None:
        self._state.written = True

    @property
    def draft(self) -> dict[str, Any] | None:
        """A form left too long and put aside (see bot.services.conversation.park), or None."""
        return self._state.draft

    def discard_draft(self) -> None:
        """Erase every form put aside (/forget)."""
        self._state.draft = None

    def drop_newest_draft(self) -> dict[str, Any] | None:
        """Drop the newest draft (不要了); returns the one put aside before it, which waits again, if any."""
        from bot.services.conversation import drop_draft

        drop_draft(self._state)
        return self._state.draft

    def take_up_draft(self) -> dict[str, Any] | None:
        """Open the draft again; the question it was waiting on ({} if unknown), None without a draft."""
        from bot.services.conversation import unpark

        return unpark(self._state)

    def enter(self, name: str, step: str, **data: Any) -> None:
        self._state.dialog = name
        self._state.step = step
        self._state.data = dict(data)
        self._state.written = False

    def goto(self, step: str, **data: Any) -> None:
        """Move to another step, merging `data` into what the dialog already holds."""
        self._state.step = step
        self._state.data = {**self._state.data, **data}  # a new dict so the JSON column is saved

    def put_aside(self, prompt: dict[str, Any] | None) -> None:
        """Keep the open form as the person's draft (replacing an older one) and leave it; see conversation.park."""
        from bot.services.conversation import park

        park(self._state, prompt)

    def leave(self) -> None:
        """End the open dialog; a draft put aside earlier stays (only 继续, 不要了 or /forget touch it)."""
        self._state.dialog = None
        self._state.step = None
        self._state.data = {}
        self._state.written = False


@dataclass
class Context:
    app: App
    uow: UnitOfWork
    person: Person
    message: Inbound
    dialog: Dialog
    texts: Texts
    text: str = ""  # the cleaned text ("" for a button press without text)
    payload: str | None = None  # a pressed button, or the choice behind a numbered answer
    args: str = ""  # what follows a command or keyword
    understanding: Understanding | None = None  # set when free text was understood
    notes: list[str] = field(default_factory=list)  # lines to put before the handler's reply
    own_words: bool = False  # the message brought the person's own words (free text, a photo, a place), not a choice
    turn_id: int | None = None  # this message's record: what was asked before it is read from the earlier ones
    stale: bool = False  # a button no longer in force was pressed (a double tap, an old message)
    form_prompt: dict[str, Any] | None = None  # the open form's question, when the last reply was not it
    not_for_a_case: bool = False  # the person said these words are not for the case waiting for their answer
    shown: list[list[str]] = field(default_factory=list)  # the choices in force for this message ([label, payload])

    def t(self, key: str, **kwargs: Any) -> str:
        return self.texts.get(key, **kwargs)

    @property
    def now(self):  # noqa: ANN201 - a datetime, kept short for handlers
        return self.uow.clock.now()
