"""诉求: a resident reports a problem; grid managers, leaders and street staff handle it in chat.

Resident buttons start with `cs:`, handler buttons with `case:`; every
press goes through the services, which re-check role, ownership and state.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.core.validation import is_id
from bot.models import Case
from bot.services import cases, org
from bot.services.deadlines import CATEGORIES, Rules, rules_for
from bot.services.errors import Conflict, PermissionDenied
from handlers.common import back_button, record_id
from handlers.profile import ask_profile
from knowledge.intents import asks_progress
from knowledge.normalize import normalize

router = Router("cases")
router.menu_entry("cases.menu_entry", "report", order=30)

DIALOG = "case"
NOTE = "case_note"
INFO = "case_info"


def _rules(ctx: Context) -> Rules:
    return rules_for(ctx.app.settings)


def _int(raw: str) -> int:
    return record_id(raw, "cases.no_such")


# ---------------------------------------------------------------- filing a case


@router.command("report", keywords=("反映问题", "我要反映", "投诉", "诉求", "报事", "我要投诉"))
@router.button("report")
@router.intent("complaint")
async def start(ctx: Context) -> HandlerResult:
    if ctx.understanding is not None and asks_progress(normalize(ctx.text)) and await cases.cases_of(ctx.uow, ctx.person):
        return await my_cases(ctx)  # 上次反映的楼道灯修好了没有: its progress, not a second report
    prefill = ctx.text if ctx.understanding is not None else ctx.args
    data: dict[str, Any] = {"description": prefill.strip()[: cases.MAX_DESCRIPTION]} if prefill.strip() else {}
    asked = await ask_profile(ctx, ("name", "phone"), then={"dialog": DIALOG, "step": "category", "data": data})
    if asked is not None:
        return asked
    ctx.dialog.enter(DIALOG, "category", **data)
    return _ask_category(ctx)


def _ask_category(ctx: Context) -> Reply:
    buttons = [Button(ctx.t(f"cases.categories.{c}"), f"cs:cat:{c}") for c in CATEGORIES]
    key = "cases.ask_category_with_text" if ctx.dialog.data.get("description") else "cases.ask_category"
    return Reply(ctx.t(key), rows(*buttons, per_row=2))


def _ask_where(ctx: Context) -> Reply:
    return Reply(ctx.t("cases.ask_where"), rows(Button(ctx.t("cases.where_home"), "cs:where:home")))


def _ask_photo(ctx: Context) -> Reply:
    return Reply(ctx.t("cases.ask_photo"), rows(Button(ctx.t("cases.skip"), "cs:skip")))


def _photo(ctx: Context) -> tuple[str, int | None] | None:
    attachment = ctx.message.attachment
    if attachment is None or attachment.kind != "photo":
        return None
    return attachment.ref, attachment.size


def _oversize(ctx: Context, size: int | None) -> Reply | None:
    rules = _rules(ctx)
    if size is not None and size > rules.max_photo_bytes:
        return Reply(
            ctx.t("cases.photo_too_big", limit=rules.max_photo_bytes // (1024 * 1024)),
            rows(Button(ctx.t("cases.skip"), "cs:skip")),
        )
    return None


@router.dialog(DIALOG)
async def case_dialog(ctx: Context) -> HandlerResult:
    step = ctx.dialog.step
    payload = ctx.payload or ""
    if payload and payload != "resume" and not payload.startswith(("cs:cat:", "cs:where:", "cs:skip", "cs:follow:", "cs:new")):
        return None
    if step == "category":
        if payload.startswith("cs:cat:") and payload[7:] in CATEGORIES:
            ctx.dialog.goto("description", category=payload[7:])
            if ctx.dialog.data.get("description"):
                ctx.dialog.goto("where")
                return _ask_where(ctx)
            return Reply(ctx.t("cases.ask_description"))
        return _ask_category(ctx)
    if step == "description":
        photo = _photo(ctx)
        if photo is not None:
            refused = _oversize(ctx, photo[1])
            if refused:
                return Reply(refused.text)
            ctx.dialog.goto("description", photo_ref=photo[0], photo_size=photo[1])
        if not ctx.text:
            return Reply(ctx.t("cases.empty"))
        if len(ctx.text) > cases.MAX_DESCRIPTION:  # never cut silently: the step waits for the whole text, shorter
            return Reply(ctx.t("cases.description_too_long", limit=cases.MAX_DESCRIPTION))
        ctx.dialog.goto("where", description=ctx.text)
        return _ask_where(ctx)
    if step in ("where", "where_home"):
        return await _where_step(ctx, payload)
    if step == "photo":
        if payload == "cs:skip":
            return await _before_submit(ctx)
        photo = _photo(ctx)
        if photo is None:
            return _ask_photo(ctx)
        refused = _oversize(ctx, photo[1])
        if refused:
            return refused
        ctx.dialog.goto("photo", photo_ref=photo[0], photo_size=photo[1])
        return await _before_submit(ctx)
    if step == "similar":
        if payload.startswith("cs:follow:"):
            case = await cases.follow(ctx.uow, ctx.person, _int(payload[10:]), offered=ctx.dialog.data.get("offered", []))
            ctx.dialog.leave()
            return Reply(ctx.t("cases.following", id=case.id), rows(back_button(ctx)))
        if payload == "cs:new":
            return await _submit(ctx)
        return await _before_submit(ctx)
    return None


# What a resident types for "at my home" at the place step: the registered address, as the button.
_FILLER_BEFORE = re.compile(r"^(?:就是|就在|是在|就|是|在)+")
_FILLER_AFTER = re.compile(r"(?:啊|呀|吧|呢|哦|啦|了|的)+$")
_HOME = re.compile(
    r"(?:我|俺|咱)?(?:们)?(?:自己)?(?:的)?(?:家|家里|家中|屋里|住处|住的地方)?"
    r"(?:用)?(?:我的)?(?:登记的)?(?:家庭)?(?:住址|地址)?"
)
_HOME_NOUN = re.compile(r"家|屋里|住处|住的地方|住址|地址")
_HOME_EN = re.compile(r"(?:at )?(?:my )?(?:home|house|registered address|address)")


def means_home(text: str) -> bool:
    """Whether a typed place is the resident's home: 在我家, 我家, 家里, 就在我家, the button's own words, "at home".

    Only the whole message: 我家楼下的路灯 names a shared place, kept as typed.
    """
    form = unicodedata.normalize("NFKC", text).lower().strip()
    if _HOME_EN.fullmatch(" ".join(form.split())):
        return True
    bare = "".join(ch for ch in form if unicodedata.category(ch)[0] in "LN")
    bare = _FILLER_AFTER.sub("", _FILLER_BEFORE.sub("", bare))
    return _HOME.fullmatch(bare) is not None and _HOME_NOUN.search(bare) is not None


async def _where_step(ctx: Context, payload: str) -> HandlerResult:
    person = ctx.person
    typed_home = bool(ctx.text) and not payload and means_home(ctx.text)
    if payload == "cs:where:home" or ctx.dialog.step == "where_home" or typed_home:
        if not person.has_address:
            asked = await ask_profile(
                ctx, ("address",), then={"dialog": DIALOG, "step": "where_home", "data": dict(ctx.dialog.data)}
            )
            if asked is not None:
                ctx.notes.append(ctx.t("cases.home_needs_address"))
                return asked
        address = " ".join(p for p in (person.building, person.unit, person.room) if p)
        place = {"text": address, "building": person.building}
        ctx.dialog.goto("photo", place=place)
        return await _after_place(ctx)
    location = ctx.message.location
    if location is not None:
        label = location.label or f"{location.latitude:.5f},{location.longitude:.5f}"
        ctx.dialog.goto("photo", place={"text": label, "lat": location.latitude, "lon": location.longitude})
        return await _after_place(ctx)
    if ctx.text and not payload:
        ctx.dialog.goto("photo", place={"text": ctx.text[:200]})
        return await _after_place(ctx)
    return _ask_where(ctx)


def _place(ctx: Context) -> cases.Place:
    data = ctx.dialog.data.get("place") or {}
    return cases.Place(text=data.get("text"), lat=data.get("lat"), lon=data.get("lon"), building=data.get("building"))


async def _after_place(ctx: Context) -> HandlerResult:
    grid, _community = await cases.route(ctx.uow, _place(ctx), ctx.person)
    reply = _ask_photo(ctx)
    if grid is None:
        key = "cases.outside_grids" if _place(ctx).lat is not None else "cases.unknown_place"
        return Reply(ctx.t(key) + "\n" + reply.text, reply.buttons)
    return Reply(ctx.t("cases.routed_to", grid=grid.name) + "\n" + reply.text, reply.buttons)


async def _before_submit(ctx: Context) -> HandlerResult:
    if not ctx.dialog.data.get("similar_checked"):
        ctx.dialog.goto("similar", similar_checked=True)
        found = await cases.similar(ctx.uow, ctx.dialog.data["category"], _place(ctx), ctx.person, _rules(ctx))
        if found:
            lines = [ctx.t("cases.similar_title")]
            # Someone else's cases: the reporter's door, name and phone stay out.
            lines += [
                f"#{c.id} {(await cases.public_text(ctx.uow, c, c.description))[:40]}（{ctx.t(f'cases.states.{c.state}')}）"
                for c in found
            ]
            ctx.dialog.goto("similar", offered=[c.id for c in found])  # the only cases this person may follow
            buttons = [Button(ctx.t("cases.follow", id=c.id), f"cs:follow:{c.id}") for c in found]
            buttons.append(Button(ctx.t("cases.file_new"), "cs:new"))
            return Reply("\n".join(lines), rows(*buttons))
    return await _submit(ctx)


async def _submit(ctx: Context) -> HandlerResult:
    data = ctx.dialog.data
    case = await cases.file_case(
        ctx.uow,
        ctx.person,
        category=data["category"],
        description=data.get("description", ""),
        place=_place(ctx),
        rules=_rules(ctx),
        photo_ref=data.get("photo_ref"),
        photo_size=data.get("photo_size"),
    )
    ctx.dialog.leave()
    due = cases.when(case.due_at, ctx.texts, ctx.app.settings.timezone)
    key = "cases.filed" if case.grid_id else "cases.filed_unrouted"
    return Reply(
        ctx.t(key, id=case.id, due=due),
        rows(Button(ctx.t("cases.my_cases"), "cs:list"), back_button(ctx), per_row=2),
    )


# ---------------------------------------------------------------- the resident's cases


@router.command("cases", keywords=("我的诉求", "我的投诉", "诉求进度"))
async def my_cases(ctx: Context) -> HandlerResult:
    mine = await cases.cases_of(ctx.uow, ctx.person)
    if not mine:
        return Reply(ctx.t("cases.none_yet"), rows(Button(ctx.t("cases.menu_entry"), "report"), back_button(ctx)))
    lines = [ctx.t("cases.list_title", count=len(mine))]
    lines += [await _line(ctx, c) for c in mine]
    buttons = [Button(ctx.t("cases.view", id=c.id), f"cs:view:{c.id}") for c in mine[:8]]
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


async def _line(ctx: Context, case: Case) -> str:
    """One case in 我的诉求: a followed case is someone else's, read as the public reads it."""
    mine = case.person_id == ctx.person.id
    description = case.description if mine else await cases.public_text(ctx.uow, case, case.description)
    return f"#{case.id} {ctx.t(f'cases.categories.{case.category}')} · {ctx.t(f'cases.states.{case.state}')} · {description[:30]}"


