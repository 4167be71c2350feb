"""补充给诉求 #N，还是另外想问的事？ answered by another question: that question is answered, and the first one left."""

from __future__ import annotations

from tests.grid.util import asked_for_more, infos, resident


async def test_another_question_instead_of_the_answer_is_answered_and_the_words_are_said_not_passed_on(app):
    """Kept open, the question was put aside as a half-filled 刚才的操作 to 继续, a form she never began."""
    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li, category="noise", text="楼上每天半夜装修", question="请问是几楼？")
    await li.pushes()
    await li.say("麻烦看一下下周二还有号没")
    assert f"是补充给诉求 #{number} 的，还是另外想问的事" in li.text, li.text

    await li.say("低保怎么申请")
    assert "【最低生活保障申请】" in li.text, li.text  # her new question, answered
    assert f"刚才那句“麻烦看一下下周二还有号没”没有转给诉求 #{number}" in li.text, li.text
    assert "已经为您保存" not in li.text, li.text  # no half-filled form to 继续
    await li.say("继续")
    assert "是补充给诉求" not in li.text, li.text  # the question does not come back
    assert await infos(app, number) == []
    assert await manager.pushes() == []

    await li.say("是5楼那家")  # the answer the grid waits for still reaches it
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    assert await infos(app, number) == ["是5楼那家"]
