"""微心愿 after the buttons are gone: what a volunteer sees before claiming, and a wish finished or confirmed in words."""

from __future__ import annotations

from datetime import timedelta

from bot.models import Role, Wish
from tests.grid.test_wishes import fulfilled_wish, make_wish, staff_answer_a_handover
from tests.grid.util import resident
from tests.helpers import Chat, bind

REASON = "一个人住，腿脚不好，电话13500004444，搬不动"


async def state_of(app, number: int) -> tuple[str, float | None, str | None]:  # noqa: ANN001
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
        return wish.state, wish.hours, wish.thanks


async def test_volunteers_see_no_phone_name_or_door_written_into_a_wish_before_claiming_it(any_app):
    """原因：一个人住，腿脚不好，电话13500004444，搬不动 was pushed to every volunteer and shown on the wall."""
    app = any_app
    staff = await bind(app, "shequ", Role.staff)
    v1 = await bind(app, "v1", Role.volunteer)
    v2 = await bind(app, "v2", Role.volunteer)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432", room="301")
    number = await make_wish(grandma, "王桂兰想请人把301的旧衣柜搬下楼", REASON)

    [review] = [p for p in await staff.pushes() if f"#{number}" in p]
    assert "13500004444" in review and "王桂兰" in review  # the staff approving it read it as written
    await staff.press(f"wish:ok:{number}")

    seen = await v1.pushes() + await v2.pushes()
    await v1.say("心愿墙")
    seen.append(v1.text)
    assert len(seen) == 3
    for text in seen:
        assert "13500004444" not in text and "王桂兰" not in text and "301" not in text, text
        assert "腿脚不好" in text and "搬不动" in text and "旧衣柜" in text, text

    await v1.press(f"wish:claim:{number}")  # the claimer: whom to meet, and the wish as written
    assert "王桂兰想请人把301的旧衣柜搬下楼" in v1.text and "13698765432" in v1.text, v1.text
    await v1.press(f"wish:rel:{number}")
    [again] = [p for p in await v2.pushes() if f"#{number}" in p]  # offered again: still no phone
    assert "重新开放" in again and "13500004444" not in again and "王桂兰" not in again, again


