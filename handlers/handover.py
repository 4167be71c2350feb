"""转人工: a resident asks for a person; staff answer in chat and the bot relays it."""

from __future__ import annotations

import re
import unicodedata

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.core.validation import is_id
from bot.models import Handover, Role
from bot.services import handover_grid, roles, support
from bot.services.deadlines import rules_for
from bot.services.errors import NotFound
from handlers.common import back_button, main_menu, record_id

router = Router("handover")
router.menu_entry("menu.human", "human", order=70)


def human_button(ctx: Context, question_id: int | None = None) -> Button:
    return Button(ctx.t("handover.button"), f"human:{question_id}" if question_id else "human")


@router.command("human", keywords=("转人工", "人工", "人工客服", "人工服务", "找人工", "找工作人员", "真人"))
@router.button("human")
@router.intent("human")
async def ask_for_person(ctx: Context) -> HandlerResult:
    if ctx.payload and ctx.payload.startswith("human:"):
        question = await _question(ctx, ctx.payload[6:])
        if question:
            return await _hand_over(ctx, question)
    if ctx.args:
        return await _hand_over(ctx, ctx.args)
    ctx.dialog.enter("handover", "question")
    return Reply(ctx.t("handover.ask_question"))


async def _question(ctx: Context, raw_id: str) -> str | None:
    return await support.question_text(ctx.uow, int(raw_id)) if is_id(raw_id) else None


@router.intent("about_staff")
async def about_grid_staff(ctx: Context) -> HandlerResult:
    """网格员态度不好, 我要投诉网格员: the words go to the community's staff as a 转人工, never to the grid.

    As a complaint they were filed as a case and pushed to that grid's
    manager, the very person complained about.
    """
    handed = await _hand_over(ctx, ctx.text.strip()[:500])
    assert isinstance(handed, Reply)
    return Reply(ctx.t("handover.about_staff") + "\n" + handed.text, handed.buttons)


async def _hand_over(ctx: Context, question: str) -> HandlerResult:
    opened = await support.open_handover(ctx.uow, ctx.person, question)
    ctx.dialog.leave()
    phone = opened.centre_phone or ctx.t("handover.no_phone")
    key = "handover.sent" if opened.staff_told else "handover.nobody"
    if not ctx.app.settings.pushes_reach(ctx.message.channel):
        key += "_unanswerable"  # their reply could not reach this account: no promise of it
    return Reply(ctx.t(key, id=opened.handover.id, phone=phone), rows(back_button(ctx)))


@router.button("hreply")
async def start_reply(ctx: Context) -> HandlerResult:
    raw = (ctx.payload or "").partition(":")[2]
    return await _ask_for_reply(ctx, record_id(raw, "handover.no_such"))


async def _ask_for_reply(ctx: Context, handover_id: int) -> Reply:
    """The reply is typed next; a question a colleague answered already says so, with what they said."""
    handover = await support.handover_for_staff(ctx.uow, ctx.person, handover_id)
    earlier = await support.last_staff_reply(ctx.uow, handover)
    # The answer seen now: one a colleague sends while this one is typed is told before it goes too.
    ctx.dialog.enter("handover_reply", "text", id=handover.id, seen=earlier.id if earlier else None)
    asked = ctx.t("handover.type_reply", id=handover.id, question=handover.question[:200])
    if earlier is not None and handover.status == "answered":
        asked = ctx.t("handover.answered_already", text=earlier.text[:200]) + "\n" + asked
    if handover.status == support.PASSED:  # yesterday's 回复他 on a question since passed to the grid
        asked = ctx.t("handover.passed_note") + "\n" + asked
        return Reply(asked)
    return Reply(asked, rows(Button(ctx.t("handover.pass_button"), f"hgrid:{handover.id}")))


@router.dialog("handover_reply")
async def reply_dialog(ctx: Context) -> HandlerResult:
    if ctx.dialog.step == CONFIRM:
        return await _confirmed(ctx)
    if ctx.payload is not None or not ctx.text:
        return None
    handover = await support.handover_for_staff(ctx.uow, ctx.person, ctx.dialog.data["id"])
    if ctx.text.strip() not in (ctx.message.text or ""):
        # Words held while a push asked whom they answer, replayed here though the staff member never
        # said (a new 转人工 had arrived: they may be its answer). Sent only once confirmed, to whom.
        why = ctx.t("handover.send_these", id=handover.id, question=handover.question[:40])
        return _confirm_send(ctx, [handover.id], ctx.text, why)
    latest = await support.last_staff_reply(ctx.uow, handover)
    if latest is not None and latest.id != ctx.dialog.data.get("seen") and latest.author_id != ctx.person.id:
        # Two staff pressed 回复他 on the same push: the resident would get both answers, maybe at odds.
        return _confirm_send(ctx, [handover.id], ctx.text, ctx.t("handover.colleague_answered", text=latest.text[:200]))
    return await _send(ctx, handover.id, ctx.text)