def _reader(ctx: Context, case: Case) -> cases.Reader:
    return "reporter" if case.person_id == ctx.person.id else "public"


async def _history(ctx: Context, case: Case, reader: cases.Reader) -> str:
    lines = [ctx.t("cases.history_title")]
    for line in await cases.history_lines(ctx.uow, case, reader=reader):
        note = f"：{line.note}" if line.note else ""
        lines.append(f"{cases.when(line.at, ctx.texts, ctx.app.settings.timezone)} {ctx.t(f'cases.events.{line.action}')}{note}")
    return "\n".join(lines)


@router.button("cs")
async def resident_button(ctx: Context) -> HandlerResult:
    parts = (ctx.payload or "").split(":")
    action = parts[1] if len(parts) > 1 else ""
    raw = parts[2] if len(parts) > 2 else ""
    rules = _rules(ctx)
    if action == "list":
        return await my_cases(ctx)
    if action == "view":
        case = await cases.case_for_resident(ctx.uow, ctx.person, _int(raw))
        text = await cases.card(ctx.uow, case, ctx.texts, ctx.app.settings.timezone, reader=_reader(ctx, case))
        buttons = [Button(ctx.t("cases.add_info"), f"cs:add:{case.id}")] if case.state in cases.OPEN_STATES and case.person_id == ctx.person.id else []
        text += "\n\n" + await _history(ctx, case, _reader(ctx, case))
        if case.state == "resolved" and case.person_id == ctx.person.id:
            return Reply(text + "\n\n" + ctx.t("cases.please_rate"), cases.rating_buttons(case, ctx.texts))
        return Reply(text, rows(*buttons, back_button(ctx)))
    if action == "add":
        case = await cases.case_for_resident(ctx.uow, ctx.person, _int(raw))
        if case.person_id != ctx.person.id:
            raise PermissionDenied()
        ctx.dialog.enter(INFO, "text", id=case.id)
        return Reply(ctx.t("cases.ask_info_text", id=case.id))
    if action == "rate" and len(parts) in (4, 5) and is_id(parts[3]):
        stars, sure = int(parts[3]), parts[4:] == ["sure"]
        if stars < cases.SATISFIED_FROM and not sure:
            asked = await _confirm_low_rating(ctx, _int(raw), stars)
            if asked is not None:
                return asked
        rated = await cases.rate(ctx.uow, ctx.person, _int(raw), stars, rules)
        key = "cases.reopened_by_rating" if rated.reopened else "cases.thanks_for_rating"
        return Reply(ctx.t(key, id=rated.case.id), rows(back_button(ctx)))
    if action == "nf":
        rated = await cases.rate(ctx.uow, ctx.person, _int(raw), None, rules)
        return Reply(ctx.t("cases.reopened_not_fixed", id=rated.case.id), rows(back_button(ctx)))
    if action == "follow":  # outside the filing dialog nothing was offered: the service refuses it
        case = await cases.follow(ctx.uow, ctx.person, _int(raw), offered=())
        return Reply(ctx.t("cases.following", id=case.id), rows(back_button(ctx)))
    return await ctx.app.routes.intents["stale_button"](ctx)


