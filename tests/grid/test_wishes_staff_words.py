"""Reviewers and volunteers naming a wish, their tasks and their hours in words, as played in the console.

Reviewers typing 心愿 #1 or 通过心愿1 had a new wish of their own started;
通过 #1 away from the list got 答不上来; 待办 showed only a wish's what;
a volunteer's 待办 was refused, 我的志愿时长 got the registration guide and
我是志愿者 the binding instructions.
"""

from __future__ import annotations

from sqlmodel import func, select

from bot.models import Role, Wish
from tests.grid.test_wishes import WHY, approved_wish, fulfilled_wish, make_wish
from tests.grid.util import resident
from tests.helpers import Chat, bind

# Fixed outside handlers/wishes: handlers/staff.py must call these (see the report of this change).


async def _wish(app, number: int) -> Wish:  # noqa: ANN001
    async with app.db.uow() as uow:
        return await uow.session.get(Wish, number)


async def _wish_count(app) -> int:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.exec(select(func.count()).select_from(Wish))).one()


async def _reviewers(app) -> tuple[Chat, Chat, Chat, Chat, int]:  # noqa: ANN001
    """Staff, the grid manager of wenfeng-01 (the wish's grid), another grid's manager, 王桂兰 and her pending wish."""
    staff = await bind(app, "shequ", Role.staff)
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    other = await bind(app, "zhao", Role.grid_manager, grid_id="wenfeng-02")
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma)
    for chat in (staff, manager, other, grandma):
        await chat.pushes()
    return staff, manager, other, grandma, number


async def test_a_reviewer_opens_a_wish_by_number_and_sees_its_review_card(any_app):
    staff, manager, other, _grandma, number = await _reviewers(any_app)
    for chat, words in ((staff, f"心愿 #{number}"), (manager, f"查看心愿 #{number}"), (manager, f"心愿{number}")):
        await chat.say(words)
        said = chat.text
        assert f"心愿 #{number}：想要一台收音机听戏" in said and WHY in said, (words, said)
        assert "第一网格" in said and "提出人：王**" in said and "王桂兰" not in said
        assert f"通过 #{number}" in chat.buttons and f"不通过 #{number}" in chat.buttons
        assert "心愿是什么" not in said and "您同意吗" not in said
    await other.say(f"心愿 #{number}")  # another grid's manager may not review it
    assert "没有权限" in other.text and "收音机" not in other.text
    assert await _wish_count(any_app) == 1  # nobody started a wish of their own
    assert (await _wish(any_app, number)).state == "pending"


async def test_approving_by_number_in_words_does_what_the_button_does(any_app):
    staff, manager, other, grandma, number = await _reviewers(any_app)
    await other.say(f"通过 #{number}")
    assert "没有权限" in other.text
    assert (await _wish(any_app, number)).state == "pending"

    await manager.say("你好")  # the review push's buttons are no longer the last shown
    await manager.say(f"通过心愿{number}")
    assert f"心愿 #{number} 已通过" in manager.text and "心愿是什么" not in manager.text, manager.text
    wish = await _wish(any_app, number)
    assert wish.state == "approved" and wish.reviewed_by is not None
    assert any("已通过审核" in p for p in await grandma.pushes())

    second = await make_wish(grandma, "希望有人陪我去医院复查")
    await staff.say("菜单")
    await staff.say(f"通过 #{second}")
    assert f"心愿 #{second} 已通过" in staff.text and "答不上来" not in staff.text, staff.text
    assert (await _wish(any_app, second)).state == "approved"
    await staff.say(f"通过 #{second}")
    assert "已经审核过了" in staff.text


async def test_declining_by_number_takes_the_reason_typed_with_it_or_asks_for_it(any_app):
    staff, manager, other, grandma, number = await _reviewers(any_app)
    await other.say(f"不通过 #{number} 不归你管")
    assert "没有权限" in other.text and (await _wish(any_app, number)).state == "pending"

    await staff.say(f"不通过 #{number} 重复提交了，已有同样的心愿")
    assert f"心愿 #{number} 未通过" in staff.text
    wish = await _wish(any_app, number)
    assert wish.state == "declined" and wish.reason == "重复提交了，已有同样的心愿"
    assert any("重复提交了" in p for p in await grandma.pushes())

    second = await make_wish(grandma, "希望有人陪我去医院复查")
    await manager.say(f"不通过 #{second}")
    assert f"心愿 #{second} 不通过的原因" in manager.text
    await manager.say("社区医院有专人陪诊，已帮您联系")
    wish = await _wish(any_app, second)
    assert wish.state == "declined" and wish.reason == "社区医院有专人陪诊，已帮您联系"


