"""微心愿: approval, exactly one claimer under a race, fulfilment, confirmation, privacy and expiry."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

from sqlmodel import select

from bot.models import Role, Wish, WishEvent
from bot.services import wishes
from bot.services.deadlines import rules_for
from tests.helpers import bind
from tests.grid.util import case_id, resident
from tests.helpers import Chat


WHY = "老伴走了，一个人在家闷得慌，眼睛不好看不了电视"


async def make_wish(chat: Chat, what: str = "想要一台收音机听戏", why: str = WHY) -> int:
    await chat.say("微心愿")
    assert "心愿是什么" in chat.text, chat.text
    return await tell_wish(chat, what, why)


async def tell_wish(chat: Chat, what: str, why: str = WHY) -> int:
    """At 心愿是什么: the wish, why it is needed, within 14 days, no photo; returns its number."""
    await chat.say(what)
    assert "为什么需要它" in chat.text, chat.text
    await chat.say(why)
    assert "什么时候前" in chat.text
    await chat.press("wi:by:14")
    await chat.press("wi:skip")
    assert "微心愿已提交" in chat.text, chat.text
    return case_id(chat.text)


async def approved_wish(app, volunteers: int = 1) -> tuple[Chat, list[Chat], Chat, int]:  # noqa: ANN001
    """Staff, volunteers v1…vN (bound first, so the new wish is pushed to them) and 王桂兰 with her wish approved."""
    staff = await bind(app, "shequ", Role.staff)
    bound = [await bind(app, f"v{i}", Role.volunteer) for i in range(1, volunteers + 1)]
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma)
    await staff.press(f"wish:ok:{number}")
    return staff, bound, grandma, number


async def fulfilled_wish(app) -> tuple[Chat, Chat, Chat, int]:  # noqa: ANN001
    """Staff, a volunteer and the resident, with her wish approved, claimed and done (2 hours), 请确认 pushed to her."""
    staff, [volunteer], grandma, number = await approved_wish(app)
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.press(f"wish:done:{number}")
    await volunteer.press(f"wish:hrs:{number}:2")
    await grandma.pushes()
    return staff, volunteer, grandma, number


async def staff_answer_a_handover(staff: Chat, resident: Chat) -> None:
    """After the wish is done, the resident asks staff something else (转人工) and staff answer it."""
    await resident.say("转人工 暖气不热找谁")
    [asked] = [p for p in await staff.pushes() if "暖气不热" in p]
    handover = int(re.search(r"#(\d+)", asked).group(1))
    await staff.say(f"回复 {handover} 找物业，电话 1234567")
    await resident.pushes()


async def test_a_wish_is_approved_claimed_by_one_of_two_racing_volunteers_fulfilled_and_confirmed(any_app):
    app = any_app
    staff = await bind(app, "shequ", Role.staff)
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    v1 = await bind(app, "v1", Role.volunteer)
    v2 = await bind(app, "v2", Role.volunteer)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma)

    [review] = await staff.pushes()
    assert f"【微心愿待审核 #{number}】" in review and "收音机" in review
    assert any(f"#{number}" in p for p in await manager.pushes())
    await v1.press(f"wish:claim:{number}")
    assert "不能认领" in v1.text  # not approved yet

    await manager.press(f"wish:ok:{number}")
    assert "已推送给志愿者" in manager.text
    await staff.press(f"wish:ok:{number}")
    assert "已经审核过了" in staff.text
    assert any("已通过审核" in p for p in await grandma.pushes())

    offers = await v1.pushes() + await v2.pushes()
    assert len(offers) == 2
    for offer in offers:  # no phone, no address, no name before the claim
        assert "13698765432" not in offer and "王桂兰" not in offer and "301" not in offer
        assert "收音机" in offer and "第一网格" in offer
    await v2.say("心愿墙")
    assert f"#{number}" in v2.text and "13698765432" not in v2.text

    await asyncio.gather(v1.press(f"wish:claim:{number}"), v2.press(f"wish:claim:{number}"))
    winner, loser = (v1, v2) if "您认领了" in v1.text else (v2, v1)
    assert "您认领了" in winner.text and "13698765432" in winner.text and "北苑1号楼 301" in winner.text
    assert "已经被其他志愿者认领" in loser.text and "13698765432" not in loser.text
    assert any("已由志愿者" in p for p in await grandma.pushes())

    await loser.press(f"wish:done:{number}")
    assert "不在您的认领中" in loser.text and "多少小时" not in loser.text
    await loser.press(f"wish:hrs:{number}:2")
    assert "不在您的认领中" in loser.text

    await winner.press(f"wish:done:{number}")
    assert "多少小时" in winner.text
    await winner.say("两个半小时")  # typed as said, not one of the buttons
    assert "等居民确认" in winner.text
    [asked] = await grandma.pushes()
    assert "请确认" in asked
    await grandma.press(f"wish:confirm:{number}")
    assert "已确认实现" in grandma.text and "感谢志愿者" in grandma.buttons
    await grandma.say("谢谢小伙子，收音机很好用！")  # typed straight under the question, no button pressed
    assert "已把您的感谢转告志愿者" in grandma.text
    told = await winner.pushes()
    assert any("记入您的志愿服务 2.5 小时" in t for t in told) and any("收音机很好用" in t for t in told)
    await grandma.press(f"wish:confirm:{number}")
    assert "已经确认过了" in grandma.text

    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
        actions = [e.action for e in (await uow.session.exec(select(WishEvent).where(WishEvent.wish_id == number).order_by(WishEvent.id))).all()]
    assert wish.state == "confirmed" and wish.hours == 2.5 and not wish.auto_confirmed
    assert actions == ["make", "approve", "claim", "fulfil", "confirm", "thank"]


async def test_fifty_volunteers_claiming_at_once_get_exactly_one_claimer(any_app):
    app = any_app
    staff = await bind(app, "shequ", Role.staff)
    volunteers = [await bind(app, f"v{i}", Role.volunteer) for i in range(50)]
    grandma = await resident(app, "grandma")
    number = await make_wish(grandma)
    await staff.press(f"wish:ok:{number}")

    await asyncio.gather(*(v.press(f"wish:claim:{number}") for v in volunteers))
    winners = [v for v in volunteers if "您认领了" in v.text]
    losers = [v for v in volunteers if "已经被其他志愿者认领" in v.text]
    assert len(winners) == 1 and len(losers) == 49
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
        claims = (await uow.session.exec(select(WishEvent).where(WishEvent.action == "claim"))).all()
    assert wish.state == "claimed" and len(claims) == 1
    claimed = [p for p in await grandma.pushes() if "已由志愿者" in p]
    assert len(claimed) == 1
    assert "已由志愿者认领" in claimed[0] and "志愿者 #" not in claimed[0], claimed  # no name given: no record id either


async def test_declining_needs_a_reason_and_the_resident_is_told_it(app):
    staff = await bind(app, "shequ", Role.staff)
    grandma = await resident(app, "grandma")
    number = await make_wish(grandma, "想要一部新手机")
    await staff.press(f"wish:no:{number}")
    assert "原因" in staff.text
    await staff.say("超出微心愿的范围（一般在200元以内），建议申请临时救助")
    assert "未通过" in staff.text
    told = await grandma.pushes()
    assert any("没有通过审核" in t and "临时救助" in t for t in told)
    outsider = await resident(app, "x", building="南苑1号楼")
    await outsider.press(f"wish:ok:{number}")
    assert "没有权限" in outsider.text


async def test_an_unfulfilled_claim_is_released_and_a_fulfilled_wish_confirmed_automatically(app, clock):
    staff = await bind(app, "shequ", Role.staff)
    v1 = await bind(app, "v1", Role.volunteer)
    v2 = await bind(app, "v2", Role.volunteer)
    grandma = await resident(app, "grandma")
    number = await make_wish(grandma)
    await staff.press(f"wish:ok:{number}")
    await v1.press(f"wish:claim:{number}")
    await v1.pushes(), await v2.pushes()
    rules = rules_for(app.settings)

    clock.advance(timedelta(hours=rules.claim_hours - 1))
    async with app.db.uow() as uow:
        assert await wishes.due(uow, clock.now(), rules) == 0
    clock.advance(timedelta(hours=2))
    async with app.db.uow() as uow:
        assert await wishes.due(uow, clock.now(), rules) == 1
    async with app.db.uow() as uow:
        assert await wishes.due(uow, clock.now(), rules) == 0  # idempotent
    assert any("超时未完成" in p for p in await v1.pushes())
    assert any("重新开放" in p for p in await v2.pushes())
    await v1.press(f"wish:done:{number}")
    await v1.press(f"wish:hrs:{number}:1")
    assert "不在您的认领中" in v1.text

    await v2.press(f"wish:claim:{number}")
    await v2.press(f"wish:hrs:{number}:3")
    await grandma.pushes()
    clock.advance(timedelta(days=rules.auto_confirm_days, minutes=1))
    async with app.db.uow() as uow:
        assert await wishes.due(uow, clock.now(), rules) == 1
    assert any("自动确认" in p for p in await grandma.pushes())
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
    assert wish.state == "confirmed" and wish.auto_confirmed and wish.hours == 3 and wish.claimed_by is not None


async def test_a_wish_past_its_date_cannot_be_claimed(app, clock):
    staff = await bind(app, "shequ", Role.staff)
    v1 = await bind(app, "v1", Role.volunteer)
    grandma = await resident(app, "grandma")
    number = await make_wish(grandma)
    await staff.press(f"wish:ok:{number}")
    clock.advance(timedelta(days=15))
    await v1.press(f"wish:claim:{number}")
    assert "已过了希望实现的日期" in v1.text


async def test_a_wish_said_in_words_is_kept_and_by_when_is_read_as_people_say_it(app):
    """希望有人陪我去医院复查 used to be asked again; 下礼拜三之前 repeated the question without a word."""
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    await grandma.say("希望有人能陪我去趟医院复查")
    assert "您的心愿是：“希望有人能陪我去趟医院复查”" in grandma.text and "为什么需要" in grandma.text, grandma.text
    await grandma.say("腿脚不好儿女都在外地")
    await grandma.say("啥时候")
    assert "没看明白“啥时候”是哪一天" in grandma.text and "一周内" in grandma.buttons, grandma.text
    await grandma.say("下礼拜三之前")  # Monday 2 March 2026 in the tests' clock: next week's Wednesday
    assert "照片" in grandma.text, grandma.text
    await grandma.press("wi:skip")
    first = case_id(grandma.text)

    await grandma.say("微心愿 想要一台收音机")  # the wish after the keyword
    assert "您的心愿是：“想要一台收音机”" in grandma.text, grandma.text
    await grandma.say("一个人在家闷得慌")
    await grandma.say("三月二十号")
    await grandma.press("wi:skip")
    second = case_id(grandma.text)

    await grandma.say("我想许个愿")  # only wanting to make one: asked what it is
    assert "心愿是什么" in grandma.text, grandma.text

    async with app.db.uow() as uow:
        made = {w.id: w for w in (await uow.session.exec(select(Wish))).all()}
    assert (made[first].what, str(made[first].wanted_by)) == ("希望有人能陪我去趟医院复查", "2026-03-11")
    assert (made[second].what, str(made[second].wanted_by)) == ("想要一台收音机", "2026-03-20")


async def test_a_volunteer_claims_by_typing_and_the_resident_confirms_with_a_plain_yes(app):
    """认领 #1 typed after other messages was 答不上来; 好的 under 请确认 was taken for thanks and confirmed nothing."""
    staff, (v1, v2), grandma, number = await approved_wish(app, volunteers=2)
    await v1.pushes(), await v2.pushes()

    await v1.say("我的资料")  # other buttons now
    await v1.say("我来认领")  # no number: the wall to choose from
    assert f"认领 #{number}" in v1.buttons, v1.text
    await v1.say("帮助")
    await v1.say(f"认领 #{number}")
    assert f"您认领了心愿 #{number}" in v1.text and "13698765432" in v1.text, v1.text
    await v2.say(f"认领{number}")
    assert "已经被其他志愿者认领了" in v2.text, v2.text

    await v1.press(f"wish:done:{number}")
    await v1.say("两个半小时")
    await grandma.pushes()  # 请确认：确认已实现 / 还没有
    await grandma.say("好的")
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
    assert wish.state == "confirmed" and wish.hours == 2.5
    assert any("记入您的志愿服务 2.5 小时" in p for p in await v1.pushes())


