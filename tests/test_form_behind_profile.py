"""Words that open the form waiting behind the profile questions, typed at them: not a second form."""

from __future__ import annotations

from tests.grid.util import all_cases
from tests.helpers import Chat


async def _file(wang: Chat) -> None:
    """The rest of the complaint, from where it stands: its place typed, no photo."""
    if "您要反映哪一类问题" in wang.text:
        await wang.press("cs:cat:noise")
    assert "问题在哪里" in wang.text, wang.text
    await wang.say("北苑1号楼东侧")
    if "照片" in wang.text:
        await wang.press("cs:skip")


async def test_the_category_typed_at_the_consent_keeps_the_complaint_and_its_words(app):
    """噪音 at 您同意吗 began a second complaint whose description was 噪音; the real one waited as a draft."""
    wang = Chat(app, "wang")
    await wang.say("俺家楼上天天半夜剁饺子馅，吵得睡不着")
    assert "您同意吗" in wang.text, wang.text
    await wang.say("噪音")
    assert "已经为您保存" not in wang.text, wang.text
    assert "噪音" in wang.text and "您同意吗" in wang.text, wang.text
    await wang.say("1")
    assert "怎么称呼您" in wang.text, wang.text
    await wang.say("王桂兰")
    await wang.say("13800138000")
    assert "您要反映哪一类问题" not in wang.text and "问题在哪里" in wang.text, wang.text
    await _file(wang)
    [case] = await all_cases(app)
    assert (case.category, case.description) == ("noise", "俺家楼上天天半夜剁饺子馅，吵得睡不着")
    await wang.say("继续")
    assert "没有没填完的内容" in wang.text, wang.text


async def test_a_category_named_at_the_name_question_is_the_complaints_and_its_step_is_skipped(app):
    """停车 at 怎么称呼您 (the description said, no category in it): kept, the category not asked later."""
    wang = Chat(app, "wang")
    await wang.say("门口堵得走不了人，没人管")
    await wang.say("1")
    assert "怎么称呼您" in wang.text, wang.text
    await wang.say("乱停车")
    assert "怎么称呼您" in wang.text and "停车" in wang.text and "已经为您保存" not in wang.text, wang.text
    await wang.say("王桂兰")
    await wang.say("13800138000")
    assert "您要反映哪一类问题" not in wang.text, wang.text
    await _file(wang)
    [case] = await all_cases(app)
    assert (case.category, case.description) == ("parking", "门口堵得走不了人，没人管")


async def test_the_complaint_said_again_at_the_phone_question_is_noted_not_doubled(app):
    wang = Chat(app, "wang")
    await wang.say("俺家楼上天天半夜剁饺子馅，吵得睡不着")
    await wang.say("1")
    await wang.say("王桂兰")
    assert "手机号" in wang.text, wang.text
    for again in ("我要投诉", "投诉 噪音", "楼上半夜拖椅子吵死了"):
        await wang.say(again)
        assert "手机号" in wang.text and "已经为您保存" not in wang.text, (again, wang.text)
    await wang.say("13800138000")
    await _file(wang)
    [case] = await all_cases(app)
    assert case.description.startswith("俺家楼上天天半夜剁饺子馅，吵得睡不着"), case.description
    assert case.description.count("剁饺子馅") == 1 and "拖椅子" in case.description, case.description
    assert case.category == "noise"
    await wang.say("继续")
    assert "没有没填完的内容" in wang.text, wang.text


async def test_a_category_alone_at_the_consent_of_an_empty_complaint_is_its_category_not_its_description(app):
    """反映问题, then 噪音 at 您同意吗: filed with 内容：噪音, what happened never asked."""
    wang = Chat(app, "wang")
    await wang.say("反映问题")
    await wang.say("噪音")
    assert "噪音" in wang.text and "您同意吗" in wang.text and "已经为您保存" not in wang.text, wang.text
    await wang.say("1")
    await wang.say("王桂兰")
    await wang.say("13800138000")
    assert "具体情况" in wang.text and "您要反映哪一类问题" not in wang.text, wang.text
    await wang.say("楼上天天半夜剁饺子馅")
    await _file(wang)
    [case] = await all_cases(app)
    assert (case.category, case.description) == ("noise", "楼上天天半夜剁饺子馅")
