"""Words that move through the complaint form, or ask for something else, are never filed as its answers.

A complaint was filed as 跳过，继续 (跳过 at the category, 继续 at the photo); 我要预约办居住证 at the photo
question was added to the description, and at the similar-case offer filed a duplicate.
"""

from __future__ import annotations

from tests.grid.util import all_cases, case_id, file_complaint, resident, up_to_the_photo
from tests.helpers import Chat

BOOKING_ASKED = "【居住证申领】请选日期"
PUT_ASIDE = "刚才填到一半的“反映问题”已经为您保存"


async def _described_at_home(li: Chat, text: str) -> None:
    """At the description: `text`, then home as the place and no photo."""
    await li.say(text)
    await li.press("cs:where:home")
    await li.press("cs:skip")


async def _a_similar_case_offered(app, text: str) -> tuple[Chat, int]:  # noqa: ANN001
    """Zhang's parking complaint at 北苑1号楼 filed; Li, at the same building, reports parking in `text`: the case is offered."""
    zhang = await resident(app, "zhang", name="张三", phone="13900001111")
    first = await file_complaint(zhang)  # parking, at 北苑1号楼 (home)
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:parking")
    await _described_at_home(li, text)
    return li, first


async def test_skip_at_the_category_and_continue_at_the_photo_are_not_the_description(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.say("跳过")  # was kept as the description
    assert li.text == "请用文字说说具体情况（什么问题、多久了）：", li.text
    await li.say("下一步")  # the description is still wanted
    assert "这一步还在等您回答" in li.text and "具体情况" in li.text, li.text
    await li.say("门口老有车乱停")  # the category is read from it, and said
    assert "问题类别是“停车”" in li.text and "问题在哪里" in li.text, li.text
    assert li.buttons == ["在我家（用登记的住址）", "改类别"]
    await li.say("继续")  # not a place
    assert "这一步还在等您回答" in li.text and "问题在哪里" in li.text, li.text
    await li.say("北苑1号楼门口")
    assert "有现场照片吗" in li.text
    await li.say("好了")  # said with the photo maybe on its way: asked again, not added
    assert "这一步还在等您回答" in li.text and "有现场照片吗" in li.text and "已补充" not in li.text, li.text
    await li.say("继续")  # was added to the description: it is the photo question's 跳过
    assert "您的诉求已提交" in li.text and "已补充" not in li.text, li.text
    [case] = await all_cases(app)
    assert (case.category, case.description, case.address) == ("parking", "门口老有车乱停", "北苑1号楼门口")


async def test_skip_after_the_problem_was_told_files_it_as_other_and_can_be_changed(app):
    li = await resident(app, "li")
    await li.say("反映问题 三楼那家天天往楼下扔东西")  # no category in it: asked
    assert "请选一下问题类别" in li.text, li.text
    await li.say("跳过，继续")
    assert "问题类别是“其他”" in li.text and "问题在哪里" in li.text and "改类别" in li.buttons, li.text
    await li.say("北苑2号楼")
    await li.say("改类别")
    await li.say("不知道")  # after 改类别, passing it keeps the category
    assert "有现场照片吗" in li.text, li.text
    await li.say("就这些")
    assert "您的诉求已提交" in li.text, li.text
    [case] = await all_cases(app)
    assert (case.category, case.description, case.address) == ("other", "三楼那家天天往楼下扔东西", "北苑2号楼")


async def test_a_category_pressed_after_skipping_it_is_taken(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.say("跳过")
    await li.press("cs:cat:noise")  # the button still under the question before
    assert li.text == "请用文字说说具体情况（什么问题、多久了）：", li.text
    await _described_at_home(li, "楼上天天半夜跺脚")
    [case] = await all_cases(app)
    assert (case.category, case.description) == ("noise", "楼上天天半夜跺脚")


async def test_a_booking_asked_for_at_the_photo_question_is_started_and_the_complaint_waits(app):
    li = await resident(app, "li")
    await up_to_the_photo(li)
    await li.say("我要预约办居住证")  # was 好的，“我要预约办居住证”已补充到诉求说明里
    assert BOOKING_ASKED in li.text and PUT_ASIDE in li.text and "已补充" not in li.text, li.text
    assert await all_cases(app) == []
    await li.say("不约了")
    await li.say("继续")
    assert "接着填写“反映问题”" in li.text and "有现场照片吗" in li.text, li.text
    await li.press("cs:skip")
    [case] = await all_cases(app)
    assert case.description == "北苑1号楼门口总有车乱停，堵住了消防通道", case.description


async def test_a_booking_asked_for_at_the_description_or_the_place_is_started(app):
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:parking")
    await li.say("我要预约办居住证")  # was the description
    assert BOOKING_ASKED in li.text and "问题在哪里" not in li.text, li.text
    await li.say("不约了")
    await li.say("反映问题")
    await li.press("cs:cat:parking")
    await li.say("门口老有车乱停")
    await li.say("我想预约办居住证")  # was the place
    assert BOOKING_ASKED in li.text and PUT_ASIDE in li.text and "有现场照片吗" not in li.text, li.text
    assert await all_cases(app) == []


async def test_at_the_similar_cases_only_the_offers_answers_file_or_follow(app):
    li, first = await _a_similar_case_offered(app, "北苑1号楼门口又有车乱停")
    offer = li.text
    assert "附近已经有类似的诉求" in offer and li.buttons == [f"关注 #{first}", "不是同一件事，继续提交"], offer

    await li.say("我要预约办居住证")  # was ✅ 您的诉求已提交，编号 #2: a duplicate, and no booking
    assert BOOKING_ASKED in li.text and PUT_ASIDE in li.text and "已提交" not in li.text, li.text
    assert [case.id for case in await all_cases(app)] == [first]

    await li.say("不约了")
    await li.say("继续")  # the offer again, as it was
    assert "附近已经有类似的诉求" in li.text and li.buttons[:2] == [f"关注 #{first}", "不是同一件事，继续提交"], li.text
    for words in ("好的", "跳过"):  # nothing chosen: asked again, nothing filed
        await li.say(words)
        assert "这一步还在等您回答" in li.text and "附近已经有类似的诉求" in li.text, (words, li.text)
    assert [case.id for case in await all_cases(app)] == [first]

    await li.say("不一样")  # the offer's own answer, in words
    assert "您的诉求已提交" in li.text, li.text
    second = case_id(li.text)
    assert [case.id for case in await all_cases(app)] == [first, second]


async def test_at_the_similar_cases_saying_it_is_the_same_follows_it(app):
    li, first = await _a_similar_case_offered(app, "门口的车又把消防通道堵了")
    assert f"关注 #{first}" in li.buttons, li.text
    await li.say("是同一件事")  # inside the label 不是同一件事，继续提交, after its negation: not that one
    assert f"已关注诉求 #{first}" in li.text, li.text
    assert [case.id for case in await all_cases(app)] == [first]


async def test_a_bare_number_at_the_description_is_not_what_happened(app):
    """反映问题 → 跳过 → 4 filed a case with 内容：4."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.say("跳过")
    for said in ("4", "3号", "2个"):
        await li.say(said)
        assert "这一步还在等您回答" in li.text and "是什么问题" in li.text and "问题在哪里" not in li.text, (said, li.text)
    await li.say("楼道灯不亮")
    assert "问题在哪里" in li.text, li.text
    await li.say("北苑2号楼1单元楼道")
    await li.say("跳过")
    assert "您的诉求已提交" in li.text, li.text
    [case] = await all_cases(app)
    assert case.description == "楼道灯不亮", case.description


async def test_a_booking_asked_for_in_ones_own_words_at_the_description_leaves_the_form_as_a_draft(app):
    """反映问题 → 2 (噪音) → 我想约明天上午办居住证 was taken as the noise description."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.say("2")
    assert "具体情况" in li.text, li.text
    await li.say("我想约明天上午办居住证")
    assert "3月3日（周二）上午的时段" in li.text and PUT_ASIDE in li.text and "问题在哪里" not in li.text, li.text
    assert await all_cases(app) == []
    await li.say("/cancel")  # no booking after all
    await li.say("继续")
    assert "接着填写“反映问题”" in li.text and "具体情况" in li.text, li.text
    await _described_at_home(li, "楼上天天半夜跺脚")
    [case] = await all_cases(app)
    assert (case.category, case.description) == ("noise", "楼上天天半夜跺脚")


async def test_a_service_question_said_with_a_complaint_is_answered_and_kept_out_of_it(app):
    """楼道灯坏了。另外问一下低保怎么办？ filed 低保怎么办 for the grid to read, and left it unanswered."""
    li = await resident(app, "li")
    await li.say("北苑1号楼楼道灯坏了。另外问一下低保怎么办？")
    assert "【最低生活保障申请】" in li.text and "有现场照片吗" in li.text, li.text
    assert li.replies[-1].text.startswith("收到，我帮您登记成诉求"), li.replies[-1].text  # the form's reply last
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text
    [case] = await all_cases(app)
    assert "低保" not in case.description and "楼道灯坏了" in case.description, case.description
    await li.say("楼道灯坏了好几天了")  # a complaint alone: no answer beside it
    assert "【" not in li.text, li.text


async def test_jie_zhe_tian_at_the_photo_is_never_added_to_the_description(app):
    """接着填 (the resume word, and the mid-form question's own label) was appended: 内容：…，接着填."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await li.say("垃圾桶满了好几天没人收")
    await li.press("cs:where:home")
    await li.say("接着填")
    assert "已补充到诉求说明里" not in li.text and "您的诉求已提交" in li.text, li.text  # the photo question's 跳过
    [case] = await all_cases(app)
    assert case.description == "垃圾桶满了好几天没人收", case.description


async def test_a_unit_and_a_door_typed_at_the_photo_complete_the_place_and_keep_its_grid(app):
    """北苑3号楼, then 2单元 at the photo question: 2单元 replaced the place, and the case lost its grid."""
    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:facilities")
    await li.say("楼道灯坏了好几天了，黑咕隆咚的")
    await li.say("北苑3号楼")
    assert "已确定由第一网格（文峰北苑）负责" in li.text, li.text
    await li.say("2单元")
    assert "地点记为“北苑3号楼2单元”" in li.text and "有现场照片吗" in li.text, li.text
    await li.say("302室")
    assert "地点记为“北苑3号楼2单元302室”" in li.text, li.text
    await li.say("301")  # the door corrected, typed as a bare number: not the 301st choice
    assert "地点记为“北苑3号楼2单元301”" in li.text, li.text
    await li.say("跳过")
    [case] = await all_cases(app)
    assert (case.address, case.grid_id) == ("北苑3号楼2单元301", "wenfeng-01")
