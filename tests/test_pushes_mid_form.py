"""A push that arrives while a resident is in the middle of a form.

On WeChat and the console a push's choices are numbered lines, and the
resident answers the newest message they read; the form they were
filling in waits for its own answer. The words typed next must end up
where the resident meant them, and nowhere else without asking.
"""

from __future__ import annotations

import pytest

from bot.models import Role
from tests.grid.util import all_cases, asked_for_more, file_complaint, infos, resident
from tests.helpers import Chat, bind


async def _complaint_begun_then_pushed(li: Chat) -> list[str]:
    """Li starts a new complaint (sanitation, at its description) and then reads the push waiting for her."""
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    assert "具体情况" in li.text, li.text
    pushes = await li.pushes()
    assert pushes
    return pushes


async def _pushed_mid_form(app) -> tuple[Chat, Chat, int]:  # noqa: ANN001 - (Li, the manager, the case asked about)
    """Li, asked to complete complaint #N, has begun a new complaint and read the request over it."""
    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li)
    await _complaint_begun_then_pushed(li)
    return li, manager, number


async def test_words_after_a_push_mid_form_are_asked_about_and_can_answer_the_push(app):
    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li)
    [asked] = await _complaint_begun_then_pushed(li)  # 请居民补充 arrives while the new complaint waits for its description
    assert "几楼的灯" in asked

    await li.say("3楼和4楼之间")
    assert "您正在填写“反映问题”" in li.text and "“3楼和4楼之间”" in li.text, li.text
    assert li.buttons == ["接着填“反映问题”", "回复刚收到的消息"], li.buttons
    assert await infos(app, number) == []  # nothing done with the words before she says

    await li.say("2")
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    assert "“反映问题”已经为您保存" in li.text, li.text  # the new complaint is kept, not lost
    assert await infos(app, number) == ["3楼和4楼之间"]
    [told] = await manager.pushes()
    assert "3楼和4楼之间" in told

    await li.say("继续")
    assert "具体情况" in li.text, li.text  # the form's own question again
    await li.say("垃圾桶满了没人收")
    assert "问题在哪里" in li.text, li.text
    assert len(await all_cases(app)) == 1  # still only the first complaint: the second is being filled in


async def test_words_after_a_push_mid_form_can_go_on_with_the_form(app):
    li, manager, number = await _pushed_mid_form(app)

    await li.say("垃圾桶满了好几天没人收")
    assert "您正在填写“反映问题”" in li.text, li.text
    await li.press("mid:form")
    assert "问题在哪里" in li.text, li.text  # the form's next step
    assert await infos(app, number) == []
    assert await manager.pushes() == []
    await li.press("cs:where:home")
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text
    newest = max(await all_cases(app), key=lambda case: case.id)
    assert newest.description == "垃圾桶满了好几天没人收"


async def test_a_number_after_a_push_over_a_choice_is_asked_about(app):
    """The form's category buttons were 1–8 until the push's two buttons took the numbers."""
    li = await resident(app, "li")
    await li.say("反映问题")
    payloads = [button.payload for reply in li.replies for button in reply.flat_buttons]
    assert payloads[1].startswith("cs:cat:") and payloads[2].startswith("cs:cat:"), payloads
    second, third = payloads[1].removeprefix("cs:cat:"), payloads[2].removeprefix("cs:cat:")
    await _notice_with_choices(app)
    [notice] = await li.pushes()
    assert "党日" in notice

    await li.say("3")  # beyond the push's two choices: the form's, without asking
    assert "具体情况" in li.text, li.text
    await li.say("返回")
    assert "哪一类" in li.text, li.text
    await _notice_with_choices(app)
    await li.pushes()
    await li.say("2")  # both have a second choice
    assert li.buttons == ["接着填“反映问题”", "回复刚收到的消息"], li.text
    await li.say("1")  # the form: its second category
    assert "具体情况" in li.text, li.text
    await li.say("水管漏水")
    await li.press("cs:where:home")
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text
    [case] = await all_cases(app)
    assert case.category == second != third


