"""A grid manager's day as played on a phone between visits: what they type away from a task's push, and which case moves.

Found by playing the manager: `#1 修好了 换了个新灯泡` after 待办 got the 便民维修
leaflet; `3号的事办完了` was 答不上来; 马上去 under a case already taken was
told there was nothing to 受理; 好的收到 to a resident's 补充 was told the
same; 转给二网格 #1 under case #2's push moved #2; 这个不归我管 typed at the
result photo was added to the result the resident reads; 退回一网格 was 答不上来.
"""

from __future__ import annotations

from sqlmodel import select

from bot.models import Case, CaseEvent, Role
from tests.grid.util import file_complaint, pushed, resident, task_pushed
from tests.helpers import bind


async def _state(app, number: int) -> str:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.get(Case, number)).state


async def _grid(app, number: int) -> str | None:  # noqa: ANN001
    async with app.db.uow() as uow:
        return (await uow.session.get(Case, number)).grid_id


async def _notes(app, number: int, action: str) -> list[str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number, CaseEvent.action == action).order_by(CaseEvent.id)
        return [event.note or "" for event in (await uow.session.exec(query)).all()]


async def test_done_with_the_case_number_and_what_was_done_after_the_task_list_resolves_that_case(app):
    """#1 修好了 换了个新灯泡 and 修好了 换了个新灯泡, typed after 待办, were answered with the 便民维修 leaflet."""
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了")
    await manager.press(f"case:accept:{number}")
    await manager.say("待办")
    await manager.say(f"#{number} 修好了 换了个新灯泡")
    assert "便民维修" not in manager.text, manager.text
    assert "处理结果记为：“修好了 换了个新灯泡”" in manager.text, manager.text
    await manager.say("跳过")
    assert f"诉求 #{number} 已办结" in manager.text, manager.text
    assert await _notes(app, number, "resolve") == ["修好了 换了个新灯泡"]

    other = await file_complaint(li, category="facilities", text="单元门的锁坏了")
    await pushed(manager)
    await manager.press(f"case:accept:{other}")
    await manager.say("待办")
    await manager.say("修好了 换了个新锁")  # no number: the one case it can be is offered, the words kept
    assert "便民维修" not in manager.text and f"是要“已解决”这件诉求吗？#{other}" in manager.text, manager.text
    await manager.say("1")
    assert "处理结果记为：“修好了 换了个新锁”" in manager.text, manager.text


async def test_a_case_named_by_its_number_with_hao_is_that_case_and_a_building_is_not(app):
    """3号的事办完了 was 答不上来; a manager names the case as they say the date or the house."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    first = await file_complaint(li, category="sanitation", text="垃圾桶满了没人收")
    second = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await pushed(manager)
    for number in (first, second):
        await manager.press(f"case:accept:{number}")
    await manager.say("我的资料")
    await manager.say(f"{second}号的事办完了")
    assert "答不上来" not in manager.text, manager.text
    assert f"诉求 #{second}" in manager.text and f"#{first}" not in manager.text, manager.text
    await manager.say("取消")
    await manager.say(f"{first}号楼的垃圾清走了")  # a building: which case is asked, not #first taken
    assert "是哪一件" in manager.text, manager.text
    assert await _state(app, first) == "accepted"

    stranger = await resident(app, "sun", building="南苑3号楼")
    theirs = await file_complaint(stranger, category="noise", text="楼下跳广场舞太吵")
    await manager.say(f"{theirs}号的事办完了")  # another grid's case: refused, not moved
    assert "没有权限" in manager.text, manager.text
    assert await _state(app, theirs) == "submitted"


async def test_on_my_way_under_a_case_already_taken_starts_it(app):
    """马上去 under 已受理's buttons was 您现在没有可以“受理”的诉求, and the case sat in 已受理."""
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了")
    await manager.say("好的收到")  # under the task's push: taken
    assert f"已受理诉求 #{number}" in manager.text, manager.text
    await manager.say("马上去")
    assert "没有可以“受理”" not in manager.text, manager.text
    assert f"诉求 #{number} 开始办理" in manager.text, manager.text
    assert await _state(app, number) == "in_progress"

    other = await file_complaint(li, category="sanitation", text="垃圾桶满了")
    await pushed(manager)
    await manager.press(f"case:accept:{other}")
    await manager.say("我的资料")
    await manager.say("我这就过去")  # away from it: offered, not done
    assert f"是要“开始办理”这件诉求吗？#{other}" in manager.text, manager.text
    assert await _state(app, other) == "accepted"


