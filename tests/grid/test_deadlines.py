"""Time limits in working hours, and overdue handling with a moved clock (催办 → grid leader → street 督办)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.models import Case, CaseEvent, OutboxMessage, OutboxStatus, Role
from bot.services import cases
from bot.services.deadlines import Calendar, add_working_hours, load_rules, parse_rules, rules_for, working_hours_between
from scheduler import jobs
from tests.helpers import bind
from tests.grid.util import file_complaint, resident

XC = ZoneInfo("Asia/Shanghai")
CAL = Calendar()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=XC)


def test_working_hours_skip_lunch_evenings_and_weekends():
    assert add_working_hours(at(2, 9, 30), 2, CAL) == at(2, 11, 30).astimezone(UTC)
    assert add_working_hours(at(2, 11, 0), 2, CAL) == at(2, 15, 30).astimezone(UTC)  # lunch 12:00–14:30
    assert add_working_hours(at(2, 17, 0), 1, CAL) == at(3, 9, 0).astimezone(UTC)  # evening
    assert add_working_hours(at(6, 17, 0), 1, CAL) == at(9, 9, 0).astimezone(UTC)  # Friday → Monday
    assert add_working_hours(at(7, 10, 0), 1, CAL) == at(9, 9, 30).astimezone(UTC)  # filed on Saturday
    assert add_working_hours(at(2, 20, 0), 0, CAL) == at(2, 20, 0).astimezone(UTC)
    assert add_working_hours(at(2, 9, 30), 16, CAL) == at(4, 15, 0).astimezone(UTC)  # 6.5 working hours a day
    assert working_hours_between(at(2, 9, 30), at(4, 15, 0), CAL) == 16
    assert working_hours_between(at(6, 17, 0), at(9, 9, 0), CAL) == 1
    assert working_hours_between(at(3, 9, 0), at(2, 9, 0), CAL) == 0


def test_holidays_and_per_category_rules_from_the_file():
    rules = parse_rules(
        {
            "working_hours": {"days": [1, 2, 3, 4, 5], "periods": ["09:00-17:00"], "holidays": ["2026-03-03"]},
            "categories": {"noise": {"hours": 4}, "safety": {"hours": 8, "urgent": True}},
            "urgent_hours": 1,
            "urgent_words": ["紧急"],
        },
        "Asia/Shanghai",
    )
    assert rules.due("noise", False, at(2, 16, 0)) == at(4, 12, 0).astimezone(UTC)  # Tuesday is a holiday
    assert rules.is_urgent("safety", "井盖松了") and rules.is_urgent("noise", "紧急！") and not rules.is_urgent("noise", "吵")
    assert rules.due("safety", True, at(2, 16, 30)) == at(4, 9, 30).astimezone(UTC)  # 1 h: 16:30–17:00, Wed 09:00–09:30
    shipped = load_rules()
    assert shipped.categories["safety"].urgent and shipped.urgent_hours < shipped.categories["parking"].hours


async def test_an_overdue_case_is_reminded_then_the_leader_then_the_street_is_told_once_each(app, clock):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    leader = await bind(app, "liu", Role.grid_leader, grid_id="wenfeng-01")
    street = await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    li = await resident(app, "li")
    number = await file_complaint(li, category="noise", text="广场舞音响太吵")  # 8 working hours
    await manager.pushes()
    rules = rules_for(app.settings)

    clock.set(at(3, 10, 59))  # due Tuesday 11:00 (Mon 2.5 + 3 h, Tue 2.5 h)
    assert await jobs.run_tick(app, "cases_overdue") == 0
    clock.set(at(3, 11, 0))
    assert await jobs.run_tick(app, "cases_overdue") == 1
    assert await jobs.run_tick(app, "cases_overdue") == 0  # idempotent
    [reminder] = await manager.pushes()
    assert f"【催办 #{number}】" in reminder
    assert await leader.pushes() == [] and await street.pushes() == []

    await manager.say("/tasks")
    assert manager.text.index(f"⏰超时 #{number}") >= 0

    clock.set(at(3, 17, 29))
    assert await jobs.run_tick(app, "cases_overdue") == 0
    clock.set(at(3, 17, 30))  # 4 working hours past 11:00 is 17:30 (lunch does not count)
    assert await jobs.run_tick(app, "cases_overdue") == 1
    assert any(f"【超时告知网格长 #{number}】" in p for p in await leader.pushes())
    clock.set(at(4, 10, 0))  # 8 working hours past 11:00: Tue 4 h + Wed 08:30–10:00 1.5 h … not yet
    assert await jobs.run_tick(app, "cases_overdue") == 0
    clock.set(at(4, 14, 30))  # Tue 4 h + Wed 3.5 h = 7.5 h … still not
    assert await jobs.run_tick(app, "cases_overdue") == 0
    clock.set(at(4, 15, 0))
    assert await jobs.run_tick(app, "cases_overdue") == 1
    assert any(f"【督办 #{number}】" in p for p in await street.pushes())
    await street.say("/tasks")
    assert f"#{number}" in street.text
    assert await jobs.run_tick(app, "cases_overdue") == 0
    async with app.db.uow() as uow:
        actions = [e.action for e in (await uow.session.exec(select(CaseEvent).where(CaseEvent.case_id == number))).all()]
    assert actions == ["submit", "remind", "to_leader", "to_street"]
    assert rules.leader_after_hours == 4


async def test_no_case_is_lost_when_a_push_fails(app, clock):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    leader = await bind(app, "liu", Role.grid_leader, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="noise", text="夜里施工")
    async with app.db.uow() as uow:  # the push to the manager fails for good (he blocked the bot)
        for row in (await uow.session.exec(select(OutboxMessage).where(OutboxMessage.address == "wang"))).all():
            row.status = OutboxStatus.failed
        await uow.commit()
    assert await manager.pushes() == []
    await manager.say("待办")
    assert f"#{number}" in manager.text
    clock.set(at(3, 17, 30))  # the tick catches up to the level due now: the grid leader
    assert await jobs.run_tick(app, "cases_overdue") == 1
    assert any(f"#{number}" in p for p in await leader.pushes())


async def test_a_case_waiting_for_the_resident_is_not_overdue(app, clock):
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="noise", text="夜里施工")
    await manager.press(f"case:ask_info:{number}")
    await manager.say("几点开始？")
    clock.set(at(5, 16, 0))
    async with app.db.uow() as uow:
        assert await cases.due(uow, clock.now(), rules_for(app.settings)) == 0
        assert (await uow.session.get(Case, number)).overdue_level == 0


async def test_a_tick_after_a_pause_tells_everyone_of_every_level_passed(app, clock):
    """The worker down over the days a case went overdue: its first tick told the street only, never the manager or leader."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    leader = await bind(app, "liu", Role.grid_leader, grid_id="wenfeng-01")
    street = await bind(app, "jiedao", Role.street_staff, street_id="xidajie")
    li = await resident(app, "li")
    number = await file_complaint(li, category="noise", text="广场舞音响太吵")
    await manager.pushes()
    clock.set(at(4, 15, 0))  # past all three levels at once
    assert await jobs.run_tick(app, "cases_overdue") == 1
    assert [p for p in await manager.pushes() if f"【催办 #{number}】" in p], "the grid manager was not reminded"
    assert [p for p in await leader.pushes() if f"【超时告知网格长 #{number}】" in p], "the grid leader was not told"
    assert [p for p in await street.pushes() if f"【督办 #{number}】" in p]
    assert await jobs.run_tick(app, "cases_overdue") == 0
    assert await manager.pushes() == [] and await leader.pushes() == [] and await street.pushes() == []
    async with app.db.uow() as uow:
        actions = [e.action for e in (await uow.session.exec(select(CaseEvent).where(CaseEvent.case_id == number))).all()]
    assert actions == ["submit", "remind", "to_leader", "to_street"]


async def test_staff_standing_in_at_two_levels_get_one_push_the_higher(app, clock):
    """A grid with no manager nor leader: the community's staff hear of it once, as the leader's notice, not twice."""
    staff = await bind(app, "zhang", Role.staff, community_id="wenfeng")
    li = await resident(app, "li")
    number = await file_complaint(li, category="noise", text="广场舞音响太吵")
    await staff.pushes()
    clock.set(at(3, 17, 30))
    assert await jobs.run_tick(app, "cases_overdue") == 1
    told = [p for p in await staff.pushes() if f"#{number}" in p]
    assert len(told) == 1 and f"【超时告知网格长 #{number}】" in told[0], told
