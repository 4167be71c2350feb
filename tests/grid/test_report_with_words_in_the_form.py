"""反映问题 楼道灯坏了 (the command with words) typed inside an open complaint form.

It put the open form aside (已经为您保存) and began a second complaint. Now the
words are the open form's description when it has none; when it has one, the
resident is asked: 1 接着填刚才的 / 2 反映新问题.
"""

from __future__ import annotations

from tests.grid.util import all_cases, resident


async def test_the_words_are_the_description_of_the_form_that_has_none(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.say("北苑1号楼门口")  # the place first, kept for the form
    assert "地点记下了" in li.text and "您要反映哪一类问题" in li.text, li.text
    await li.say("反映问题 楼道灯坏了")
    assert "已经为您保存" not in li.text and "哪一类问题" not in li.text, li.text
    assert "问题类别是“公共设施”" in li.text and "有现场照片吗" in li.text, li.text
    await li.press("cs:skip")
    [case] = await all_cases(app)
    assert (case.category, case.description, case.address) == ("facilities", "楼道灯坏了", "北苑1号楼门口")
    await li.say("继续")
    assert "没有没填完的内容" in li.text, li.text


async def _described(li) -> None:  # noqa: ANN001 - a Chat
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("楼道里堆满纸箱子没人管")
    await li.say("北苑1号楼门口")
    assert "有现场照片吗" in li.text, li.text
    await li.say("反映问题 门口车乱停")
    assert "已经为您保存" not in li.text and "还没提交" in li.text, li.text
    assert li.buttons[:2] == ["接着填刚才的（楼道里堆满纸箱子没人管）", "反映新问题"], li.buttons


async def test_with_a_description_it_asks_and_1_goes_on_with_it_the_words_kept_with_it(app):
    """您说的“门口车乱停”，是接着填刚才的…: 1 says the words are about it; they were dropped, now added to it."""
    li = await resident(app, "li")
    await _described(li)
    await li.say("1")
    assert "“门口车乱停”补充到这条诉求的说明里了" in li.text and "接着填" in li.text and "有现场照片吗" in li.text, li.text
    await li.press("cs:skip")
    [case] = await all_cases(app)
    assert case.description == "楼道里堆满纸箱子没人管，门口车乱停"


async def test_with_a_description_2_begins_the_new_one_and_keeps_the_first(app):
    li = await resident(app, "li")
    await _described(li)
    await li.say("2")
    assert "已经为您保存" in li.text and "问题类别是“停车”" in li.text and "问题在哪里" in li.text, li.text
    await li.press("cs:where:home")
    await li.press("cs:skip")
    await li.say("继续")  # the first, where it stood
    assert "有现场照片吗" in li.text, li.text
    await li.press("cs:skip")
    cases = await all_cases(app)
    assert [c.description for c in cases] == ["门口车乱停", "楼道里堆满纸箱子没人管"], cases