async def test_thanks_typed_under_the_confirmation_push_confirm_the_wish(app):
    """谢谢小伙子 under 请确认 was answered 不客气, and the wish stayed unconfirmed: no hours, no thanks passed on."""
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await grandma.say("菜单")  # something else first: the push's buttons are no longer the last shown
    await grandma.say("再见")  # not thanks for the wish: nothing confirmed
    async with app.db.uow() as uow:
        assert (await uow.session.get(Wish, number)).state == "fulfilled"
    await grandma.say("谢谢小伙子")
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text
    told = await volunteer.pushes()
    assert any("记入您的志愿服务 2 小时" in t for t in told) and any("谢谢小伙子" in t for t in told)
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
    assert (wish.state, wish.thanks) == ("confirmed", "谢谢小伙子")


async def test_a_reviewer_approves_a_wish_with_a_word_of_approval_but_not_a_plain_ok(app):
    staff = await bind(app, "shequ", Role.staff)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    radio = await make_wish(grandma)
    await staff.pushes()  # 【微心愿待审核】 with 【1】通过 【2】不通过
    await staff.say("同意")
    assert f"#{radio}" in staff.text, staff.text
    walk = await make_wish(grandma, "想找人周末陪我去公园走走")
    await staff.pushes()
    await staff.say("好的")  # a plain OK publishes nothing to the volunteers
    async with app.db.uow() as uow:
        states = {n: (await uow.session.get(Wish, n)).state for n in (radio, walk)}
    assert states == {radio: "approved", walk: "pending"}, states


