"""A door number typed at the category question is not what happened, and no door number is shown to a neighbour.

301 typed at 您要反映哪一类问题 was kept as the description (内容：301，楼道灯坏了好几天),
and a neighbour offered the case as a similar one read the door.
"""

from __future__ import annotations

from bot.models import Case
from tests.grid.util import case_id, resident


async def test_a_door_number_at_the_category_is_asked_about_not_described(app):
    li = await resident(app, "li", room="502")
    await li.say("反映问题")
    await li.say("301")
    assert "门牌号" in li.text and "您要反映哪一类问题" in li.text, li.text
    assert "登记成诉求" not in li.text, li.text
    await li.say("楼道灯坏了好几天")
    await li.say("北苑1号楼3单元301门口")
    await li.press("cs:skip")
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, case_id(li.text))
    assert case.description == "楼道灯坏了好几天", case.description


async def test_a_door_number_in_the_description_is_hidden_from_a_neighbour_offered_it(app):
    li = await resident(app, "li", room="502")
    await li.say("反映问题")
    await li.press("cs:cat:facilities")
    await li.say("402，楼道灯坏了好几天")
    await li.press("cs:where:home")
    await li.press("cs:skip")
    number = case_id(li.text)

    zhang = await resident(app, "zhang", name="张伟", phone="13700002222", room="101")
    await zhang.say("反映问题")
    await zhang.press("cs:cat:facilities")
    await zhang.say("北苑1号楼楼道灯坏了")
    await zhang.press("cs:where:home")
    await zhang.press("cs:skip")
    assert f"#{number}" in zhang.text and "楼道灯坏了好几天" in zhang.text, zhang.text
    assert "402" not in zhang.text, zhang.text
