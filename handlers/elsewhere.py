"""A matter another office handles (身份证丢了, 驾照换证): say where to go; and what is known of another office.

Answering with the nearest of the centre's own services would send an
elderly resident to the wrong window; saying "I don't know" would leave
them where they were. The offices come from knowledge/elsewhere.yaml.
Asked when another office is open (卫生站周日开门吗), the answer is that
office's hours when they are known, and plainly "I don't know" otherwise:
never the centre's own.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.services import support
from handlers.common import back_button
from handlers.guide import nothing_fits
from handlers.handover import human_button
from knowledge.elsewhere import Office, names_some_office
from knowledge.normalize import normalize

router = Router("elsewhere")
_PHONE = re.compile(r"电话|号码|联系方式")  # 卫生站电话多少: the phone asked for, known or not


@router.intent("elsewhere")
async def handled_elsewhere(ctx: Context) -> HandlerResult:
    understanding = ctx.understanding
    referral = ctx.app.understander.referrals.get(understanding.elsewhere or "") if understanding else None
    if referral is None:  # 物业电话多少, 卫生站在哪: an office asked about, not a matter
        return another_office(ctx) or await nothing_fits(ctx)
    key = "elsewhere.urgent" if referral.urgent else "elsewhere.answer"
    if referral.urgent:  # answered whole here: the short line of urgent_first (a form left for it) would repeat it
        ctx.notes[:] = [note for note in ctx.notes if referral.where not in note]
    lines = [ctx.t(key, name=referral.name, where=referral.where)]
    if referral.tip:
        lines.append(ctx.t("elsewhere.tip", tip=referral.tip))
    lines.append(ctx.t("elsewhere.more"))
    # 找工作人员 under it carries the question (开证明 asked: the staff read what, not 请说说您的问题)
    question = await support.record_unanswered(ctx.uow, ctx.text, normalize(ctx.text), support.ELSEWHERE)
    return Reply("\n".join(lines), rows(human_button(ctx, question), back_button(ctx), per_row=2))


@router.intent("urgent_in_dialog")
async def urgent_first(ctx: Context) -> HandlerResult:
    """Asked by the dispatcher of words typed inside a dialog: an emergency in them is told what to do first.

    转人工 then 家里煤气味很大, or 我老伴晕倒了 typed as a complaint, went
    to the staff's queue or the form, to be read hours later. The dialog
    still takes the words (nothing is lost); the 120/119/110 line comes first.
    """
    hit = ctx.app.understander.referrals.match(normalize(ctx.text))
    if hit is not None and hit.referral.urgent:
        ctx.notes.append(ctx.t("elsewhere.urgent_first", name=hit.referral.name, where=hit.referral.where))
    return None


def another_office(ctx: Context) -> Reply | None:
    """What is known of the other office the question names (卫生站, 派出所, 银行); None when it names none.

    Asked of the centre's hours, address or phone, these were answered with
    the centre's own. One search of a short text: the centre's own
    questions come this way too.
    """
    norm = normalize(ctx.text)
    office = ctx.app.understander.referrals.offices.named(norm)
    if office is not None:
        return Reply(_about(ctx, office, asks_phone=_PHONE.search(norm) is not None), _buttons(ctx))
    if names_some_office(norm):
        return Reply(ctx.t("elsewhere.office_unknown"), _buttons(ctx))
    return None


def _about(ctx: Context, office: Office, *, asks_phone: bool) -> str:
    """The office's hours, place, phone and tip that are known, and a plain word on what is not.

    A phone not known is said when it was asked for, or when the hours are
    not known either (the resident is left without a way to find out).
    """
    unknown = [ctx.t("elsewhere.office_no_hours")] if office.hours is None else []
    if office.phone is None and (asks_phone or unknown):
        unknown.append(ctx.t("elsewhere.office_no_phone"))
    lines = [ctx.t("elsewhere.office_title", name=office.name)]
    if office.hours:
        lines.append(ctx.t("elsewhere.office_hours", hours=office.hours))
    if unknown:
        lines.append(ctx.t("elsewhere.office_not_known", name=office.name, things=ctx.t("elsewhere.office_and").join(unknown)))
    if office.where:
        lines.append(ctx.t("elsewhere.office_where", where=office.where))
    if office.phone:
        lines.append(ctx.t("elsewhere.office_phone", phone=office.phone))
    if office.tip:
        lines.append(ctx.t("elsewhere.tip", tip=office.tip))
    lines.append(ctx.t("elsewhere.office_ask_staff" if unknown else "elsewhere.office_not_centre"))
    return "\n".join(lines)


def _buttons(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    """A person can find out what the bot does not know; or back to the menu."""
    return rows(human_button(ctx), back_button(ctx), per_row=2)
