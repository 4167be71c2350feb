"""An address typed at the consent question, a part at a time, before answering it.

Played as 李桂兰 making a wish: asked 您同意吗, she typed her name, her phone,
then 北苑2号楼, 1单元 and 302, each on its own line, as the questions she
expected. The name and phone were kept for after the 同意; 北苑2号楼 put the
wish aside as a draft and was 答不上来, and 1单元 and 302 went with it.
"""

from __future__ import annotations

from sqlmodel import select

from bot.models import Person


async def _person(app, user: str) -> Person:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one()


async def test_the_address_typed_at_the_consent_question_is_kept_with_the_wish(app, chat):
    gui = chat("gui")
    await gui.say("我想许个愿望")
    await gui.say("我腿脚不好，想找人帮我把冬天的被子从柜子顶上拿下来")
    for said in ("李桂兰", "13912345678", "北苑2号楼", "1单元", "302"):
        await gui.say(said)
        assert f"您一同意我就记下“{said}”" in gui.text and "您同意吗" in gui.text, (said, gui.text)
    person = await _person(app, "gui")
    assert person.consent_at is None and person.building is None  # nothing noted before the consent
    await gui.say("同意")
    assert "资料已保存" in gui.text and "被子" in gui.text and "哪一栋" not in gui.text, gui.text
    person = await _person(app, "gui")
    assert (person.name, person.phone, person.building, person.unit, person.room) == (
        "李桂兰", "13912345678", "北苑2号楼", "1单元", "302"
    )


async def test_unit_and_door_before_the_building_are_kept_and_the_building_asked(app, chat):
    me = chat("parts")
    await me.say("/me")
    await me.press("me:edit")
    await me.say("302")
    await me.say("2单元")
    await me.say("同意")
    for said in ("王建国", "13812345678"):
        await me.say(said)
    assert "哪一栋" in me.text or "楼" in me.text, me.text
    await me.say("北苑1号楼")
    assert "资料已保存" in me.text, me.text
    person = await _person(app, "parts")
    assert (person.building, person.unit, person.room) == ("北苑1号楼", "2单元", "302")


async def test_a_bare_choice_number_at_the_consent_question_is_not_an_address(app, chat):
    me = chat("three")
    await me.say("/me")
    await me.press("me:edit")
    await me.say("3")
    assert "您一同意我就记下" not in me.text and "1 到 2" in me.text, me.text  # a choice out of range, said so
