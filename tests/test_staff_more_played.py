"""The centre's staff played further: where a question passed to the grid goes, who may do what, slips."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Case, Role
from tests.grid.util import resident as with_home
from tests.helpers import Chat, bind
from tests.test_staff_as_played import _asked, _choice, _id


async def test_a_question_passed_to_the_grid_goes_where_the_resident_said_the_problem_is(any_app):
    """文峰北苑3号楼门口的路灯坏了谁管, from a resident of 南苑: it went to 南苑's grid, or to nobody without a home."""
    app = any_app
    staff = await bind(app, "zhang", Role.staff)
    north = await bind(app, "north", Role.grid_manager, grid_id="wenfeng-01")
    south = await bind(app, "south", Role.grid_manager, grid_id="wenfeng-02")
    grandma = await with_home(app, "grandma", building="南苑3号楼")
    await grandma.say("转人工 文峰北苑3号楼门口的路灯坏了谁管")
    number = _id((await staff.pushes())[0])
    await staff.say("看通知")
    await staff.say(_choice(staff, "转给网格员"))
    assert "第一网格" in staff.text and "文峰北苑3号楼门口" in staff.text, staff.text
    await staff.say(_choice(staff, "确认转给网格员"))
    assert f"转人工 #{number} 已转成诉求" in staff.text and "请在“待办”里" not in staff.text, staff.text
    [task] = await north.pushes()
    assert "路灯坏了" in task, task
    assert await south.pushes() == []
    async with app.db.uow() as uow:
        [case] = (await uow.session.exec(select(Case))).all()
    assert case.grid_id == "wenfeng-01" and case.address == "文峰北苑3号楼门口", case

    # Someone with no address on file, naming the place: routed by it, not left for the staff to route.
    await _asked(app, "stranger", "锦华园小区门口的路灯杆歪了，很危险")
    number = _id((await staff.pushes())[-1])
    await staff.press(f"hgrid:{number}")
    assert "没有登记住址" not in staff.text and "第五网格" in staff.text, staff.text
    await staff.press(f"hgrid:{number}:go")
    assert "已转成诉求" in staff.text and "请在“待办”里" not in staff.text, staff.text


async def test_a_resident_asking_for_a_person_with_their_question_is_handed_over_with_it(app):
    """找个真人问问，我家老人的高龄补贴怎么还没发 got the allowance's leaflet, and its 找工作人员 asked to type it all again."""
    staff = await bind(app, "zhang", Role.staff)
    asked = {
        "grandpa": ("找个真人问问，我家老人的高龄补贴怎么还没发", "我家老人的高龄补贴怎么还没发"),
        "grandma": ("我要找工作人员问一下低保的事", "低保的事"),
        "auntie": ("俺想找個真人，老伴的醫保卡丟了咋補", "老伴的医保卡丢了咋补"),
    }
    for user, (said, question) in asked.items():
        resident = Chat(app, user)
        await resident.say(said)
        assert "已转给社区工作人员" in resident.text, (said, resident.text)
        [pushed] = await staff.pushes()
        assert pushed.endswith(f"问：{question}"), pushed
    # Asking for a person and nothing more: asked what the question is, as before.
    for n, said in enumerate(("我要找工作人员", "找个真人吧", "我想找个真人可以吗")):
        resident = Chat(app, f"uncle{n}")
        await resident.say(said)
        assert "请说说您的问题" in resident.text, (said, resident.text)
    assert await staff.pushes() == []
