"""转其他网格: the reason is asked (and may be skipped), the new grid learns where it came from, the resident is told."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Case, CaseEvent, Role
from tests.grid.util import escalated, file_complaint, labels, pushed, resident
from tests.helpers import Chat, bind


async def _grid_and_state(app, number: int) -> tuple[str | None, str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, number)
    return case.grid_id, case.state


async def _last_event(app, number: int) -> tuple[str, str | None]:  # noqa: ANN001
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number).order_by(CaseEvent.id.desc())  # type: ignore[union-attr]
        event = (await uow.session.exec(query)).first()
    return event.action, event.note


async def _managers(app):  # noqa: ANN001, ANN202
    """The managers of grids 1 and 3; the third's phone is on file, and no resident may read it."""
    m1 = await bind(app, "m1", Role.grid_manager, grid_id="wenfeng-01")
    await resident(app, "m3", name="赵建国", phone="13911112222", building="烟厂家属院1号楼")
    m3 = await bind(app, "m3", Role.grid_manager, grid_id="wenfeng-03")
    return m1, m3


async def _said_away_from_the_push(m1: Chat, number: int, words: str) -> None:
    """`words` (a transfer to grid 3, with a reason) said away from the push: the case is offered, and 1 passes it on."""
    await m1.say("我的资料")
    await m1.say(words)
    assert f"是要“转其他网格”这件诉求吗？#{number}" in m1.text, m1.text
    await m1.say("1")
    assert f"诉求 #{number} 已转给第三网格（烟厂家属院）" in m1.text, m1.text


async def _filed_in_grid_1(app, text: str):  # noqa: ANN001, ANN202 - (m1, m3, li, case number)
    """Li's sanitation complaint, in grid 1; the pushes of its filing delivered to the manager and to her."""
    m1, m3 = await _managers(app)
    li = await resident(app, "li")
    number = await file_complaint(li, category="sanitation", text=text)
    await pushed(m1)
    await pushed(li)
    return m1, m3, li, number


async def test_a_transfer_by_button_asks_why_and_tells_the_new_grid_and_the_resident(any_app):
    app = any_app
    m1, m3, li, number = await _filed_in_grid_1(app, "垃圾桶满了没人清，就是烟厂家属院门口那个")  # the place not said as one: filed at home, in grid 1

    await m1.press(f"case:transfer:{number}")
    await m1.press(f"case:to:{number}:wenfeng-03")
    assert f"诉求 #{number} 为什么转给第三网格（烟厂家属院）" in m1.text and m1.buttons == ["跳过"], m1.text
    assert await _grid_and_state(app, number) == ("wenfeng-01", "submitted")  # nothing moves before the answer
    await m1.say("垃圾桶在烟厂家属院门口，归三网格")
    assert f"诉求 #{number} 已转给第三网格（烟厂家属院）" in m1.text, m1.text
    assert await _grid_and_state(app, number) == ("wenfeng-03", "submitted")

    [task] = await pushed(m3)
    assert f"【转办 #{number}】第一网格（文峰北苑）转来的诉求" in task.text, task.text
    assert "转办原因：垃圾桶在烟厂家属院门口，归三网格" in task.text and "受理" in labels(task), task.text

    [told] = await pushed(li)
    assert f"【诉求进展 #{number}】环境卫生：已转给第三网格（烟厂家属院）办理，将在" in told.text, told.text
    assert "13911112222" not in told.text and "赵建国" not in told.text, told.text  # the manager's phone stays with staff

    assert await _last_event(app, number) == ("transfer", "第三网格（烟厂家属院）：垃圾桶在烟厂家属院门口，归三网格")
    await li.press(f"cs:view:{number}")
    assert "转办：第三网格（烟厂家属院）：垃圾桶在烟厂家属院门口" in li.text, li.text


async def test_the_reason_may_be_skipped(app):
    m1, m3, li, number = await _filed_in_grid_1(app, "垃圾桶满了没人清")
    await m1.press(f"case:transfer:{number}")
    await m1.say("1")  # the first grid offered, typed by its number as on WeChat: 第二网格
    assert "跳过" in m1.buttons, m1.text
    await m1.say("跳过")
    assert f"诉求 #{number} 已转给第二网格（文峰南苑）" in m1.text, m1.text
    assert await _last_event(app, number) == ("transfer", "第二网格（文峰南苑）")
    [told] = await pushed(li)
    assert "已转给第二网格（文峰南苑）办理" in told.text and "说明" not in told.text, told.text


