"""Shared steps of the grid-workflow tests: people with roles and profiles."""

from __future__ import annotations

import re

from bot.core.messages import Reply
from bot.services import outbox, people
from bot.models import Role
from tests.helpers import Chat, bind


async def resident(
    app, user: str, *, name: str = "李秀英", phone: str = "13812345678", building: str = "北苑1号楼", room: str = "301", channel: str = "console"  # noqa: ANN001
) -> Chat:
    """A resident who has already given name, phone and address (with consent)."""
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, channel, user)
        await people.save_profile(
            uow, person, people.ProfileUpdate(name=name, phone=phone, community_id="wenfeng", building=building, room=room)
        )
    return Chat(app, user, channel)


def case_id(text: str) -> int:
    match = re.search(r"#(\d+)", text)
    assert match, text
    return int(match.group(1))


async def file_complaint(chat: Chat, *, category: str = "parking", text: str = "北苑1号楼门口总有车乱停，堵住了消防通道", where: str | None = None) -> int:
    """Walk the complaint dialog with the address at home (or a typed place) and no photo."""
    await chat.say("反映问题")
    await chat.press(f"cs:cat:{category}")
    assert "具体情况" in chat.text, chat.text
    await chat.say(text)
    if where is None:
        await chat.press("cs:where:home")
    else:
        await chat.say(where)
    assert "照片" in chat.text, chat.text
    await chat.press("cs:skip")
    if "不用重复提交" in chat.text:
        await chat.press("cs:new")
    assert "您的诉求已提交" in chat.text, chat.text
    return case_id(chat.text)


async def unrouted_case(chat: Chat, text: str = "公交站的座椅坏了") -> int:
    """A public-facilities complaint at a location outside every grid, no photo: no grid holds it."""
    await chat.say("反映问题")
    await chat.press("cs:cat:facilities")
    await chat.say(text)
    await chat.share_location(34.2, 113.5)  # outside every grid
    await chat.press("cs:skip")
    return case_id(chat.text)


async def up_to_the_photo(chat: Chat, description: str = "北苑1号楼门口总有车乱停，堵住了消防通道") -> None:
    """A parking complaint with `description`, at 北苑1号楼门口 (typed), up to the photo question."""
    await chat.say("反映问题")
    await chat.press("cs:cat:parking")
    await chat.say(description)
    await chat.say("北苑1号楼门口")
    assert "有现场照片吗" in chat.text and "跳过" in chat.buttons, chat.text


async def asked_for_more(
    app, chat: Chat, *, category: str = "facilities", text: str = "楼道的灯坏了好几天了", question: str = "请问是几楼的灯？"  # noqa: ANN001
) -> tuple[Chat, int]:
    """`chat`'s complaint, which grid 1's manager (bound here) asks them to complete; the push not delivered yet."""
    from bot.models import Role
    from tests.helpers import bind

    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    number = await file_complaint(chat, category=category, text=text)
    await manager.pushes()
    await manager.press(f"case:ask_info:{number}")
    await manager.say(question)
    return manager, number


async def follow_offered(chat: Chat, number: int, *, category: str, text: str = "我这边也是这个问题") -> None:
    """Start reporting the same kind of problem at home and follow case `number` when it is offered as similar."""
    await chat.say("反映问题")
    await chat.press(f"cs:cat:{category}")
    await chat.say(text)
    await chat.press("cs:where:home")
    await chat.press("cs:skip")
    assert f"关注 #{number}" in chat.buttons, chat.text
    await chat.press(f"cs:follow:{number}")
    assert f"已关注诉求 #{number}" in chat.text, chat.text


async def accept_and_resolve(manager: Chat, number: int, result: str) -> None:
    """The manager takes case `number` and reports it resolved with `result`, no photo."""
    await manager.press(f"case:accept:{number}")
    await manager.press(f"case:resolve:{number}")
    await manager.say(result)
    await manager.press("cs:skip")


async def pushed(chat: Chat) -> list[Reply]:
    """Deliver what the outbox holds for this person and return the replies with their buttons.

    Delivery also makes the push's buttons the ones a typed number answers, as on WeChat.
    """
    async with chat.app.db.uow() as uow:
        claimed = await outbox.claim(uow, chat.channel, "test", address=chat.user)
    for row in claimed:
        async with chat.app.db.uow() as uow:
            await outbox.mark_sent(uow, row.id, "test")  # type: ignore[arg-type]
    return [Reply.from_dict(row.payload) for row in claimed]


def labels(reply: Reply) -> list[str]:
    return [button.label for button in reply.flat_buttons]


async def report_on_wechat(wx, openid: str, last: str) -> int:  # noqa: ANN001 - tests.channels.wechat_harness.WeChat
    """A sanitation complaint at home through WeChat's numbered answers; `last` is the photo step's message (XML)."""
    from tests.peers import wechat_messages as wm

    for text in ("反映问题", "3", "南苑垃圾站三天没清运了", "1"):  # 3: 环境卫生, 1: 在我家
        await wx.ask(wm.text(text, from_user=openid))
    return case_id((await wx.ask(last))["Content"])


async def infos(app, number: int) -> list[str]:  # noqa: ANN001
    """What the resident added to case `number` when asked (请居民补充), in order."""
    from sqlmodel import select

    from bot.models import CaseEvent

    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number, CaseEvent.action == "info").order_by(CaseEvent.id)
        events = (await uow.session.exec(query)).all()
    return [event.note or "" for event in events]


async def all_cases(app) -> list:  # noqa: ANN001 - list[Case]
    """Every case on record, in the order filed."""
    from sqlmodel import select

    from bot.models import Case

    async with app.db.uow() as uow:
        return list((await uow.session.exec(select(Case).order_by(Case.id))).all())


async def escalated(app, manager: Chat, reason: str) -> tuple[Chat, int]:  # noqa: ANN001
    """Li's parking complaint, sent up to the street by `manager` with `reason`; returns the street's staff and the case."""
    from bot.models import Role
    from tests.helpers import bind

    street = await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    li = await resident(app, "li")
    number = await file_complaint(li)
    await pushed(manager)
    await manager.press(f"case:escalate:{number}")
    await manager.say(reason)
    return street, number


async def task_pushed(app, **complaint: str) -> tuple[Chat, Chat, int]:  # noqa: ANN001
    """Grid 1's manager, a resident of it, and her complaint, its task push read: where most manager tests begin."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, **complaint)
    await pushed(manager)
    return manager, li, number


async def accepted_task(app, **complaint: str) -> tuple[Chat, Chat, int]:  # noqa: ANN001
    """As task_pushed, and the manager has pressed 受理."""
    manager, li, number = await task_pushed(app, **complaint)
    await manager.press(f"case:accept:{number}")
    return manager, li, number
