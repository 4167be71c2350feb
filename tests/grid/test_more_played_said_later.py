"""A resident's words about a complaint of theirs still open, typed later away from any form: more details, a nudge.

Found by playing 王阿姨 an hour after her report of a street light:
路灯那个事还要补充一下，是东边那个路灯 was 答不上来; 补充一下，楼道灯还是不亮
began a second complaint of the same light; 我再补充一下 went to the grid as
the details themselves; 催一下 and 能不能快点来修 were 答不上来, 都三天了还没人来修
got the 便民维修 leaflet.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.models import Case, CaseEvent, Role
from tests.grid.util import file_complaint, pushed, resident
from tests.helpers import bind


async def _reported(app, clock):  # noqa: ANN001, ANN202
    """Grid 1's manager, 李 and her street-light complaint, filed an hour ago (its task push read)."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    number = await file_complaint(li, category="facilities", text="路灯不亮了好几天")
    await pushed(manager)
    clock.advance(timedelta(hours=1))
    return manager, li, number


async def _infos(app) -> list[tuple[int, str | None]]:  # noqa: ANN001
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.action == "info").order_by(CaseEvent.id)
        return [(e.case_id, e.note) for e in (await uow.session.exec(query)).all()]


async def _count(app) -> int:  # noqa: ANN001
    async with app.db.uow() as uow:
        return len((await uow.session.exec(select(Case))).all())


@pytest.mark.parametrize("said", ["路灯那个事还要补充一下，是东边那个路灯", "补充一下，楼道灯还是不亮", "补充：是三单元门口那根"])
async def test_details_said_later_go_to_the_open_case_and_its_handler(app, clock, said):
    manager, li, number = await _reported(app, clock)
    await li.say(said)
    assert "答不上来" not in li.text and "登记成诉求" not in li.text, li.text
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    assert await _infos(app) == [(number, said)]
    assert await _count(app) == 1
    told = [r.text for r in await pushed(manager)]
    assert any(said in text and f"#{number}" in text for text in told), told


@pytest.mark.parametrize("said", ["我再补充一下", "还有个情况要补充", "路灯那个事还要补充一下"])
async def test_more_announced_without_the_details_asks_for_them(app, clock, said):
    manager, li, number = await _reported(app, clock)
    await li.say(said)
    assert f"请补充诉求 #{number} 的信息" in li.text, li.text
    assert await _infos(app) == []  # the announcement is not passed on as the details
    await li.say("是东边那根，靠垃圾站")
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    assert await _infos(app) == [(number, "是东边那根，靠垃圾站")]


async def test_more_within_minutes_of_an_answer_is_not_passed_on_as_the_details(app, clock):
    """我再补充一下 right after an answer went to the grid as a 居民补充 saying nothing."""
    _manager, li, number = await _reported(app, clock)
    await li.say(f"补充信息 #{number} 是东边那根")
    await li.say("我再补充一下")
    assert f"请补充诉求 #{number} 的信息" in li.text, li.text
    assert await _infos(app) == [(number, "是东边那根")]


async def test_with_two_open_the_resident_chooses_and_the_words_are_kept(app, clock):
    _manager, li, first = await _reported(app, clock)
    second = await file_complaint(li, category="sanitation", text="楼道堆满了杂物")
    clock.advance(timedelta(hours=1))
    await li.say("补充一下，杂物是三楼那家堆的")
    assert f"补充信息 #{first}" in li.buttons and f"补充信息 #{second}" in li.buttons, li.text
    await li.press(f"cs:add:{second}")
    assert f"已把补充信息转给办理人员（#{second}）" in li.text, li.text
    assert await _infos(app) == [(second, "补充一下，杂物是三楼那家堆的")]


@pytest.mark.parametrize("said", ["催一下", "能不能快点来修", "都三天了还没人来修", "麻烦催一下网格员"])
async def test_a_nudge_reminds_the_grid_manager(app, clock, said):
    manager, li, number = await _reported(app, clock)
    await li.say(said)
    assert "答不上来" not in li.text and "便民维修" not in li.text, li.text
    assert f"已提醒网格员尽快处理您的诉求 #{number}" in li.text, li.text
    assert any(f"【居民催办 #{number}】" in r.text for r in await pushed(manager))  # see test_chasing
    assert await _infos(app) == [] and await _count(app) == 1


async def test_without_an_open_case_the_words_are_read_as_any_other(app):
    li = await resident(app, "li")
    await li.say("补充一下，楼道灯还是不亮")
    assert "登记成诉求" in li.text, li.text  # nothing to add to: it is a report
    await li.say("取消")
    await li.say("补充医疗保险怎么办")
    assert "请补充诉求" not in li.text, li.text


async def test_more_announced_right_under_the_request_asks_for_the_details(app):
    """我再补充一下 typed under 请居民补充 went to the grid as the answer to its question."""
    from tests.grid.util import asked_for_more

    li = await resident(app, "li")
    _manager, number = await asked_for_more(app, li)
    await pushed(li)
    await li.say("我再补充一下")
    assert f"请补充诉求 #{number} 的信息" in li.text, li.text
    assert await _infos(app) == []
    await li.say("是三楼的灯")
    assert await _infos(app) == [(number, "是三楼的灯")]
