"""微心愿 played in `resident-bot chat` by a resident, two volunteers and staff: each test is a defect seen there."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Role, WishEvent
from tests.grid.test_wishes import approved_wish, make_wish
from tests.helpers import bind


async def test_the_resident_sends_word_to_the_volunteer_and_the_volunteer_asks_back(any_app):
    """跟志愿者说我下午三点以后在家 got 志愿者注册; the claimer's 问一下阿姨… got 家政服务: nobody heard the other."""
    app = any_app
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await v1.pushes()
    await grandma.pushes()

    await grandma.say("跟志愿者说一下我下午三点以后在家")
    assert f"已转告认领心愿 #{number} 的志愿者" in grandma.text and "志愿者注册" not in grandma.text, grandma.text
    [word] = [p for p in await v1.pushes() if "三点以后在家" in p]
    assert f"#{number}" in word, word

    await grandma.say("志願者什麼時候來")  # traditional characters, asked of the bot
    assert "已转告" in grandma.text, grandma.text
    assert any("志願者什麼時候來" in p for p in await v1.pushes())

    await v1.say("问一下阿姨收音机要什么样的")
    assert f"已转告心愿 #{number} 的居民" in v1.text and "家政" not in v1.text, v1.text
    [asked] = [p for p in await grandma.pushes() if "收音机要什么样的" in p]
    assert "13698765432" not in asked, asked
    await grandma.say("要能插卡的那种，字大一点")  # typed right under the question: the answer
    assert "已转告" in grandma.text, grandma.text
    assert any("要能插卡的那种" in p for p in await v1.pushes())


async def test_only_the_maker_and_the_claimer_may_send_word_on_a_wish(app):
    """A forged wish:msg: from another volunteer or a stranger is refused, and nothing is pushed."""
    staff, [v1, v2], grandma, number = await approved_wish(app, volunteers=2)
    await v1.press(f"wish:claim:{number}")
    await v1.pushes()
    await grandma.pushes()
    await v2.pushes()
    for chat in (v2, staff):
        await chat.press(f"wish:msg:{number}")
        assert "请说您要转告的话" not in chat.text, chat.text
        await chat.say("我是外人")
    await v2.press("wish:msg:abc")
    assert "请说您要转告的话" not in v2.text
    assert not [p for p in await grandma.pushes() + await v1.pushes() if "我是外人" in p]
    await v2.say("问一下阿姨收音机要什么样的")  # not their claim: read as ever, nothing passed on
    assert "已转告" not in v2.text
    assert not await grandma.pushes()

    await grandma.press(f"wish:msg:{number}")  # the maker's own button: the words asked, then passed on
    assert "请说您要转告的话" in grandma.text, grandma.text
    await grandma.say("门铃坏了，到了敲门")
    assert any("门铃坏了" in p for p in await v1.pushes())
    async with app.db.uow() as uow:
        events = (await uow.session.exec(select(WishEvent).where(WishEvent.action == "message"))).all()
    assert [e.note for e in events] == ["to=volunteer"]  # the words themselves are not kept in the trail


async def test_asking_when_the_volunteer_comes_before_anyone_claimed_says_so(app):
    """志愿者什么时候来 with the wish still on the wall got the guide to registering as a volunteer."""
    staff = await bind(app, "shequ", Role.staff)
    from tests.grid.util import resident

    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    number = await make_wish(grandma)
    await grandma.say("志愿者什么时候来啊")
    assert f"心愿 #{number} 还没有志愿者认领" in grandma.text and "志愿者注册" not in grandma.text, grandma.text
    await grandma.say("志愿者注册怎么办")  # no word for a volunteer: the guide as ever
    assert "志愿者注册" in grandma.text, grandma.text


