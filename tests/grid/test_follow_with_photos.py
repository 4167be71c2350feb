"""Photos sent in the complaint form go with the similar case the resident follows instead: never dropped silently."""

from __future__ import annotations

from sqlmodel import select

from bot.core.messages import Attachment, Inbound
from bot.models import CaseEvent, Role
from tests.grid.util import all_cases, case_id, labels, pushed, resident, up_to_the_photo
from tests.helpers import Chat, bind


async def send(chat: Chat, ref: str) -> None:
    await chat.send(Inbound(channel=chat.channel, user_id=chat.user, attachment=Attachment("photo", ref, 1000)))


async def shown(chat: Chat, payload: str) -> list[tuple[str, str]]:
    """看照片 pressed: (reference, caption) of each photo shown."""
    replies = await chat.press(payload)
    return [(r.picture.ref, r.text) for r in replies if r.picture]


async def li_reports_parking(app, photos: int = 0) -> int:  # noqa: ANN001
    """Li's parking case at 北苑1号楼门口, with `photos` photos sent before the place."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:parking")
    await li.say("门口总有车乱停，堵住了消防通道")
    for n in range(photos):
        await send(li, f"li{n}")
    await li.say("北苑1号楼门口")
    if "有现场照片吗" in li.text:
        await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text
    return case_id(li.text)


async def test_photos_sent_before_following_a_similar_case_reach_its_handlers_only(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    number = await li_reports_parking(app)
    await pushed(manager)
    zhang = await resident(app, "zhang", name="张伟", phone="13700002222", building="北苑2号楼")
    await up_to_the_photo(zhang)
    await send(zhang, "z1")
    assert f"关注 #{number}" in zhang.buttons, zhang.text  # the similar case offered
    await send(zhang, "z2")
    await zhang.press(f"cs:follow:{number}")

    assert f"已关注诉求 #{number}" in zhang.text, zhang.text
    assert f"您发的 2 张照片已补充到诉求 #{number}，办理人员能看到" in zhang.text, zhang.text
    assert len(await all_cases(app)) == 1  # no duplicate filed
    async with app.db.uow() as uow:
        events = (await uow.session.exec(select(CaseEvent).where(CaseEvent.case_id == number))).all()
    assert [(e.action, e.actor_role, e.photo_ref) for e in events if e.photo_ref] == [
        ("follower_photo", "follower", "z1"),
        ("follower_photo", "follower", "z2"),
    ]

    [push] = await pushed(manager)
    assert f"【诉求 #{number} 补充照片】" in push.text and "发来 2 张现场照片" in push.text, push.text
    assert "📷 看照片" in labels(push), labels(push)
    photos = await shown(manager, f"case:photo:{number}")
    assert [ref for ref, _ in photos] == ["z1", "z2"]
    assert all("关注此事的居民" in caption for _, caption in photos), photos

    li = Chat(app, "li")
    await li.press(f"cs:photo:{number}")  # the reporter is not shown a neighbour's photos
    assert "没有您可以查看的照片" in li.text, li.text
    await zhang.press(f"cs:photo:{number}")  # nor is any other resident following it
    assert "没有您可以查看的照片" in zhang.text, zhang.text


async def test_photos_beyond_what_the_followed_case_can_hold_are_said_not_added(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    number = await li_reports_parking(app, photos=9)
    await pushed(manager)
    zhang = await resident(app, "zhang", name="张伟", phone="13700002222", building="北苑2号楼")
    await up_to_the_photo(zhang)
    for n in range(5):
        await send(zhang, f"z{n}")
    await zhang.press(f"cs:follow:{number}")
    assert "您发的照片有 3 张补充到了诉求" in zhang.text and "另外 2 张没有加上" in zhang.text, zhang.text
    [push] = await pushed(manager)
    assert "发来 3 张现场照片" in push.text, push.text

    wu = await resident(app, "wu", name="吴芳", phone="13700003333", building="北苑3号楼")
    await up_to_the_photo(wu)
    await send(wu, "w1")
    await wu.press(f"cs:follow:{number}")
    assert f"已关注诉求 #{number}" in wu.text, wu.text
    assert f"您发的 1 张照片没有加到诉求 #{number}" in wu.text and "照片没有保存" in wu.text, wu.text
    assert await pushed(manager) == []  # nothing new for the grid
