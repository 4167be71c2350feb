"""王奶奶, 78, as she typed in the console: her address under 网格员是谁, the midday break, thanks as praise.

我住文峰北苑3号楼, typed under 登记住址后再问我, was 答不上来; 中午休息不 after
the centre's hours was 答不上来; 你们辛苦了 was 答不上来 (and logged as a question
the knowledge base lacks); 谢谢你啊闺女，祝你身体健康 was 家庭医生签约.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Person, UnansweredQuestion
from tests.helpers import Chat


async def _unanswered(app) -> list[str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        return [q.text for q in (await uow.session.exec(select(UnansweredQuestion))).all()]


@pytest.mark.parametrize("said", ["我住文峰北苑3号楼", "俺家在北苑3号楼"])
async def test_her_address_typed_under_the_grids_is_kept_and_then_her_grid_is_known(app, said):
    wang = Chat(app, "wang")
    await wang.say("网格员是谁啊")
    assert "登记住址后再问我" in wang.text, wang.text
    await wang.say(said)
    assert "您同意吗" in wang.text, wang.text
    await wang.say("同意")
    assert "单元" in wang.text, wang.text
    await wang.say("2单元")
    await wang.say("501")
    assert "北苑3号楼 2单元 501" in wang.text, wang.text
    async with app.db.uow() as uow:
        person = (await uow.session.exec(select(Person).where(Person.channel_user_id == "wang"))).one()
    assert (person.community_id, person.building, person.room) == ("wenfeng", "北苑3号楼", "501")
    await wang.say("我的网格员是谁")
    assert "归第一网格（文峰北苑）管" in wang.text, wang.text
    assert await _unanswered(app) == []


@pytest.mark.parametrize("said", ["3号楼灯坏了", "我在3楼，楼道灯坏了"])
async def test_a_problem_with_a_number_under_the_grids_is_no_address(app, said):
    """Read as any message: what a neighbour who never asked about the grids is told."""
    wang, li = Chat(app, "wang"), Chat(app, "li")
    await wang.say("网格员是谁")
    await wang.say(said)
    await li.say(said)
    assert wang.text == li.text, (wang.text, li.text)
    await wang.say("同意")
    assert "请发送单元号" not in wang.text, wang.text


@pytest.mark.parametrize("said", ["中午休息不", "中午有人吗", "社区中午休息吗"])
async def test_the_midday_break_asked_is_the_centres_hours(app, said):
    wang = Chat(app, "wang")
    await wang.say(said)
    assert "【文峰社区党群服务中心】" in wang.text and "12:00、14:30" in wang.text, wang.text


@pytest.mark.parametrize("said", ["你们辛苦了", "同志们辛苦啦", "闺女辛苦了", "谢谢你啊闺女，祝你身体健康"])
async def test_praise_is_thanked_back_not_a_question_nobody_could_answer(app, said):
    wang = Chat(app, "wang")
    await wang.say(said)
    assert "不客气" in wang.text and "答不上来" not in wang.text, wang.text
    assert await _unanswered(app) == []


@pytest.mark.parametrize("said", ["俺八十二了", "我妈都九十了", "俺82了"])
async def test_her_age_said_after_the_allowance_is_who_may_apply(app, said):
    """俺八十二了 after 高龄津贴 got its overview again (only 我今年81了 or 82岁了 read as her age)."""
    wang = Chat(app, "wang")
    await wang.say("高龄津贴")
    await wang.say(said)
    assert "【高龄津贴申请】谁可以办" in wang.text and "年满80周岁" in wang.text, wang.text
