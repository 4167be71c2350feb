"""微心愿 played again in `resident-bot chat`: a resident, a volunteer and two staff; each test is a defect seen there."""

from __future__ import annotations

from bot.models import Role, Wish
from bot.services import people
from tests.grid.util import resident
from tests.helpers import bind
from tests.grid.test_wishes import approved_wish, fulfilled_wish, make_wish


async def _state(app, number: int) -> str:  # noqa: ANN001
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
        assert wish is not None
        return wish.state


async def _named(app, user: str, name: str) -> None:  # noqa: ANN001
    """A staff member who has given their name (shown to colleagues)."""
    async with app.db.uow() as uow:
        person = await people.get_or_create(uow, "console", user)
        person.name = name
        await uow.commit()


async def test_what_is_missing_said_after_not_yet_reaches_the_volunteer(app):
    """还没有, then 说好昨天来的也没来: 答不上来, and the volunteer, told only “请和居民联系”, heard nothing of it."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    await grandma.press(f"wish:notyet:{number}")
    assert "直接打字告诉我" in grandma.text, grandma.text
    [told] = await volunteer.pushes()
    assert "还没有实现" in told, told
    await grandma.say("说好昨天来的也没来")
    assert "已转告" in grandma.text and "答不上来" not in grandma.text, grandma.text
    [word] = await volunteer.pushes()
    assert "说好昨天来的也没来" in word and f"#{number}" in word, word


async def test_not_yet_typed_with_what_is_missing_under_the_push_goes_to_the_volunteer(app):
    """还没有，说好昨天来的也没来 under 请确认 got 答不上来: the wish stayed “done” and the volunteer was never told."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    await grandma.say("还没有，说好昨天来的也没来")
    assert f"心愿 #{number} 还没实现" in grandma.text and "答不上来" not in grandma.text, grandma.text
    assert await _state(app, number) == "claimed"
    [told] = await volunteer.pushes()
    assert "还没有实现" in told and "说好昨天来的也没来" in told, told


async def test_a_bare_not_yet_under_the_push_is_not_passed_on_twice(app):
    """还没弄呢 says nothing the volunteer's push does not: one push, no quoted words."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    await grandma.say("说好的也没来")
    assert await _state(app, number) == "claimed"
    await volunteer.pushes()
    await volunteer.press(f"wish:hrs:{number}:2")
    await grandma.pushes()
    await grandma.say("还没弄呢")
    assert "转告了您的话" not in grandma.text and f"心愿 #{number} 还没实现" in grandma.text, grandma.text
    [told] = await volunteer.pushes()
    assert "居民说：" not in told, told


async def test_a_reviewer_typing_a_refusal_while_a_colleague_approves_is_told_who_did_what(app):
    """Staff typing 不通过 reasons while a colleague approved got “心愿 #1 已经审核过了” — by whom, which way? — and
    every later message (低保怎么办 too) was taken as the reason and refused again."""
    li = await bind(app, "li", Role.staff)
    zhang = await bind(app, "zhang", Role.staff)
    await _named(app, "zhang", "张丽")
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma, "想要个轮椅")

    await li.press(f"wish:no:{number}")
    assert "原因" in li.text, li.text
    await zhang.press(f"wish:ok:{number}")
    assert f"心愿 #{number} 已通过" in zhang.text, zhang.text
    await li.say("重复了，上个月已经领过")
    assert "由张丽审核通过" in li.text and "等待志愿者认领" in li.text, li.text
    assert "“重复了，上个月已经领过”没有发给居民" in li.text, li.text
    assert await _state(app, number) == "approved"
    assert not [p for p in await grandma.pushes() if "上个月已经领过" in p]
    await li.say("低保怎么办")  # the question is closed: read as ever
    assert "已经审核过了" not in li.text and "低保" in li.text, li.text

    await li.say(f"通过 #{number}")
    assert "由张丽审核通过" in li.text, li.text
    await zhang.say(f"不通过 #{number} 重复了")
    assert "由您审核通过" in zhang.text and "没有发给居民" in zhang.text, zhang.text


async def test_approving_a_wish_a_colleague_declined_says_so_with_the_reason(app):
    """通过 on a wish a colleague declined got only “已经审核过了”: it was declined, why, by whom."""
    li = await bind(app, "li", Role.staff)
    zhang = await bind(app, "zhang", Role.staff)
    await _named(app, "li", "李娜")
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma, "想要个轮椅")
    await li.say(f"不通过 #{number} 上个月已经领过")
    await zhang.press(f"wish:ok:{number}")
    assert "审核不通过" in zhang.text and "上个月已经领过" in zhang.text and "由李娜审核不通过" in zhang.text, zhang.text

    second = await make_wish(grandma, "想要一台收音机")
    await grandma.say(f"取消心愿 #{second}")
    await grandma.say("1")
    assert await _state(app, second) == "withdrawn", grandma.text
    await zhang.press(f"wish:no:{second}")
    assert f"心愿 #{second} 不用审核了（已撤回）" in zhang.text, zhang.text


async def test_an_answer_that_opens_by_calling_the_other_side_is_passed_on_without_asking(app):
    """阿姨我明天上午一定到 under her word was asked “是要转告的吗？” (read as a booking); 小伙子你明天几点到 likewise."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await volunteer.pushes()
    await grandma.press(f"wish:notyet:{number}")
    await grandma.say("说好昨天来的也没来")
    await volunteer.pushes()
    await volunteer.say("阿姨我明天上午一定到")
    assert "已转告" in volunteer.text and "是要转告" not in volunteer.text, volunteer.text
    [word] = await grandma.pushes()
    assert "明天上午一定到" in word, word
    await grandma.say("小伙子你明天几点到，我好在家等")
    assert "已转告" in grandma.text and "是要转告" not in grandma.text, grandma.text
    assert any("几点到" in p for p in await volunteer.pushes())