async def test_ok_to_a_residents_addition_is_an_ok_not_nothing_to_accept(app):
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了")
    await manager.press(f"case:ask_info:{number}")
    await manager.say("请问是几楼的灯")
    await li.pushes()
    await li.say("3楼和4楼中间那个")
    assert any("3楼和4楼中间那个" in told for told in await manager.pushes())
    await manager.say("好的收到")
    assert "没有可以“受理”" not in manager.text and "不客气" not in manager.text, manager.text
    assert "还有 1 件诉求在办" in manager.text, manager.text


async def test_words_naming_another_case_under_a_push_move_the_case_named(app):
    """转给二网格 #1 不归我们管, typed under case #2's push, moved #2 to grid 2 and left #1."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    zhao = await bind(app, "zhao", Role.grid_manager, grid_id="wenfeng-02")
    zhang = await resident(app, "zhang")
    li = await resident(app, "li", building="北苑2号楼")
    first = await file_complaint(zhang, category="noise", text="楼上半夜剁肉")
    second = await file_complaint(li, category="sanitation", text="垃圾桶满了没人收")
    await pushed(manager)  # #2's push is the last one read: its buttons answer the words
    await manager.say(f"转给二网格 #{first} 不归我们管")
    assert f"诉求 #{first} 已转给第二网格" in manager.text, manager.text
    assert await _grid(app, first) == "wenfeng-02" and await _grid(app, second) == "wenfeng-01"
    assert any(f"【转办 #{first}】" in push for push in await zhao.pushes())

    await pushed(manager)
    await manager.say(f"#{first} 收到")  # named under #2's push: #1 is no longer theirs, #2 is not taken
    assert await _state(app, second) == "submitted", manager.text


async def test_not_ours_at_the_result_photo_is_not_the_result(app):
    """这个不归我管 typed at 有处理后的照片吗 was added to the result: the resident read 修好了，这个不归我管."""
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了")
    await manager.press(f"case:accept:{number}")
    await manager.say(f"#{number} 修好了")
    assert f"诉求 #{number} 有处理后的照片吗" in manager.text, manager.text
    await manager.say("这个不归我管")
    assert "已补充到处理结果" not in manager.text, manager.text
    assert f"#{number}" in manager.text and "转" in manager.text, manager.text
    assert await _state(app, number) == "accepted"

    await manager.press(f"case:resolve:{number}")
    await manager.say("好的收到")  # an OK at 请写一下处理结果 is not the result
    assert "请用文字写" in manager.text, manager.text
    await manager.say("换了新灯泡")
    await manager.press("cs:skip")
    assert await _notes(app, number, "resolve") == ["换了新灯泡"]


async def test_sent_back_to_the_grid_it_came_from_in_words(app):
    """退回一网格 was 答不上来."""
    await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    zhao = await bind(app, "zhao", Role.grid_manager, grid_id="wenfeng-02")
    sun = await resident(app, "sun", building="南苑3号楼")
    number = await file_complaint(sun, category="noise", text="广场舞太吵")
    await pushed(zhao)
    await zhao.say("我的资料")
    await zhao.say("退回一网格")
    assert "答不上来" not in zhao.text, zhao.text
    assert f"case:to:{number}:wenfeng-01" in [button.payload for reply in zhao.replies for button in reply.flat_buttons], zhao.text


async def test_an_answer_sent_in_two_messages_reaches_the_manager_whole(any_app, clock):
    """三楼, then 靠电梯那边 a minute later: the second half was 答不上来 and never reached the manager."""
    from datetime import timedelta

    app = any_app
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了")
    await manager.press(f"case:ask_info:{number}")
    await manager.say("几楼的灯？")
    await li.pushes()
    await li.say("三楼")
    clock.set(clock.now() + timedelta(minutes=1))
    await li.say("靠电梯那边")
    assert "答不上来" not in li.text and f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    told = "\n".join(await manager.pushes())
    assert "三楼" in told and "靠电梯那边" in told, told

    clock.set(clock.now() + timedelta(hours=2))  # long after: words of their own again, not the case's
    await li.say("靠电梯那边")
    assert f"已把补充信息转给办理人员（#{number}）" not in li.text, li.text


async def test_a_managers_everyday_words_under_and_away_from_the_task(app):
    """在路上了 and 已到现场 were 答不上来, 这个得上报街道 the 家政服务 leaflet, 问问居民几楼 a list of insurance
    services, 修不了 答不上来, and 搞定 on a task not taken yet said there was no case at all."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await pushed(manager)
    await manager.say("搞定")  # not taken yet: offered all the same (taken on the press), not "no case"
    assert "没有可以" not in manager.text and f"#{number} 公共设施·待受理" in manager.text, manager.text
    assert f"case:resolve:{number}" in [b.payload for r in manager.replies for b in r.flat_buttons]
    await manager.say("看通知")  # the task again, with its buttons
    await manager.say("在路上了")
    assert f"已受理诉求 #{number}" in manager.text, manager.text
    await manager.say("已到现场")
    assert f"诉求 #{number} 开始办理" in manager.text, manager.text
    await manager.say("问问居民几楼")
    assert f"请输入要居民补充的内容（诉求 #{number}）" in manager.text, manager.text
    await manager.say("是几楼的灯？")
    assert await _state(app, number) == "need_info"
    await li.pushes()
    await li.say("五楼")
    await manager.pushes()
    await manager.say("修不了")
    assert "答不上来" not in manager.text, manager.text
    assert [b.payload for r in manager.replies for b in r.flat_buttons] == [f"case:escalate:{number}", f"case:transfer:{number}"]
    await manager.say("我的资料")
    await manager.say("这个得上报街道")
    assert "家政" not in manager.text and f"是要“上报街道”这件诉求吗？#{number}" in manager.text, manager.text
    await manager.say("1")
    assert f"上报街道的原因（诉求 #{number}）" in manager.text, manager.text
    await manager.say("灯线老化要整体换，物业不管")
    assert await _state(app, number) == "escalated"
    await manager.say("马上去")  # with the street now: nothing of theirs left, said plainly
    assert "您现在没有可以“受理”的诉求" in manager.text, manager.text


