"""A place corrected at the photo question keeps the estate said before, and a wish asked for at the place
question is a wish, not the place.

Found by playing a resident with no address on file: 文峰北苑3号楼2单元401 at the
place question, then 3号楼2单元楼道 at the photo question, lost 北苑 and the
case its grid; 我想许个愿 想要个老花镜 at the place question was filed as the
place and the case sent to the staff by hand.
"""

from __future__ import annotations

from sqlmodel import func, select

from bot.models import Case, Role
from tests.grid.util import case_id, pushed, resident
from tests.helpers import bind


async def _without_address(app):  # noqa: ANN001
    return await resident(app, "zhang", name="张建国", phone="13912345678", building=None, room=None)  # type: ignore[arg-type]


async def test_a_place_corrected_without_its_estate_stays_in_the_estate_said_before(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    zhang = await _without_address(app)
    await zhang.say("反映问题")
    await zhang.press("cs:cat:facilities")
    await zhang.say("楼道灯坏了好几天了")
    await zhang.say("文峰北苑3号楼2单元401")
    assert "已确定由第一网格（文峰北苑）负责" in zhang.text, zhang.text
    await zhang.say("3号楼2单元楼道")  # at the photo question: the place, said more exactly
    assert "“北苑3号楼2单元楼道”" in zhang.text and "已确定由第一网格（文峰北苑）负责" in zhang.text, zhang.text
    assert "哪个小区" not in zhang.text and "人工分派" not in zhang.text, zhang.text
    await zhang.press("cs:skip")
    number = case_id(zhang.text)
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, number)
    assert (case.address, case.grid_id) == ("北苑3号楼2单元楼道", "wenfeng-01")
    [push] = await pushed(manager)
    assert f"【新诉求 #{number}】" in push.text and "北苑3号楼2单元楼道" in push.text, push.text


async def test_asking_to_make_a_wish_at_the_place_question_starts_the_wish_and_keeps_the_complaint(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:facilities")
    await li.say("楼道灯坏了好几天了")
    assert "问题在哪里" in li.text, li.text
    await li.say("我想许个愿 想要个老花镜 看不清字了")
    assert "已经为您保存" in li.text and "有现场照片吗" not in li.text, li.text
    assert "“想要个老花镜”" in li.text and "希望什么时候前实现" in li.text, li.text  # the wish, with its what
    async with app.db.uow() as uow:
        assert (await uow.session.exec(select(func.count()).select_from(Case))).one() == 0  # nothing filed as a place
