"""What residents and grid managers type about a case away from its buttons, and what each of them is told.

Found by playing the users: a resident's 没解决，垃圾还在 reached the grid
as "— 星/未解决" without why; an escalation's reason never reached whoever
took it; followers were shown the question meant for the reporter; a grid
manager's 收到 got 不客气 and left the case 待受理; 补充信息 #1 … listed services.
"""

from __future__ import annotations

from sqlmodel import select

from bot.models import Case, CaseEvent, Role
from tests.grid.util import accept_and_resolve, escalated, file_complaint, follow_offered, labels, pushed, resident
from tests.helpers import bind, unanswered


async def _state(app, number: int) -> str:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.get(Case, number)).state


async def _events(app, number: int) -> list[CaseEvent]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return list((await uow.session.exec(select(CaseEvent).where(CaseEvent.case_id == number).order_by(CaseEvent.id))).all())


async def _resolved(app, manager, li, **complaint: str) -> int:  # noqa: ANN001
    number = await file_complaint(li, **complaint)
    await pushed(manager)
    await accept_and_resolve(manager, number, "已安排清运")
    assert f"诉求 #{number} 已办结" in manager.text, manager.text
    await li.pushes()
    return number


async def test_not_fixed_with_a_reason_tells_the_grid_why_and_keeps_it_in_the_history(any_app):
    app = any_app
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await _resolved(app, manager, li, category="sanitation", text="北苑1号楼门口垃圾堆了三天", where="北苑1号楼门口")

    await li.say("我的诉求")  # the rating buttons are no longer the last shown
    await li.say("没解决，垃圾还在")
    assert f"诉求 #{number} 已退回重新办理" in li.text and "垃圾还在" in li.text, li.text
    assert await _state(app, number) == "reopened"

    [back] = await manager.pushes()
    assert f"【重新办理 #{number}】居民说问题还没有解决" in back, back
    assert "居民说：垃圾还在" in back and "— 星" not in back and " 星/" not in back, back

    reopen = [e for e in await _events(app, number) if e.action == "reopen"]
    assert [e.note for e in reopen] == ["垃圾还在"]
    await manager.press(f"case:view:{number}")
    assert "居民不满意，重新办理：垃圾还在" in manager.text, manager.text
    await li.press(f"cs:view:{number}")
    assert "居民不满意，重新办理：垃圾还在" in li.text, li.text