async def test_a_result_with_a_not_in_it_is_still_the_result_and_a_setback_is_not(app):
    """修好了 跟装修队说了中午不施工 was 答不上来: any 不 in the words was read as a setback."""
    manager, li, number = await task_pushed(app, category="noise", text="楼上装修中午也不停")
    await manager.press(f"case:accept:{number}")
    await manager.say("修好了 但是还不行")  # a setback: nothing marked
    assert "处理结果记为" not in manager.text and await _state(app, number) == "accepted", manager.text
    await manager.say("处理好了 跟装修队说了中午不施工")
    assert f"是要“已解决”这件诉求吗？#{number}" in manager.text, manager.text
    await manager.say("1")
    assert "处理结果记为：“处理好了 跟装修队说了中午不施工”" in manager.text, manager.text


async def test_a_case_that_is_no_grids_goes_back_to_the_community_staff(app):
    """退回社区 / 转回社区 was 答不上来, and the grids were the only choice: a manager who knew only that the
    case was not theirs had to guess a grid. Back with the staff, it is theirs to route again; the resident is told."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    staff = await bind(app, "staff", Role.staff, community_id="wenfeng")
    li = await resident(app, "li")
    number = await file_complaint(li, category="property", text="物业乱收停车费")
    await pushed(manager)
    await manager.say("这个转回社区 物业的事我们管不了")  # under the task's push: done at once, with the reason
    assert f"诉求 #{number} 已转给社区工作人员" in manager.text, manager.text
    assert await _grid(app, number) is None and await _state(app, number) == "submitted"
    [told] = await staff.pushes()
    assert f"【退回 #{number}】第一网格（文峰北苑）退回社区" in told and "物业的事我们管不了" in told, told
    assert any("已转给社区工作人员" in push for push in await li.pushes())
    await manager.press(f"case:accept:{number}")  # no longer theirs
    assert "没有权限" in manager.text, manager.text
    await staff.press(f"case:to:{number}:wenfeng-02")  # the staff route it again
    await staff.press("cs:skip")
    assert await _grid(app, number) == "wenfeng-02"

    other = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await pushed(manager)
    await manager.press(f"case:transfer:{other}")
    assert f"case:to:{other}:community" in [b.payload for r in manager.replies for b in r.flat_buttons], manager.text
    await manager.press(f"case:to:{other}:wenfeng-01")  # its own grid: refused
    assert "诉求已经在这个网格了" in manager.text, manager.text
    await manager.press(f"case:to:{other}:community")
    await manager.press("cs:skip")
    await manager.press(f"case:to:{other}:community")  # forged again, the case no longer theirs
    assert "没有权限" in manager.text, manager.text


async def _photo(chat, ref: str, caption: str | None = None) -> None:  # noqa: ANN001
    from bot.core.messages import Attachment, Inbound

    await chat.send(Inbound(channel=chat.channel, user_id=chat.user, text=caption, attachment=Attachment("photo", ref, 2000)))


async def _resolution(app, number: int) -> tuple[str | None, str | None]:  # noqa: ANN001
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number, CaseEvent.action == "resolve")
        [event] = (await uow.session.exec(query)).all()
    return event.note, event.photo_ref


async def test_a_managers_photo_of_the_result_is_the_results_photo_and_the_resident_can_see_it(app):
    """A grid manager's photo sent away from any form was held as a resident's (是要反映问题吗); with
    井盖已经固定好了 as its caption under the task the words were the result and the photo was dropped;
    and the resident's push never said there was a photo of the result."""
    manager, li, number = await task_pushed(app, category="safety", text="井盖松动")
    await manager.press(f"case:accept:{number}")
    await _photo(manager, "fixed-lid", "井盖已经固定好了")  # right under the accepted task's buttons
    assert f"诉求 #{number} 已办结" in manager.text, manager.text
    assert await _resolution(app, number) == ("井盖已经固定好了", "fixed-lid")
    [*_, told] = await pushed(li)
    assert "📷 附有处理后的照片" in told.text and f"cs:photo:{number}" in [b.payload for b in told.flat_buttons], told.text
    assert [b.payload for b in told.flat_buttons][:5] == [f"cs:rate:{number}:{n}" for n in range(1, 6)]  # 1 is still 1 星
    await li.press(f"cs:photo:{number}")
    assert any(reply.picture is not None for reply in li.replies), li.text

    other = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await pushed(manager)
    await manager.press(f"case:accept:{other}")
    await manager.say("我的资料")
    await _photo(manager, "new-lamp")  # a photo alone, away from the task
    assert "是要反映问题吗" not in manager.text and f"#{other} 公共设施" in manager.text, manager.text
    await manager.say("1")  # 已解决 #N
    assert f"请再用一句话写一下诉求 #{other} 的处理结果" in manager.text, manager.text
    await manager.say("灯换好了")
    assert await _resolution(app, other) == ("灯换好了", "new-lamp")
    await manager.say("反映问题")  # the task's photo is not held for a complaint of their own
    assert "刚才发的" not in manager.text, manager.text