async def test_the_resident_is_told_when_the_volunteer_gives_the_wish_back_or_the_claim_runs_out(app, clock):
    """已由志愿者认领，他会联系您 was the last word: after a release or an expired claim the resident waited for nobody."""
    staff, (v1, v2), grandma, number = await approved_wish(app, volunteers=2)
    await v1.press(f"wish:claim:{number}")
    assert any("已由志愿者" in p for p in await grandma.pushes())

    await v1.press(f"wish:rel:{number}")
    [released] = await grandma.pushes()
    assert f"心愿 #{number}" in released and "重新请其他志愿者认领" in released

    await v2.press(f"wish:claim:{number}")
    await grandma.pushes()
    rules = rules_for(app.settings)
    clock.advance(timedelta(hours=rules.claim_hours + 1))
    async with app.db.uow() as uow:
        assert await wishes.due(uow, clock.now(), rules) == 1
    [expired] = await grandma.pushes()
    assert f"心愿 #{number}" in expired and "重新请其他志愿者认领" in expired
    assert "13698765432" not in expired


async def test_a_volunteer_finds_the_claim_again_and_finishes_or_gives_it_back_in_words(app):
    """The contact was shown once, at the claim; 已完成 and 放弃认领, which WeChat tells them to reply, were 答不上来 later on."""
    staff = await bind(app, "shequ", Role.staff)
    v1 = await bind(app, "v1", Role.volunteer, channel="wechat")
    v2 = await bind(app, "v2", Role.volunteer)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    radio = await make_wish(grandma)
    walk = await make_wish(grandma, "想找人周末陪我去公园走走")
    for number in (radio, walk):
        await staff.press(f"wish:ok:{number}")
    await v1.say(f"认领 #{radio}")
    assert "13698765432" in v1.text

    await v1.say("帮助")  # other buttons now
    await v1.say("我认领的心愿")
    assert "北苑1号楼 301" in v1.text and "13698765432" in v1.text and "王桂兰" in v1.text, v1.text
    assert "2026-03-16" in v1.text  # by when
    await v2.say("心愿墙")  # not theirs: none of it
    assert "13698765432" not in v2.text and "王桂兰" not in v2.text

    await v1.say("帮助")
    await v1.say("已完成")  # the one claim held
    assert f"心愿 #{radio}" in v1.text and "多少小时" in v1.text, v1.text
    await v1.say("2小时")
    assert "等居民确认" in v1.text

    await v1.say(f"认领 #{walk}")
    await v1.say("帮助")
    await v1.say(f"放弃认领 #{walk}")
    assert f"已放弃认领心愿 #{walk}" in v1.text, v1.text
    await v1.say("放弃认领")
    assert "没有认领中的心愿" in v1.text, v1.text

    await v2.say(f"认领 #{walk}")
    await v1.say(f"已完成 #{walk}")  # someone else holds it now: no hours asked for nothing
    assert "不在您的认领中" in v1.text and "多少小时" not in v1.text, v1.text
    async with app.db.uow() as uow:
        states = {n: (await uow.session.get(Wish, n)).state for n in (radio, walk)}
    assert states == {radio: "fulfilled", walk: "claimed"}


