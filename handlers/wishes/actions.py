"""The wall of wishes and the presses on a wish: review, claim, fulfil, release, confirm, thank."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.core.validation import button_parts, record_number
from bot.models import Person
from bot.services import wishes
from bot.services.errors import PermissionDenied
from handlers.common import back_button
from handlers.photos import photo_button, photo_replies

from handlers.wishes.changing import change_pressed
from handlers.wishes.messages import message_pressed
from handlers.wishes.withdrawing import withdraw_pressed, withdraw_said
from handlers.wishes.basics import REASON, SERVED, THANKS, ask_hours, router, rules_of, wish_id_of

@router.command("wishes", keywords=("心愿墙", "心愿列表", "微心愿列表", "我认领的心愿", "我认领的", "我的认领", "认领的心愿"))
async def list_wishes(ctx: Context) -> HandlerResult:
    """Volunteers: the open wishes and their own claims; everyone else: their own wishes."""
    try:
        open_ = await wishes.open_wishes(ctx.uow, ctx.person, rules_of(ctx))
    except PermissionDenied:
        return await my_wishes(ctx)
    mine = await wishes.my_claims(ctx.uow, ctx.person)
    lines: list[str] = []
    buttons: list[Button] = []
    for wish in await wishes.awaiting_confirmation(ctx.uow, ctx.person):  # a volunteer's own wish, done
        lines.append(f"#{wish.id} {wish.what} · {ctx.t('wishes.states.fulfilled')}")
        buttons += confirm_buttons(ctx, wish.id)  # type: ignore[arg-type]
    if mine:
        lines.append(ctx.t("wishes.my_claims_title", count=len(mine)))
        for wish, details in ((c.wish, c.details) for c in mine):
            lines.append(ctx.t("wishes.my_claim", id=wish.id, what=wish.what, by=wishes.wanted_by_text(wish, ctx.texts), details=details))
            buttons.append(Button(ctx.t("wishes.done", id=wish.id), f"wish:done:{wish.id}"))
            buttons.append(Button(ctx.t("wishes.release", id=wish.id), f"wish:rel:{wish.id}"))
    if open_:
        lines.append(ctx.t("wishes.open_title", count=len(open_)))
        for wish in open_:  # not claimed yet: no phone, name or door, even typed into the wish
            lines.append(await wishes.wall_card(ctx.uow, wish, ctx.texts))
            buttons.append(Button(ctx.t("wishes.claim_n", id=wish.id), f"wish:claim:{wish.id}"))
    if not lines:
        return Reply(ctx.t("wishes.none_open"), rows(back_button(ctx)))
    return Reply("\n".join(lines), rows(*buttons, per_row=2))



@router.keyword("我的心愿", "我许的心愿", "我提的心愿", "my wishes")
async def my_wishes_said(ctx: Context) -> HandlerResult:
    """我的心愿: the wishes this person made, a volunteer's too (they got the wall, their own wishes nowhere in it).

    A volunteer who made none gets the wall and their claims, as before.
    """
    if await wishes.wishes_of(ctx.uow, ctx.person, limit=1):
        return await my_wishes(ctx)
    return await list_wishes(ctx)


@router.keyword("认领", "我来认领", "我认领", "我要认领", "认领心愿")
async def typed_claim(ctx: Context) -> HandlerResult:
    """认领 #3 (a button's words, typed) claims wish 3; 我来认领 alone shows the wall to choose from.

    A volunteer answering a push after other messages came between has no
    claim button left to match; the claim itself is checked by the service.
    """
    number = record_number(ctx.args)
    if number is None:
        return await list_wishes(ctx)
    ctx.payload = f"wish:claim:{number}"
    return await wish_button(ctx)


@router.keyword("已完成", "心愿已完成", "心愿完成了", "完成心愿")
async def typed_done(ctx: Context) -> HandlerResult:
    """已完成 (or 已完成 #3, the button's words) typed long after the claim: WeChat's text tells them to reply so."""
    return await _on_own_claim(ctx, "done")


@router.keyword("放弃认领", "取消认领", "不认领了")
async def typed_release(ctx: Context) -> HandlerResult:
    return await _on_own_claim(ctx, "rel")


async def _on_own_claim(ctx: Context, action: str) -> HandlerResult:
    """The claim named (#3), else the one claim held; with several, the list of them to choose from."""
    number = record_number(ctx.args)
    if number is not None:
        ctx.payload = f"wish:{action}:{number}"
        return await wish_button(ctx)
    mine = await wishes.claimed_by(ctx.uow, ctx.person)
    if len(mine) == 1 and not ctx.args:
        ctx.payload = f"wish:{action}:{mine[0].id}"
        return await wish_button(ctx)
    if not mine:
        return Reply(ctx.t("wishes.no_claims"), rows(Button(ctx.t("wishes.wall"), "wish:wall"), back_button(ctx)))
    return await list_wishes(ctx)  # several, or words that name none: the claims to choose from


async def my_wishes(ctx: Context) -> HandlerResult:
    mine = await wishes.wishes_of(ctx.uow, ctx.person)
    if not mine:
        return Reply(ctx.t("wishes.none_yet"), rows(Button(ctx.t("wishes.menu_entry"), "wishnew"), back_button(ctx)))
    lines = [ctx.t("wishes.mine_title", count=len(mine))]
    lines += [f"#{w.id} {w.what} · {ctx.t(f'wishes.states.{w.state}')}" for w in mine]
    buttons: list[Button] = []
    for wish in mine:  # done by the volunteer: the push's 确认已实现 / 还没有 may be long gone
        if wish.state == "fulfilled":
            buttons += confirm_buttons(ctx, wish.id)  # type: ignore[arg-type]
    if buttons:
        lines.append(ctx.t("wishes.please_confirm"))
    return Reply("\n".join(lines), rows(*buttons, back_button(ctx), per_row=2))


def confirm_buttons(ctx: Context, wish_id: int) -> list[Button]:
    """确认已实现 #3 / 还没有 #3: the service checks they are the maker's and the wish is done."""
    return [
        Button(ctx.t("wishes.confirm_n", id=wish_id), f"wish:confirm:{wish_id}"),
        Button(ctx.t("wishes.not_yet_n", id=wish_id), f"wish:notyet:{wish_id}"),
    ]


@router.button("wish")
async def wish_button(ctx: Context) -> HandlerResult:
    action, args = button_parts(ctx.payload)
    raw = args[0] if args else ""
    rules = rules_of(ctx)
    if action == "mine":
        return await my_wishes(ctx)
    if action == "wall":
        return await list_wishes(ctx)
    if action == "ok":
        wish = await wishes.review(ctx.uow, ctx.person, wish_id_of(raw), approve=True)
        reached = await wishes.volunteers_reached(ctx.uow, wish)
        return Reply(ctx.t("wishes.approved", id=wish.id) if reached else ctx.t("wishes.approved_unreached", id=wish.id))
    if action == "no":
        wish_id = wish_id_of(raw)
        await wishes.check_reviewable(ctx.uow, ctx.person, wish_id)
        ctx.dialog.enter(REASON, "reason", id=wish_id)
        return Reply(ctx.t("wishes.ask_reason", id=wish_id))
    if action == "claim":
        claimed = await wishes.claim(ctx.uow, ctx.person, wish_id_of(raw), rules)
        wish = claimed.wish
        said = "wishes.claimed_yours_already" if claimed.already else "wishes.claimed"
        return Reply(
            ctx.t(said, id=wish.id, what=wish.what, details=claimed.details),
            rows(
                Button(ctx.t("wishes.done", id=wish.id), f"wish:done:{wish.id}"),
                Button(ctx.t("wishes.release", id=wish.id), f"wish:rel:{wish.id}"),
                Button(ctx.t("wishes.say_to_resident", id=wish.id), f"wish:say:{wish.id}"),  # through the bot, not only by phone
                *([photo_button(ctx, f"wish:photo:{wish.id}")] if wish.photo_ref else []),
                per_row=2,
            ),
        )
    if action == "photo":
        return await _wish_photo(ctx, wish_id_of(raw))
    if action == "done":
        wish_id = wish_id_of(raw)
        await wishes.own_claim(ctx.uow, ctx.person, wish_id)  # before the hours are asked, not after
        ctx.dialog.enter(SERVED, "hours", id=wish_id)  # "两个半小时" may be typed instead of pressed
        return ask_hours(ctx, wish_id)
    if action in ("hrs", "hrsok") and len(args) == 2 and (hours := _said_hours(args[1])) is not None:
        # the hours pressed, or said with 搬完了，干了两个小时 and carried on the choice of claim
        wish = await wishes.fulfil(ctx.uow, ctx.person, wish_id_of(raw), hours, rules)
        return Reply(ctx.t("wishes.fulfilled", id=wish.id))
    if action == "rel":
        wish = await wishes.release(ctx.uow, ctx.person, wish_id_of(raw))
        return Reply(ctx.t("wishes.released", id=wish.id))
    if action == "confirm":
        wish = await wishes.confirm(ctx.uow, ctx.person, wish_id_of(raw))
        ctx.dialog.enter(THANKS, "offered", id=wish.id)  # the thanks may be typed straight away
        return Reply(
            ctx.t("wishes.confirmed", id=wish.id),
            rows(Button(ctx.t("wishes.thank"), f"wish:thank:{wish.id}"), back_button(ctx)),
        )
    if action == "notyet":
        return await not_yet_said(ctx, wish_id_of(raw))
    if action in ("msg", "say", "msgyes"):  # 回复志愿者 #3 / 回复居民 #3 / 给志愿者捎句话: only the wish's maker and claimer (the service checks)
        return await message_pressed(ctx)
    if action == "wd":
        return await withdraw_pressed(ctx)
    if action == "chg":  # 改心愿 #3 pressed after its question lapsed: withdrawn, and the new wish asked for
        return await change_pressed(ctx)
    if action == "wdask":  # 撤回这个心愿 under 心愿已提交 (or 算了 said there): asked first, as 取消心愿 #3
        ctx.args = raw
        return await withdraw_said(ctx)
    if action == "thank":
        wish_id = wish_id_of(raw)
        await wishes.check_thankable(ctx.uow, ctx.person, wish_id)  # not theirs, or not done: said before the words are typed
        ctx.dialog.enter(THANKS, "text", id=wish_id)
        return Reply(ctx.t("wishes.ask_thanks"))
    return await ctx.app.routes.intents["stale_button"](ctx)


async def not_yet_said(ctx: Context, wish_id: int, words: str | None = None) -> Reply:
    """还没有 pressed or said: the volunteer is told, with `words` when she said more (说好昨天来的也没来).

    What is missing is what she says next, too: typed under this answer it
    goes to the volunteer as words under their message do
    (messages.words_under_a_message), a service question asked first.
    """
    wish = await wishes.not_yet(ctx.uow, ctx.person, wish_id, words)
    said = (words or "").strip()
    told = ctx.t("wishes.not_yet_passed", id=wish.id, words=said[:60]) if said else ctx.t("wishes.not_yet_sent", id=wish.id)
    return Reply(told, rows(Button(ctx.t("wishes.say_to_volunteer"), f"wish:msg:{wish.id}"), back_button(ctx)))


def _said_hours(raw: str) -> float | None:
    """Hours carried by a button (2, 2.5, 1.33); anything else is none (and fulfil checks the range)."""
    return float(raw) if re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?", raw) else None


async def _wish_photo(ctx: Context, wish_id: int) -> HandlerResult:
    wish = await wishes.with_photo_for(ctx.uow, ctx.person, wish_id)
    if not wish.photo_ref:
        return Reply(ctx.t("photos.none_wish", id=wish.id), rows(back_button(ctx)))
    maker = await ctx.uow.session.get(Person, wish.person_id)
    title = ctx.t("photos.of_wish", id=wish.id)
    return await photo_replies(ctx, title, [(wish.photo_ref, maker)], wish.person_id, back_button(ctx))
