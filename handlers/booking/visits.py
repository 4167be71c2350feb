"""预约上门's own steps: the contact, the address the visit goes to (就是这里 / 换个地址（给家人约）), its parts.

A visit booked for a parent goes to the parent's building (and its grid);
the caller's profile is never changed by it. The half-days follow
(handlers/booking/day_list.py).
"""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button, Reply, rows
from bot.core.router import HandlerResult
from bot.services import booking, org
from bot.services.booking.home_visits import place_of
from handlers.addresses import building_meant, door, nearest_buildings, looks_like_a_unit, skips_unit, unit_and_room, unit_step
from handlers.booking.basics import DIALOG
from handlers.booking.day_list import pick_day
from handlers.booking.places import ask_place, kept_place, names_a_place, place_from
from handlers.booking.words import looks_like_when
from handlers.profile_form import ask_profile


async def home_visit_days(ctx: Context) -> HandlerResult:
    """Home visits: the contact (name, phone, with consent), where the visit goes, then the half-days of its grid.

    Booked for a parent (帮我妈约…, or an address said in the request) the
    caller's own address is not asked: the visit address is asked for this
    booking only, and the name and phone asked are said to be the caller's.
    """
    data = ctx.dialog.data
    family = bool(data.get("for_family") or data.get("said_place"))
    need = ("name", "phone") if family else ("name", "phone", "address")
    if not family and not ctx.person.has_address:  # typed in the form next: not asked again after it
        ctx.dialog.goto(ctx.dialog.step or "home_days", typed_address=True)
    asked = await ask_profile(ctx, need, then={"dialog": DIALOG, "step": "home_days", "data": dict(ctx.dialog.data)})
    if asked is not None:
        if family:
            ctx.notes.append(ctx.t("booking.contact_is_you"))
        return asked
    return await visit_where(ctx)


async def visit_where(ctx: Context) -> HandlerResult:
    """The address the visit goes to, before the days: 就是这里 / 换个地址（给家人约）.

    An address said in the request (她住北苑3号楼2单元301) is offered; else
    the registered one; with neither, the address is asked. One just typed
    in the profile form is not asked about again: the days show it, with
    换个地址 among them.
    """
    data = ctx.dialog.data
    said = kept_place(data.get("said_place"))
    if said:
        _grid, address = await place_of(ctx.uow, await booking.community_of(ctx.uow, ctx.person), place_from(said))
        key = "booking.visit_where_said"
    elif ctx.person.has_address:
        grid_id, address = await booking.home_of(ctx.uow, ctx.person)
        if data.get("typed_address"):
            ctx.dialog.goto("day", grid_id=grid_id, address=address, place=None)
            return await pick_day(ctx)
        key = "booking.visit_where"
    else:
        return ask_place(ctx)
    ctx.dialog.goto("where")
    buttons = rows(Button(ctx.t("booking.visit_here"), "bk:here"), Button(ctx.t("booking.visit_elsewhere"), "bk:away"), per_row=1)
    return Reply(ctx.t(key, address=address), buttons)


async def keep_address(ctx: Context) -> HandlerResult:
    """就是这里: the address offered; what it lacks (the unit, the door) is asked next."""
    said = kept_place(ctx.dialog.data.get("said_place"))
    if said:
        return await place_part(ctx, said)
    grid_id, address = await booking.home_of(ctx.uow, ctx.person)
    ctx.dialog.goto("day", grid_id=grid_id, address=address, place=None)
    return await pick_day(ctx)


async def place_part(ctx: Context, place: dict[str, str]) -> HandlerResult:
    """The next part of the visit address to ask (unit, door); all there, the days of that building's grid."""
    if "unit" not in place:
        ctx.dialog.goto("place_unit", place=place)
        return Reply(ctx.t("booking.place_ask_unit", building=place["building"]))
    if "room" not in place:
        ctx.dialog.goto("place_room", place=place)
        return Reply(ctx.t("booking.place_ask_room"))
    community_id = await booking.community_of(ctx.uow, ctx.person)
    grid_id, address = await place_of(ctx.uow, community_id, place_from(place))
    ctx.dialog.goto("day", place=place, grid_id=grid_id, address=address)
    return await pick_day(ctx)


async def place_building(ctx: Context, typed: str = "", building_id: str = "") -> HandlerResult:
    """The building typed (北苑三号楼, 北苑3号楼2单元301) or picked; an unknown one offers the nearest names."""
    community_id = await booking.community_of(ctx.uow, ctx.person)
    buildings = await org.buildings(ctx.uow, community_id)
    if building_id:
        chosen = next((b for b in buildings if str(b.id) == building_id), None)
        return await place_part(ctx, {"building": chosen.name}) if chosen else ask_place(ctx)
    found = building_meant(typed, buildings)
    if found is not None:
        building, rest = found
        return await place_part(ctx, {"building": building.name, **unit_and_room(rest)})
    nearest, containing = nearest_buildings(typed, buildings)  # 北苑: which of them; else the likeliest
    if not nearest and not names_a_place(typed):  # 我约了啥 was 没找到“我约了啥”这栋楼, again and again
        if looks_like_when(typed):  # 后天下午: the day comes after the address
            return Reply(ctx.t("booking.place_first", question=ctx.t("booking.place_ask_building")))
        return None  # another matter: answered as anywhere, the form kept to take up with 继续
    buttons = [Button(b.name, f"bk:pb:{b.id}") for b in nearest[:8]]
    key = "booking.place_which_building" if containing else "booking.place_pick_building"
    return Reply(ctx.t(key, typed=typed.strip()[:30]), rows(*buttons, Button(ctx.t("booking.quit"), "bk:quit"), per_row=2))


async def place_unit(ctx: Context) -> HandlerResult:
    place = kept_place(ctx.dialog.data.get("place"))
    if place is None:
        return ask_place(ctx)
    said = unit_step(ctx.text)
    if said is None and looks_like_a_unit(ctx.text) and len(ctx.text.strip()) <= 16:
        said = {"unit": ctx.text.strip()}
    if said is None:
        return Reply(ctx.t("booking.place_bad_unit"))
    return await place_part(ctx, {**place, **said})


async def place_room(ctx: Context) -> HandlerResult:
    place = kept_place(ctx.dialog.data.get("place"))
    if place is None:
        return ask_place(ctx)
    if skips_unit(ctx.text):
        return Reply(ctx.t("booking.place_room_needed"))
    room = door(ctx.text)
    if room is None:
        return Reply(ctx.t("booking.place_bad_room"))
    return await place_part(ctx, {**place, "room": room})
