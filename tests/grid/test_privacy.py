"""A neighbour who follows a case learns what it is and how it goes, never the reporter's door, name or phone."""

from __future__ import annotations

from bot.models import Role
from bot.services import people
from tests.grid.util import case_id, file_complaint, follow_offered, pushed
from tests.helpers import Chat, bind

SECRETS = ("3单元", "502", "李秀英", "13812345678", "138 1234", "lxy1962", "一三九零零")


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


async def _person(app, user: str, name: str, phone: str, unit: str, room: str) -> Chat:  # noqa: ANN001
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "console", user)
        await people.save_profile(
            uow, person, people.ProfileUpdate(name=name, phone=phone, community_id="wenfeng", building="北苑2号楼", unit=unit, room=room)
        )
    return Chat(app, user)


async def test_a_follower_sees_the_building_but_not_the_reporters_door_name_or_phone(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await _person(app, "li", "李秀英", "13812345678", "3单元", "502")
    zhang = await _person(app, "zhang", "张伟", "13700002222", "1单元", "101")

    await li.say("反映问题")
    await li.press("cs:cat:noise")
    await li.say("我是李秀英，住3单元502，楼上每天半夜装修，电话 138 1234 5678，微信lxy1962，我儿子一三九零零零零三三三三")
    await li.say("在我家")
    await li.press("cs:skip")
    number = case_id(li.text)
    await pushed(manager)

    # Offered as a similar case while filing: already someone else's case.
    await zhang.say("反映问题")
    await zhang.press("cs:cat:noise")
    await zhang.say("北苑2号楼半夜装修声音很大")
    await zhang.press("cs:where:home")
    await zhang.press("cs:skip")
    assert f"#{number}" in zhang.text and "半夜装修" in zhang.text
    assert leaks(zhang.text) == [], zhang.text
    await zhang.press(f"cs:follow:{number}")

    # Every step the follower is told of.
    await manager.press(f"case:accept:{number}")
    await manager.press(f"case:ask_info:{number}")
    await manager.say("李秀英您好，请问具体是几点？")
    await li.press(f"cs:add:{number}")
    await li.say("晚上11点以后，就在3单元502楼上，有事打13812345678")
    await manager.press(f"case:resolve:{number}")
    await manager.say("已与李秀英及楼上住户沟通，约定晚10点后停工")
    await manager.press("cs:skip")
    told = await zhang.pushes()
    assert any("已受理" in t for t in told) and any("约定晚10点后停工" in t for t in told)
    assert [leaks(t) for t in told] == [[]] * len(told), told

    # 我的诉求 and the case itself.
    await zhang.say("我的诉求")
    assert f"#{number}" in zhang.text and leaks(zhang.text) == [], zhang.text
    await zhang.press(f"cs:view:{number}")
    view = zhang.text
    assert "地点：北苑2号楼" in view and "半夜装修" in view and "居民补充信息" in view and "约定晚10点后停工" in view
    assert leaks(view) == [] and "居民：" not in view, view
    assert "晚上11点以后" not in view  # the reporter's own additions are hers and the handlers'

    # The reporter still sees everything she gave, and the handler what he needs to call back.
    await li.press(f"cs:view:{number}")
    assert "地点：北苑2号楼 3单元 502" in li.text and "晚上11点以后，就在3单元502楼上" in li.text
    await manager.press(f"case:view:{number}")
    assert "北苑2号楼 3单元 502" in manager.text and "13812345678" in manager.text


async def test_a_typed_shared_place_is_shown_to_followers_without_door_numbers(app):
    await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await _person(app, "li", "李秀英", "13812345678", "3单元", "502")
    zhang = await _person(app, "zhang", "张伟", "13700002222", "1单元", "101")
    first = await file_complaint(li, category="sanitation", text="垃圾桶满了没人清", where="北苑2号楼东侧垃圾站")
    second = await file_complaint(li, category="facilities", text="楼道灯坏了", where="北苑2号楼3单元502门口")
    for number, category in ((first, "sanitation"), (second, "facilities")):
        await follow_offered(zhang, number, category=category)
    await zhang.press(f"cs:view:{first}")
    assert "地点：北苑2号楼东侧垃圾站" in zhang.text
    await zhang.press(f"cs:view:{second}")
    assert "地点：北苑2号楼" in zhang.text and "门口" in zhang.text and leaks(zhang.text) == [], zhang.text
