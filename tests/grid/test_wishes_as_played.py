"""微心愿 as residents and volunteers actually said it in `resident-bot chat`: each test is a defect seen there."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import Wish
from bot.services import people
from tests.grid.test_wishes import WHY, approved_wish, fulfilled_wish, make_wish
from tests.helpers import Chat


async def stored(app, number: int) -> Wish:  # noqa: ANN001
    async with app.db.uow() as uow:
        return await uow.session.get(Wish, number)


async def name_volunteer(app, chat: Chat, name: str, phone: str) -> None:  # noqa: ANN001
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, chat.channel, chat.user)
        await people.save_profile(uow, person, people.ProfileUpdate(name=name, phone=phone, community_id="wenfeng"))


async def test_a_second_claim_by_the_claimer_says_it_is_theirs_with_the_contact_again(app):
    """A second 我来认领 said 已经被其他志愿者认领了: the volunteer walked away from their own claim."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await grandma.pushes()
    await volunteer.press(f"wish:claim:{number}")
    assert f"您已认领心愿 #{number}" in volunteer.text and "13698765432" in volunteer.text, volunteer.text
    assert "其他志愿者" not in volunteer.text
    await volunteer.say("菜单")
    await volunteer.say(f"认领 #{number}")  # typed, the buttons gone
    assert f"您已认领心愿 #{number}" in volunteer.text and "13698765432" in volunteer.text, volunteer.text
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.say(f"认领 #{number}")  # typed under 已完成 #N / 放弃认领 #N: not the release
    assert f"您已认领心愿 #{number}" in volunteer.text, volunteer.text
    wish = await stored(app, number)
    assert wish.state == "claimed" and wish.claimed_by is not None
    assert await grandma.pushes() == []  # told once that it was claimed, not again


async def test_the_resident_is_told_who_claimed_by_surname_never_a_record_number_or_phone(app):
    """已由志愿者 #3 认领 read as a wish number; a full legal name or phone is not for the resident either."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await name_volunteer(app, volunteer, "王建国", "13711112222")
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.press(f"wish:hrs:{number}:2")
    told = [p for p in await grandma.pushes() if f"#{number}" in p]
    claimed = next(p for p in told if "认领，" in p)
    done = next(p for p in told if "请确认" in p)
    for push in (claimed, done):
        assert "王志愿者" in push and "王建国" not in push and "13711112222" not in push, push
        assert "#" not in push.replace(f"#{number}", ""), push


async def test_volunteers_do_not_see_a_phone_in_chinese_numerals_or_a_wechat_handle_before_claiming(app):
    staff, [volunteer], grandma, _ = await approved_wish(app)
    await volunteer.pushes()
    number = await make_wish(grandma, "想要一台收音机，电话一三九零零零零三三三三", "加我微信wjg1950，一个人住，QQ号 123456")
    await staff.press(f"wish:ok:{number}")
    [pushed] = [p for p in await volunteer.pushes() if f"#{number}" in p]
    await volunteer.say("心愿墙")
    for seen in (pushed, volunteer.text):
        assert "一三九零零零零三三三三" not in seen and "wjg1950" not in seen and "123456" not in seen, seen
        assert "收音机" in seen and "一个人住" in seen and "微信" in seen, seen
    await volunteer.press(f"wish:claim:{number}")  # the claimer: the wish as written, and the proper contact
    assert "一三九零零零零三三三三" in volunteer.text and "13698765432" in volunteer.text, volunteer.text


async def test_thanks_in_traditional_characters_or_longer_words_confirm_the_wish_awaiting(app):
    """謝謝小夥子 got 不客气, 收音机收到了，谢谢 答不上来: the wish stayed unconfirmed and the thanks were lost."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("謝謝小夥子")
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text
    wish = await stored(app, number)
    assert (wish.state, wish.thanks) == ("confirmed", "謝謝小夥子")
    assert any("謝謝小夥子" in p for p in await volunteer.pushes())

    for said in ("收音机收到了，谢谢", "谢谢小伙子，收音機很好用"):
        number = await make_wish(grandma)
        await staff.press(f"wish:ok:{number}")
        await volunteer.press(f"wish:claim:{number}")
        await volunteer.press(f"wish:hrs:{number}:2")
        await grandma.pushes()  # 请确认, with its buttons
        await grandma.say(said)
        assert f"心愿 #{number} 已确认实现" in grandma.text, (said, grandma.text)
        wish = await stored(app, number)
        assert (wish.state, wish.thanks) == ("confirmed", said)
    await grandma.say("谢谢小伙子")  # nothing awaits her now: thanks as ever
    assert "已确认实现" not in grandma.text and "不客气" in grandma.text, grandma.text