async def _confirm_low_rating(ctx: Context, case_id: int, stars: int) -> Reply | None:
    """A rating that reopens the case and tells the grid is confirmed first: a misread number must not do it.

    None when there is nothing to confirm (not the reporter's, not awaiting a
    rating): `cases.rate` then refuses it with the reason.
    """
    case = await cases.case_for_resident(ctx.uow, ctx.person, case_id)
    if case.person_id != ctx.person.id or case.state != "resolved":
        return None
    return Reply(
        ctx.t("cases.confirm_low_rating", id=case.id, n=stars),
        rows(
            Button(ctx.t("cases.confirm_low_rating_yes", n=stars), f"cs:rate:{case.id}:{stars}:sure"),
            Button(ctx.t("cases.rate_again"), f"cs:view:{case.id}"),
        ),
    )


@router.dialog(INFO)
async def info_dialog(ctx: Context) -> HandlerResult:
    if ctx.payload is not None:
        return None
    photo = _photo(ctx)
    if photo is None and not ctx.text:
        return Reply(ctx.t("cases.empty_info"))
    case = await cases.add_info(
        ctx.uow,
        ctx.person,
        ctx.dialog.data["id"],
        _rules(ctx),
        text=ctx.text,
        photo_ref=photo[0] if photo else None,
        photo_size=photo[1] if photo else None,
    )
    ctx.dialog.leave()
    return Reply(ctx.t("cases.info_added", id=case.id), rows(back_button(ctx)))