async def _notice_with_choices(app) -> None:  # noqa: ANN001
    from bot.core.messages import Button, Reply, rows
    from tests.helpers import push_to

    await push_to(app, "console", "li", Reply("本月主题党日周五下午举行。", rows(Button("参加", "pd:yes:1"), Button("请假", "pd:leave:1"))))


@pytest.mark.parametrize(
    ("said", "side"), [("接着填", "form"), ("继续", "form"), ("填表的", "form"), ("回复", "push"), ("是补充给网格员的", "push")]
)
async def test_the_question_answered_in_words_people_use(app, said, side):
    """接着填 and 继续 are the form; 回复, 是补充给网格员的 the push: they were taken as commands, or as the description."""
    li, manager, number = await _pushed_mid_form(app)
    await li.say("3楼和4楼之间")
    assert "您正在填写“反映问题”" in li.text, li.text
    await li.say(said)
    if side == "form":  # at the description, the form reads a floor as the place (handlers/cases/places.py)
        assert "地点记下了：“3楼和4楼之间”" in li.text, li.text
        assert await infos(app, number) == []
    else:
        assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
        assert await infos(app, number) == ["3楼和4楼之间"]


async def test_going_on_without_answering_puts_the_words_in_the_form_then_handles_the_message(app):
    """啊？ or a question of another matter: no second question; the words kept are the form's, as before."""
    li, manager, number = await _pushed_mid_form(app)
    await li.say("垃圾桶满了好几天没人收")
    assert "您正在填写“反映问题”" in li.text, li.text
    await li.say("北苑2号楼东侧")  # they went on filling in the form
    assert "您正在填写" not in li.text and "照片" in li.text, li.text  # description, then place: now the photo
    await li.press("cs:skip")
    assert "您的诉求已提交" in li.text, li.text
    newest = max(await all_cases(app), key=lambda case: case.id)
    assert (newest.description, newest.address) == ("垃圾桶满了好几天没人收", "北苑2号楼东侧"), newest
    assert await infos(app, number) == []


async def test_a_command_at_the_question_keeps_the_words_and_the_forms_own_question(app):
    """菜单 at the question: the form, put aside, must come back with its own question, not this one."""
    li, manager, number = await _pushed_mid_form(app)
    await li.say("电梯里的灯一直闪")
    await li.say("菜单")
    assert "“反映问题”已经为您保存" in li.text, li.text
    assert "问题在哪里" not in li.text, li.text  # the form's next question is not shown above the menu's numbers
    await li.say("继续")
    assert "问题在哪里" in li.text and "您正在填写" not in li.text, li.text  # the form's question after the words
    assert li.text.count("接着填写") == 1, li.text
    await li.press("cs:where:home")
    await li.press("cs:skip")
    newest = max(await all_cases(app), key=lambda case: case.id)
    assert newest.description == "电梯里的灯一直闪"


async def test_a_second_push_while_asking_keeps_the_question_and_its_numbers(app):
    """A second push while the question stood took its numbers: 2 became the new push's second button."""
    li, manager, number = await _pushed_mid_form(app)
    await li.say("电梯里的灯一直闪")
    await _notice_with_choices(app)
    [notice] = await li.pushes()
    await li.say("1")  # the question's 1: 接着填
    assert "问题在哪里" in li.text, li.text  # the words went to the form: its next question
    await li.press("cs:where:home")
    await li.press("cs:skip")
    newest = max(await all_cases(app), key=lambda case: case.id)
    assert newest.description == "电梯里的灯一直闪"


async def test_words_answering_a_second_request_go_to_its_case(app):
    """回复刚收到的消息 means the newest push: its case gets the words, not the one asked about before."""
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    first = await file_complaint(li, category="facilities", text="楼道的灯坏了好几天了")
    second = await file_complaint(li, category="sanitation", text="垃圾站门口堆满了垃圾")
    await manager.pushes()
    await li.pushes()
    await li.say("反映问题")
    await li.press("cs:cat:parking")
    await manager.press(f"case:ask_info:{second}")
    await manager.say("垃圾具体在哪个门口？")
    await li.pushes()
    await li.say("南门")
    assert "您正在填写“反映问题”" in li.text, li.text
    await manager.press(f"case:ask_info:{first}")  # another request while she is asked
    await manager.say("是几单元的灯？")
    await li.pushes()
    await li.say("2")  # the question's 2 still: 回复刚收到的消息, now the request about the light
    assert f"已把补充信息转给办理人员（#{first}）" in li.text, li.text
    assert (await infos(app, first), await infos(app, second)) == (["南门"], [])


