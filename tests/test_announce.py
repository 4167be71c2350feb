"""Announcements: staff choose an audience, preview, confirm; quiet hours; reports; refusals."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Notice, OutboxMessage, Role
from bot.services import people
from tests.helpers import Chat
from tests.helpers import bind
from tests.scheduler.common import local


async def _resident(app, user: str, building: str) -> Chat:
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "console", user)
        person.community_id, person.building, person.room = "wenfeng", building, "101"
        await uow.commit()
    return Chat(app, user)


async def test_staff_broadcast_to_a_grid_with_a_preview_and_one_confirmation(any_app, clock):
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(any_app, "secretary", Role.staff)
    north = await _resident(any_app, "north", "北苑1号楼")  # 第一网格
    south = await _resident(any_app, "south", "南苑3号楼")  # another grid

    await staff.say("发通知")
    assert "发给谁" in staff.text
    await staff.say(str(staff.buttons.index("按网格") + 1))
    await staff.say(str(next(i for i, b in enumerate(staff.buttons, 1) if "第一网格" in b)))
    assert "请发送要发给" in staff.text
    await staff.say("本周六上午 9 点北苑停水，请提前储水。")
    assert "共 1 人" in staff.text and "【社区通知】" in staff.text and "北苑停水" in staff.text
    assert await north.pushes() == []  # nothing before the confirmation
    confirm = str(staff.buttons.index("确认发送") + 1)
    await staff.say(confirm)
    assert "已排队发送给 1 人" in staff.text
    await staff.press("an:send")  # a double tap after the dialog ended sends nothing more
    [pushed] = await north.pushes()
    assert pushed.startswith("【社区通知】") and "北苑停水" in pushed
    assert await south.pushes() == []

    await staff.say("发送情况")
    assert "已送达 1" in staff.text and "共 1" in staff.text
    async with any_app.db.uow() as uow:
        assert len((await uow.session.exec(select(Notice))).all()) == 1
        assert len((await uow.session.exec(select(OutboxMessage).where(OutboxMessage.kind == "announcement"))).all()) == 1


async def test_a_publicity_to_a_role_and_quiet_hours_until_morning(app, clock):
    clock.set(local(2026, 3, 2, 22, 0))
    staff = await bind(app, "secretary", Role.staff)
    member = await bind(app, "member", Role.party_member)
    await staff.say("一征三议两公开")
    await staff.say(str(staff.buttons.index("按身份") + 1))
    await staff.say(str(staff.buttons.index("党员") + 1))
    await staff.say("经居民议事会表决，北苑停车棚改造方案通过，公示 7 天。")
    assert "【一征三议两公开 · 决策公开】" in staff.text
    await staff.say(str(staff.buttons.index("确认发送") + 1))
    assert "免打扰时段" in staff.text and "08:00" in staff.text
    assert await member.pushes() == []
    clock.set(local(2026, 3, 3, 8, 0))
    [pushed] = await member.pushes()
    assert pushed.startswith("【一征三议两公开 · 决策公开】")


async def test_an_urgent_broadcast_goes_at_night(app, clock):
    clock.set(local(2026, 3, 2, 23, 0))
    staff = await bind(app, "secretary", Role.staff)
    resident = await _resident(app, "north", "北苑1号楼")
    await staff.say("/announce")
    await staff.say(str(staff.buttons.index("全社区") + 1))
    await staff.say("燃气泄漏，北苑1号楼请立即撤离！")
    await staff.say(str(staff.buttons.index("紧急发送（夜间也立即发）") + 1))
    assert "免打扰" not in staff.text
    assert len(await resident.pushes()) == 1


async def test_an_empty_audience_and_a_non_staff_sender_get_clear_answers(app, clock):
    staff = await bind(app, "secretary", Role.staff)
    await staff.say("发通知")
    await staff.say(str(staff.buttons.index("按身份") + 1))
    await staff.say(str(staff.buttons.index("志愿者") + 1))
    assert "还没有能收到推送的人" in staff.text

    nosy = Chat(app, "nosy")
    for text in ("发通知", "/publicity", "/notices"):
        await nosy.say(text)
        assert "没有权限" in nosy.text
    await nosy.press("an:r:party_member")
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(Notice))).all() == []


async def test_the_delivery_report_names_each_audience_as_staff_do(app, clock):
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(app, "secretary", Role.staff)
    await bind(app, "member", Role.party_member)
    await _resident(app, "north", "北苑1号楼")
    await staff.say("发通知")
    await staff.say("按网格")
    await staff.say("第一网格")
    await staff.say("本周六上午 9 点北苑停水，请提前储水。")
    await staff.say("确认发送")
    await staff.say("发通知")
    await staff.say("按身份")
    await staff.say("党员")
    await staff.say("本周五下午三点党员大会。")
    await staff.say("确认发送")
    await staff.say("发送情况")
    assert "文峰社区第一网格（文峰北苑）全体" in staff.text and "文峰社区的党员" in staff.text
    assert "grid:" not in staff.text and "role:" not in staff.text


async def _second_community(app) -> Chat:
    """春华社区 beside 文峰社区, with one resident who can be reached there."""
    from bot.models import Community

    async with app.db.uow() as uow:
        uow.session.add(Community(id="chunhua", name="春华社区", street_id="xidajie"))
        await uow.commit()
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "console", "east")
        person.community_id, person.building, person.room = "chunhua", "春华1号楼", "101"
        await uow.commit()
    return Chat(app, "east")


async def test_staff_of_two_communities_are_asked_which_and_may_send_to_both(app, clock):
    """A staff member of 文峰 and 春华 announced to 文峰 alone, never asked: 春华's residents heard nothing."""
    clock.set(local(2026, 3, 2, 10))
    east = await _second_community(app)
    north = await _resident(app, "north", "北苑1号楼")
    staff = await bind(app, "secretary", Role.staff, community_id="wenfeng")
    await bind(app, "secretary", Role.staff, community_id="chunhua")

    await staff.say("发通知")
    assert "哪个社区" in staff.text and staff.buttons[:3] == ["文峰社区", "春华社区", "全部"], (staff.text, staff.buttons)
    await staff.say("春华社区")
    assert "发给谁" in staff.text, staff.text
    await staff.say("全社区")
    assert "春华社区全体" in staff.text, staff.text
    await staff.say("春华1号楼明天上午停电检修。")
    assert "共 2 人" in staff.text, staff.text  # east, and the staff member, who holds a role there
    await staff.say("确认发送")
    assert "已排队发送给 2 人" in staff.text, staff.text
    assert [text for text in await east.pushes() if "停电" in text] and await north.pushes() == []

    await staff.say("群发 周六上午社区义诊，欢迎参加。")  # the text said with it is kept through the question
    assert "哪个社区" in staff.text, staff.text
    await staff.say("全部")
    await staff.say("全社区")
    assert "文峰社区全体、春华社区全体" in staff.text and "义诊" in staff.text, staff.text
    assert "共 3 人" in staff.text, staff.text  # north, east, and the staff member once, not once per community
    await staff.say("确认发送")
    assert "已排队发送给 3 人" in staff.text, staff.text
    assert any("义诊" in text for text in await east.pushes()) and any("义诊" in text for text in await north.pushes())
    assert len([text for text in await staff.pushes() if "义诊" in text]) == 1