async def _send(ctx: Context, handover_id: int, text: str) -> Reply:
    """Relay the words; a question answered before says the resident gets a second answer."""
    answered_before = (await support.handover_for_staff(ctx.uow, ctx.person, handover_id)).status == "answered"
    handover = await support.staff_reply(ctx.uow, ctx.person, handover_id, text)
    ctx.dialog.leave()
    lines = [ctx.t("handover.relayed", id=handover.id)]
    if answered_before:
        lines.append(ctx.t("handover.relayed_again"))
    # 回复 3 meant for 诉求 #3 reaches 转人工 #3's resident: the question it went to shows a slip at once.
    lines.append(ctx.t("handover.relayed_question", question=handover.question[:40]))
    return Reply("\n".join(lines))


CONFIRM = "confirm"  # the step holding words until the staff member says they go to the resident (and to whom)


def _confirm_send(ctx: Context, ids: list[int], text: str, why: str) -> Reply:
    """Hold `text` and ask: sent to a resident only when the staff member says so."""
    ctx.dialog.enter("handover_reply", CONFIRM, ids=ids, text=text[:2000])
    if len(ids) == 1:
        buttons = [Button(ctx.t("handover.send_button", id=ids[0]), f"hsend:{ids[0]}")]
    else:
        buttons = [Button(ctx.t("handover.reply_to", id=i), f"hsend:{i}") for i in ids[:8]]
    buttons.append(Button(ctx.t("handover.dont_send"), "hsend:no"))
    return Reply(why + "\n“" + text[:200] + "”", rows(*buttons, per_row=2))


async def _confirmed(ctx: Context) -> HandlerResult:
    """发给居民 / 不发了 under words held back; anything else typed leaves them unsent."""
    payload = ctx.payload or ""
    if not payload.startswith("hsend:"):
        return None
    raw = payload.partition(":")[2]
    if raw == "no":
        ctx.dialog.leave()
        return Reply(ctx.t("handover.not_sent"))
    if not is_id(raw) or int(raw) not in ctx.dialog.data.get("ids", []):
        return await stale_send(ctx)
    return await _send(ctx, int(raw), ctx.dialog.data["text"])


@router.button("hsend")
async def stale_send(ctx: Context) -> HandlerResult:
    """发给居民 pressed after the words it held were sent or left: nothing is sent, and that is said."""
    return Reply(ctx.t("handover.send_gone"), rows(Button(ctx.t("handover.open_button"), "handovers")))


_ACK = re.compile(r"(?:收到|好的?|知道了|明白|了解|嗯+|ok|OK|行)[了啦。！!～~]*")


@router.accepts_words("hreply")
async def words_under_a_question(ctx: Context) -> HandlerResult:
    """Words a staff member types right under a 转人工 push (or 待回复) without 回复: likely the answer.

    Typed alone, 带户口本身份证来三号窗口 was read as a question about
    services and the resident never heard back. They are held and the staff
    member asked whether they go to the resident: one tap, and nothing is
    sent to a resident that was not meant for them. 收到 and 好的 are no answer.
    """
    if not ctx.text or _ACK.fullmatch(ctx.text.strip()) or not await answers_residents(ctx):
        return None
    passed = await pass_said_number_first(ctx)  # 【2】转网格员 under 待回复: question #2 passed on, not an answer to send
    if passed is not None:
        return passed
    from handlers.cases.basics import said_action  # 待办 shows cases too: #1 处理好了 is the case's, not a resident's

    if said_action(ctx.text) is not None:
        return None
    ids = list(dict.fromkeys(int(p[7:]) for _label, p in ctx.shown if p.startswith("hreply:") and is_id(p[7:])))
    if not ids:
        return None
    if len(ids) > 1:
        return _confirm_send(ctx, ids, ctx.text, ctx.t("handover.which_question"))
    handover = await support.handover_for_staff(ctx.uow, ctx.person, ids[0])
    why = ctx.t("handover.send_these", id=handover.id, question=handover.question[:40])
    earlier = await support.last_staff_reply(ctx.uow, handover)
    if earlier is not None and handover.status == "answered":
        why = ctx.t("handover.answered_already", text=earlier.text[:200]) + "\n" + why
    elif handover.status == support.PASSED:
        why = ctx.t("handover.passed_note") + "\n" + why
    return _confirm_send(ctx, ids, ctx.text, why)


@router.button("hgrid")
async def pass_to_grid(ctx: Context) -> HandlerResult:
    """转给网格员 under a 转人工: asked once (what will happen, where it goes), then filed as the resident's case."""
    _prefix, _sep, rest = (ctx.payload or "").partition(":")
    raw, _sep, go = rest.partition(":")
    return await _pass(ctx, record_id(raw, "handover.no_such"), go)