async def test_the_resident_confirms_a_done_wish_from_their_list_or_in_words_after_other_messages(app):
    """After 你好, 我的心愿 showed 已完成待确认 with only 返回主菜单, and 已经搬好了，谢谢小伙子 was 答不上来."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("你好")
    await grandma.say("我的心愿")
    assert f"#{number}" in grandma.text and "已完成待确认" in grandma.text, grandma.text
    assert f"确认已实现 #{number}" in grandma.buttons and f"还没有 #{number}" in grandma.buttons, grandma.buttons
    await grandma.say("你好")
    await grandma.say("已经搬好了，谢谢小伙子")
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text
    assert await state_of(app, number) == ("confirmed", 2, "已经搬好了，谢谢小伙子")
    told = await volunteer.pushes()
    assert any("记入您的志愿服务 2 小时" in t for t in told) and any("谢谢小伙子" in t for t in told), told


async def test_the_list_buttons_confirm_or_say_not_yet_only_for_the_maker(app):
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    neighbour = await resident(app, "neighbour", name="赵大妈", phone="13900001111")
    await neighbour.press(f"wish:confirm:{number}")  # a forged press on someone else's wish
    assert "没有权限" in neighbour.text, neighbour.text
    await grandma.say("菜单")
    await grandma.say("我的心愿")
    await grandma.press(f"wish:notyet:{number}")
    assert "还没实现" in grandma.text, grandma.text
    assert (await state_of(app, number))[0] == "claimed"
    await grandma.say("我的心愿")  # not done any more: nothing to confirm
    assert f"确认已实现 #{number}" not in grandma.buttons
    await grandma.press(f"wish:confirm:{number}")
    assert "还没有标记完成" in grandma.text, grandma.text

    await volunteer.say("已完成")
    await volunteer.say("3小时")
    await grandma.say("我的心愿")
    await grandma.say("1")  # WeChat's numbered choice: the first is 确认已实现
    assert f"心愿 #{number} 已确认实现" in grandma.text and "感谢志愿者" in grandma.buttons, grandma.text
    assert (await state_of(app, number))[:2] == ("confirmed", 3)


async def test_plain_words_confirm_the_one_wish_awaiting_and_ask_which_of_several(app, clock):
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("帮助")
    await grandma.say("确认已实现")
    assert f"心愿 #{number} 已确认实现" in grandma.text and "感谢志愿者" in grandma.buttons, grandma.text
    await grandma.say("谢谢你帮我装好")  # the thanks offered, typed
    assert "已把您的感谢转告志愿者" in grandma.text, grandma.text

    first = await make_wish(grandma, "想找人陪我去公园走走")
    second = await make_wish(grandma, "想找人帮我修一下收音机")
    for wish in (first, second):
        await staff.press(f"wish:ok:{wish}")
        await volunteer.press(f"wish:claim:{wish}")
        await volunteer.press(f"wish:hrs:{wish}:1")
    await grandma.pushes()
    clock.advance(timedelta(minutes=2))  # she has said a lot within a minute: not flooding
    await grandma.say("菜单")
    await grandma.say("确认")
    assert "2 个心愿等您确认" in grandma.text and f"确认已实现 #{first}" in grandma.buttons, grandma.text
    assert (await state_of(app, first))[0] == (await state_of(app, second))[0] == "fulfilled"
    await grandma.say(f"确认已实现 #{second}")
    assert f"心愿 #{second} 已确认实现" in grandma.text, grandma.text
    await grandma.say("帮助")
    await grandma.say("实现了")  # now only one waits
    assert f"心愿 #{first} 已确认实现" in grandma.text, grandma.text


async def test_words_after_staff_answered_a_handover_are_theirs_unless_they_name_the_wish(app):
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await staff_answer_a_handover(staff, grandma)
    await grandma.say("已经好了")  # the heating, answered by the staff
    assert (await state_of(app, number))[0] == "fulfilled"
    assert "已确认实现" not in grandma.text
    await grandma.say("确认已实现")  # the wish, by name
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text


async def test_a_volunteer_with_one_claim_reports_it_done_in_plain_words(app, clock):
    """搬完了，干了两个小时 got a list of services; 干了两个小时 and 完成了 were 答不上来."""
    staff = await bind(app, "shequ", Role.staff)
    volunteer = await bind(app, "v1", Role.volunteer)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    numbers = [await make_wish(grandma, what) for what in ("想找人帮忙搬旧柜子", "想找人陪我去医院", "想找人帮我买菜")]
    for number in numbers:
        await staff.press(f"wish:ok:{number}")
    move, hospital, shopping = numbers
    someone = Chat(app, "someone")
    for words in ("完成了", "干了两个小时", "搬完了，干了两个小时"):  # holding no claim: understood as before
        await someone.say(words)
        for person in (volunteer, grandma):  # nor has the resident a wish to confirm
            await person.say(words)
            assert person.text == someone.text and "心愿" not in person.text, person.text
    assert {(await state_of(app, n))[0] for n in numbers} == {"approved"}

    await volunteer.say(f"认领 #{move}")
    await volunteer.say("帮助")
    await volunteer.say("搬完了，干了两个小时")
    assert f"已记录心愿 #{move} 完成" in volunteer.text, volunteer.text
    assert (await state_of(app, move))[:2] == ("fulfilled", 2)

    clock.advance(timedelta(minutes=2))  # not flooding
    await volunteer.say(f"认领 #{hospital}")
    await volunteer.say("帮助")
    await volunteer.say("完成了")  # no hours said: asked, as 已完成 does
    assert f"心愿 #{hospital}" in volunteer.text and "多少小时" in volunteer.text, volunteer.text
    await volunteer.say("90分钟")
    assert (await state_of(app, hospital))[:2] == ("fulfilled", 1.5)

    await volunteer.say(f"认领 #{shopping}")
    await volunteer.say("帮助")
    await volunteer.say("干了两小时左右")
    assert f"已记录心愿 #{shopping} 完成" in volunteer.text, volunteer.text
    assert (await state_of(app, shopping))[:2] == ("fulfilled", 2)


async def test_a_volunteer_with_several_claims_is_asked_which_and_the_hours_said_are_kept(app):
    staff = await bind(app, "shequ", Role.staff)
    volunteer = await bind(app, "v1", Role.volunteer)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    first = await make_wish(grandma, "想找人帮忙搬旧柜子")
    second = await make_wish(grandma, "想找人陪我去医院")
    for number in (first, second):
        await staff.press(f"wish:ok:{number}")
        await volunteer.press(f"wish:claim:{number}")
    await volunteer.say("帮助")
    await volunteer.say("搬完了，干了两个半小时")
    assert "是哪一个完成了" in volunteer.text, volunteer.text
    assert f"已完成 #{first}" in volunteer.buttons and f"已完成 #{second}" in volunteer.buttons
    assert (await state_of(app, first))[0] == (await state_of(app, second))[0] == "claimed"
    await volunteer.say("1")
    assert f"已记录心愿 #{first} 完成" in volunteer.text, volunteer.text
    assert (await state_of(app, first))[:2] == ("fulfilled", 2.5)
    assert (await state_of(app, second))[0] == "claimed"


async def test_plain_words_that_could_be_about_anything_ask_before_confirming_the_one_wish(app):
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("你好")
    await grandma.say("已经修好了")  # maybe her complaint's street lamp: asked, not taken
    assert f"是说心愿 #{number}" in grandma.text and f"确认已实现 #{number}" in grandma.buttons, grandma.text
    assert (await state_of(app, number))[0] != "confirmed"
    await grandma.say("1")
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text



async def test_a_yes_typed_under_the_push_confirms_the_wish(app):
    """是的，谢谢小王 under 请确认心愿是否已经实现 was 答不上来; the wish stayed unconfirmed."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("是的，谢谢小王")
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text
    assert await state_of(app, number) == ("confirmed", 2, "是的，谢谢小王")


async def test_yes_received_confirms_under_the_push_only_and_a_question_after_thanks_is_answered(app):
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("谢谢，低保怎么办")  # under the push, a question after manners: the guide's
    assert "最低生活保障" in grandma.text and "已确认实现" not in grandma.text, grandma.text
    await grandma.say("是的 收到了")  # no longer under the question: not taken as a yes
    assert (await state_of(app, number))[0] == "fulfilled"
    await grandma.say("我的心愿")
    await grandma.press(f"wish:notyet:{number}")  # back to the volunteer, who marks it done again
    await volunteer.press(f"wish:done:{number}")
    await volunteer.press(f"wish:hrs:{number}:2")
    await grandma.pushes()
    await grandma.say("是的 收到了")
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text
    assert (await state_of(app, number))[0] == "confirmed"