async def test_the_reason_of_an_escalation_reaches_whoever_takes_it(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    staff = await bind(app, "shequ", Role.staff)  # the street has nobody on the bot: the community stands in
    li = await resident(app, "li")
    number = await file_complaint(li, category="sanitation", text="北苑垃圾站满了没人清运", where="北苑1号楼东侧垃圾站")
    await pushed(manager)
    await pushed(staff)

    await manager.say(f"上报街道 #{number} 垃圾清运车进不来，需要街道协调")
    assert f"诉求 #{number} 已上报街道" in manager.text, manager.text
    [push] = await pushed(staff)
    assert f"【上报街道 #{number}】街道还没有工作人员" in push.text
    assert "上报原因：垃圾清运车进不来，需要街道协调" in push.text, push.text
    assert [(e.action, e.note) for e in await _events(app, number)][-1] == ("escalate", "垃圾清运车进不来，需要街道协调")


async def test_street_staff_read_the_reason_of_an_escalation_pressed_and_typed(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    street, number = await escalated(app, manager, "占道停车需要交警执法")
    [push] = await pushed(street)
    assert f"【上报街道 #{number}】" in push.text and "上报原因：占道停车需要交警执法" in push.text, push.text


async def test_followers_learn_the_state_but_not_the_question_asked_of_the_reporter(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="sanitation", text="北苑1号楼门口垃圾没人清", where="北苑1号楼门口")
    zhang = await resident(app, "zhang", name="张伟", phone="13700002222")
    await follow_offered(zhang, number, category="sanitation")
    await pushed(manager)
    await zhang.pushes()

    await manager.press(f"case:ask_info:{number}")
    await manager.say("垃圾具体堆在哪个位置？")
    [to_reporter] = await pushed(li)
    assert "垃圾具体堆在哪个位置" in to_reporter.text and labels(to_reporter) == ["补充信息"]
    [to_follower] = await pushed(zhang)
    assert f"【诉求进展 #{number}】环境卫生：待补充信息" in to_follower.text
    assert "垃圾具体堆在哪个位置" not in to_follower.text and "说明" not in to_follower.text, to_follower.text
    assert labels(to_follower) == []

    await zhang.say("我的诉求")
    await zhang.press(f"cs:view:{number}")
    assert "请居民补充信息" in zhang.text and "垃圾具体堆在哪个位置" not in zhang.text, zhang.text
    assert "补充信息" not in zhang.buttons
    await li.press(f"cs:view:{number}")
    assert "请居民补充信息：垃圾具体堆在哪个位置" in li.text, li.text


async def test_a_grid_manager_s_words_away_from_the_push_offer_their_one_case(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="sanitation", text="北苑1号楼门口垃圾没人清", where="北苑1号楼门口")
    await pushed(manager)
    await manager.say("待办")  # the task's buttons are no longer the last shown
    await manager.say("我的资料")

    await manager.say("收到")  # away from the push it may answer anything: the one case is offered, not taken
    assert f"是要“受理”这件诉求吗？#{number}" in manager.text and "不客气" not in manager.text, manager.text
    assert await _state(app, number) == "submitted"
    await manager.say("1")
    assert f"已受理诉求 #{number}" in manager.text, manager.text
    assert await _state(app, number) == "accepted"
    assert any("已受理" in t for t in await li.pushes())

    await manager.say("我的资料")
    await manager.say("我们马上去处理")  # words that could be about anything: nothing done without a press
    assert await _state(app, number) == "accepted"
    await manager.say("处理好了")
    assert f"是要“已解决”这件诉求吗？#{number}" in manager.text, manager.text
    await manager.say("1")
    assert f"请写一下处理结果（诉求 #{number}）" in manager.text, manager.text
    await manager.say("已清运")
    await manager.press("cs:skip")
    assert f"诉求 #{number} 已办结" in manager.text
    assert await _state(app, number) == "resolved"

    await manager.say("收到")  # nothing left to accept: said so, not 不客气
    assert "没有可以“受理”的诉求" in manager.text and "不客气" not in manager.text, manager.text
    assert await unanswered(app) == []

    # The resident's own 收到 and 处理好了 are words, as before: nothing happens to any case.
    await li.say("收到")
    assert "不客气" in li.text, li.text
    await li.say("处理好了")
    assert "已受理" not in li.text and "处理结果" not in li.text, li.text
    assert await _state(app, number) == "resolved"


async def test_with_several_cases_the_manager_is_asked_which_and_the_choice_is_checked_again(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    other = await bind(app, "zhao", Role.grid_manager, grid_id="wenfeng-02")
    third = await bind(app, "sun", Role.grid_manager, grid_id="wenfeng-03")
    li = await resident(app, "li")
    first = await file_complaint(li, text="北苑1号楼门口总有车乱停")
    second = await file_complaint(li, category="facilities", text="北苑1号楼楼道灯坏了")
    await pushed(manager)
    await manager.say("我的资料")

    await manager.say("收到")
    assert "您有 2 件诉求可以“受理”" in manager.text, manager.text
    assert [b for b in manager.buttons if b.startswith("#")] == [f"#{first} 停车·待受理·北苑1号楼门口总有车乱停", f"#{second} 公共设施·待受理·北苑1号楼楼道灯坏了"], manager.buttons
    assert await _state(app, first) == await _state(app, second) == "submitted"
    await manager.say("2")
    assert f"已受理诉求 #{second}" in manager.text, manager.text
    assert (await _state(app, first), await _state(app, second)) == ("submitted", "accepted")

    # The choice's payload is an ordinary press: another grid's manager cannot use it.
    await other.press(f"case:accept:{first}")
    assert "没有权限" in other.text

    # 转给三网格 with two open cases: which one, each choice going straight to the grid named.
    await manager.say("我的资料")
    await manager.say("转给三网格")
    assert "您有 2 件诉求可以“转其他网格”" in manager.text, manager.text
    await manager.say("1")
    assert f"诉求 #{first} 已转给第三网格（烟厂家属院）" in manager.text, manager.text
    assert [f"【转办 #{first}】" in r.text for r in await pushed(third)] == [True]

    # 收到 #N names the case.
    await manager.say(f"处理好了 #{second}")
    assert f"请写一下处理结果（诉求 #{second}）" in manager.text, manager.text
    assert await unanswered(app) == []


async def test_add_info_typed_with_the_number_goes_to_the_residents_own_case(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    zhang = await resident(app, "zhang", name="张伟", phone="13700002222")
    number = await file_complaint(li, category="facilities", text="北苑1号楼楼道灯坏了", where="北苑1号楼楼道")
    await pushed(manager)

    await li.say(f"补充信息 #{number} 灯还是不亮")
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    [told] = await pushed(manager)
    assert f"【诉求 #{number} 居民补充】灯还是不亮" in told.text
    assert [(e.action, e.note) for e in await _events(app, number)][-1] == ("info", "灯还是不亮")

    # Someone else's case: refused by the service, nothing added.
    await zhang.say(f"补充信息 #{number} 我家门口也不亮")
    assert "没有权限" in zhang.text, zhang.text
    assert [e.note for e in await _events(app, number) if e.action == "info"] == ["灯还是不亮"]

    # Asked 请居民补充: 补充信息 alone is for that case.
    await manager.press(f"case:ask_info:{number}")
    await manager.say("是几楼的灯？")
    await li.pushes()
    await li.say("我的资料")
    await li.say("补充信息")
    assert f"请补充诉求 #{number} 的信息" in li.text, li.text
    await li.say("三楼和四楼之间")
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    assert await _state(app, number) == "in_progress"


async def test_not_fixed_pressed_offers_to_say_what_is_still_wrong(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await _resolved(app, manager, li, category="sanitation", text="北苑1号楼门口垃圾堆了三天", where="北苑1号楼门口")

    await li.press(f"cs:nf:{number}")
    assert f"诉求 #{number} 已退回重新办理" in li.text and "补充信息" in li.buttons, li.buttons
    [back] = await manager.pushes()
    assert f"【重新办理 #{number}】居民说问题还没有解决" in back and "居民说：" not in back, back
    await li.say("补充信息")  # the button's words
    await li.say("门口的垃圾还在，桶也没换")
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    [told] = await manager.pushes()
    assert "门口的垃圾还在，桶也没换" in told


async def test_a_manager_asking_about_an_action_or_naming_a_grid_changes_nothing_without_a_press(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="sanitation", text="北苑1号楼门口垃圾没人清", where="北苑1号楼门口")
    await pushed(manager)
    await manager.say(f"受理 #{number}")
    await li.pushes()
    await manager.say("我的资料")
    await manager.say("请居民补充是什么意思")  # was done at once, the question pushed to the resident as the request
    assert await _state(app, number) == "accepted" and await li.pushes() == []
    await manager.say("转给第二网格吧")  # was transferred at once
    assert f"#{number}" in manager.text and await _state(app, number) == "accepted", manager.text


async def test_a_case_named_away_from_any_list_opens_it_for_those_who_may_see_it(app):
    """查看 #2, #2, 看一下2号诉求 were 答不上来 to a grid manager; 诉求 #2 opened the consent notice of a new complaint."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    other = await bind(app, "zhao", Role.grid_manager, grid_id="wenfeng-02")
    li = await resident(app, "li")
    zhang = await resident(app, "zhang", name="张伟", phone="13700002222")
    number = await file_complaint(li, category="sanitation", text="北苑1号楼门口垃圾没人清", where="北苑1号楼门口")
    await pushed(manager)

    for words in (f"查看 #{number}", f"#{number}", f"看一下{number}号诉求", f"诉求 #{number}"):
        await manager.say("我的资料")  # the task list's buttons are not the last shown
        await manager.say(words)
        assert f"诉求 #{number} · 环境卫生 · 待受理" in manager.text and "办理记录" in manager.text, (words, manager.text)
        assert "受理" in manager.buttons and "个人信息" not in manager.text, (words, manager.buttons)
    assert await _state(app, number) == "submitted"

    # The service decides who may see it: another grid's manager, another resident are refused.
    await other.say(f"查看 #{number}")
    assert "没有权限" in other.text and "垃圾没人清" not in other.text, other.text
    await zhang.say(f"诉求 #{number}")
    assert "没有权限" in zhang.text and "垃圾没人清" not in zhang.text, zhang.text

    # The resident's own case, as she reads it: no handler's buttons, and no new complaint begun.
    await li.say(f"诉求 #{number}")
    assert f"诉求 #{number} · 环境卫生 · 待受理" in li.text and "补充信息" in li.buttons and "受理" not in li.buttons, li.text
    assert "类别" not in li.text, li.text
    await li.say("诉求 楼道灯坏了")  # words after 诉求 are still a complaint
    assert "登记成诉求" in li.text, li.text
    assert await unanswered(app) == []


async def test_a_manager_says_when_they_will_go_and_what_was_done_and_the_resident_reads_it(app):
    """收到 我下午去看看 was 图书借阅 (看看 read as reading); 灯已经换好了 答不上来 away from the task,
    and under it the result was asked again; 1 typed at the result was sent to the resident as the result;
    words at the result photo were dropped."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="楼道灯坏了好几天了，黑咕隆咚的")
    await pushed(manager)
    await manager.say("待办")
    await manager.say("收到 我下午去看看")
    assert f"是要“受理”这件诉求吗？#{number}" in manager.text, manager.text
    await manager.say("1")
    assert await _state(app, number) == "accepted"

    await manager.say("我的资料")
    await manager.say("灯已经换好了")
    assert f"是要“已解决”这件诉求吗？#{number}" in manager.text, manager.text
    await manager.say("1")  # the words said were the result: not asked for again
    assert "处理结果记为：“灯已经换好了”" in manager.text and f"诉求 #{number} 有处理后的照片吗" in manager.text, manager.text
    await manager.say("换了新的LED灯")
    assert "已补充到处理结果：“换了新的LED灯”" in manager.text, manager.text
    await manager.press("cs:skip")
    assert f"诉求 #{number} 已办结" in manager.text, manager.text
    told = "\n".join(await li.pushes())
    assert "灯已经换好了，换了新的LED灯" in told, told


async def test_a_bare_number_or_ok_is_no_result_and_the_result_is_asked_again(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="sanitation", text="北苑1号楼门口垃圾没人清", where="北苑1号楼门口")
    await manager.press(f"case:accept:{number}")
    await manager.press(f"case:resolve:{number}")
    for said in ("1", "好的", "。"):
        await manager.say(said)
        assert "请用文字写，居民会看到这段话" in manager.text and f"请写一下处理结果（诉求 #{number}）" in manager.text, (said, manager.text)
    await manager.say("已清运")
    assert "处理结果记为：“已清运”" in manager.text, manager.text
    assert await _state(app, number) == "accepted"


async def test_done_words_followed_by_what_was_done_resolve_the_task_with_them_as_the_result(app):
    """修好了 换了个新灯泡 typed under the accepted task got the 便民维修 guide, and the case stayed open."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="楼道灯坏了好几天了")
    await pushed(manager)
    await manager.press(f"case:accept:{number}")
    await manager.say("修好了 换了个新灯泡")  # right under the accepted task's buttons
    assert "处理结果记为：“修好了 换了个新灯泡”" in manager.text and "便民维修" not in manager.text, manager.text
    await manager.press("cs:skip")
    assert f"诉求 #{number} 已办结" in manager.text, manager.text
    assert await _state(app, number) == "resolved"
    assert any("修好了 换了个新灯泡" in told for told in await li.pushes())

    number = await file_complaint(li, category="facilities", text="楼下路灯不亮")
    await pushed(manager)
    await manager.press(f"case:accept:{number}")
    await manager.say("我的资料")  # away from the task
    await manager.say("修好了吗")  # a question, not a report: nothing offered
    assert "已解决" not in manager.text and await _state(app, number) == "accepted", manager.text
    await manager.say("已经处理好了，通知物业换了灯")
    assert f"是要“已解决”这件诉求吗？#{number}" in manager.text, manager.text
    await manager.say("1")
    assert "处理结果记为：“已经处理好了，通知物业换了灯”" in manager.text, manager.text