async def _pass(ctx: Context, handover_id: int, go: str) -> HandlerResult:
    handover = await support.handover_for_staff(ctx.uow, ctx.person, handover_id)
    if handover.status == support.PASSED:
        return Reply(ctx.t("handover.passed_already", id=handover.id))
    if go == "no":
        return Reply(ctx.t("handover.not_passed", id=handover.id))
    said = await _place_said(ctx, handover)
    if go != "go":
        grid = await handover_grid.pass_target(ctx.uow, ctx.person, handover.id, place=said)
        if grid is not None:
            where = ctx.t("handover.pass_to_place", place=said, grid=grid.name) if said else ctx.t("handover.pass_to", grid=grid.name)
        else:
            where = ctx.t("handover.pass_place_unrouted", place=said) if said else ctx.t("handover.pass_unrouted")
        asked = ctx.t("handover.pass_confirm", id=handover.id, question=handover.question[:60], where=where)
        earlier = await support.last_staff_reply(ctx.uow, handover)
        if earlier is not None and handover.status == "answered":  # a colleague answered it already: maybe no case is needed
            asked = ctx.t("handover.answered_already_pass", text=earlier.text[:200]) + "\n" + asked
        return Reply(
            asked,
            rows(Button(ctx.t("handover.pass_go"), f"hgrid:{handover.id}:go"), Button(ctx.t("handover.dont_pass"), f"hgrid:{handover.id}:no"), per_row=2),
        )
    from handlers.cases.categories import described_category  # the words the complaint form reads a category from

    category = described_category(handover.question) or "other"
    case = await handover_grid.pass_to_grid(ctx.uow, ctx.person, handover.id, category=category, rules=rules_for(ctx.app.settings), place=said)
    key = "handover.passed" if case.grid_id else "handover.passed_place_unrouted" if said else "handover.passed_unrouted"
    return Reply(ctx.t(key, id=handover.id, case=case.id), rows(Button(ctx.t("cases.view", id=case.id), f"case:view:{case.id}")))


async def _place_said(ctx: Context, handover: Handover) -> str | None:
    """The place the resident named in the question, or in the words they added since, read as the complaint form reads it.

    文峰北苑3号楼门口的路灯坏了谁管 is about 北苑's street light: the case goes
    to that grid, not to the grid of the home of whoever asked.
    """
    from handlers.cases.places import place_in  # the complaint form's reading of a place in a description

    added = (await support.latest_words(ctx.uow, [handover.id])).get(handover.id)  # type: ignore[list-item]
    for words in dict.fromkeys(w for w in (handover.question, added) if w):
        if (place := await place_in(ctx.uow, handover.community_id, words)) is not None:
            return place
    return None


# What a number straight before words says it is not a question's number: 12月, 3日, 2号, 5点, 3楼, 2个.
_NOT_AFTER = "[月日号点时分秒半楼栋幢层单元室户岁元块角个份张次人天周年期]"
# 回复 12 内容, and as staff type it after reading 【转人工 #12】: 回复#12 内容, 回复 12：内容, 回复12，内容,
# 回复【12】内容 (the way WeChat shows numbers); 回复#12 alone asks for the words, as 回复他 does.
_REPLY = re.compile(
    r"(?:[【\[]\s*([0-9０-９]{1,9})\s*[】\]]\s*[:：,，、.。]?\s*"  # 【12】内容: the brackets set the number apart
    r"|[#＃]?\s*([0-9０-９]{1,9})(?:\s*[:：,，、.。]\s*|\s+|$|(?=[\u4e00-\u9fff])(?!" + _NOT_AFTER + r")))(\S.*)?",
    # 12 内容, and 回复2带户口本 as typed on a phone; but 12月3日, 2号窗口 or 3楼 are no question number
    re.S,
)


async def answers_residents(ctx: Context) -> bool:
    """Whether the person answers residents' questions (staff or admin): for them 回复 12 … is that answer."""
    return await roles.has_role(ctx.uow, ctx.person, Role.staff)


# 转给网格员 2, as staff type it after reading 【转人工 #2】 or 待回复: #2, 【2】 and 2号 too.
_PASS_NUMBER = re.compile(r"[#＃【\[]?\s*([0-9０-９]{1,9})\s*[】\]号]?")


@router.command("pass", keywords=("转给网格员", "转网格员"), only_for=answers_residents)
async def pass_command(ctx: Context) -> HandlerResult:
    """转给网格员 2 typed: the push's 转给网格员 for question #2 (asked once, as the button does)."""
    found = _PASS_NUMBER.fullmatch(ctx.args.strip())
    if found is None or not is_id(raw := unicodedata.normalize("NFKC", found.group(1))):
        return await _with_waiting(ctx, ctx.t("handover.pass_usage"))
    try:
        return await _pass(ctx, int(raw), "")
    except NotFound as missing:  # 转给网格员 9 for #6: which numbers wait, so the right one is a tap away
        return await _with_waiting(ctx, ctx.t(missing.key, **missing.params))