async def test_a_managers_photo_of_a_new_problem_is_held_for_the_complaint(app):
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了")
    await manager.press(f"case:accept:{number}")
    await manager.say("我的资料")
    await _photo(manager, "junk", "楼道里堆了好多杂物")
    assert await _state(app, number) == "accepted"
    assert "已解决" not in manager.buttons, manager.text


async def test_a_case_number_or_see_photos_at_the_result_photo_is_not_the_result(app):
    """#1 and 看照片 typed at 有处理后的照片吗 were added to the result the resident reads."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await manager.press(f"case:accept:{number}")
    await manager.say(f"#{number} 修好了 换了灯泡")
    for said in (f"#{number}", "看照片"):
        await manager.say(said)
        assert "已补充到处理结果" not in manager.text, (said, manager.text)
    await manager.press("cs:skip")
    assert await _resolution(app, number) == ("修好了 换了灯泡", None)


async def test_see_photos_typed_away_from_the_button_shows_them(app):
    """看照片 typed after the task's card had scrolled away was 答不上来."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    await file_complaint(li, category="facilities", text="楼道灯坏了")
    await li.say("反映问题")
    await li.press("cs:cat:safety")
    await li.say("井盖松动了")
    await li.press("cs:where:home")
    await _photo(li, "loose-lid")
    number = case_number_in(li.text)
    await pushed(manager)
    await manager.say("我的资料")
    await manager.say("看照片")
    assert "答不上来" not in manager.text and f"诉求 #{number} 的照片（1 张）" in manager.text, manager.text
    assert any(reply.picture is not None for reply in manager.replies)