async def test_a_transfer_typed_with_its_reason_passes_it_on_at_once(app):
    m1, m3 = await _managers(app)
    li = await resident(app, "li")
    first = await file_complaint(li, category="noise", text="楼下广场舞太吵了")
    await pushed(m1)
    await m1.say("转给三网格 不归我们管")  # under the task's push
    assert f"诉求 #{first} 已转给第三网格（烟厂家属院）" in m1.text, m1.text
    [task] = await pushed(m3)
    assert f"【转办 #{first}】第一网格（文峰北苑）转来的诉求" in task.text and "转办原因：不归我们管" in task.text, task.text

    second = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await pushed(m1)
    await _said_away_from_the_push(m1, second, "转到三网格，是烟厂家属院的楼")
    [task] = await pushed(m3)
    assert "转办原因：是烟厂家属院的楼" in task.text, task.text
    assert await _last_event(app, second) == ("transfer", "第三网格（烟厂家属院）：是烟厂家属院的楼")

    third = await file_complaint(li, category="parking", text="门口乱停车")
    await pushed(m1)
    await m1.say(f"转其他网格 #{third} 车停在南苑那边")  # the case named, the grid not: the reason waits for the press
    assert "转给哪个网格" in m1.text, m1.text
    await m1.press(f"case:to:{third}:wenfeng-02")
    assert f"诉求 #{third} 已转给第二网格（文峰南苑）" in m1.text, m1.text
    assert await _last_event(app, third) == ("transfer", "第二网格（文峰南苑）：车停在南苑那边")


async def test_a_forged_or_outdated_transfer_is_refused_by_the_service_before_and_after_the_reason(app):
    m1, m3 = await _managers(app)
    staff = await bind(app, "shequ", Role.staff)
    li = await resident(app, "li")
    number = await file_complaint(li, category="sanitation", text="垃圾桶满了没人清")
    await pushed(m1)

    for who, payload, refusal in (
        (m3, f"case:to:{number}:wenfeng-02", "没有权限"),  # another grid's manager
        (m1, f"case:to:{number}:wenfeng-01", "已经在这个网格"),  # the grid it is in
        (m1, f"case:to:{number}:nowhere", "没有编号为 nowhere 的网格"),
    ):
        await who.press(payload)
        assert refusal in who.text and "原因" not in who.text, (payload, who.text)
    assert await _grid_and_state(app, number) == ("wenfeng-01", "submitted")

    # Asked why, the manager answers after the community's staff already moved it: the service checks again.
    await m1.press(f"case:to:{number}:wenfeng-03")
    assert "为什么转给第三网格" in m1.text
    await staff.press(f"case:to:{number}:wenfeng-02")
    await staff.press("cs:skip")
    await m1.say("归三网格")
    assert "没有权限" in m1.text, m1.text
    assert await _grid_and_state(app, number) == ("wenfeng-02", "submitted")
    assert await pushed(m3) == []


async def test_a_case_sent_back_down_by_the_street_says_so(app):
    m1, _m3 = await _managers(app)
    street, number = await escalated(app, m1, "需要街道协调")
    await pushed(street)
    await street.press(f"case:to:{number}:wenfeng-01")
    await street.say("这是小区内部停车，网格先处理")
    [back] = await pushed(m1)
    assert f"【转办 #{number}】街道转回网格的诉求" in back.text and "转办原因：这是小区内部停车，网格先处理" in back.text, back.text


async def test_the_reason_said_before_the_grid_is_passed_on_as_when_said_after_it(app):
    """不归我们管，转给三网格 was 答不上来, under the push and away from it; 转给三网格 不归我们管 was not."""
    m1, m3 = await _managers(app)
    li = await resident(app, "li")
    first = await file_complaint(li, category="noise", text="楼下广场舞太吵了")
    await pushed(m1)
    await m1.say("不归我们管，转给三网格")  # under the task's push: passed on at once
    assert f"诉求 #{first} 已转给第三网格（烟厂家属院）" in m1.text, m1.text
    [task] = await pushed(m3)
    assert "转办原因：不归我们管" in task.text, task.text
    assert await _last_event(app, first) == ("transfer", "第三网格（烟厂家属院）：不归我们管")

    second = await file_complaint(li, category="facilities", text="楼道灯坏了")
    await pushed(m1)
    await _said_away_from_the_push(m1, second, "这个不归我们管 请转给三网格")
    assert await _last_event(app, second) == ("transfer", "第三网格（烟厂家属院）：这个不归我们管")

    third = await file_complaint(li, category="parking", text="门口乱停车")
    await pushed(m1)
    await m1.say("不属于我们网格，转其他网格")  # no grid named: the reason waits for the one pressed
    assert "转给哪个网格" in m1.text, m1.text
    await m1.press(f"case:to:{third}:wenfeng-02")
    assert await _last_event(app, third) == ("transfer", "第二网格（文峰南苑）：不属于我们网格")
