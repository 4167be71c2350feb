"""Announcements by staff: choose the audience, write, preview, confirm; and the delivery reports."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.models import Role
from bot.services import announce, notices, roles
from bot.services.errors import DomainError
from handlers import announce_said
from handlers.common import back_button
from knowledge.normalize import normalize

router = Router("announce")

DIALOG = "announce"
ROLES = (Role.party_member, Role.volunteer, Role.grid_manager, Role.grid_leader, Role.staff)


@router.command("announce", keywords=("发通知", "发布通知", "群发通知", "群发"))
async def start(ctx: Context) -> HandlerResult:
    return await _open(ctx, "announcement")


@router.command("publicity", keywords=("决策公开", "一征三议两公开", "结果公开"))
async def start_publicity(ctx: Context) -> HandlerResult:
    return await _open(ctx, "publicity")


async def _open(ctx: Context, kind: str, words: str | None = None) -> Reply:
    """Which community first, for staff of several (it went to the first alone); then the dialog begun.

    `words` are a message that asks for the announcement whole (发通知给第一网格：…);
    without them, what followed the command (群发 明天停水) is kept.
    """
    places = await announce.communities_of(ctx.uow, ctx.person)  # refuses anyone but staff
    as_args = words is None
    words = (ctx.args if ctx.payload is None else "") if words is None else words
    if len(places) == 1:
        return await _begin(ctx, kind, [places[0][0]], words, as_args=as_args)
    ctx.dialog.enter(DIALOG, "community", kind=kind, words=words or None, as_args=as_args)
    return _choose_community(ctx, places)


def _choose_community(ctx: Context, places: list[tuple[str, str]]) -> Reply:
    """Their communities by name, 全部 (each of them), 取消: numbered on WeChat, so 2 or 春华社区 answers."""
    buttons = [Button(name, f"an:c:{community_id}") for community_id, name in places]
    every = Button(ctx.t("announce.all_communities"), f"an:c:{announce.ALL}")
    return Reply(ctx.t("announce.choose_community"), rows(*buttons, every, _cancel(ctx), per_row=2))


async def _chosen(ctx: Context, chosen: str) -> Reply:
    """A community chosen (or 全部): checked by the service, a forged one refused; the words kept are read for it."""
    communities = await announce.chosen_communities(ctx.uow, ctx.person, chosen)
    data = ctx.dialog.data if ctx.dialog.name == DIALOG else {}
    return await _begin(ctx, data.get("kind", "announcement"), communities, data.get("words") or "", as_args=data.get("as_args", True))


async def _begin(ctx: Context, kind: str, communities: list[str], words: str, *, as_args: bool) -> Reply:
    """The dialog begun, with whatever the words said already (群发 明天停水, 发通知给第一网格：…) kept, never asked again."""
    community = communities[0]
    said = await announce_said.read(ctx.uow, community, words, command_args=as_args) if words else None
    ctx.dialog.enter(DIALOG, "audience", community=community, communities=communities, kind=kind, said_text=said.text if said else None)
    if said is not None and said.audience is not None and len(communities) == 1:
        return await _ask_text(ctx, [said.audience])
    chosen = _choose_audience(ctx)
    if said is not None and said.text:  # the text is kept: who gets it is all that is asked
        kept = ctx.t("announce.unknown_audience", audience=said.unknown) if said.unknown else ctx.t("announce.text_kept")
        return Reply(kept + "\n" + chosen.text, chosen.buttons)
    return chosen


@router.words_anywhere
async def announce_in_words(ctx: Context) -> HandlerResult:
    """发通知给第一网格：明天停水, 通知全体居民明天停水, 给党员发个通知: an announcement, for staff; None for anyone else."""
    if not ctx.text or announce_said.MAY_BE.search(ctx.text) is None:
        return None
    if not await roles.has_role(ctx.uow, ctx.person, Role.staff):
        return None
    community = (await announce.staff_scopes(ctx.uow, ctx.person))[0]
    if await announce_said.read(ctx.uow, community, ctx.text) is None:
        return None
    return await _open(ctx, "announcement", ctx.text)


def _cancel(ctx: Context) -> Button:
    return Button(ctx.t("announce.cancel_button"), "an:no")


def _choose_audience(ctx: Context) -> Reply:
    key = "announce.choose_audience_publicity" if ctx.dialog.data.get("kind") == "publicity" else "announce.choose_audience"
    return Reply(
        ctx.t(key),
        rows(
            Button(ctx.t("announce.whole_community"), "an:all"),
            Button(ctx.t("announce.by_grid"), "an:grids"),
            Button(ctx.t("announce.by_role"), "an:roles"),
            _cancel(ctx),
            per_row=2,
        ),
    )


@router.button("an")
async def stale(ctx: Context) -> HandlerResult:
    """An announcement button pressed after its dialog ended."""
    if ctx.payload == "an:no":
        return Reply(ctx.t("announce.cancelled"), rows(back_button(ctx)))
    if ctx.payload in ("an:send", "an:urgent", "an:edit"):  # a preview's button, its notice sent or dropped
        await announce.staff_scopes(ctx.uow, ctx.person)  # refuses anyone but staff, as starting would
        return Reply(ctx.t("announce.preview_gone"), rows(Button(ctx.t("announce.new_button"), "an:new"), back_button(ctx)))
    if ctx.payload and ctx.payload.startswith("an:c:"):  # a community chosen once the question had gone by
        return await _chosen(ctx, ctx.payload[5:])
    return await start(ctx)


@router.dialog(DIALOG)
async def dialog(ctx: Context) -> HandlerResult:
    payload = ctx.payload or ""
    if payload and not payload.startswith("an:"):
        return None
    if payload == "an:no":
        ctx.dialog.leave()
        return Reply(ctx.t("announce.cancelled"), rows(back_button(ctx)))
    if payload.startswith("an:c:"):  # which community, for staff of several
        return await _chosen(ctx, payload[5:])
    step = ctx.dialog.step
    if step == "community":  # words that choose none: asked again
        return _choose_community(ctx, await announce.communities_of(ctx.uow, ctx.person))
    community = ctx.dialog.data["community"]
    communities: list[str] = ctx.dialog.data.get("communities") or [community]
    if step == "audience":
        if payload == "an:all":
            return await _ask_text(ctx, [notices.Audience("community", c) for c in communities])
        if payload == "an:grids":
            grids = [grid for c in communities for grid in await announce.grids_of(ctx.uow, c)]
            buttons = [Button(g.name, f"an:g:{g.id}") for g in grids[:12]]
            return Reply(ctx.t("announce.choose_grid"), rows(*buttons, _cancel(ctx), per_row=2))
        if payload.startswith("an:g:"):
            audience = await notices.resolve_audience(ctx.uow, grid_id=payload[5:])
            return await _ask_text(ctx, [audience])
        if payload == "an:roles":
            buttons = [Button(ctx.t(f"roles.names.{r.value}"), f"an:r:{r.value}") for r in ROLES]
            return Reply(ctx.t("announce.choose_role"), rows(*buttons, _cancel(ctx), per_row=2))
        if payload.startswith("an:r:"):
            role = payload[5:]
            return await _ask_text(ctx, [await notices.resolve_audience(ctx.uow, community_id=c, role=role) for c in communities])
        if not payload and ctx.text:  # 第一网格, or the text typed first (周五下午三点党员大会): kept, never typed twice
            said = await announce_said.read(ctx.uow, community, ctx.text, command_args=True)
            assert said is not None  # command_args: the words are at least the text
            if said.audience is not None:
                ctx.dialog.data["said_text"] = said.text or ctx.dialog.data.get("said_text")
                return await _ask_text(ctx, [said.audience])
            ctx.dialog.data["said_text"] = said.text
            chosen = _choose_audience(ctx)
            return Reply(ctx.t("announce.text_kept") + "\n" + chosen.text, chosen.buttons)
        return _choose_audience(ctx)
    if step == "text":
        if payload or not ctx.text:
            return Reply(ctx.t("announce.ask_text", audience=ctx.dialog.data["label"]), rows(_cancel(ctx)))
        return await _new_preview(ctx, ctx.text)
    if step == "confirm":
        if payload in ("an:send", "an:urgent"):
            if _preview_is_old(ctx):  # yesterday's 确认发送: its 明天 may be today now
                ctx.dialog.data["at"] = ctx.now.isoformat()
                return _preview(ctx, ctx.t("announce.preview_old"))
            return await _send(ctx, urgent=payload == "an:urgent")
        if payload == "an:edit" or (ctx.text and _EDIT.fullmatch(normalize(ctx.text))):
            ctx.dialog.goto("text")
            return Reply(ctx.t("announce.ask_corrected"), rows(_cancel(ctx)))
        said = normalize(ctx.text or "")
        if len(said) > _SHORT and not (len(said) <= _ABOUT_IT and _GO_AHEAD.search(said)):  # the text again, corrected
            return await _new_preview(ctx, ctx.text, ctx.t("announce.preview_replaced"))
        return _preview(ctx, ctx.t("announce.confirm_hint") if ctx.text else None)
    return None


# 改一下, 写错了, 有错别字: the staff member wants to correct the draft before it goes.
_EDIT = re.compile(r"(?:我)?(?:要|想|再)?(?:改|修改|更改|重写|重新写|重新编辑|编辑)(?:一下|下|内容|通知|一改)?(?:吧|啊)?|(?:写|打)错了?(?:字)?|有错(?:别)?字")
_SHORT = 6  # 发吧, 可以发了: a word about the preview, not a notice's text
# 这个可以了发出去吧, 没问题就这样发: said of the preview, not a new text, however long.
_GO_AHEAD = re.compile(r"发出去|发吧|发送吧|可以发|就这样|没问题|没毛病|可以了|行了")
_ABOUT_IT = 14
_OLD_PREVIEW = timedelta(hours=3)


def _preview_is_old(ctx: Context) -> bool:
    at = ctx.dialog.data.get("at")
    if not at:
        return False
    made = datetime.fromisoformat(at)
    zone = ZoneInfo(ctx.app.settings.timezone)
    return ctx.now - made > _OLD_PREVIEW or made.astimezone(zone).date() != ctx.now.astimezone(zone).date()


async def _new_preview(ctx: Context, text: str, note: str | None = None) -> Reply:
    correcting = ctx.dialog.data.get("correcting")
    lead = ctx.t("announce.correction_lead", id=correcting) if correcting else ""
    if lead and not text.startswith(lead):  # residents see it corrects the notice they had
        text = lead + text
    try:
        preview = await announce.preview_to(ctx.uow, ctx.person, _audiences(ctx), text, kind=ctx.dialog.data["kind"])
    except DomainError as err:
        return Reply(ctx.t(err.key, **err.params), rows(_cancel(ctx)))
    ctx.dialog.goto("confirm", text=preview.text, token=preview.token, count=preview.count, at=ctx.now.isoformat())
    return _preview(ctx, note)


def _audience_data(audience: notices.Audience) -> dict[str, str | None]:
    return {"kind": audience.kind, "community_id": audience.community_id, "grid_id": audience.grid_id, "role": audience.role}


def _audiences(ctx: Context) -> list[notices.Audience]:
    """Who the notice goes to: one audience, or one per community (全部); stored as one before there could be several."""
    stored = ctx.dialog.data["audience"]
    return [
        notices.Audience(data["kind"], data["community_id"], data.get("grid_id"), data.get("role"))
        for data in (stored if isinstance(stored, list) else [stored])
    ]


async def _ask_text(ctx: Context, audiences: list[notices.Audience]) -> Reply:
    # Counting here answers "nobody to send to" before the staff member writes anything.
    reached = [audience for audience in audiences if await notices.recipients(ctx.uow, audience)]
    if not reached:
        return Reply(ctx.t("announce.empty_audience"), _choose_audience(ctx).buttons)
    label = "、".join([await notices.audience_label(ctx.uow, audience, ctx.texts) for audience in reached])
    ctx.dialog.goto("text", audience=[_audience_data(audience) for audience in audiences], label=label)
    kept = ctx.dialog.data.pop("said_text", None)
    if kept:  # said with the ask (发通知给第一网格：明天停水): straight to the preview
        return await _new_preview(ctx, kept)
    return Reply(ctx.t("announce.ask_text", audience=label), rows(_cancel(ctx)))


def _preview(ctx: Context, note: str | None = None) -> Reply:
    """The notice as residents will read it, who gets it, and when it would go (quiet hours hold it)."""
    data = ctx.dialog.data
    body = announce.render(ctx.texts, data["kind"], data["text"]).text
    lines = [note] if note else []
    lines.append(ctx.t("announce.preview", audience=data["label"], count=data["count"]))
    held = _held_until(ctx)
    if held is not None:  # said before 确认发送, so a night-time urgent matter is sent urgently
        lines.append(ctx.t("announce.preview_held", time=held))
    return Reply(
        "\n".join(lines) + "\n\n" + body + "\n\n" + ctx.t("announce.edit_hint"),
        rows(
            Button(ctx.t("announce.send_button"), "an:send"),
            Button(ctx.t("announce.urgent_button"), "an:urgent"),
            Button(ctx.t("announce.edit_button"), "an:edit"),
            _cancel(ctx),
            per_row=1,
        ),
    )


def _held_until(ctx: Context) -> str | None:
    quiet = ctx.uow.quiet_hours
    release = None if quiet is None else quiet.release(ctx.now)
    return None if release is None else release.astimezone(ZoneInfo(ctx.app.settings.timezone)).strftime("%H:%M")


async def _send(ctx: Context, *, urgent: bool) -> Reply:
    data = ctx.dialog.data
    sent = await announce.send_to(
        ctx.uow, ctx.person, _audiences(ctx), data["text"], data["token"], kind=data["kind"], urgent=urgent
    )
    ctx.dialog.leave()
    back = rows(back_button(ctx))
    ids = "、#".join(str(notice.id) for notice, _new in sent)
    if not any(new for _notice, new in sent):
        return Reply(ctx.t("announce.already_sent", id=ids), back)
    lines = [ctx.t("announce.sent", id=ids, count=sum(notice.recipients for notice, _new in sent))]
    quiet = ctx.uow.quiet_hours
    release = None if urgent or quiet is None else quiet.release(ctx.now)
    if release is not None:
        lines.append(ctx.t("announce.held", time=release.astimezone(ZoneInfo(ctx.app.settings.timezone)).strftime("%H:%M")))
    return Reply("\n".join(lines), back)


# 刚才的通知写错了, 通知有错别字, 发个更正: a notice already sent, to be corrected to the same people.
_WRONG = re.compile(
    r"(?:刚才|刚刚|上一?条|那条|这条)?(?:的|发的)?(?:通知|公告)(?:里|内容)?(?:写|发|打)错(?:了|字了)?(?:怎么办)?"
    r"|(?:刚才|刚刚|上一?条|那条)?(?:的)?(?:通知|公告)(?:里)?有错(?:别)?字"
    r"|(?:我要|我想|要)?(?:发|补发)?(?:个|一条|一个)?更正(?:通知|一下)?|(?:通知|公告)(?:能|可以)?撤回(?:吗|么)?"
)


@router.words_anywhere
async def correct_in_words(ctx: Context) -> HandlerResult:
    """通知写错了 after sending: a correction to the same audience, written next; None for anyone but its author."""
    if not ctx.text or _WRONG.fullmatch(normalize(ctx.text).rstrip("?？。!！，,")) is None:
        return None
    if not await roles.has_role(ctx.uow, ctx.person, Role.staff):
        return None
    found = await announce.last_own(ctx.uow, ctx.person)
    if found is None:
        return None
    notice, audience = found
    label = await notices.audience_label(ctx.uow, audience, ctx.texts)
    ctx.dialog.enter(DIALOG, "text", community=audience.community_id, kind=notice.kind, correcting=notice.id)
    ctx.dialog.goto("text", audience=_audience_data(audience), label=label)
    return Reply(ctx.t("announce.ask_correction", id=notice.id, count=notice.recipients, audience=label), rows(_cancel(ctx)))


# 通知发出去了吗, 大家收到通知了没, 谁没收到: staff asking after their notice in words, not 发送情况.
_ASKED_AFTER = re.compile(
    r"(?:通知|公告)(?:都|已经|真的)?(?:发|发送|送|推送)(?:出去|到|达|完)?了?(?:吗|没|没有|么|了没|没啊)"
    r"|(?:大家|居民|他们|都)?(?:收|看)到(?:通知|公告)了?(?:吗|没|没有|么)"
    r"|(?:通知|公告)?(?:都)?(?:收|看)到了?(?:吗|没有?|么)?(?:通知|公告)"
    r"|谁(?:还)?没(?:有)?(?:收|看)到(?:通知|公告)?|(?:多少|几个)人(?:收|看)到(?:了|通知)?|通知(?:的)?送达(?:了吗|情况|率)?"
)


@router.words_anywhere
async def asked_after_in_words(ctx: Context) -> HandlerResult:
    """Staff's own words for 发送情况; None for anyone else, whose 谁没收到 is about something else."""
    if not ctx.text or _ASKED_AFTER.fullmatch(normalize(ctx.text).rstrip("?？。!！")) is None:
        return None
    if not await roles.has_role(ctx.uow, ctx.person, Role.staff):
        return None
    return await reports(ctx)