async def test_the_hours_served_are_understood_in_minutes_and_roughly(app):
    """90分钟 and 两小时左右 under 用了多少小时 were 答不上来, and the volunteer was let out of the question."""
    from handlers.wishes.closing import parse_hours

    assert [parse_hours(t) for t in ("90分钟", "两小时左右", "大概3小时", "一小时二十分钟", "用了两个半小时")] == [1.5, 2, 3, 1.33, 2.5]
    staff = await bind(app, "shequ", Role.staff)
    volunteer = await bind(app, "v1", Role.volunteer, channel="wechat")
    grandma = await resident(app, "grandma")
    number = await make_wish(grandma)
    await staff.press(f"wish:ok:{number}")
    await volunteer.press(f"wish:claim:{number}")
    await volunteer.press(f"wish:done:{number}")
    await volunteer.say("90分钟")
    assert "等居民确认" in volunteer.text, volunteer.text
    async with app.db.uow() as uow:
        assert (await uow.session.get(Wish, number)).hours == 1.5


async def test_a_wish_past_its_date_leaves_the_wall_and_one_without_a_date_says_any_time(app, clock):
    staff = await bind(app, "shequ", Role.staff)
    volunteer = await bind(app, "v1", Role.volunteer)
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    soon = await make_wish(grandma)  # wanted within 14 days
    await grandma.say("微心愿")
    await grandma.say("想找人陪我下象棋")
    await grandma.say("一个人在家闷得慌")
    await grandma.press("wi:by:0")  # no date
    await grandma.press("wi:skip")
    whenever = case_id(grandma.text)
    for number in (soon, whenever):
        await staff.press(f"wish:ok:{number}")
    await volunteer.say("心愿墙")
    assert f"心愿 #{soon}" in volunteer.text and "时间不限" in volunteer.text and "不限时间 前" not in volunteer.text
    clock.advance(timedelta(days=15))
    await volunteer.say("心愿墙")  # the first can no longer be claimed: it is not offered
    assert f"心愿 #{soon}" not in volunteer.text and f"心愿 #{whenever}" in volunteer.text, volunteer.text