async def test_a_forged_community_choice_is_refused(app, clock):
    clock.set(local(2026, 3, 2, 10))
    east = await _second_community(app)
    staff = await bind(app, "secretary", Role.staff, community_id="wenfeng")
    await staff.say("发通知")
    assert "哪个社区" not in staff.text and "发给谁" in staff.text, staff.text  # one community: not asked
    await staff.press("an:c:chunhua")  # not theirs
    assert "没有权限" in staff.text, staff.text
    await staff.press("an:all")  # the dialog is still theirs, for 文峰
    assert "文峰社区全体" in staff.text or "还没有能收到推送的人" in staff.text, staff.text
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(Notice))).all() == []
    assert await east.pushes() == []


async def test_the_notice_reaches_residents_as_the_staff_typed_it(app, clock):
    """群发 明天上午９点停水，请提前储水（约３小时）。 reached residents as 明天上午9点停水,请提前储水(约3小时)。"""
    clock.set(local(2026, 3, 2, 10))
    staff = await bind(app, "secretary", Role.staff)
    north = await _resident(app, "north", "北苑1号楼")
    typed = "明天上午９点停水，请提前储水（约３小时）。"
    await staff.say("群发 " + typed)
    assert "发给谁" in staff.text, staff.text
    await staff.say(str(staff.buttons.index("全社区") + 1))
    assert typed in staff.text, staff.text  # the preview as typed
    await staff.say(str(staff.buttons.index("确认发送") + 1))
    [pushed] = await north.pushes()
    assert typed in pushed, pushed
    for said in ("发通知给全体居民：周六，社区义诊！", "群发：给第一网格，周日９点，北苑停电。"):
        await staff.say(said)
        if "发给谁" in staff.text:
            await staff.say(str(staff.buttons.index("全社区") + 1))
        await staff.say(str(staff.buttons.index("确认发送") + 1))
    pushed = await north.pushes()
    assert any("周六，社区义诊！" in text for text in pushed), pushed
    assert any("周日９点，北苑停电。" in text for text in pushed), pushed