# The number said first, as staff type it too: 2号转给网格员, #2 转给网格员, 【2】转网格员, 把2号转给网格员.
_PASS_NUMBER_FIRST = re.compile(r"把?\s*([#＃【\[]?\s*[0-9０-９]{1,9}\s*[】\]号]?)\s*(?:的问题|问题)?\s*转给?网格员(?:吧|处理|办理)?[\s。.!！]*")


@router.words_anywhere
async def pass_said_number_first(ctx: Context) -> HandlerResult:
    """2号转给网格员 from staff: what 转给网格员 2 does; else None.

    Read by the cases' words as a transfer of case #2 (没有编号为 2 的诉求, or
    another case moved): 转给网格员 names no grid, and staff say it of a 转人工.
    """
    if ctx.message.attachment is not None or not ctx.text:
        return None
    said = _PASS_NUMBER_FIRST.fullmatch(ctx.text.strip())
    if said is None or not await answers_residents(ctx):
        return None
    ctx.args = said.group(1)
    return await pass_command(ctx)


# 回复3 under a numbered list, as WeChat users answer one: choice 3, for anyone but who answers residents with it.
router.choice_word("回复", unless=answers_residents)


@router.command("reply", keywords=("回复",))
async def reply_command(ctx: Context) -> HandlerResult:
    if not await answers_residents(ctx):  # 回复3 with no list on screen: no 没有权限, nor the staff's usage
        return await _to_the_word_on_screen(ctx) or main_menu(ctx, ctx.t("handover.reply_no_choice"))
    match = _REPLY.fullmatch(ctx.args.strip())
    raw_id = unicodedata.normalize("NFKC", match.group(1) or match.group(2)) if match else ""
    if match is None or not is_id(raw_id):
        return Reply(ctx.t("handover.reply_usage"))
    words = match.group(3)
    try:
        if not words:
            return await _ask_for_reply(ctx, int(raw_id))
        return await _send(ctx, int(raw_id), words)
    except NotFound as missing:  # 回复 9 for #6: which numbers wait, so the right one is a tap away
        return await _with_waiting(ctx, ctx.t(missing.key, **missing.params))


async def _to_the_word_on_screen(ctx: Context) -> Reply | None:
    """回复 好的我明天上午去, as WeChat users answer, under a word a wish's other side sent: the answer to it."""
    if not ctx.args.strip() or not any(payload.startswith("wish:msg:") for _label, payload in ctx.shown):
        return None
    from handlers.wishes.messages import words_under_a_message  # the wishes build on the handover's buttons

    ctx.text = ctx.args
    return await words_under_a_message(ctx)


async def _with_waiting(ctx: Context, said: str) -> Reply:
    waiting = await support.open_handovers(ctx.uow, ctx.person)
    if not waiting:
        return Reply(said + "\n" + ctx.t("handover.none_open"))
    lines, buttons = await handover_section(ctx, waiting)
    return Reply("\n".join([said, *lines]), rows(*buttons, per_row=2))


@router.command("handovers", keywords=("待回复",))
@router.button("handovers")
async def list_open(ctx: Context) -> HandlerResult:
    waiting = await support.open_handovers(ctx.uow, ctx.person)
    if not waiting:
        return Reply(ctx.t("handover.none_open"))
    lines, buttons = await handover_section(ctx, waiting)
    return Reply("\n".join(lines), rows(*buttons, per_row=2))


async def waiting_for_reply(ctx: Context) -> list[Handover]:
    """The residents' questions this person should answer: none for whoever answers none (a grid manager)."""
    return await support.open_handovers(ctx.uow, ctx.person) if await answers_residents(ctx) else []


async def handover_section(ctx: Context, waiting: list[Handover]) -> tuple[list[str], list[Button]]:
    """The questions waiting for a reply, each with the words that wait (待回复, and staff's 待办)."""
    latest = await support.latest_words(ctx.uow, [h.id for h in waiting])  # type: ignore[misc]
    lines = [ctx.t("handover.open_title", count=len(waiting))]
    for h in waiting:
        lines.append(f"#{h.id} {h.question[:40]}")
        words = latest.get(h.id)  # type: ignore[arg-type]
        if words and words != h.question:  # "那周六能办吗" added since: that is what waits for an answer
            lines.append(ctx.t("handover.latest_words", text=words[:40]))
    buttons = [Button(ctx.t("handover.reply_to", id=h.id), f"hreply:{h.id}") for h in waiting[:8]]
    return lines, buttons


from handlers import handover_asking  # noqa: E402,F401 - the resident's side, registered on this router