# ---------------------------------------------------------------- handlers' actions


@router.button("case")
async def handler_button(ctx: Context) -> HandlerResult:
    """`case:<action>:<id>` (and `case:to:<id>:<grid>`): every press is re-checked by the services."""
    parts = (ctx.payload or "").split(":")
    if len(parts) < 3:
        return await ctx.app.routes.intents["stale_button"](ctx)
    action, case_id = parts[1], _int(parts[2])
    rules = _rules(ctx)
    if action == "view":
        return await show_case(ctx, case_id)
    if action == "to" and len(parts) == 4:
        case = await cases.act(ctx.uow, ctx.person, case_id, "transfer", rules, grid_id=parts[3])
        return Reply(ctx.t("cases.done_transfer", id=case.id, grid=await cases.place_label(ctx.uow, case, ctx.texts)))
    if action not in cases.STAFF_ACTIONS:
        return await ctx.app.routes.intents["stale_button"](ctx)
    case = await cases.case_for_handler(ctx.uow, ctx.person, case_id)
    if case.state not in cases.TRANSITIONS[action][0]:
        raise Conflict("cases.wrong_state", id=case.id, state=ctx.t(f"cases.states.{case.state}"))
    if action in ("accept", "start"):
        case = await cases.act(ctx.uow, ctx.person, case_id, action, rules)
        return Reply(ctx.t(f"cases.done_{action}", id=case.id), await cases.buttons_for(ctx.uow, ctx.person, case, ctx.texts))
    if action == "transfer":
        # An escalated case may go back to the grid it came from.
        grids = [g for g in await org.grids(ctx.uow, case.community_id) if g.id != case.grid_id or case.state == "escalated"]
        buttons = [Button(g.name, f"case:to:{case.id}:{g.id}") for g in grids]
        return Reply(ctx.t("cases.pick_grid", id=case.id), rows(*buttons, per_row=2))
    if action == "escalate":
        await cases.check_escalation(ctx.uow, ctx.person, case)  # before asking for a reason nobody would read
    ctx.dialog.enter(NOTE, "note", id=case.id, action=action)
    return Reply(ctx.t(f"cases.ask_note_{action}", id=case.id))


