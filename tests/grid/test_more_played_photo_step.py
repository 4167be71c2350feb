"""Words at the complaint form's photo question that are neither a photo nor more of the problem.

Found by playing a resident in the console: 等一下我先问个事，低保怎么办 at
有现场照片吗 was answered 好的，拍好了直接发过来就行 (the 低保 question
swallowed as "wait, I'll take a photo"), and 刚才那个继续 was added to the
complaint's description. And a grid manager's 已经修了三次了 under a task
(it keeps breaking) resolved the case with those words as its result.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Case, CaseEvent
from tests.grid.util import accepted_task, case_id, pushed, resident, up_to_the_photo

_DESCRIPTION = "北苑1号楼门口总有车乱停，堵住了消防通道"


async def _filed(app, li) -> Case:  # noqa: ANN001
    await li.press("cs:skip")
    if "不用重复提交" in li.text:
        await li.press("cs:new")
    assert "您的诉求已提交" in li.text, li.text
    async with app.db.uow() as uow:
        return await uow.session.get(Case, case_id(li.text))


@pytest.mark.parametrize("said", ["等一下我先问个事，低保怎么办", "稍等，我想问问低保怎么申请"])
async def test_another_matter_asked_with_a_wait_is_answered_and_the_form_kept(app, said):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say(said)
    assert "拍好了直接发过来" not in li.text, li.text
    assert "最低生活保障" in li.text, li.text
    await li.say("继续")
    assert "有现场照片吗" in li.text, li.text
    case = await _filed(app, li)
    assert case.description == _DESCRIPTION


@pytest.mark.parametrize("said", ["等一下", "等会儿我去拍", "稍等我拍一下", "稍等"])
async def test_a_plain_wait_still_waits_for_the_photo(app, said):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say(said)
    assert "拍好了直接发过来" in li.text, li.text
    case = await _filed(app, li)
    assert case.description == _DESCRIPTION


@pytest.mark.parametrize("said", ["刚才那个继续", "接着刚才的", "刚才的继续吧", "接着刚才那个填"])
async def test_going_on_with_the_form_asks_the_photo_again_and_is_no_description(app, said):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say(said)
    assert "补充到诉求说明" not in li.text, li.text
    assert "有现场照片吗" in li.text and "跳过" in li.buttons, li.text
    case = await _filed(app, li)
    assert case.description == _DESCRIPTION


async def _resolved_notes(app, number: int) -> list[str]:  # noqa: ANN001
    async with app.db.uow() as uow:
        query = select(CaseEvent).where(CaseEvent.case_id == number, CaseEvent.action == "resolve")
        return [e.note or "" for e in (await uow.session.exec(query)).all()]


@pytest.mark.parametrize("said", ["已经修了三次了", "这灯已经修了好几次了", "都换了两回了"])
async def test_how_often_it_was_fixed_is_no_result(app, said):
    """已经修了三次了 under a task: it keeps breaking, not done; the case stays open and the resident is not asked for stars."""
    manager, li, number = await accepted_task(app, category="facilities", text="楼道灯坏了")
    await manager.say(said)
    assert "处理结果记为" not in manager.text, manager.text
    await manager.say("跳过")
    async with app.db.uow() as uow:
        assert (await uow.session.get(Case, number)).state == "accepted"
    assert await _resolved_notes(app, number) == []
    assert not any("评价" in r.text for r in await pushed(li))


async def test_fixed_then_how_often_is_still_a_result(app):
    manager, li, number = await accepted_task(app, category="facilities", text="楼道灯坏了")
    await manager.say("灯已经换好了，换了个新灯泡")
    assert "处理结果记为：“灯已经换好了，换了个新灯泡”" in manager.text, manager.text


async def test_going_on_at_the_description_is_no_description(app):
    """The same words at 请描述具体情况 were filed as what happened."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:parking")
    await li.say("刚才那个继续")
    assert "好的，接着填" in li.text and "具体情况" in li.text, li.text
    await li.say(_DESCRIPTION)
    await li.say("北苑1号楼门口")
    case = await _filed(app, li)
    assert case.description == _DESCRIPTION


@pytest.mark.parametrize("said", ["怎么发照片", "照片怎么发啊", "照片发不上去", "有", "有的", "有照片"])
async def test_how_to_send_it_or_yes_is_told_how_and_no_description(app, said):
    """怎么发照片 and 有 at 有现场照片吗 were each 已补充到诉求说明里."""
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say(said)
    assert "补充到诉求说明" not in li.text, li.text
    assert "“+”" in li.text and "跳过" in li.buttons, li.text
    case = await _filed(app, li)
    assert case.description == _DESCRIPTION


@pytest.mark.parametrize("said", ["有的，等我找找", "让我孙子拍了发给你"])
async def test_a_photo_to_come_said_another_way_waits_for_it(app, said):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say(said)
    assert "拍好了直接发过来" in li.text, li.text
    case = await _filed(app, li)
    assert case.description == _DESCRIPTION


async def test_it_keeps_breaking_said_at_the_photo_is_more_of_the_problem(app):
    """灯还是不亮，修了好几次了 was read as a question (好几次's 几) about 便民维修: the leaflet came, the form put aside."""
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say("灯还是不亮，修了好几次了")
    assert "便民维修" not in li.text, li.text
    assert "已补充到诉求说明里" in li.text, li.text
    case = await _filed(app, li)
    assert case.description == f"{_DESCRIPTION}，灯还是不亮，修了好几次了"


async def test_it_will_not_send_asked_is_told_how(app):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say("拍了发不了怎么办")
    assert "“+”" in li.text and "补充到诉求说明" not in li.text, li.text


@pytest.mark.parametrize("said", ["你们什么时候来修", "几点能来修？", "多久能处理"])
async def test_when_it_will_be_seen_to_is_answered_before_filing(app, said):
    """你们什么时候来修 at the photo question was added to the description; 几点能来修 got 便民维修's hours."""
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say(said)
    assert "补充到诉求说明" not in li.text and "便民维修" not in li.text, li.text
    assert "前处理" in li.text and "有现场照片吗" in li.text, li.text
    case = await _filed(app, li)
    assert case.description == _DESCRIPTION