async def test_words_of_the_wish_itself_typed_under_a_message_are_not_passed_on(app):
    """这个我弄不了 typed under the resident's word went to her as a message; the claim was never offered back."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.pushes()
    await grandma.say("跟志愿者说我在家等着")
    await v1.pushes()  # her word, with 回复居民
    await v1.say("这个我弄不了")
    assert f"放弃认领心愿 #{number}" in v1.text or "放弃认领" in v1.text, v1.text
    assert "已转告" not in v1.text and not await grandma.pushes()

    await v1.press(f"wish:hrs:{number}:2")  # done after all; she is asked to confirm
    await grandma.pushes()
    await v1.say("问问阿姨收音机好用吗")
    await grandma.pushes()  # his question, with 回复志愿者
    await grandma.say("收音机收到了，谢谢小伙子")  # thanks under it: the wish confirmed, the thanks passed on
    assert f"心愿 #{number} 已确认实现" in grandma.text, grandma.text


async def test_the_button_words_typed_before_an_answer_are_not_passed_on(app):
    """回复居民 好的我明天上午去 reached her as “回复居民 好的我明天上午去”."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.say("告诉志愿者门口有狗别怕")
    await v1.pushes()
    await v1.say(f"回复居民 #{number} 好的我明天上午去")
    [said] = [p for p in await grandma.pushes() if "明天上午去" in p]
    assert "回复居民" not in said, said


async def test_thanks_is_asked_only_of_the_maker_of_a_confirmed_wish(app):
    """A forged 感谢志愿者 (or one pressed before the wish was done) asked for words, then refused them once typed."""
    staff, [v1, v2], grandma, number = await approved_wish(app, volunteers=2)
    await v1.press(f"wish:claim:{number}")
    await v2.press(f"wish:thank:{number}")
    assert "说的话" not in v2.text and "没有权限" in v2.text, v2.text
    await grandma.press(f"wish:thank:{number}")  # not done yet
    assert "说的话" not in grandma.text and f"心愿 #{number} 还没有标记完成" in grandma.text, grandma.text
    await grandma.say("谢谢你们")
    async with app.db.uow() as uow:
        from bot.models import Wish

        wish = await uow.session.get(Wish, number)
    assert (wish.state, wish.thanks) == ("claimed", None)


async def test_an_old_done_button_says_the_wish_was_withdrawn_or_is_already_done(app):
    """已完成 pressed on a wish she withdrew (or one already marked done) said 不在您的认领中（可能已超时释放）."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.press(f"wish:wd:{number}")
    await v1.pushes()
    await v1.press(f"wish:done:{number}")
    assert "居民已经撤回" in v1.text and "超时" not in v1.text, v1.text

    number = await make_wish(grandma)
    await staff.press(f"wish:ok:{number}")
    await v1.press(f"wish:claim:{number}")
    await v1.press(f"wish:hrs:{number}:2")
    await v1.press(f"wish:done:{number}")  # pressed again from the claim's message
    assert "已经标记完成" in v1.text and "超时" not in v1.text, v1.text


async def test_an_address_or_a_nod_at_the_wish_question_is_not_taken_as_the_wish(app):
    """2单元501 said after the profile's address questions became the wish volunteers read; 嗯 too."""
    from tests.grid.util import resident

    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    await grandma.say("微心愿")
    for said in ("2单元501", "北苑3号楼", "嗯"):
        await grandma.say(said)
        assert "好像不是心愿" in grandma.text and "为什么需要它" not in grandma.text, (said, grandma.text)
    await grandma.say("想要个收音機")
    assert "为什么需要它" in grandma.text, grandma.text
    await grandma.say("返回")
    assert "心愿是什么" in grandma.text, grandma.text


