"""Volunteers as they were played in `resident-bot chat`: asking for work, the hours in words, a volunteer's own wishes.

Each test is a defect seen there: the words a volunteer used were 答不上来
or another service, the hours said with what was done were lost, and a
volunteer who also made a wish found it offered to them to claim and could
not see it under 我的心愿.
"""

from __future__ import annotations

from bot.models import Role, Wish
from tests.grid.test_wishes import approved_wish, make_wish
from tests.grid.util import resident
from tests.helpers import bind


async def stored(app, number: int) -> Wish:  # noqa: ANN001
    async with app.db.uow() as uow:
        return await uow.session.get(Wish, number)


async def test_a_volunteer_asking_for_work_in_their_own_words_gets_the_wall(app):
    """有啥活儿, 我能帮什么忙, 我这周有空 were 答不上来; 有什么需要帮忙的吗 the guide to paying bills."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.pushes()
    for said in ("有啥活儿", "我能帮什么忙", "我这周有空", "我周末有空，有什么需要帮忙的吗", "我想当志愿者"):
        await volunteer.say(said)
        assert f"认领 #{number}" in volunteer.buttons, (said, volunteer.text)
        assert "收音机" in volunteer.text and "答不上来" not in volunteer.text, (said, volunteer.text)
        assert "13698765432" not in volunteer.text and "王桂兰" not in volunteer.text, volunteer.text  # not claimed yet
    await volunteer.say(f"认领 #{number}")
    await volunteer.say("有啥活儿")  # nothing left to claim: their claim, and no "press 认领"
    assert f"已完成 #{number}" in volunteer.buttons, volunteer.text
    other = await resident(app, "neighbour")
    await other.say("我想当志愿者")  # no volunteer: how to become one, as before
    assert "志愿者注册" in other.text, other.text
    await other.say("有啥活儿")
    assert "心愿" not in other.text, other.text


async def test_a_volunteer_offering_a_hand_with_nothing_to_claim_is_told_so_plainly(app):
    volunteer = await bind(app, "v1", Role.volunteer)
    await volunteer.say("我能帮什么忙")
    assert "现在没有等待认领的微心愿" in volunteer.text and "点“认领”" not in volunteer.text, volunteer.text


async def test_the_hours_said_with_what_was_done_are_read_at_the_hours_question(app):
    """陪了三个小时 and 陪了一上午 at 用了多少小时 left the question and were 答不上来; the hours were lost."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.press(f"wish:done:{number}")
    await volunteer.say("陪了一上午")
    assert "大约是 3 小时吗" in volunteer.text, volunteer.text
    assert (await stored(app, number)).state == "claimed"
    await volunteer.say("陪了两个多小时")
    assert f"已记录心愿 #{number} 完成" in volunteer.text, volunteer.text
    wish = await stored(app, number)
    assert (wish.state, wish.hours) == ("fulfilled", 2)
    await grandma.say("谢谢小伙子，辛苦了")
    assert "已确认实现" in grandma.text, grandma.text
    assert any("谢谢小伙子" in p for p in await volunteer.pushes())


async def test_a_volunteer_who_made_a_wish_sees_it_as_theirs_not_on_the_wall(app):
    """Their own wish was on their wall with 认领 (refused when pressed), and 我的心愿 showed the wall, not it."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    me = await resident(app, "v1", name="李明", phone="13811112222")  # the volunteer gives a profile
    mine = await make_wish(me, "想找人帮我修一下电脑")
    await staff.press(f"wish:ok:{mine}")
    await volunteer.say("心愿墙")
    assert f"认领 #{number}" in volunteer.buttons and f"认领 #{mine}" not in volunteer.buttons, volunteer.buttons
    await volunteer.say("我的心愿")
    assert "修一下电脑" in volunteer.text and "收音机" not in volunteer.text, volunteer.text
    second = await bind(app, "v2", Role.volunteer)  # another volunteer still sees it
    await second.say("心愿墙")
    assert f"认领 #{mine}" in second.buttons, second.buttons


async def test_a_volunteer_who_cannot_do_their_claim_says_so_and_is_asked_to_give_it_back(app):
    """这个我弄不了 and 我去不了了，让别人来吧 were guessed as services (养老保险认证, 便民维修); the wish stayed held."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.say("这个我弄不了")  # under the claim's buttons
    assert f"是要放弃认领心愿 #{number}" in volunteer.text and f"放弃认领 #{number}" in volunteer.buttons, volunteer.text
    assert (await stored(app, number)).state == "claimed"  # asked, not done
    await volunteer.say("菜单")
    await volunteer.say("我去不了了，让别人来吧")  # long after the buttons
    assert f"是要放弃认领心愿 #{number}" in volunteer.text, volunteer.text
    await volunteer.say(str(volunteer.buttons.index(f"放弃认领 #{number}") + 1))
    assert f"已放弃认领心愿 #{number}" in volunteer.text, volunteer.text
    assert (await stored(app, number)).state == "approved"
    await volunteer.say("我去不了了")  # no claim held: read as ever
    assert "放弃认领" not in volunteer.text, volunteer.text
