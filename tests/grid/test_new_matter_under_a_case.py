"""Words that begin another matter, typed where a case shows 补充信息, are that matter: never the case's 居民补充."""

from __future__ import annotations

from tests.grid.util import asked_for_more, infos, pushed, resident


async def test_a_new_complaint_asked_for_under_the_case_viewed_starts_one_and_the_case_waits(app):
    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li)
    await li.pushes()
    await li.press(f"cs:view:{number}")
    assert "补充信息" in li.buttons, li.text

    await li.say("我要反映问题")
    assert "您要反映哪一类问题" in li.text, li.text
    assert "已把补充信息" not in li.text, li.text
    assert await infos(app, number) == []
    assert await manager.pushes() == []  # the grid is not told 居民补充：我要反映问题


async def test_a_service_question_right_under_the_request_is_answered_and_the_request_still_waits(app):
    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li)
    [push] = await pushed(li)
    assert f"cs:add:{number}" in [b.payload for b in push.flat_buttons]

    await li.say("老年证怎么办")
    assert "【老年人优待证办理】" in li.text, li.text  # answered at once
    assert "已把补充信息" not in li.text and "是补充给诉求" not in li.text, li.text
    assert await infos(app, number) == []
    assert await manager.pushes() == []


async def test_a_new_complaint_asked_for_after_pressing_add_information_is_not_the_information(app):
    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li)
    await li.pushes()
    await li.press(f"cs:add:{number}")
    assert f"请补充诉求 #{number} 的信息" in li.text, li.text

    await li.say("我要反映问题")
    assert "您要反映哪一类问题" in li.text and "已把补充信息" not in li.text, li.text
    assert await infos(app, number) == []

    await li.press(f"cs:add:{number}")  # the information itself still goes to the case
    await li.say("是三单元四楼的灯不亮")
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    assert await infos(app, number) == ["是三单元四楼的灯不亮"]