async def test_words_for_the_resident_of_a_withdrawn_wish_say_it_was_withdrawn(app):
    """跟阿姨说我明天到, from the volunteer whose claim she had just withdrawn, got the guide to housekeeping."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.press(f"wish:wd:{number}")
    await v1.say("跟阿姨说我明天到")
    assert f"心愿 #{number} 居民已经撤回了" in v1.text and "家政" not in v1.text, v1.text


async def test_asking_how_a_wish_goes_shows_the_wishes_and_makes_no_new_one(app):
    """我的心愿怎么样了 started a wish of those words (then 心愿审核了吗 became its reason) that staff were asked to review."""
    staff, [v1], grandma, number = await approved_wish(app)
    await staff.pushes()
    await grandma.say("我的心愿怎么样了")
    assert f"#{number}" in grandma.text and "等待志愿者认领" in grandma.text and "为什么需要它" not in grandma.text, grandma.text
    await grandma.say("微心愿")
    await grandma.say("心願審核了嗎")  # at 心愿是什么, traditional characters: the list, then the same question
    assert f"#{number}" in grandma.text and "心愿是什么" in grandma.text, grandma.text
    await grandma.say("想要个老花镜")
    await grandma.say("我的心愿有人认领了吗")  # at 为什么需要它: not its reason
    assert "为什么需要它" in grandma.text and "老花镜" in grandma.text, grandma.text
    await grandma.say("眼睛不好")
    assert "什么时候前" in grandma.text, grandma.text
    assert not [p for p in await staff.pushes() if "怎么样了" in p or "认领了吗" in p]


async def test_a_claimer_asking_for_the_residents_phone_gets_whom_to_meet(app):
    """我认领的那个阿姨电话多少 got the centre's opening hours; the claim's contact was one 心愿墙 away, unknown to him."""
    staff, [v1, v2], grandma, number = await approved_wish(app, volunteers=2)
    await v1.press(f"wish:claim:{number}")
    await v1.say("我认领的那个阿姨电话多少")
    assert "13698765432" in v1.text and "王桂兰" in v1.text, v1.text
    await v2.say("那个阿姨电话多少")  # holds no claim: nothing of hers
    assert "13698765432" not in v2.text and "王桂兰" not in v2.text, v2.text


async def test_a_change_of_mind_at_a_later_question_puts_the_wish_right(app, clock):
    """说错了 became the reason, 不对，不是收音机，是想要个电视 was 没看明白 as a day: the wrong wish went to review."""
    from tests.grid.util import resident

    grandma = await resident(app, "grandma", name="王桂兰", phone="13698765432")
    await grandma.say("微心愿")
    await grandma.say("想要个收音机")
    await grandma.say("说错了")  # at 为什么需要它: the question before
    assert "心愿是什么" in grandma.text, grandma.text
    await grandma.say("想要个收音机")
    await grandma.say("眼睛不好")
    await grandma.say("不对，不是收音机，是想要个电视")  # at 什么时候前: the wish put right, its reason asked again
    assert "想要个电视" in grandma.text and "为什么需要它" in grandma.text, grandma.text
    await grandma.say("眼睛不好看不清手机")
    await grandma.press("wi:by:7")
    await grandma.say("不对，是不着急")  # at the photo: the day put right
    assert "照片" in grandma.text, grandma.text
    await grandma.press("wi:skip")
    assert "微心愿已提交" in grandma.text, grandma.text
    async with app.db.uow() as uow:
        from bot.models import Wish

        [wish] = (await uow.session.exec(select(Wish))).all()
    assert (wish.what, wish.why, wish.wanted_by) == ("想要个电视", "眼睛不好看不清手机", None)


async def test_the_claimed_push_offers_the_resident_a_way_to_send_word(app):
    """已由志愿者认领，志愿者会联系您: and if he does not call, she had no way to reach him."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.pushes()
    await grandma.say("1")  # the claimed push's one choice, as she reads it
    assert "请说您要转告的话" in grandma.text, grandma.text
    await grandma.say("我白天都在家，直接来就行")
    assert "已转告" in grandma.text, grandma.text
    assert any("我白天都在家" in p for p in await v1.pushes())


