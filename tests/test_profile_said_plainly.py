"""Details changed as residents say it, the new one given in the same breath.

把电话改成139…, 电话改一下 139…, 我姓李，电话138… and 我们家搬到…302室了
got 答不上来, and the number or the address went into the log of unanswered
questions that staff read; 把地址改成北苑3号楼2单元501 asked the building
again, and 我搬到北苑3号楼2单元501了 at the building question asked the door
again. 改名字需要带什么材料 is a question for the police station, not a change
of what the bot keeps.
"""

from __future__ import annotations

from sqlmodel import select

from bot.models import Person
from tests.helpers import Chat, unanswered


async def _person(app, user: str) -> Person:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(Person).where(Person.channel_user_id == user))).one()


async def _moving(me: Chat, *answers: str) -> None:
    """我搬家了, consent, then each answer typed at the address questions."""
    await me.say("我搬家了")
    await me.say("同意")
    assert "楼栋" in me.text, me.text
    for answer in answers:
        await me.say(answer)


async def test_a_new_phone_said_with_the_asking_is_kept_after_consent(app):
    for user, said, phone in (
        ("a", "把电话改成13912345678", "13912345678"),
        ("b", "帮我把手机号换成13912345679", "13912345679"),
        ("c", "电话改一下 13912345670", "13912345670"),
    ):
        me = Chat(app, user)
        await me.say(said)
        assert "您同意吗" in me.text, (said, me.text)
        await me.say("同意")
        assert "您的资料已保存" in me.text and phone in me.text, (said, me.text)
        assert (await _person(app, user)).phone == phone
    me = Chat(app, "d")
    await me.say("我想改一下电话号码因为原来那个手机丢了找不到了")
    await me.say("同意")
    assert "请发送您的手机号" in me.text, me.text
    assert await unanswered(app) == []


async def test_a_new_address_said_with_the_asking_is_read_as_typed_at_the_building_question(app):
    me = Chat(app, "moved")
    await me.say("把地址改成文峰北苑3号楼2单元501")
    await me.say("同意")
    assert "您的资料已保存" in me.text and "楼栋" not in me.text, me.text
    person = await _person(app, "moved")
    assert (person.building, person.unit, person.room) == ("北苑3号楼", "2单元", "501")

    again = Chat(app, "long")
    await again.say("我们家搬到文峰社区北苑小区4号楼1单元302室了")
    await again.say("同意")
    assert "您的资料已保存" in again.text, again.text
    person = await _person(app, "long")
    assert (person.building, person.unit, person.room) == ("北苑4号楼", "1单元", "302室")
    assert await unanswered(app) == []


async def test_the_door_said_in_a_sentence_at_the_building_question_is_not_asked_again(app):
    me = Chat(app, "sentence")
    await _moving(me, "我搬到文峰北苑3号楼2单元501了")
    assert "您的资料已保存" in me.text and "门牌号" not in me.text, me.text
    assert (await _person(app, "sentence")).room == "501"


async def test_a_surname_and_a_phone_said_together_are_offered_to_be_kept(app):
    me = Chat(app, "li")
    await me.say("我姓李，电话13800001111")
    assert "13800001111" in me.text and "“李”" in me.text and "答不上来" not in me.text, me.text
    await me.press("nm:keep")
    await me.say("同意")
    person = await _person(app, "li")
    assert (person.name, person.phone) == ("李", "13800001111")
    assert await unanswered(app) == []


async def test_near_misses_stay_what_they_are(app):
    me = Chat(app, "near")
    await me.say("改名字需要带什么材料去派出所办理")
    assert "您同意吗" not in me.text and "怎么称呼" not in me.text, me.text
    await me.say("我搬到新家以后燃气一直没开通了")
    assert "您同意吗" not in me.text and "楼栋" not in me.text, me.text


async def test_the_door_said_as_people_say_it_is_kept_and_a_forgotten_one_is_helped(app):
    """五楼东边那户, 我家是一楼 were "这好像不是门牌号"; 不知道门牌号 was told only that it must be written."""
    for user, said, kept in (("east", "五楼东边那户", "5楼东边那户"), ("ground", "我家是一楼", "1楼")):
        me = Chat(app, user)
        await _moving(me, "北苑3号楼", "2单元", said)
        assert "您的资料已保存" in me.text, (said, me.text)
        assert (await _person(app, user)).room == kept
    me = Chat(app, "forgot")
    await _moving(me, "北苑3号楼2单元", "不知道门牌号")
    assert "几楼、哪一户" in me.text, me.text
    await me.say("三楼西户")
    assert (await _person(app, "forgot")).room == "3楼西户"


async def test_an_emoji_beside_the_name_is_not_kept_as_part_of_it(app):
    """张桂兰🙂 (WeChat's [微笑] after the name) was kept as the name, emoji and all; 🙂 alone was a name."""
    me = Chat(app, "smiles")
    await me.say("我要反映问题")
    await me.say("同意")
    await me.say("🙂")
    assert "这好像不是姓名" in me.text, me.text
    await me.say("张桂兰🙂")
    assert "手机号" in me.text, me.text
    await me.say("13700002222")
    assert (await _person(app, "smiles")).name == "张桂兰"


async def test_a_door_typed_at_the_unit_question_is_said_to_be_kept(app):
    """502 at 请发送单元号 asked the same question again with no word that 502 was kept as the door."""
    me = Chat(app, "door_first")
    await _moving(me, "南苑5号楼", "502")
    assert "门牌号 502 记下了" in me.text and "单元号" in me.text, me.text
    await me.say("3")
    person = await _person(app, "door_first")
    assert (person.building, person.unit, person.room) == ("南苑5号楼", "3单元", "502")
