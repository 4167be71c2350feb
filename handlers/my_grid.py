"""Which grid one's home is in, and who its grid manager is (网格员是谁, 我们这片归谁管, 我家是哪个网格).

Residents are told at every door that their block has a grid manager; they
ask who, and how to reach them. It got 答不上来, or 便民维修 for 归谁管.
The answer names the grid of their address and the grid manager by surname
only (王**): their phone is theirs, and the bot is the way to reach them —
a problem reported here is pushed to the grid manager's phone.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult, Router
from bot.models import Grid, Role
from bot.services import cases, org, people, roles
from handlers.common import back_button
from handlers.handover import human_button
from handlers.profile_form import begin

router = Router("my_grid")


@router.intent("grid")
async def my_grid(ctx: Context) -> HandlerResult:
    person = ctx.person
    grid = None
    if person.community_id and person.building:
        grid = await org.grid_of_building(ctx.uow, person.community_id, person.building)
    community = await org.community_of(ctx.uow, person)
    phone = ctx.t("my_grid.phone", phone=community.phone) if community is not None and community.phone else ""
    if grid is None:  # no address kept: the grids and the estates they hold, and a way to give one's address
        grids = await org.grids(ctx.uow, person.community_id or (community.id if community else None))
        names = "\n".join(f"· {g.name}" for g in grids)
        handled = await _grids_of_their_cases(ctx, grids)
        text = "\n".join(filter(None, [ctx.t("my_grid.no_address", grids=names), handled, ctx.t("my_grid.how_to_reach"), phone]))
        return Reply(text, rows(Button(ctx.t("my_grid.give_address"), "me:address"), _report_button(ctx), back_button(ctx), per_row=2))
    managers = await roles.holders(ctx.uow, Role.grid_manager, grid_id=grid.id)
    named = "、".join(people.mask_name(m.name) for m in managers if m.name)
    who = ctx.t("my_grid.manager", names=named) if named else ctx.t("my_grid.manager_unnamed" if managers else "my_grid.manager_none")
    text = "\n".join(filter(None, [ctx.t("my_grid.yours", building=person.building, grid=grid.name), who, ctx.t("my_grid.how_to_reach"), phone]))
    return Reply(text, rows(_report_button(ctx), human_button(ctx), back_button(ctx), per_row=2))


async def _grids_of_their_cases(ctx: Context, grids: list[Grid]) -> str:
    """Which grid has each open case they reported or follow (诉求 #3 由第一网格负责): who is on their matter now."""
    names = {g.id: g.name for g in grids}
    lines = [
        ctx.t("my_grid.case_grid", id=case.id, grid=names[case.grid_id])
        for case in await cases.cases_of(ctx.uow, ctx.person)
        if case.state in cases.OPEN_STATES and case.grid_id in names
    ]
    return "\n".join(lines)


def _report_button(ctx: Context) -> Button:
    return Button(ctx.t("my_grid.report"), "report")


# 我住文峰北苑3号楼, 俺家在北苑3号楼2单元, 锦华园5栋: the address typed under 登记住址后再问我 (it was 答不上来)
_HOME_SAID = re.compile(
    r"(?P<lives>(?:我|俺)?(?:家|们家)?(?:就)?(?:住|住在|在)(?:的是)?)?\s*"
    r"(?P<address>[^\s，,。？?！!]{0,24}\d[^\s，,。？?！!]{0,24}?)(?:呢|啊|哈|呀|啦)?"
)
_PLACE_WORD = re.compile(r"苑|院|园|小区|楼|栋|幢|单元|巷|胡同|街|路|村|家属院|平房")
_ASKS = re.compile(r"吗|么|哪|啥|什么|几|怎|谁")
_ENDS_AS_ADDRESS = re.compile(r"(?:\d|[号楼栋幢单元室户层院园苑])$")


def home_said(text: str) -> str | None:
    """The address in 我住文峰北苑3号楼 (or 北苑3号楼 alone); None for a question or anything else with a number."""
    said = _HOME_SAID.fullmatch(text.strip(" 。.，,！!～~"))
    if said is None or _ASKS.search(text):
        return None
    address = said.group("address")
    if not _ENDS_AS_ADDRESS.search(address):
        return None  # 3号楼灯坏了: a problem, said with where
    return address if said.group("lives") or _PLACE_WORD.search(address) else None


@router.accepts_words("me:address")
async def address_typed(ctx: Context) -> HandlerResult:
    """The home said in words right under the grids: kept as 登记住址 would ask it, the address read as typed there."""
    if ctx.message.attachment is not None or not ctx.text:
        return None
    address = home_said(ctx.text)
    if address is None:
        return None  # anything else: read as any message
    return await begin(ctx, ["address"], None, address_said=address)