async def test_a_claimer_asking_which_floor_the_resident_lives_on_gets_whom_to_meet(app):
    """阿姨家几楼 from the volunteer holding her wish got the guide to housekeeping's window."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.say("阿姨家几楼")
    assert "王桂兰" in volunteer.text and "13698765432" in volunteer.text and "家政" not in volunteer.text, volunteer.text


async def test_the_resident_asking_who_claimed_her_wish_or_when_he_comes_is_answered(app):
    """小伙子叫什么名字 and 他几点来 got 答不上来; 谁认领的我的心愿 started a new wish of those words."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await _named(app, "v1", "王强")
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.pushes()
    await grandma.pushes()
    await grandma.say("菜单")
    for asked in ("小伙子叫什么名字", "谁认领的我的心愿"):
        await grandma.say(asked)
        assert f"认领您心愿 #{number} 的是王志愿者" in grandma.text, grandma.text
        assert "王强" not in grandma.text and "为什么需要它" not in grandma.text, grandma.text
    await grandma.say("好的，让他下午来")  # typed under it: for him
    assert "已转告" in grandma.text, grandma.text
    assert any("让他下午来" in p for p in await volunteer.pushes())

    await grandma.say("他几点来")  # may be someone else (a repairman): offered, not sent
    assert "是要转告心愿" in grandma.text, grandma.text
    assert not await volunteer.pushes()
    await grandma.say("1")
    assert any("他几点来" in p for p in await volunteer.pushes())


async def test_asking_whether_anyone_claimed_a_wish_nobody_did_lists_it_not_a_new_one(app):
    """有人认领我的心愿了吗 with the wish still pending became a wish of those words, sent to staff for review."""
    staff = await bind(app, "shequ", Role.staff)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma)
    await staff.pushes()
    for asked in ("谁认领的我的心愿", "有人认领我的心愿了吗"):
        await grandma.say(asked)
        assert f"#{number}" in grandma.text and "待审核" in grandma.text and "为什么需要它" not in grandma.text, grandma.text
    assert not await staff.pushes()