async def test_words_without_a_wish_number_are_read_as_before(any_app):
    grandma = await resident(any_app, "grandma", name="王桂兰")
    await grandma.say("心愿 想要一台收音机")
    assert "想要一台收音机" in grandma.text and "为什么需要它" in grandma.text


async def test_a_volunteer_may_see_an_open_wish_but_not_one_under_review(any_app):
    _staff, [volunteer], grandma, number = await approved_wish(any_app)
    await volunteer.say(f"心愿 #{number}")
    assert "收音机" in volunteer.text and "王" not in volunteer.text and f"认领 #{number}" in volunteer.buttons
    pending = await make_wish(grandma, "希望有人陪我去医院复查")
    await volunteer.say(f"心愿 #{pending}")
    assert "没有权限" in volunteer.text and "医院" not in volunteer.text


async def test_a_reviewers_tasks_show_why_when_where_and_who(any_app):
    staff, _manager, _other, _grandma, number = await _reviewers(any_app)
    await staff.say("待办")
    said = staff.text
    assert f"心愿 #{number}：想要一台收音机听戏" in said and WHY in said
    assert "希望在" in said and "第一网格" in said and "提出人：王**" in said and "王桂兰" not in said


async def test_a_volunteers_tasks_are_their_claims_not_a_refusal(any_app):
    _staff, [volunteer], _grandma, number = await approved_wish(any_app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.say("待办")
    assert "没有权限" not in volunteer.text
    assert "您认领中的心愿（1 个）" in volunteer.text and f"已完成 #{number}" in volunteer.buttons


async def test_a_volunteer_asking_for_their_hours_gets_the_confirmed_hours(any_app):
    _staff, volunteer, grandma, number = await fulfilled_wish(any_app)
    await volunteer.say("我的志愿时长")
    assert "累计 0 小时" in volunteer.text  # done, but not yet confirmed by the resident
    await grandma.press(f"wish:confirm:{number}")
    for words in ("我的志愿时长", "我的服务时长"):
        await volunteer.say(words)
        assert "累计 2 小时（1 个心愿），本月 2 小时" in volunteer.text, volunteer.text
    stranger = await resident(any_app, "stranger")
    await stranger.say("我的志愿时长")
    assert "累计" not in stranger.text  # no volunteer: the guide answers as before


async def test_a_bound_volunteer_saying_who_they_are_is_told_what_they_can_do(any_app):
    volunteer = await bind(any_app, "v1", Role.volunteer)
    await volunteer.say("我是志愿者")
    assert "已经是注册的志愿者" in volunteer.text and "心愿墙" in volunteer.text
    assert "8 位绑定码" not in volunteer.text
    newcomer = Chat(any_app, "newcomer")
    await newcomer.say("我是志愿者")
    assert "8 位绑定码" in newcomer.text


async def test_a_reviewer_asking_for_the_wishes_to_review_in_words_gets_the_list_not_a_wish_form(any_app):
    """审核心愿 / 有哪些心愿要审核 typed by staff asked for consent to start a wish of their own."""
    staff, manager, other, grandma, number = await _reviewers(any_app)
    for chat, words in ((staff, "审核心愿"), (manager, "有哪些心愿要审核"), (staff, "待审核的心愿")):
        await chat.say(words)
        said = chat.text
        assert "待审核的微心愿（1 个）" in said and f"心愿 #{number}：想要一台收音机听戏" in said, (words, said)
        assert "提出人：王**" in said and "王桂兰" not in said
        assert f"通过 #{number}" in chat.buttons and f"不通过 #{number}" in chat.buttons
        assert "您同意吗" not in said
    await other.say("审核心愿")  # another grid's manager has nothing of theirs waiting
    assert "现在没有等您审核的微心愿" in other.text and "收音机" not in other.text, other.text
    await staff.press(f"wish:ok:{number}")  # the list's 通过 #N does what the push's button does
    assert (await _wish(any_app, number)).state != "pending", staff.text
    await grandma.say("审核心愿")  # a resident's words stay a wish of her own
    assert "待审核" not in grandma.text and "没有等您审核" not in grandma.text, grandma.text
    assert await _wish_count(any_app) == 1