async def test_thanks_to_staff_who_answered_since_the_wish_was_done_are_theirs(app):
    staff, volunteer, grandma, number = await fulfilled_wish(app)
    await staff_answer_a_handover(staff, grandma)
    await grandma.say("谢谢")  # for the staff member who just answered, not for the volunteer
    async with app.db.uow() as uow:
        assert (await uow.session.get(Wish, number)).state == "fulfilled"
    assert "已确认实现" not in grandma.text


async def test_a_wish_said_at_length_with_the_request_is_answered_not_ignored(app):
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    await grandma.say("微心愿 " + "想找人陪我去医院看看，" * 30 + "想找人陪我去医院")  # no reason in it to set apart
    assert "心愿请写短一点（最多 200 字）" in grandma.text, grandma.text
    await grandma.say("想找人陪我去医院复查")
    assert "为什么需要它" in grandma.text, grandma.text


def test_by_when_said_as_people_say_it_crosses_the_year():
    from datetime import date

    from handlers.wishes.wanted_by import read_wanted_by

    december = date(2026, 12, 15)
    said = {text: read_wanted_by(text, december) for text in ("月底", "下个月", "尽快", "半个月", "周末", "下周末", "不着急")}
    assert said == {
        "月底": (True, date(2026, 12, 31)), "下个月": (True, date(2027, 1, 31)), "尽快": (True, date(2026, 12, 22)),
        "半个月": (True, date(2026, 12, 30)), "周末": (True, date(2026, 12, 20)), "下周末": (True, date(2026, 12, 27)),
        "不着急": (True, None),
    }


async def test_a_bare_number_is_not_a_wish(app):
    """201 at 心愿是什么 was taken as the wish."""
    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    await grandma.say("微心愿")
    await grandma.say("201")
    assert "“201”好像不是心愿" in grandma.text and "为什么需要它" not in grandma.text, grandma.text
    number = await tell_wish(grandma, "想要一台收音机", "一个人在家闷得慌")
    async with app.db.uow() as uow:
        wish = await uow.session.get(Wish, number)
    assert wish is not None and wish.what == "想要一台收音机", wish
