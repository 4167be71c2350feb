"""Rating a resolved case: the number a resident types is the stars given, and a low rating is never a slip."""

from __future__ import annotations

from bot.models import Case, Role
from tests.channels.wechat_harness import wechat_bot
from tests.grid.util import file_complaint, labels, pushed, report_on_wechat, resident
from tests.helpers import bind
from tests.peers import wechat_messages as wm


async def _resolved(app, li, manager):  # noqa: ANN001, ANN202
    number = await file_complaint(li)
    await pushed(manager)
    await manager.press(f"case:accept:{number}")
    await manager.press(f"case:resolve:{number}")
    await manager.say("已清理乱停车辆")
    await manager.press("cs:skip")
    await pushed(manager)
    return number


async def _state(app, number: int) -> tuple[str, int | None]:  # noqa: ANN001
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, number)
    return case.state, case.rating


async def test_typing_5_under_the_rating_push_gives_5_stars(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await _resolved(app, li, manager)
    [push] = [p for p in await pushed(li) if "打分" in p.text]
    assert labels(push) == ["1 星", "2 星", "3 星", "4 星", "5 星", "没解决"]
    assert "回复几就是几星" in push.text

    await li.say("5")
    assert f"诉求 #{number} 已关闭" in li.text
    assert await _state(app, number) == ("closed", 5)
    [told] = await pushed(manager)
    assert "居民评了 5 星" in told.text


async def test_typing_the_stars_in_words_gives_that_many(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await _resolved(app, li, manager)
    await pushed(li)
    await li.say("五星")  # as speech recognition writes it
    assert await _state(app, number) == ("closed", 5)


async def test_a_low_rating_is_confirmed_before_the_case_is_reopened(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await _resolved(app, li, manager)
    await pushed(li)

    # A slip of the finger: nothing happens until she confirms, and she can rate again.
    await li.say("1")
    assert "打了 1 星" in li.text and "确定吗" in li.text
    assert await _state(app, number) == ("resolved", None) and await pushed(manager) == []
    await li.say("按错了，重新打分")
    assert "回复几就是几星" in li.text and li.buttons[:5] == ["1 星", "2 星", "3 星", "4 星", "5 星"]
    await li.say("4")
    assert "已关闭" in li.text and await _state(app, number) == ("closed", 4)

    # Meant it: confirmed, reopened, and the grid is told the stars she chose.
    second = await _resolved(app, li, manager)
    await pushed(li)
    await li.say("2")
    await li.say("1")  # 确定 2 星，退回重新办理
    assert f"诉求 #{second} 已退回重新办理" in li.text
    assert await _state(app, second) == ("reopened", 2)
    [back] = await pushed(manager)
    assert "居民只评了 2 星" in back.text


async def test_the_rating_numbers_on_wechat_are_the_stars(sqlite_url, clock):
    openid = wm.make_openid("li")
    async with wechat_bot(sqlite_url, clock) as wx:
        app = wx.runtime.app
        manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-02")
        await resident(app, openid, channel="wechat", building="南苑2号楼")
        number = await report_on_wechat(wx, openid, wm.text("跳过", from_user=openid))
        await manager.pushes()
        await manager.press(f"case:accept:{number}")
        await manager.press(f"case:resolve:{number}")
        await manager.say("垃圾已清运")
        await manager.press("cs:skip")
        await wx.drain()
        rating = wx.peer.custom_messages(openid)[-1]["text"]["content"]
        assert "【1】1 星" in rating and "【5】5 星" in rating and "【6】没解决" in rating
        reply = await wx.ask(wm.text("5", from_user=openid))
        assert f"诉求 #{number} 已关闭" in reply["Content"]
        assert await _state(app, number) == ("closed", 5)


async def test_stars_typed_after_other_messages_still_rate_the_case_awaiting_a_rating(app):
    """The rating buttons are no longer the last shown: 2星 used to be 答不上来."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await _resolved(app, li, manager)
    await pushed(li)
    await li.say("我的诉求")  # other buttons now
    await li.say("2星")
    assert f"诉求 #{number} 打了 2 星" in li.text and "确定吗" in li.text, li.text
    assert await _state(app, number) == ("resolved", None)
    await li.say("确定")
    assert f"诉求 #{number} 已退回重新办理" in li.text, li.text
    assert await _state(app, number) == ("reopened", 2)
    [back] = await pushed(manager)
    assert "居民只评了 2 星" in back.text

    second = await _resolved(app, li, manager)
    await pushed(li)
    await li.say("菜单")
    await li.say("五星好评，谢谢你们")
    assert f"诉求 #{second} 已关闭" in li.text, li.text
    assert await _state(app, second) == ("closed", 5)


async def test_not_fixed_typed_later_reopens_the_case_and_stars_with_nothing_to_rate_say_so(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    await li.say("3 颗星")
    assert "没有等待评价的诉求" in li.text, li.text
    number = await _resolved(app, li, manager)
    await pushed(li)
    await li.say("帮助")
    await li.say("还没修好呢")
    assert f"诉求 #{number} 已退回重新办理" in li.text, li.text
    assert await _state(app, number) == ("reopened", None)


async def test_stars_typed_with_two_cases_awaiting_a_rating_ask_which(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    first = await _resolved(app, li, manager)
    second = await _resolved(app, li, manager)
    await pushed(li)
    await li.say("我的资料")
    await li.say("给4星")
    assert "2 件诉求等着评价" in li.text and f"查看 #{first}" in li.buttons and f"查看 #{second}" in li.buttons, li.text
    assert await _state(app, first) == ("resolved", None) and await _state(app, second) == ("resolved", None)


async def test_not_fixed_typed_with_nothing_to_rate_reaches_the_staff_one_is_talking_to(app):
    staff = await bind(app, "shequ", Role.staff)
    li = await resident(app, "li")
    await li.say("找工作人员")
    await li.say("我家暖气的事")
    await pushed(staff)
    await li.say("还没解决")
    assert "已接着转给社区工作人员" in li.text, li.text
    [more] = await pushed(staff)
    assert "还没解决" in more.text


async def test_not_fixed_typed_as_the_question_for_a_person_is_that_question(app):
    staff = await bind(app, "shequ", Role.staff)
    li = await resident(app, "li")
    await li.say("找工作人员")  # 请说说您的问题: the words typed next are the question
    await li.say("还没修好呢")
    [asked] = await pushed(staff)
    assert "还没修好呢" in asked.text, asked.text