async def test_not_done_in_words_sends_the_wish_back_to_its_volunteer(app):
    """志愿者根本没来，还没弄呢 got the volunteer registration guide; 还没有 #1 typed later 答不上来."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    await grandma.say("志愿者根本没来，还没弄呢")  # under the 请确认 push
    assert f"心愿 #{number} 还没实现" in grandma.text and "志愿者注册" not in grandma.text, grandma.text
    wish = await stored(app, number)
    assert (wish.state, wish.hours) == ("claimed", None)
    assert any(f"#{number}" in p and "还没有实现" in p for p in await volunteer.pushes())

    await volunteer.press(f"wish:hrs:{number}:2")  # marked done again
    await grandma.pushes()
    await grandma.say("菜单")
    await grandma.say(f"还没有 #{number}")  # the button's words, typed away from it
    assert f"心愿 #{number} 还没实现" in grandma.text, grandma.text
    assert (await stored(app, number)).state == "claimed"


async def test_a_resident_withdraws_a_wish_in_words_after_a_confirming_press_and_the_claimer_is_told(app, clock):
    """我的心愿不要了 started a new wish with those words; 取消心愿 #1 typed in the form became its reason."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.pushes()
    await grandma.pushes()
    await grandma.say("我的心愿不要了")
    assert f"撤回心愿 #{number}" in grandma.buttons and "为什么需要它" not in grandma.text, grandma.text
    assert (await stored(app, number)).state == "claimed"  # asked first, nothing done yet
    await grandma.say("1")  # WeChat's numbered choice: 撤回心愿 #N
    assert f"已撤回心愿 #{number}" in grandma.text and "志愿者" in grandma.text, grandma.text
    assert (await stored(app, number)).state == "withdrawn"
    assert any(f"#{number}" in p and "撤回" in p for p in await volunteer.pushes())
    async with app.db.uow() as uow:
        assert await uow.session.get(Wish, number + 1) is None  # no wish made of the words

    first = await make_wish(grandma, "想找人陪我去公园走走")
    second = await make_wish(grandma, "想找人帮我修一下收音机")
    clock.advance(timedelta(minutes=2))  # she has said a lot within a minute: not flooding
    await grandma.say("心愿不要了")  # two under way: which one
    assert f"撤回心愿 #{first}" in grandma.buttons and f"撤回心愿 #{second}" in grandma.buttons, grandma.buttons
    await grandma.say("微心愿")
    await grandma.say(f"取消心愿 #{second}")  # typed at the form's first question
    assert "为什么需要它" not in grandma.text and f"撤回心愿 #{second}" in grandma.buttons, grandma.text
    await grandma.press(f"wish:wd:{second}")
    assert f"已撤回心愿 #{second}" in grandma.text, grandma.text
    assert (await stored(app, second)).state == "withdrawn" and (await stored(app, first)).state == "pending"
    await grandma.press(f"wish:wd:{first - 1}")  # withdrawn already
    assert "不能撤回" in grandma.text, grandma.text


async def test_never_mind_and_back_in_the_wish_form_are_not_stored_as_the_wish(app):
    staff, [volunteer], grandma, _ = await approved_wish(app)
    await grandma.say("微心愿")
    await grandma.say("想要一台收音机")
    await grandma.say("返回")  # at 为什么需要它: back to 心愿是什么
    assert "心愿是什么" in grandma.text, grandma.text
    await grandma.say("想要一台老人收音机")
    await grandma.say(WHY)
    await grandma.say("上一步")  # at 什么时候前: back to why, the wish kept
    assert "为什么需要它" in grandma.text and "老人收音机" in grandma.text, grandma.text
    await grandma.say("不要了")
    assert "没有提交" in grandma.text, grandma.text
    async with app.db.uow() as uow:
        made = (await uow.session.exec(select(Wish))).all()
    assert [w.what for w in made] == ["想要一台收音机听戏"]  # only the one made before
    await grandma.say("继续")  # nothing kept to take up
    assert "为什么需要它" not in grandma.text and "什么时候前" not in grandma.text, grandma.text


