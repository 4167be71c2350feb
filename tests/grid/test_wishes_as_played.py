"""微心愿 as residents and volunteers actually said it in `resident-bot chat`: each test is a defect seen there."""

from __future__ import annotations

from bot.models import Wish
from bot.services import people
from tests.grid.test_wishes import approved_wish, fulfilled_wish, make_wish
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