async def test_a_choice_only_the_push_has_and_a_command_need_no_question(app):
    li, manager, number = await _pushed_mid_form(app)
    await li.say("补充信息")  # the push's own button, typed
    assert "您正在填写" not in li.text, li.text
    assert f"#{number}" in li.text, li.text

    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await manager.press(f"case:ask_info:{number}")
    await manager.say("灯是哪个单元的？")
    await li.pushes()
    await li.say("算了")
    assert "您正在填写" not in li.text, li.text
    await li.say("垃圾站没清运")
    assert "您正在填写" not in li.text, li.text


async def test_a_push_without_choices_leaves_the_form_its_words(app):
    from bot.core.messages import Reply
    from tests.helpers import push_to

    li = await resident(app, "li")
    await li.say("反映问题")
    await li.press("cs:cat:sanitation")
    await push_to(app, "console", "li", Reply("社区通知：明天上午停水。"))
    await li.pushes()
    await li.say("垃圾桶满了好几天没人收")
    assert "您正在填写" not in li.text, li.text
    assert "问题在哪里" in li.text, li.text


async def test_after_a_choice_for_the_form_the_words_that_follow_are_still_asked_about(app):
    """Push at the category; 3 chose the category; 三单元四楼的灯, meant for the push, became the place unasked."""
    li = await resident(app, "li")
    manager, number = await asked_for_more(app, li)
    await li.say("反映问题")
    await li.pushes()  # the request arrives over the category list
    await li.say("3")  # beyond the push's one choice: the form's third category
    assert "具体情况" in li.text, li.text
    await li.say("三单元四楼的灯")
    assert "您正在填写“反映问题”" in li.text, li.text  # asked, not taken as the place
    await li.say("2")
    assert f"已把补充信息转给办理人员（#{number}）" in li.text, li.text
    assert await infos(app, number) == ["三单元四楼的灯"]


async def test_words_kept_for_a_form_whose_action_is_refused_do_not_lock_the_person_out(app):
    """A reviewer's decline reason, kept while a push was asked about, was refused (already reviewed) on
    every message after it, 取消 and 菜单 included: the kept words were replayed and refused each time."""
    from tests.grid.test_wishes import make_wish

    staff = await bind(app, "shequ", Role.staff)
    other = await bind(app, "other", Role.staff)
    grandma = await resident(app, "grandma")
    first = await make_wish(grandma, "想要一部新手机")
    await staff.press(f"wish:no:{first}")
    assert "原因" in staff.text, staff.text
    await make_wish(grandma, "想要一台收音机听戏")  # its review request reaches the staff over the open form
    assert await staff.pushes()
    await staff.say("重复申请")
    assert staff.buttons == ["接着填“不通过心愿的原因”", "回复刚收到的消息"], staff.buttons
    await other.press(f"wish:ok:{first}")  # meanwhile someone else approves the first wish

    await staff.say("1")  # the reason goes to the form: refused, the wish was reviewed
    assert "已经审核过了" in staff.text, staff.text
    await staff.say("菜单")
    assert "已经审核过了" not in staff.text and "请选择" in staff.text, staff.text


async def test_a_message_of_its_own_with_a_word_of_either_side_is_not_taken_for_the_answer(app):
    """上面漏水 held 上面 (the form's side): it was taken for 接着填, and the message itself was dropped."""
    li, manager, number = await _pushed_mid_form(app)
    await li.say("3楼和4楼之间")
    assert "您正在填写“反映问题”" in li.text, li.text
    await li.say("上面漏水")  # went on with the form: the kept words first, then this message, nothing dropped
    assert "照片" in li.text, li.text
    await li.press("cs:skip")
    newest = max(await all_cases(app), key=lambda case: case.id)
    assert (newest.description, newest.address) == ("上面漏水", "3楼和4楼之间"), newest
    assert await infos(app, number) == []