async def test_a_volunteer_with_one_claim_says_it_is_done_in_other_words_and_the_hours_are_checked(app, clock):
    """弄好了 两个小时 was 答不上来, 已经送过去了 the day-care guide; -2 was stored as 2 hours; 一上午 答不上来."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.say("菜单")
    await volunteer.say("弄好了 两个小时")
    assert f"已记录心愿 #{number} 完成" in volunteer.text, volunteer.text
    assert (await stored(app, number)).hours == 2
    await grandma.press(f"wish:notyet:{number}")  # back to the volunteer

    await volunteer.say("菜单")
    await volunteer.say("已经送过去了")
    assert f"心愿 #{number}）用了多少小时" in volunteer.text, volunteer.text
    await volunteer.say("-2")
    assert "负数" in volunteer.text and "用了多少小时" in volunteer.text, volunteer.text
    wish = await stored(app, number)
    assert (wish.state, wish.hours) == ("claimed", None)
    clock.advance(timedelta(minutes=2))
    await volunteer.say("一上午")
    assert "大约是 3 小时吗" in volunteer.text and "3 小时" in volunteer.buttons, volunteer.text
    assert (await stored(app, number)).state == "claimed"
    await volunteer.say("3")  # the button offered
    assert f"已记录心愿 #{number} 完成" in volunteer.text, volunteer.text
    wish = await stored(app, number)
    assert (wish.state, wish.hours) == ("fulfilled", 3)
    await grandma.pushes()

    other = await make_wish(grandma, "想找人陪我去公园走走")
    await staff.press(f"wish:ok:{other}")
    await volunteer.press(f"wish:claim:{other}")
    await volunteer.say("菜单")
    await volunteer.say("办完了")
    assert f"心愿 #{other}）用了多少小时" in volunteer.text, volunteer.text


async def test_thanks_before_a_question_do_not_confirm_the_wish(app):
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("菜单")
    await grandma.say("谢谢，我想问一下居住证怎么办")
    assert "已确认实现" not in grandma.text, grandma.text
    assert (await stored(app, number)).state == "fulfilled"


async def test_thanks_or_not_done_typed_after_other_messages_still_speak_of_the_wish(app):
    """After 菜单, 收音机收到了，谢谢 was 答不上来 and 志愿者根本没来 the volunteer registration guide."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("菜单")
    await grandma.say("志愿者根本没来，还没弄呢")
    assert f"心愿 #{number} 还没实现" in grandma.text and "志愿者注册" not in grandma.text, grandma.text
    assert (await stored(app, number)).state == "claimed"

    await volunteer.press(f"wish:hrs:{number}:2")  # marked done again
    await grandma.pushes()
    await grandma.say("菜单")
    await grandma.say("收音机收到了，谢谢")
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text
    assert (await stored(app, number)).state == "confirmed"
    await grandma.say("志愿者根本没来")  # nothing awaits her now: read as ever
    assert "还没实现" not in grandma.text, grandma.text


async def test_other_matters_said_with_a_wish_awaiting_do_not_touch_it(app):
    """垃圾三天了没人来收 sent the wish back to its volunteer (the complaint lost); 谢谢，低保怎么办 and
    灯修好了，谢谢网格员 confirmed it."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    for said in ("垃圾三天了没人来收", "快递还没来", "我的低保还没到账", "谢谢，低保怎么办", "灯修好了，谢谢网格员"):
        await grandma.pushes()  # right under the 请确认 push, or after other messages
        await grandma.say(said)
        assert "还没实现" not in grandma.text and "已确认实现" not in grandma.text, (said, grandma.text)
        assert (await stored(app, number)).state == "fulfilled", said
    assert await volunteer.pushes() == []
    await grandma.say("还没弄呢")  # short, about nothing else: the wish
    assert f"心愿 #{number} 还没实现" in grandma.text, grandma.text