async def test_a_resident_changing_her_mind_changes_the_wish_instead_of_adding_one(app):
    """我想改一下心愿，不要书了，要个书包 became a second wish of those very words, the old one still going to volunteers."""
    staff = await bind(app, "shequ", Role.staff)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma, "孩子想要几本书", "孙子上小学了，家里没有课外书")
    await staff.pushes()
    await grandma.say("我想改一下心愿，不要书了，要个书包")
    assert f"改心愿 #{number}" in grandma.buttons and "“要个书包”" in grandma.text, grandma.text
    assert "为什么需要它" not in grandma.text and await _state(app, number) == "pending"  # asked first
    await grandma.say("1")
    assert f"已撤回原来的心愿 #{number}" in grandma.text and "孙子上小学了" in grandma.text, grandma.text
    await grandma.press("wi:by:14")
    await grandma.press("wi:skip")
    assert "微心愿已提交" in grandma.text, grandma.text
    assert await _state(app, number) == "withdrawn"
    async with app.db.uow() as uow:
        from sqlmodel import select

        made = (await uow.session.exec(select(Wish).where(Wish.id != number))).all()
    assert [(w.what, w.why, w.state) for w in made] == [("要个书包", "孙子上小学了，家里没有课外书", "pending")]
    await staff.pushes()
    await staff.press(f"wish:ok:{number}")  # the old review push: not reviewed any more
    assert f"心愿 #{number} 不用审核了（已撤回）" in staff.text, staff.text


async def test_changing_a_claimed_wish_without_saying_how_tells_the_claimer_and_asks_for_the_new_one(app):
    """心愿写错了 with the wish claimed: the claimer is told not to come, and the new wish is asked for."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.pushes()
    await grandma.pushes()
    await grandma.say("心愿写错了")
    assert "志愿者不用来了" in grandma.text and f"改心愿 #{number}" in grandma.buttons, grandma.text
    await grandma.press(f"wish:chg:{number}")
    assert "心愿是什么" in grandma.text and "已通知认领的志愿者" in grandma.text, grandma.text
    assert any("不用去了" in p for p in await volunteer.pushes())
    await grandma.say("想要一个能插卡的收音机")
    assert "原因" in grandma.text and "什么时候前" in grandma.text, grandma.text  # the reason kept, not asked again


async def test_a_door_number_typed_at_why_is_not_kept_as_the_reason(app):
    """502 sent again after the profile's door question was kept as the wish's reason (原因：502) for staff to read."""
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    await grandma.say("微心愿")
    await grandma.say("想要个轮椅")
    assert "为什么需要它" in grandma.text, grandma.text
    for door in ("502", "3号楼2单元502"):
        await grandma.say(door)
        assert f"“{door}”好像不是原因" in grandma.text and "什么时候前" not in grandma.text, grandma.text
    await grandma.say("腿脚不好，出不了门")
    assert "什么时候前" in grandma.text, grandma.text


async def test_asking_for_wishes_to_claim_shows_the_wall_not_a_wish_of_those_words(app):
    """有啥心愿可以认领 from a volunteer became a wish of those words, with the profile questions asked first."""
    _staff, [volunteer], _grandma, number = await approved_wish(app)
    for words in ("有啥心愿可以认领", "我想认领心愿", "有什么愿望能认领的"):
        await volunteer.say(words)
        assert f"认领 #{number}" in volunteer.buttons and "谢谢您愿意帮忙" in volunteer.text, (words, volunteer.text)
        assert "您同意吗" not in volunteer.text and "为什么需要它" not in volunteer.text, volunteer.text
    async with app.db.uow() as uow:
        from sqlmodel import select

        assert len((await uow.session.exec(select(Wish))).all()) == 1  # no new wish made


async def test_a_resident_asking_to_claim_a_wish_is_told_how_to_become_a_volunteer(app):
    li = await resident(app, "li")
    await li.say("我也想认领个心愿帮帮别人")
    assert "注册志愿者" in li.text and "志愿者注册" in li.buttons, li.text
    await li.press("svc:volunteer-registration")
    assert "【志愿者注册】" in li.text, li.text
    await li.say("我的心愿有人认领了吗")  # asking after one's own wish is still that
    assert "认领微心愿要先" not in li.text, li.text