async def test_a_request_typed_under_a_message_is_asked_about_before_it_is_passed_on(app):
    """我家楼道灯坏了 typed under the volunteer's word (its choices in force for a day) went to the volunteer."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await v1.say("跟阿姨说我明天上午到")
    await grandma.pushes()
    await grandma.say("我家楼道灯坏了")
    assert "是要转告心愿" in grandma.text, grandma.text
    assert not [p for p in await v1.pushes() if "楼道灯" in p]
    await grandma.say("2")  # 不是，我问别的: read as a complaint, as if typed alone
    assert "已转告" not in grandma.text and "是要转告" not in grandma.text, grandma.text
    assert not [p for p in await v1.pushes() if "楼道灯" in p]
    await grandma.say("取消")  # the complaint form it opened

    await v1.say("跟阿姨说我明天上午到")
    await grandma.pushes()
    await grandma.say("我白天都在家，直接来就行")  # read alone, a question about a service
    await grandma.say("好的")  # yes: it was for him
    assert "已转告" in grandma.text, grandma.text
    assert any("我白天都在家" in p for p in await v1.pushes())


async def test_staff_who_hold_a_claim_speaking_of_residents_at_large_send_nothing(app):
    """A staff member who also volunteers: 通知居民明天停水 must not reach the one resident whose wish they hold."""
    staff, [v1], grandma, number = await approved_wish(app)
    from bot.models import Role
    from tests.helpers import bind

    both = await bind(app, "v1", Role.staff)  # the volunteer is staff too
    await v1.press(f"wish:claim:{number}")
    await grandma.pushes()
    for said in ("通知居民明天停水", "跟居民说一下明天停水"):
        await both.say(said)
        assert "已转告" not in both.text, both.text
    assert not await grandma.pushes()


async def test_not_done_and_the_claim_offer_a_word_to_the_other_side(app):
    """还没有 said, the resident could not say what was missing; the claimer had only a phone number to call."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await v1.say("3")  # 给居民捎句话, the claim's third choice
    assert "请说您要转告的话" in v1.text, v1.text
    await v1.say("阿姨我下午两点到")
    assert any("下午两点到" in p for p in await grandma.pushes())
    await v1.press(f"wish:hrs:{number}:2")
    await grandma.pushes()
    await grandma.press(f"wish:notyet:{number}")
    await grandma.say("1")  # 给志愿者捎句话
    assert "请说您要转告的话" in grandma.text, grandma.text
    await grandma.say("他就打了个电话，没来")
    assert any("打了个电话" in p for p in await v1.pushes())


async def test_a_claimer_saying_the_time_served_is_asked_whether_the_wish_is_done(app):
    """陪了三个小时 typed alone, a claim held, got 答不上来: only 已完成's question read the hours."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.pushes()
    await v1.say("今天陪了三个小时，明天还要去")  # work going on: nothing asked
    assert "已经完成" not in v1.text, v1.text
    await v1.say("陪了三个小时")
    assert f"心愿 #{number}" in v1.text and "3 小时" in v1.text, v1.text
    assert (await stored_state(app, number)) == "claimed"  # asked, not done
    await v1.say("两个半小时")  # the length put right
    assert f"已记录心愿 #{number} 完成" in v1.text, v1.text
    async with app.db.uow() as uow:
        from bot.models import Wish

        wish = await uow.session.get(Wish, number)
    assert (wish.state, wish.hours) == ("fulfilled", 2.5)

    number = await make_wish(grandma)
    await staff.press(f"wish:ok:{number}")
    await v1.press(f"wish:claim:{number}")
    await v1.say("陪了一上午")
    assert "3 小时" in v1.text, v1.text
    await v1.say("好的")
    assert f"已记录心愿 #{number} 完成" in v1.text, v1.text


async def stored_state(app, number: int) -> str:  # noqa: ANN001
    async with app.db.uow() as uow:
        from bot.models import Wish

        return (await uow.session.get(Wish, number)).state


async def test_a_claimers_news_is_offered_to_the_resident_not_answered_with_a_guide(app):
    """收音机已经买好了，明天送过去 from the claimer got the guide to day care for the elderly; the resident heard nothing."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.pushes()
    await v1.say("收音机已经买好了，明天送过去")
    assert f"是心愿 #{number} 的进展吗" in v1.text and "日间照料" not in v1.text, v1.text
    await v1.say("1")
    assert "已转告" in v1.text, v1.text
    assert any("收音机已经买好了" in p for p in await grandma.pushes())

    await v1.say("我明天过去")
    await v1.say("2")  # 不是，我问别的: read as it would have been, and not asked again
    assert "进展" not in v1.text, v1.text
    assert not await grandma.pushes()
    await v1.say("明天去社区办居住证")  # their own errand, a service named: answered as ever
    assert "居住证" in v1.text and "进展" not in v1.text, v1.text
    await v1.say("收音机明天送过去")  # news again, after a 不是
    assert f"是心愿 #{number} 的进展吗" in v1.text, v1.text