@router.command("notices", keywords=("发送情况", "通知情况", "送达情况"))
async def reports(ctx: Context) -> HandlerResult:
    found = await announce.reports(ctx.uow, ctx.person)
    if not found:
        return Reply(ctx.t("announce.reports_none"))
    zone = ZoneInfo(ctx.app.settings.timezone)
    lines = [ctx.t("announce.reports_title")]
    held = _held_until(ctx)
    for report in found:
        notice = report.notice
        if len(lines) > 1:
            lines.append("")
        lines.append(
            ctx.t(
                "announce.report_line",
                id=notice.id,
                date=notice.created_at.astimezone(zone).strftime("%m-%d %H:%M"),
                kind=ctx.t(f"announce.kinds.{notice.kind}") if ctx.texts.has(f"announce.kinds.{notice.kind}") else notice.kind,
                audience=await notices.stored_audience_label(ctx.uow, notice.audience, ctx.texts),
                total=report.total,
                sent=report.sent,
                failed=report.failed,
                unreachable=report.unreachable,
                pending=report.pending,
            )
        )
        # Which notice it is, in its own words: staff remember 停水, not #3 03-02 10:00.
        lines.append(ctx.t("announce.report_text", text=_excerpt(notice.text)))
        if held is not None and report.pending and not notice.urgent:  # 已送达 0 at night is no failure
            lines.append(ctx.t("announce.report_held", time=held))
    return Reply("\n".join(lines), rows(back_button(ctx)))


def _excerpt(text: str, limit: int = 20) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"