def case_number_in(text: str) -> int:
    from tests.grid.util import case_id

    return case_id(text)


async def test_done_said_of_a_task_never_taken_takes_it_and_keeps_the_result(app):
    """修好了 换了灯泡 for a new task (or #N 修好了) was 现在是“待受理”，不能做这个操作: a manager who fixed it
    on the way had to go back for 受理 and say it all again."""
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了")
    await manager.say("修好了 换了灯泡")  # under the new task's push: offered, as nothing changes without a press
    assert f"是要“已解决”这件诉求吗？#{number}" in manager.text, manager.text
    await manager.say("1")
    assert "处理结果记为：“修好了 换了灯泡”" in manager.text, manager.text
    await manager.press("cs:skip")
    assert await _state(app, number) == "resolved"
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number).order_by(CaseEvent.id)
        assert [e.action for e in (await uow.session.exec(query)).all()] == ["submit", "accept", "resolve"]

    other = await file_complaint(li, category="sanitation", text="垃圾没人收")
    await pushed(manager)
    await manager.say(f"#{other} 清走了")
    assert f"诉求 #{other} 有处理后的照片吗" in manager.text, manager.text


async def test_words_no_open_case_allows_show_the_cases_and_their_states(app):
    """马上去 while the only case waits for the resident was 您现在没有可以“受理”的诉求, as if there were none."""
    manager, li, number = await task_pushed(app, category="facilities", text="楼道灯坏了")
    await manager.press(f"case:ask_info:{number}")
    await manager.say("几楼的灯？")
    await manager.say("马上去")
    assert "没有可以" not in manager.text and f"#{number} 公共设施·待补充信息" in manager.text, manager.text
    assert f"case:view:{number}" in [b.payload for r in manager.replies for b in r.flat_buttons]


async def test_a_day_with_hao_is_not_a_case(app):
    """3号去处理 (on the 3rd) took case #3 once 3号 named a case; 3号修好了 and 3号的事 still do."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    numbers = [await file_complaint(li, category="facilities", text=f"{n}楼楼道灯坏了") for n in (1, 2, 3)]
    await pushed(manager)
    await manager.say("我的资料")
    await manager.say(f"{numbers[2]}号去处理")
    assert f"已受理诉求 #{numbers[2]}" not in manager.text and "是哪一件" in manager.text, manager.text
    await manager.say(f"{numbers[1]}号修好了")
    assert f"诉求 #{numbers[1]}" in manager.text and "是哪一件" not in manager.text, manager.text


async def test_the_resident_types_see_photos_for_the_result_photo(app):
    """The resolution push offers 📷 看照片; typed later, 看照片 was 答不上来."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await manager.press(f"case:accept:{number}")
    await manager.press(f"case:resolve:{number}")
    await _photo(manager, "new-lamp", "灯换好了")
    await pushed(li)
    await li.say("我的资料")
    await li.say("看照片")
    assert "答不上来" not in li.text and f"诉求 #{number} 的照片（1 张）" in li.text, li.text


async def test_the_street_cannot_send_an_escalated_case_back_to_the_community_and_is_told_why(app):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    street = await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await manager.say(f"上报街道 #{number} 要街道协调")
    await street.press(f"case:to:{number}:community")  # forged: never offered to the street
    assert "诉求已经在这个网格了" not in street.text and "不能退回社区" in street.text, street.text
    await street.say("处理不了")
    assert "上报街道" not in street.text and "转给其他网格" in street.text, street.text
    assert await _state(app, number) == "escalated"


async def test_yishangmen_with_a_case_number_starts_that_case_not_a_visit_lookup(app):
    """已上门 #2 from a grid manager got 没有找到上门预约 2: a visit's code was looked for."""
    from tests.grid.util import file_complaint, resident
    from tests.helpers import bind
    from bot.models import Case, Role

    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li)
    await manager.pushes()
    await manager.say(f"已上门 #{number}")
    assert "没有找到上门预约" not in manager.text, manager.text
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, number)).state in ("accepted", "in_progress")  # taken, as 已到现场 #N