async def test_asking_for_the_volunteers_phone_or_for_xiao_wang_reaches_the_volunteer_not_the_guide(app):
    """志愿者电话多少 and 小王什么时候来 got the guide to registering as a volunteer (or 答不上来)."""
    from tests.grid.test_wishes_as_played import name_volunteer

    staff, [v1], grandma, number = await approved_wish(app)
    await name_volunteer(app, v1, "王建国", "13711112222")
    await v1.press(f"wish:claim:{number}")
    await grandma.pushes()
    await v1.pushes()
    await grandma.say("志愿者电话多少")
    assert "不对外给出" in grandma.text and "13711112222" not in grandma.text and "志愿者注册" not in grandma.text, grandma.text
    await grandma.say("让他明天上午来")  # what she wants to say: passed on
    assert "已转告" in grandma.text, grandma.text
    assert any("让他明天上午来" in p for p in await v1.pushes())
    await grandma.say("小王什么时候来")
    assert "已转告" in grandma.text, grandma.text
    await grandma.say("小孙什么时候来")  # not the volunteer's name: read as ever
    assert "已转告" not in grandma.text, grandma.text
    told = [p for p in await v1.pushes() if "什么时候来" in p]
    assert len(told) == 1 and "小王" in told[0], told


async def test_word_for_the_volunteer_with_two_wishes_claimed_asks_which_and_keeps_the_words(app):
    staff, [v1, v2], grandma, first = await approved_wish(app, volunteers=2)
    second = await make_wish(grandma, "希望有人陪我去医院复查")
    await staff.press(f"wish:ok:{second}")
    await v1.press(f"wish:claim:{first}")
    await v2.press(f"wish:claim:{second}")
    await grandma.pushes()
    await v1.pushes()
    await v2.pushes()
    await grandma.say("跟志愿者说我下午在家")
    assert "哪个心愿" in grandma.text, grandma.text
    await grandma.press(f"wish:msg:{second}")
    assert "已转告" in grandma.text, grandma.text
    assert any("我下午在家" in p for p in await v2.pushes())
    assert not [p for p in await v1.pushes() if "我下午在家" in p]


async def test_the_wall_typed_by_sound_shows_the_wall_not_a_wish(app):
    """心愿强 (a pinyin keyboard's 心愿墙) started a wish of those words; 新愿墙 got 答不上来."""
    staff, [v1], grandma, number = await approved_wish(app)
    await staff.pushes()
    for said in ("心愿强", "新愿墙"):
        await v1.say(said)
        assert f"认领 #{number}" in str(v1.buttons) or f"心愿 #{number}" in v1.text, (said, v1.text)
        assert "为什么需要它" not in v1.text and "答不上来" not in v1.text, (said, v1.text)
    await v1.say("微心愿")
    await v1.say("心原墙")  # at 心愿是什么, nothing written yet
    assert f"心愿 #{number}" in v1.text, v1.text
    assert not [p for p in await staff.pushes() if "墙" in p or "强" in p]


async def test_a_question_about_words_left_unanswered_is_no_draft(app):
    """我明天过去 asked 是心愿的进展吗; 心愿墙 next said 刚才填到一半的“刚才的操作”已经为您保存 and offered 继续."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    for said in ("我明天过去", "陪了三个小时"):
        await v1.say(said)
        await v1.say("心愿墙")
        assert "保存" not in v1.text and "继续" not in v1.text, (said, v1.text)
    await grandma.say("志愿者电话多少")
    await grandma.say("我的心愿")
    assert "保存" not in grandma.text, grandma.text


async def test_the_time_served_typed_under_the_residents_word_is_not_passed_on(app):
    """陪了三个小时 under her 好的 went to her as a message; the claim was never marked done."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.say("跟志愿者说好的")
    await v1.pushes()  # her word, with 回复居民
    await v1.say("陪了三个小时")
    assert "3 小时" in v1.text and "已转告" not in v1.text, v1.text
    await v1.say("是的")
    assert f"已记录心愿 #{number} 完成" in v1.text, v1.text
    assert not [p for p in await grandma.pushes() if "陪了三个小时" in p]


async def test_a_volunteer_answering_with_huifu_as_wechat_users_do_passes_the_words_on(app):
    """回复 好的我明天上午去 under the resident's word got 现在没有要选的编号."""
    staff, [v1], grandma, number = await approved_wish(app)
    await v1.press(f"wish:claim:{number}")
    await grandma.say("告诉志愿者门口有狗别怕")
    await v1.pushes()
    await v1.say("回复 好的我明天上午去")
    assert f"已转告心愿 #{number} 的居民" in v1.text, v1.text
    [said] = [p for p in await grandma.pushes() if "明天上午去" in p]
    assert "回复" not in said.split("：", 1)[-1], said
