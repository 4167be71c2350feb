"""没修好 还是不亮 from a neighbour who followed the case, once it is resolved.

Found by playing 陈建国, who followed 刘桂芳's report of the light at 北苑2号楼:
told 已办结待评价, his 没修好 还是不亮 got the 便民维修 leaflet.
"""

from __future__ import annotations

from bot.models import Case, Role
from tests.grid.util import accept_and_resolve, file_complaint, follow_offered, pushed, resident
from tests.helpers import bind


async def test_a_follower_saying_not_fixed_is_told_how_to_report_it_again(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    liu = await resident(app, "liu", name="刘桂芳", phone="13712345678")
    chen = await resident(app, "chen", name="陈建国", phone="13612345678", room="502")
    number = await file_complaint(liu, category="facilities", text="北苑1号楼门口路灯不亮了")
    await follow_offered(chen, number, category="facilities")
    await pushed(manager)
    await accept_and_resolve(manager, number, "换了新灯泡")
    assert any("已办结待评价" in r.text for r in await pushed(chen))
    await chen.say("没修好 还是不亮")
    assert "便民维修" not in chen.text, chen.text
    assert f"诉求 #{number} 是其他居民反映、您关注的" in chen.text, chen.text
    assert chen.buttons == ["反映问题", f"查看 #{number}"], chen.buttons
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, number)).state == "resolved"  # only its reporter rates it
    await chen.press("report")
    assert "哪一类问题" in chen.text, chen.text


async def test_the_reporter_saying_not_fixed_still_reopens_it(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    liu = await resident(app, "liu")
    number = await file_complaint(liu, category="facilities", text="北苑1号楼门口路灯不亮了")
    await pushed(manager)
    await accept_and_resolve(manager, number, "换了新灯泡")
    await pushed(liu)
    await liu.say("我的资料")
    await liu.say("没修好 还是不亮")
    assert f"诉求 #{number} 已退回重新办理" in liu.text, liu.text
