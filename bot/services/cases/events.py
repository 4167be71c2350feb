"""The audit trail of a case and the pushes each step sends."""

from __future__ import annotations

from bot.core.messages import Button, Reply, rows
from bot.db.uow import UnitOfWork
from bot.models import Case, CaseEvent, Person
from bot.services import outbox
from bot.services.cases.presentation import buttons_for, card, rating_buttons
from bot.services.cases.privacy import public_text
from bot.services.cases.recipients import grid_handlers, grid_of_escalation, street_staff, watchers
from bot.services.deadlines import Rules
from bot.texts import Texts
from bot.services.cases.states import shown_state


def record_event(
    uow: UnitOfWork,
    case: Case,
    action: str,
    from_state: str | None,
    actor: Person | None,
    actor_role: str,
    note: str | None = None,
    photo_ref: str | None = None,
    *,
    stars: int | None = None,
) -> None:
    """One step of the case's audit trail; `stars` for a rating, kept per event as the case keeps only its latest."""
    uow.session.add(
        CaseEvent(
            case_id=case.id,  # type: ignore[arg-type]
            actor_id=actor.id if actor else None,
            actor_role=actor_role,
            action=action,
            from_state=from_state,
            to_state=case.state,
            note=note[:2000] if note else None,
            photo_ref=photo_ref,
            stars=stars,
            created_at=uow.clock.now(),
        )
    )


async def tell_handlers(
    uow: UnitOfWork, case: Case, rules: Rules, key: str, *, said: tuple[str, str] | None = None, **params: object
) -> int:
    """Push the case to whoever handles it now, headed by `key`.

    `said` is (text key, words): what a person gave as the reason for this
    step (the resident's 没解决, the grid's 上报街道), quoted under the head.
    """
    recipients = await (street_staff(uow, case) if case.state == "escalated" else grid_handlers(uow, case))
    for person in recipients:
        texts = Texts(person.language)
        head = texts.get(key, id=case.id, **params)
        if said is not None and said[1]:
            head += "\n" + texts.get(said[0], note=said[1][:500])
        body = await card(uow, case, texts, rules.calendar.timezone, reader="handler")
        buttons = await buttons_for(uow, person, case, texts)
        outbox.push(uow, person, Reply(f"{head}\n{body}", buttons), kind="case", urgent=case.urgent)
    return len(recipients)


async def tell_grid_resolved_above(uow: UnitOfWork, case: Case, rules: Rules, actor: Person, note: str | None) -> None:
    """An escalated case resolved by the street: the grid that sent it up learns the result.

    The resident was told and the grid manager, who answers to the
    neighbourhood for it, heard nothing. Not the one who resolved it.
    """
    for person in await grid_of_escalation(uow, case):
        if person.id == actor.id:
            continue
        texts = Texts(person.language)
        head = texts.get("cases.push_street_resolved", id=case.id)
        if note:
            head += "\n" + texts.get("cases.push_note", note=note[:500])
        body = await card(uow, case, texts, rules.calendar.timezone, reader="handler")
        outbox.push(uow, person, Reply(f"{head}\n{body}", await buttons_for(uow, person, case, texts)), kind="case")


async def tell_watchers(
    uow: UnitOfWork,
    case: Case,
    rules: Rules,
    note: str | None,
    *,
    exclude: Person | None = None,
    note_to_followers: bool = True,
    headline: tuple[str, dict[str, object]] | None = None,
    result_photo: bool = False,
) -> None:
    """Tell the reporter and the followers the case's new state, with the handler's note.

    `result_photo`: the handler sent a photo of the result: said, with its
    看照片 button after the ratings (their numbers stay the stars).

    A note meant for the reporter alone (a 请居民补充 asks them, not the
    neighbours following the case) is left out of the followers' push:
    they read the state only. `headline` (text key, its parameters) says
    more than the state where the state alone misleads: a transferred case
    is 待受理 again, which reads as going backwards unless they learn that
    another grid has it now.
    """
    for person in await watchers(uow, case):
        if exclude is not None and person.id == exclude.id:
            continue
        note_for_them = note if note_to_followers or person.id == case.person_id else None
        texts = Texts(person.language)
        key, params = headline or ("cases.push_status", {})
        text = texts.get(
            key,
            id=case.id,
            category=texts.get(f"cases.categories.{case.category}"),
            state=texts.get(f"cases.states.{shown_state(case.state, case.first_resolved_at)}"),
            **params,
        )
        if note_for_them:
            shown = note_for_them if person.id == case.person_id else await public_text(uow, case, note_for_them)
            text += "\n" + texts.get("cases.push_note", note=shown[:500])
        buttons: tuple[tuple[Button, ...], ...] = ()
        if result_photo:  # the new lamp's photo was sent to nobody: the push said nothing of it
            text += "\n" + texts.get("cases.push_result_photo")
        if case.state == "resolved" and person.id == case.person_id:
            text += "\n" + texts.get("cases.please_rate")
            buttons = rating_buttons(case, texts)
        elif case.state == "need_info" and person.id == case.person_id:
            buttons = rows(Button(texts.get("cases.add_info"), f"cs:add:{case.id}"))
        if result_photo:
            buttons = (*buttons, (Button(texts.get("photos.see"), f"cs:photo:{case.id}"),))
        outbox.push(uow, person, Reply(text, buttons), kind="case")