@router.dialog(NOTE)
async def note_dialog(ctx: Context) -> HandlerResult:
    data = ctx.dialog.data
    action = data["action"]
    if ctx.dialog.step == "note":
        if ctx.payload is not None:
            return None
        if not ctx.text:
            return Reply(ctx.t(f"cases.ask_note_{action}", id=data["id"]))
        if action == "resolve":
            ctx.dialog.goto("photo", note=ctx.text)
            return Reply(ctx.t("cases.ask_result_photo"), rows(Button(ctx.t("cases.skip"), "cs:skip")))
        return await _finish_note(ctx, ctx.text, None, None)
    if ctx.dialog.step == "photo":
        if ctx.payload == "cs:skip":
            return await _finish_note(ctx, data["note"], None, None)
        if ctx.payload is not None:
            return None
        photo = _photo(ctx)
        if photo is None:
            return Reply(ctx.t("cases.ask_result_photo"), rows(Button(ctx.t("cases.skip"), "cs:skip")))
        refused = _oversize(ctx, photo[1])
        if refused:
            return refused
        return await _finish_note(ctx, data["note"], photo[0], photo[1])
    return None


async def _finish_note(ctx: Context, note: str, photo_ref: str | None, photo_size: int | None) -> HandlerResult:
    data = ctx.dialog.data
    case = await cases.act(
        ctx.uow, ctx.person, data["id"], data["action"], _rules(ctx), note=note, photo_ref=photo_ref, photo_size=photo_size
    )
    ctx.dialog.leave()
    return Reply(ctx.t(f"cases.done_{data['action']}", id=case.id))


async def show_case(ctx: Context, case_id: int) -> HandlerResult:
    case = await cases.case_for_handler(ctx.uow, ctx.person, case_id)
    text = await cases.card(ctx.uow, case, ctx.texts, ctx.app.settings.timezone, reader="handler")
    return Reply(text + "\n\n" + await _history(ctx, case, "handler"), await cases.buttons_for(ctx.uow, ctx.person, case, ctx.texts))


def describe_task(ctx: Context, case: Case, now) -> str:  # noqa: ANN001
    overdue = ctx.t("cases.overdue_mark") if case.due_at <= now and case.state in cases.CLOCK_STATES else ""
    due = cases.when(case.due_at, ctx.texts, ctx.app.settings.timezone)
    return f"{overdue}#{case.id} {ctx.t(f'cases.categories.{case.category}')} · {ctx.t(f'cases.states.{case.state}')} · {ctx.t('cases.due_short', due=due)} · {case.description[:24]}"

